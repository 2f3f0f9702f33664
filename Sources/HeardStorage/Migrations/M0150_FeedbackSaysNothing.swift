import Fluent

/// Whether a piece of feedback says nothing: no words, or only words that say nothing ("N/A", "No comment"; the
/// text engine decides, when it is stored). Kept as a column so the feedback list can tell "with a comment" from
/// "an FFT answer only" in SQL. Items stored before start as false; re-analysing them sets it.
struct M0150_FeedbackSaysNothing: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(FeedbackItem.schema)
            .field("says_nothing", .bool, .required, .sql(.default(false))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(FeedbackItem.schema).deleteField("says_nothing").update()
    }
}
