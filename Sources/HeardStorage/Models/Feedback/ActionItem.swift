import Fluent
import Foundation
import HeardDomain

/// "We did": a change raised in answer to what people said, with an owner, a due date and updates.
public final class ActionItem: Model, @unchecked Sendable {
    public static let schema = "actions"

    @ID(key: .id) public var id: UUID?
    @Field(key: "title") public var title: String
    /// What people said that this answers, in plain words ("People in Calderdale say they are not kept informed").
    @Field(key: "you_said") public var youSaid: String
    @Parent(key: "organisation_id") public var organisation: Organisation
    @OptionalParent(key: "place_id") public var place: Place?
    @OptionalParent(key: "service_id") public var service: Service?
    @OptionalField(key: "theme") public var theme: String?
    @OptionalParent(key: "owner_id") public var owner: User?
    @Field(key: "due_on") public var dueOn: Date
    @Field(key: "status") public var status: ActionStatus
    /// What was done (when done) or why not (when not possible): the public "we did".
    @Field(key: "outcome") public var outcome: String
    @OptionalField(key: "closed_at") public var closedAt: Date?
    @OptionalField(key: "created_by_id") public var createdByID: UUID?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    @Children(for: \.$action) public var updates: [ActionUpdate]

    public init() {}
}

public final class ActionUpdate: Model, @unchecked Sendable {
    public static let schema = "action_updates"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "action_id") public var action: ActionItem
    @Field(key: "status") public var status: ActionStatus
    @Field(key: "note") public var note: String
    @OptionalField(key: "author_id") public var authorID: UUID?
    @Field(key: "author_label") public var authorLabel: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(actionID: UUID, status: ActionStatus, note: String, authorID: UUID?, authorLabel: String) {
        self.$action.id = actionID
        self.status = status
        self.note = note
        self.authorID = authorID
        self.authorLabel = authorLabel
    }
}

/// Which feedback an action answers.
public final class ActionFeedbackLink: Model, @unchecked Sendable {
    public static let schema = "action_feedback"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "action_id") public var action: ActionItem
    @Parent(key: "feedback_id") public var feedback: FeedbackItem

    public init() {}

    public init(actionID: UUID, feedbackID: UUID) {
        self.$action.id = actionID
        self.$feedback.id = feedbackID
    }
}
