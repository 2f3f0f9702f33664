import FluentKit
import Foundation
import SQLKit

/// Compare-and-set on one row, for decisions two people may take at the same moment.
///
/// `UPDATE table SET column = new WHERE id = … AND column = expected`: of two such updates at once, exactly
/// one finds the row still holding `expected`. On PostgreSQL the second waits on the first's row lock, then
/// re-checks the condition against the committed row and matches nothing; on SQLite the update takes the
/// database's write lock, so the second runs only after the first has committed. Run it inside the
/// transaction that writes everything else the decision changes, and first, before anything is read: a
/// refusal then rolls the rest back, and on SQLite no stale read can precede the write lock.
public enum ConditionalUpdate {
    /// Sets `column` to `new` on row `id` of `table` if it still holds `expected`; true when it did.
    public static func set(
        _ table: String, id: UUID, column: String, from expected: String, to new: String, on db: any Database
    ) async throws -> Bool {
        let changed = try await (db as! any SQLDatabase).update(table)
            .set(SQLIdentifier(column), to: SQLBind(new))
            .where("id", .equal, SQLBind(id))
            .where(SQLIdentifier(column), .equal, SQLBind(expected))
            .returning("id")
            .all()
        return !changed.isEmpty
    }
}
