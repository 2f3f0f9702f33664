import Fluent

/// The consultation an outcome e-mail is about, so the address a response gave "only to send you the outcome"
/// is cleared from the response once that e-mail has gone.
struct M0156_NoticeConsultation: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Notice.schema).field("consultation_id", .uuid).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Notice.schema).deleteField("consultation_id").update()
    }
}
