import Fluent
import Foundation
import HeardDomain

/// An involved person invited to an activity, their reply, and what they need to take part.
public final class Invitation: Model, @unchecked Sendable {
    public static let schema = "invitations"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "activity_id") public var activity: InvolvementActivity
    @Parent(key: "user_id") public var user: User
    @Field(key: "status") public var status: InvitationStatus
    /// What they need to take part: step-free access, an interpreter, a carer, travel costs.
    @Field(key: "access_needs") public var accessNeeds: String
    @OptionalField(key: "replied_at") public var repliedAt: Date?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(id: UUID? = nil, activityID: UUID, userID: UUID) {
        self.id = id
        self.$activity.id = activityID
        self.$user.id = userID
        self.status = .invited
        self.accessNeeds = ""
    }
}
