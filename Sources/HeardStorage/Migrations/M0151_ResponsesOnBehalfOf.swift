import Fluent

/// Whether a consultation response was sent as an individual or on behalf of an organisation or group, and
/// which: organisations' responses are reported apart, and named. Responses stored before were individuals'.
struct M0151_ResponsesOnBehalfOf: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SurveyResponse.schema)
            .field("responding_as", .string, .required, .sql(.default("individual")))
            .update()
        // Separate steps: SQLite alters one column at a time.
        try await database.schema(SurveyResponse.schema).field("on_behalf_of", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SurveyResponse.schema).deleteField("on_behalf_of").update()
        try await database.schema(SurveyResponse.schema).deleteField("responding_as").update()
    }
}
