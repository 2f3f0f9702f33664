import Fluent
import Foundation

/// A staff API token. Only a SHA-256 hash is stored; the token itself is shown once when created.
public final class APIToken: Model, @unchecked Sendable {
    public static let schema = "api_tokens"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "user_id") public var user: User
    @Field(key: "name") public var name: String
    @Field(key: "token_hash") public var tokenHash: String
    @OptionalField(key: "last_used_at") public var lastUsedAt: Date?
    @OptionalField(key: "revoked_at") public var revokedAt: Date?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(userID: UUID, name: String, tokenHash: String) {
        self.$user.id = userID
        self.name = name
        self.tokenHash = tokenHash
    }
}

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
