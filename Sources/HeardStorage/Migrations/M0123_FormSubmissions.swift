import Fluent

/// Keys of staff create forms already sent (see `FormSubmission`).
struct M0123_FormSubmissions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(FormSubmission.schema)
            .id()
            .field("submission_key", .string, .required)
            .field("result_path", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "submission_key")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(FormSubmission.schema).delete()
    }
}
