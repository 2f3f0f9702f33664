import Fluent

/// A board's quorum (how many voting members must be present for a decision), and when each declared interest
/// began and when its end was recorded, so a change declared more than 28 days late shows (domain rules §5).
/// All empty for what was recorded before: no quorum set, and nothing flagged as late.
struct M0126_BoardQuorumAndInterestDates: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Board.schema).field("quorum", .int).update()
        try await database.schema(InterestDeclaration.schema).field("held_from", .string).update()
        try await database.schema(InterestDeclaration.schema).field("end_recorded_on", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(InterestDeclaration.schema).deleteField("end_recorded_on").update()
        try await database.schema(InterestDeclaration.schema).deleteField("held_from").update()
        try await database.schema(Board.schema).deleteField("quorum").update()
    }
}
