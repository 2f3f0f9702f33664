import Fluent

/// The response's own ID in the export it was imported from (an FFT supplier's response number), when the import
/// mapped one: imports then tell responses apart by it, not by what they say, so two people giving the same answer
/// on the same day are two responses. Items stored before have none.
struct M0160_ImportResponseID: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(FeedbackItem.schema).field("import_response_id", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(FeedbackItem.schema).deleteField("import_response_id").update()
    }
}
