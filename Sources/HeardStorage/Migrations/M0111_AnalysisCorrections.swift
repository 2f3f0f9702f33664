import Fluent

/// Staff corrections of the engine's themes and sentiment: who corrected an item and when, so corrected items
/// can be told apart (and exported to train an organisation's own model).
struct M0111_AnalysisCorrections: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite's ALTER TABLE adds one at a time.
        try await database.schema(FeedbackItem.schema).field("analysis_corrected_at", .datetime).update()
        try await database.schema(FeedbackItem.schema).field("analysis_corrected_by_id", .uuid).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(FeedbackItem.schema).deleteField("analysis_corrected_by_id").update()
        try await database.schema(FeedbackItem.schema).deleteField("analysis_corrected_at").update()
    }
}
