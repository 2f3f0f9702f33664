import Fluent
import Foundation

/// One sending of a staff form that creates something, by its key: a double click, a resend after a timeout or
/// a refreshed result page sends the same key again, and finds what the first sending made instead of making
/// it twice. The key is unique in the database, so two sendings at once, to one instance or several, cannot
/// both create.
public final class FormSubmission: Model, @unchecked Sendable {
    public static let schema = "form_submissions"

    @ID(key: .id) public var id: UUID?
    @Field(key: "submission_key") public var key: String
    /// Where what was made can be seen.
    @Field(key: "result_path") public var resultPath: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(key: String, resultPath: String) {
        self.key = key
        self.resultPath = resultPath
    }
}
