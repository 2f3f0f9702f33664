import Fluent
import SQLKit

/// The key of the form a piece of feedback was sent from. It is unique, so a double tap or a resend after a
/// slow connection stores the feedback once, even when the two requests reach different app instances at
/// the same moment. Imported and API feedback has none (NULLs never clash).
struct M0114_FeedbackSubmissionKeys: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(FeedbackItem.schema).field("submission_key", .string).update()
        // SQLite cannot add a constraint to an existing table, but both databases accept a unique index.
        try await (database as! any SQLDatabase).create(index: "feedback_items_submission_key")
            .unique().on(FeedbackItem.schema).column("submission_key").run()
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).drop(index: "feedback_items_submission_key").run()
        try await database.schema(FeedbackItem.schema).deleteField("submission_key").update()
    }
}
