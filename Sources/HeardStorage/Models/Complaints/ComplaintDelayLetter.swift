import Fluent
import Foundation

/// One letter telling a complainant why the response is late (regulation 14), with the new date it gave. A
/// complaint may need several as each new date passes; each is kept, none overwrites another.
public final class ComplaintDelayLetter: Model, @unchecked Sendable {
    public static let schema = "complaint_delay_letters"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "complaint_id") public var complaint: Complaint
    /// `YYYY-MM-DD`, the UK day the letter was sent.
    @Field(key: "sent_on") public var sentOn: String
    @Field(key: "reason") public var reason: String
    /// The date the letter said the response is now expected by; nil for letters recorded before it was asked.
    @OptionalField(key: "response_expected_by") public var responseExpectedBy: String?
    @OptionalField(key: "recorded_by_id") public var recordedByID: UUID?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(
        complaintID: UUID, sentOn: String, reason: String, responseExpectedBy: String?, recordedByID: UUID?
    ) {
        self.$complaint.id = complaintID
        self.sentOn = sentOn
        self.reason = reason
        self.responseExpectedBy = responseExpectedBy
        self.recordedByID = recordedByID
    }
}
