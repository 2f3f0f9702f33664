import Fluent

/// Whether the meeting stayed quorate for the decision item (domain rules §5: the minutes record it). Empty for
/// decisions recorded before: a proposed one must say before it can be approved.
struct M0119_DecisionQuorum: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Decision.schema).field("quorate", .bool).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Decision.schema).deleteField("quorate").update()
    }
}
