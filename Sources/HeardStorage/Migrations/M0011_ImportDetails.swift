import Fluent
import SQLKit

/// Imports: the uploaded file kept for the mapping step, the mapping used, how far a run got (to resume),
/// and the pre-2020 "likely to recommend" answer kept apart from the FFT answer.
struct M0011_ImportDetails: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite's ALTER TABLE adds one at a time.
        try await database.schema(ImportBatch.schema).field("mapping", .string).update()
        try await database.schema(ImportBatch.schema).field("last_line", .int).update()
        try await database.schema(ImportBatch.schema).field("rejections", .string).update()
        try await database.schema(ImportBatch.schema).field("upload", .string).update()
        try await database.schema(FeedbackItem.schema)
            .field("legacy_recommend", .string)
            .update()
    }

    func revert(on database: any Database) async throws {
        for field in ["mapping", "last_line", "rejections", "upload"] {
            try await database.schema(ImportBatch.schema).deleteField(.string(field)).update()
        }
        try await database.schema(FeedbackItem.schema).deleteField("legacy_recommend").update()
    }
}
