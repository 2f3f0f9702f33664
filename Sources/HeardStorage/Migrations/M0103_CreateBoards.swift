import Fluent

/// Boards and panels, their members, and the register of interests.
struct M0103_CreateBoards: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Board.schema)
            .id()
            .field("name", .string, .required)
            .field("purpose", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "name")
            .create()
        try await database.schema(BoardMember.schema)
            .id()
            .field("board_id", .uuid, .required, .references(Board.schema, "id"))
            .field("name", .string, .required)
            .field("role", .string, .required)
            .field("votes", .bool, .required)
            .field("lived_experience", .bool, .required)
            .field("appointed_on", .string, .required)
            .field("left_on", .string)
            .create()
        try await database.schema(InterestDeclaration.schema)
            .id()
            .field("member_id", .uuid, .required, .references(BoardMember.schema, "id"))
            .field("kind", .string, .required)
            .field("description", .string, .required)
            .field("declared_on", .string, .required)
            .field("ended_on", .string)
            .field("recorded_by_id", .uuid)
            .field("created_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(InterestDeclaration.schema).delete()
        try await database.schema(BoardMember.schema).delete()
        try await database.schema(Board.schema).delete()
    }
}
