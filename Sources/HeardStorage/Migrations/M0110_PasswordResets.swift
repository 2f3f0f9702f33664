import Fluent
import FluentSQL

/// Password reset links, and each person's session epoch: a new password moves it on, which signs out every
/// session begun under the old one.
struct M0110_PasswordResets: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(User.schema).field("session_epoch", .int, .required, .sql(.default(0))).update()
        try await database.schema(PasswordReset.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id"))
            .field("token_hash", .string, .required)
            .field("expires_at", .datetime, .required)
            .field("used_at", .datetime)
            .field("created_by_id", .uuid)
            .field("created_at", .datetime)
            .unique(on: "token_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PasswordReset.schema).delete()
        try await database.schema(User.schema).deleteField("session_epoch").update()
    }
}
