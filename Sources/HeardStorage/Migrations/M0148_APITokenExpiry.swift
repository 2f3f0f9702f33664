import Fluent

/// The last day an API token works, when it was given one: a token for a supplier's one-off upload or a
/// short project need not work for ever after everyone has forgotten it.
struct M0148_APITokenExpiry: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(APIToken.schema).field("last_day", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(APIToken.schema).deleteField("last_day").update()
    }
}
