import Fluent
import Foundation

/// A complaint taken up again after its response or closure, with why, the new response date agreed and how
/// it had ended before: reopening clears the response or closure so the case is back in the queue, and this
/// keeps what it replaced, whole: the response's text and finding, the date it was judged against, or the
/// closure and its reason (M0158). The first response therefore stands as sent, in the figures and the CSV.
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
    /// The response it replaced, as sent (regulation 14); empty for a closure, or a reopening before M0158.
    @Field(key: "previous_how_considered") public var previousHowConsidered: String
    @Field(key: "previous_conclusions") public var previousConclusions: String
    @Field(key: "previous_remedial_action") public var previousRemedialAction: String
    @OptionalField(key: "previous_closed_reason") public var previousClosedReason: String?
    /// The date the replaced response was judged against (six months or agreed), and the date the latest delay
    /// letter had given, as they stood then; nil before M0158.
    @OptionalField(key: "previous_response_due") public var previousResponseDue: String?
    @OptionalField(key: "previous_response_expected_by") public var previousResponseExpectedBy: String?
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
        self.previousHowConsidered = ""
        self.previousConclusions = ""
        self.previousRemedialAction = ""
        self.recordedByID = recordedByID
    }

    /// Keeps everything of how `complaint` ended (its response or closure) before reopening clears it.
    public convenience init(
        replacing complaint: Complaint, reopenedOn: String, reason: String, note: String, newResponseBy: String,
        recordedByID: UUID?
    ) {
        self.init(
            complaintID: complaint.id!, reopenedOn: reopenedOn, reason: reason, note: note,
            newResponseBy: newResponseBy, previousRespondedOn: complaint.respondedOn,
            previousClosedOn: complaint.respondedOn == nil ? complaint.closedOn : nil,
            previousOutcome: complaint.outcome?.rawValue, recordedByID: recordedByID)
        if complaint.respondedOn != nil {
            previousHowConsidered = complaint.howConsidered
            previousConclusions = complaint.conclusions
            previousRemedialAction = complaint.remedialAction
        } else {
            previousClosedReason = complaint.closedReason
        }
        let clock = complaint.clock
        previousResponseDue = clock.originalResponseDue.iso
        previousResponseExpectedBy = clock.responseExpectedBy?.iso
    }

    /// Whether what it replaced was a written response (rather than a closure).
    public var replacedResponse: Bool { previousRespondedOn != nil }
}
