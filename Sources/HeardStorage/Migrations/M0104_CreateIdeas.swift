import Fluent

/// Ideas from involved people, with the answer they got and the initiative they became.
struct M0104_CreateIdeas: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Idea.schema)
            .id()
            .field("author_id", .uuid, .required, .references(User.schema, "id"))
            .field("title", .string, .required)
            .field("details", .string, .required)
            .field("credit_name", .string, .required)
            .field("credit_publicly", .bool, .required)
            .field("status", .string, .required)
            .field("response", .string, .required)
            .field("initiative_id", .uuid, .references(Initiative.schema, "id"))
            .field("responded_at", .datetime)
            .field("responded_by", .string)
            .field("created_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Idea.schema).delete()
    }
}
