import FluentKit
import Foundation
import SQLKit

extension Database {
    /// Holds one row until the transaction ends, so that work which checks a total and then adds to it (the places
    /// left at an event) cannot interleave with another doing the same: on PostgreSQL a second transaction waits
    /// here and then sees the first's rows. On SQLite `writeTransaction` already holds the database's write lock,
    /// so there is nothing more to take. Call it inside `writeTransaction`.
    public func lockRow(in schema: String, id: UUID) async throws {
        guard let sql = self as? any SQLDatabase, sql.dialect.name != "sqlite" else { return }
        try await sql.raw("SELECT id FROM \(ident: schema) WHERE id = \(bind: id) FOR UPDATE").run()
    }
}
