import Fluent
import Foundation

/// An e-mail waiting to go, or gone: the outbox. Written in the same transaction as the change it
/// reports, delivered by a background job, so a notice is never lost and never sent twice on retry.
public final class Notice: Model, @unchecked Sendable {
    public static let schema = "notices"

    public enum Status: String, Codable, Sendable { case queued, sending, sent, failed }

    @ID(key: .id) public var id: UUID?
    @Field(key: "to_address") public var toAddress: String
    @Field(key: "subject") public var subject: String
    @Field(key: "body") public var body: String
    /// Why it was sent: "we_did", "not_possible", "urgent_alert", "reply".
    @Field(key: "kind") public var kind: String
    @OptionalField(key: "feedback_id") public var feedbackID: UUID?
    @OptionalField(key: "action_id") public var actionID: UUID?
    /// The event an e-mail to someone who signed up is about (kind "event_signup"), cleared with the event's
    /// sign-ups. Empty on those written before it was kept: they are matched by the event's title.
    @OptionalField(key: "activity_id") public var activityID: UUID?
    /// The consultation an outcome e-mail (kind "consultation_outcome") is about. Empty on those written before
    /// it was kept.
    @OptionalField(key: "consultation_id") public var consultationID: UUID?
    @Field(key: "status") public var status: Status
    @Field(key: "attempts") public var attempts: Int
    @OptionalField(key: "last_error") public var lastError: String?
    @OptionalField(key: "sent_at") public var sentAt: Date?
    /// After a failed try, not tried again before this (empty: as soon as it is queued).
    @OptionalField(key: "next_attempt_at") public var nextAttemptAt: Date?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(to: String, subject: String, body: String, kind: String, feedbackID: UUID? = nil, actionID: UUID? = nil)
    {
        self.toAddress = to
        self.subject = subject
        self.body = body
        self.kind = kind
        self.feedbackID = feedbackID
        self.actionID = actionID
        self.status = .queued
        self.attempts = 0
    }
}

/// Feedback that suggests risk, waiting for a person to look at it.
public final class UrgentAlert: Model, @unchecked Sendable {
    public static let schema = "urgent_alerts"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "feedback_id") public var feedback: FeedbackItem
    @Field(key: "reasons") public var reasons: String
    @OptionalField(key: "acknowledged_by_id") public var acknowledgedByID: UUID?
    @OptionalField(key: "acknowledged_at") public var acknowledgedAt: Date?
    @OptionalField(key: "acknowledgement_note") public var acknowledgementNote: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(feedbackID: UUID, reasons: String) {
        self.$feedback.id = feedbackID
        self.reasons = reasons
    }
}
