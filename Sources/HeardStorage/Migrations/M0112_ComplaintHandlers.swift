import Fluent

/// Who is handling each complaint, so a team can share the queue and each handler can see their own cases.
struct M0112_ComplaintHandlers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Complaint.schema).field("handler_id", .uuid).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Complaint.schema).deleteField("handler_id").update()
    }
}
