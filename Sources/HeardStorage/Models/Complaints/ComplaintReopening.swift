import Fluent
import Foundation

/// A complaint taken up again after its response or closure, with why, the new response date agreed and how
/// it had ended before: reopening clears the response or closure so the case is back in the queue, and this
/// keeps what it replaced.
public final class ComplaintReopening: Model, @unchecked Sendable {
    public static let schema = "complaint_reopenings"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "complaint_id") public var complaint: Complaint
    /// `YYYY-MM-DD`, the UK day it was reopened.
    @Field(key: "reopened_on") public var reopenedOn: String
    /// A `ReopenReason` raw value.
    @Field(key: "reason") public var reason: String
    @Field(key: "note") public var note: String
    @Field(key: "new_response_by") public var newResponseBy: String
    @OptionalField(key: "previous_responded_on") public var previousRespondedOn: String?
    @OptionalField(key: "previous_closed_on") public var previousClosedOn: String?
    /// A `ComplaintOutcome` raw value: the finding, or why it was closed.
    @OptionalField(key: "previous_outcome") public var previousOutcome: String?
    @OptionalField(key: "recorded_by_id") public var recordedByID: UUID?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(
        complaintID: UUID, reopenedOn: String, reason: String, note: String, newResponseBy: String,
        previousRespondedOn: String?, previousClosedOn: String?, previousOutcome: String?, recordedByID: UUID?
    ) {
        self.$complaint.id = complaintID
        self.reopenedOn = reopenedOn
        self.reason = reason
        self.note = note
        self.newResponseBy = newResponseBy
        self.previousRespondedOn = previousRespondedOn
        self.previousClosedOn = previousClosedOn
        self.previousOutcome = previousOutcome
        self.recordedByID = recordedByID
    }
}
