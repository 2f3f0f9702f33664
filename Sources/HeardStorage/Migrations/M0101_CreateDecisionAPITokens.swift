import Fluent

/// Stop-gap staff API tokens for the decisions endpoints (replaced by issue 4's shared tokens after merging).
struct M0101_CreateDecisionAPITokens: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(DecisionAPIToken.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id"))
            .field("token_hash", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "token_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(DecisionAPIToken.schema).delete()
    }
}
