import Fluent

/// A SHA-256 of each uploaded import file, so the same file uploaded again is recognised before every row
/// is added a second time.
struct M0116_ImportFileFingerprints: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ImportBatch.schema).field("file_sha256", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ImportBatch.schema).deleteField("file_sha256").update()
    }
}
