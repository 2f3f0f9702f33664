import Fluent

/// Published stories a moderator took down: when, by whom and why, shown on the staff pages.
struct M0115_FeedbackWithdrawal: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite's ALTER TABLE adds one at a time.
        try await database.schema(FeedbackItem.schema).field("withdrawn_at", .datetime).update()
        try await database.schema(FeedbackItem.schema).field("withdrawn_by_id", .uuid).update()
        try await database.schema(FeedbackItem.schema).field("withdrawal_reason", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(FeedbackItem.schema).deleteField("withdrawal_reason").update()
        try await database.schema(FeedbackItem.schema).deleteField("withdrawn_by_id").update()
        try await database.schema(FeedbackItem.schema).deleteField("withdrawn_at").update()
    }
}
