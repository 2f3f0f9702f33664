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

    /// Sets `column` to `new` on row `id` of `table` if every column in `expected` still holds its value (nil:
    /// still empty); true when it did. For a step recorded once, like a complaint's acknowledgement, whose
    /// column is empty until then.
    public static func set(
        _ table: String, id: UUID, column: String, to new: String, where expected: [String: String?],
        on db: any Database
    ) async throws -> Bool {
        var update = (db as! any SQLDatabase).update(table)
            .set(SQLIdentifier(column), to: SQLBind(new))
            .where("id", .equal, SQLBind(id))
        for (name, value) in expected.sorted(by: { $0.key < $1.key }) {
            if let value {
                update = update.where(SQLIdentifier(name), .equal, SQLBind(value))
            } else {
                update = update.where(SQLIdentifier(name), .is, SQLLiteral.null)
            }
        }
        return !(try await update.returning("id").all()).isEmpty
    }
}
