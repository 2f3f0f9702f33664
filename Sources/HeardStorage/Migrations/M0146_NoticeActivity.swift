import Fluent

/// The event an e-mail to someone who signed up is about. Clearing them after the event matched the event's
/// title in the subject, so a monthly "Listening session" that had ended took the next month's e-mails with it.
struct M0146_NoticeActivity: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Notice.schema).field("activity_id", .uuid).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Notice.schema).deleteField("activity_id").update()
    }
}
