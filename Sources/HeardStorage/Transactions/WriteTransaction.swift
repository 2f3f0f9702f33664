import FluentKit
import SQLKit

extension Database {
    /// A transaction for work that reads and then writes: every transaction in Heard is one.
    ///
    /// SQLite begins a transaction deferred, taking the write lock only at its first write. One that read first
    /// holds a snapshot, and if another connection commits before it writes (a public submission, a background
    /// job), it can no longer write: SQLite answers "database is locked" at once, without waiting, and the
    /// request would fail. So on SQLite the first statement is a write that changes nothing, which waits for the
    /// lock like any write; everything the closure then reads is current. PostgreSQL's row locks need nothing.
    ///
    /// On a database set up with `SerialWritesConfiguration` (SQLite in the app), the transaction first waits
    /// for its turn, holding no connection, so the lock is free by the time it begins.
    public func writeTransaction<T: Sendable>(
        _ closure: @escaping @Sendable (any Database) async throws -> T
    ) async throws -> T {
        if !inTransaction, let turns = (context.configuration as? SerialWritesConfiguration)?.turns {
            return try await turns.inTurn { try await self.lockingTransaction(closure) }
        }
        return try await lockingTransaction(closure)
    }

    private func lockingTransaction<T: Sendable>(
        _ closure: @escaping @Sendable (any Database) async throws -> T
    ) async throws -> T {
        try await transaction { db in
            if let sql = db as? any SQLDatabase, sql.dialect.name == "sqlite" {
                // Fluent's own table, there before any migration runs.
                try await sql.raw("DELETE FROM _fluent_migrations WHERE 0").run()
            }
            return try await closure(db)
        }
    }
}
