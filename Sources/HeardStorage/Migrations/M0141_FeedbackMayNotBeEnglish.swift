import Fluent

/// Whether the text engine thought a piece of feedback may not be in English (`LanguageCheck`): such an item
/// is moderated soon after urgent ones, and its themes and sentiment are left for a person to give. Items
/// analysed before were never checked, so they start as false; re-analysing them with the model page's
/// "Analyse again" checks them.
struct M0141_FeedbackMayNotBeEnglish: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(FeedbackItem.schema)
            .field("may_not_be_english", .bool, .required, .sql(.default(false))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(FeedbackItem.schema).deleteField("may_not_be_english").update()
    }
}
