import Fluent
import Foundation
import SQLKit

/// One CSV import: what was in it, what came in, what was refused.
public final class ImportBatch: Model, @unchecked Sendable {
    public static let schema = "import_batches"

    @ID(key: .id) public var id: UUID?
    @Field(key: "file_name") public var fileName: String
    @Field(key: "status") public var status: String
    @Field(key: "rows_read") public var rowsRead: Int
    @Field(key: "rows_imported") public var rowsImported: Int
    @Field(key: "rows_rejected") public var rowsRejected: Int
    @Field(key: "rows_analysed") public var rowsAnalysed: Int
    @OptionalField(key: "created_by_id") public var createdByID: UUID?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @OptionalField(key: "finished_at") public var finishedAt: Date?
    /// JSON of field → column name.
    @OptionalField(key: "mapping") public var mapping: String?
    /// The last CSV line committed, so an interrupted import resumes after it.
    @OptionalField(key: "last_line") public var lastLine: Int?
    /// The first refused rows, one "line N, field: message" per line.
    @OptionalField(key: "rejections") public var rejections: String?
    /// An uploaded file waiting for its column mapping (web uploads only; cleared after the run).
    @OptionalField(key: "upload") public var upload: String?
    /// SHA-256 of the uploaded file (web uploads), to recognise the same file uploaded again.
    @OptionalField(key: "file_sha256") public var fileFingerprint: String?

    public init() {}

    public init(fileName: String, createdByID: UUID?) {
        self.fileName = fileName
        self.status = "importing"
        self.rowsRead = 0
        self.rowsImported = 0
        self.rowsRejected = 0
        self.rowsAnalysed = 0
        self.createdByID = createdByID
    }
}

extension ImportBatch {
    /// Marks an uploaded (or failed) batch as importing, in one statement, and says whether this caller got
    /// it: of two "Import" clicks at once, exactly one runs, so a file is never loaded twice.
    public static func claimForImport(_ id: UUID, on database: any Database) async throws -> Bool {
        let sql = database as! any SQLDatabase
        let row = try await sql.raw(
            """
            UPDATE import_batches SET status = 'importing'
            WHERE id = \(bind: id) AND status IN ('uploaded', 'failed')
            RETURNING id
            """
        ).first()
        return row != nil
    }
}
