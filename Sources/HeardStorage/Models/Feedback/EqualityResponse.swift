import Fluent
import Foundation

/// Optional equality monitoring answers, stored apart from what the person said: linked to the
/// context they answered in (a service, a consultation, an activity), never to the comment itself.
public final class EqualityResponse: Model, @unchecked Sendable {
    public static let schema = "equality_responses"

    @ID(key: .id) public var id: UUID?
    /// "service", "consultation", "activity".
    @Field(key: "context_type") public var contextType: String
    @Field(key: "context_id") public var contextID: UUID
    @OptionalField(key: "place_id") public var placeID: UUID?
    /// JSON object of question key to answer value (see `EqualityQuestion`).
    @Field(key: "answers") public var answers: String
    /// The day (midnight UTC) only: an exact time would match the answers to the feedback or response sent
    /// with them, which is just what keeping them apart is for.
    @Field(key: "submitted_at") public var submittedAt: Date

    public init() {}

    public init(contextType: String, contextID: UUID, placeID: UUID?, answers: String, submittedAt: Date = Date()) {
        self.contextType = contextType
        self.contextID = contextID
        self.placeID = placeID
        self.answers = answers
        self.submittedAt = Self.day(of: submittedAt)
    }

    /// Midnight UTC of the day `date` falls on.
    public static func day(of date: Date) -> Date {
        let seconds = date.timeIntervalSince1970
        return Date(timeIntervalSince1970: (seconds / 86_400).rounded(.down) * 86_400)
    }
}
