import Fluent

/// Invitations of involved people to activities, with their replies.
struct M0105_CreateInvitations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Invitation.schema)
            .id()
            .field("activity_id", .uuid, .required, .references(InvolvementActivity.schema, "id"))
            .field("user_id", .uuid, .required, .references(User.schema, "id"))
            .field("status", .string, .required)
            .field("access_needs", .string, .required)
            .field("replied_at", .datetime)
            .field("created_at", .datetime)
            .unique(on: "activity_id", "user_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Invitation.schema).delete()
    }
}
