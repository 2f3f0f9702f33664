import Fluent
import Foundation

/// A later response date agreed with the complainant before the one due passed (regulation 14(4)(b)). Each is
/// kept, so the page can say when and why the date moved, and the return can still give the original date.
public final class ComplaintExtension: Model, @unchecked Sendable {
    public static let schema = "complaint_extensions"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "complaint_id") public var complaint: Complaint
    /// `YYYY-MM-DD` dates: the day it was agreed, the due date it replaced and the new one.
    @Field(key: "agreed_on") public var agreedOn: String
    @Field(key: "from_date") public var fromDate: String
    @Field(key: "to_date") public var toDate: String
    @Field(key: "reason") public var reason: String
    @OptionalField(key: "recorded_by_id") public var recordedByID: UUID?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(
        complaintID: UUID, agreedOn: String, fromDate: String, toDate: String, reason: String, recordedByID: UUID?
    ) {
        self.$complaint.id = complaintID
        self.agreedOn = agreedOn
        self.fromDate = fromDate
        self.toDate = toDate
        self.reason = reason
        self.recordedByID = recordedByID
    }
}
