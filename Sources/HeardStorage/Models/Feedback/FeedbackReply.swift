import Fluent
import Foundation
import HeardDomain

/// The organisation's public answer to a story, signed with the replier's role (not their name).
public final class FeedbackReply: Model, @unchecked Sendable {
    public static let schema = "feedback_replies"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "feedback_id") public var feedback: FeedbackItem
    @Field(key: "body") public var body: String
    @OptionalField(key: "author_id") public var authorID: UUID?
    @Field(key: "author_role") public var authorRole: Role
    /// Shown under the reply, e.g. "Patient experience team, Riverside Valley Hospitals".
    @Field(key: "signature") public var signature: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(feedbackID: UUID, body: String, authorID: UUID?, authorRole: Role, signature: String) {
        self.$feedback.id = feedbackID
        self.body = body
        self.authorID = authorID
        self.authorRole = authorRole
        self.signature = signature
    }
}
