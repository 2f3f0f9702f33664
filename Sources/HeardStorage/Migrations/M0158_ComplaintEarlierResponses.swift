import Fluent

/// Reopening a complaint used to keep only the date and finding of the response (or closure) it replaced: the
/// regulation 14 response's text, the closure's reason and the date the response was judged against were lost.
/// Each reopening now keeps them, so the first response stands as sent. Reopenings recorded before this keep
/// only what they had (the text is empty and the date judged against falls back to the six months).
struct M0158_ComplaintEarlierResponses: AsyncMigration {
    static let textColumns = ["previous_how_considered", "previous_conclusions", "previous_remedial_action"]
    static let optionalColumns = ["previous_closed_reason", "previous_response_due", "previous_response_expected_by"]

    func prepare(on database: any Database) async throws {
        // One column per ALTER: SQLite adds columns one at a time.
        for column in Self.textColumns {
            try await database.schema(ComplaintReopening.schema)
                .field(FieldKey(stringLiteral: column), .string, .required, .sql(.default(""))).update()
        }
        for column in Self.optionalColumns {
            try await database.schema(ComplaintReopening.schema).field(FieldKey(stringLiteral: column), .string)
                .update()
        }
    }

    func revert(on database: any Database) async throws {
        for column in Self.textColumns + Self.optionalColumns {
            try await database.schema(ComplaintReopening.schema).deleteField(FieldKey(stringLiteral: column)).update()
        }
    }
}
