import Fluent

/// Board members without an account get their declaration form by e-mail: their address, and the links.
struct M0109_DeclarationLinks: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(BoardMember.schema).field("email", .string).update()
        try await database.schema(DeclarationLink.schema)
            .id()
            .field("member_id", .uuid, .required, .references(BoardMember.schema, "id"))
            .field("token_hash", .string, .required)
            .field("expires_at", .datetime, .required)
            .field("used_at", .datetime)
            .field("created_by_id", .uuid)
            .field("created_at", .datetime)
            .unique(on: "token_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(DeclarationLink.schema).delete()
        try await database.schema(BoardMember.schema).deleteField("email").update()
    }
}
