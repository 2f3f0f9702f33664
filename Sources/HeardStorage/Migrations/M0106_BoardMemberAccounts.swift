import Fluent

/// A board member can be linked to their Heard account, so they see their membership and make their own
/// declarations of interest.
struct M0106_BoardMemberAccounts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(BoardMember.schema)
            .field("user_id", .uuid, .references(User.schema, "id"))
            .update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(BoardMember.schema).deleteField("user_id").update()
    }
}
