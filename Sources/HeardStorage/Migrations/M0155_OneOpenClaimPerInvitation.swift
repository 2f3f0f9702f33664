import Fluent
import Foundation
import SQLKit

/// One claim per invitation that is not rejected: the database refuses a second while one is waiting, approved
/// or paid, so forms sent at the same moment cannot make two (a rejected claim does not count, so the person
/// can claim again after one, as their page says). A partial unique index, the same on SQLite and PostgreSQL.
///
/// Claims made twice before this: the one that got furthest (paid, then approved, then waiting), the earliest
/// of those, stands; the others still waiting or approved are marked not approved, with the reason, which the
/// person sees. Two claims both paid cannot be undone here: the migration stops and names them, for finance.
struct M0155_OneOpenClaimPerInvitation: AsyncMigration {
    static let index = "expense_claims_one_open_per_invitation"
    static let duplicateReason =
        "This claim was sent more than once for the same activity: the other copy is the one that stands."

    func prepare(on database: any Database) async throws {
        try await database.writeTransaction { db in
            let sql = db as! any SQLDatabase
            try await Self.settleDuplicates(sql)
            try await sql.raw(
                "CREATE UNIQUE INDEX \(ident: Self.index) ON expense_claims (invitation_id) WHERE status <> 'rejected'"
            ).run()
        }
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).drop(index: Self.index).run()
    }

    private struct Row {
        var id: UUID
        var invitation: UUID
        var status: String
        var createdAt: Date?

        /// Paid first, then approved, then waiting; the earliest first among equals.
        static func standsBefore(_ left: Row, _ right: Row) -> Bool {
            let rank = ["paid": 0, "approved": 1, "submitted": 2]
            let (l, r) = (rank[left.status] ?? 3, rank[right.status] ?? 3)
            if l != r { return l < r }
            let (lt, rt) = (left.createdAt ?? .distantFuture, right.createdAt ?? .distantFuture)
            if lt != rt { return lt < rt }
            return left.id.uuidString < right.id.uuidString
        }
    }

    static func settleDuplicates(_ sql: any SQLDatabase) async throws {
        let rows = try await sql.raw(
            """
            SELECT id, invitation_id, status, created_at FROM expense_claims WHERE status <> 'rejected'
            AND invitation_id IN (SELECT invitation_id FROM expense_claims WHERE status <> 'rejected'
            GROUP BY invitation_id HAVING COUNT(*) > 1)
            """
        ).all().map { row in
            Row(
                id: try row.decode(column: "id", as: UUID.self),
                invitation: try row.decode(column: "invitation_id", as: UUID.self),
                status: try row.decode(column: "status", as: String.self),
                createdAt: try row.decode(column: "created_at", as: Date?.self))
        }
        let now = Date()
        for (_, claims) in Dictionary(grouping: rows, by: \.invitation) {
            let ordered = claims.sorted(by: Row.standsBefore)
            let extra = ordered.dropFirst()
            let paid = extra.filter { $0.status == "paid" }
            if !paid.isEmpty {
                throw MigrationStop(
                    "Expense claims \((ordered.prefix(1) + paid).map(\.id.uuidString).joined(separator: ", ")) were all paid for the same invitation. Finance must decide which stands (mark the others rejected) before Heard can start."
                )
            }
            for claim in extra {
                try await sql.update("expense_claims")
                    .set("status", to: "rejected")
                    .set("rejection_reason", to: duplicateReason)
                    .set("decided_at", to: now)
                    .where("id", .equal, claim.id)
                    .run()
            }
        }
    }
}

/// A migration that cannot go on without a person deciding something: says what.
struct MigrationStop: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
