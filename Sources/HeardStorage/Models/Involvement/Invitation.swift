import Fluent
import Foundation
import HeardDomain

/// Someone invited to an activity, their reply, and what they need to take part. Either an involved person
/// with an account (`user`), who replies on their own page, or a guest without one (`guestName` and
/// `guestEmail`), who replies through a private link e-mailed to them: only a SHA-256 hash of its token is
/// stored, so the database alone cannot be used to reply.
public final class Invitation: Model, @unchecked Sendable {
    public static let schema = "invitations"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "activity_id") public var activity: InvolvementActivity
    @OptionalParent(key: "user_id") public var user: User?
    @OptionalField(key: "guest_name") public var guestName: String?
    /// Lower case, as `EmailAddress.normalised` gives it.
    @OptionalField(key: "guest_email") public var guestEmail: String?
    /// How the guest likes to be contacted ("phone after 5pm"), as staff were told.
    @OptionalField(key: "guest_contact") public var guestContact: String?
    @OptionalField(key: "reply_token_hash") public var replyTokenHash: String?
    @Field(key: "status") public var status: InvitationStatus
    /// What they need to take part: step-free access, an interpreter, a carer, travel costs.
    @Field(key: "access_needs") public var accessNeeds: String
    @OptionalField(key: "replied_at") public var repliedAt: Date?
    /// Whether they came, as staff recorded after the activity; nil until they do (M0157).
    @OptionalField(key: "attended") public var attended: Bool?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(id: UUID? = nil, activityID: UUID, userID: UUID) {
        self.id = id
        self.$activity.id = activityID
        self.$user.id = userID
        self.status = .invited
        self.accessNeeds = ""
    }

    /// A guest without an account; `replyTokenHash` is the hash of the token in the link they are e-mailed.
    public init(
        id: UUID? = nil, activityID: UUID, guestName: String, guestEmail: String, guestContact: String,
        replyTokenHash: String
    ) {
        self.id = id
        self.$activity.id = activityID
        self.$user.id = nil
        self.guestName = guestName
        self.guestEmail = guestEmail
        self.guestContact = guestContact
        self.replyTokenHash = replyTokenHash
        self.status = .invited
        self.accessNeeds = ""
    }

    public var isGuest: Bool { $user.id == nil }

    /// Who was invited, by name: the account's, or the guest's. Load `user` first.
    public var inviteeName: String { user?.displayName ?? guestName ?? "" }

    /// Where their e-mails go. Load `user` first.
    public var inviteeEmail: String { user?.email ?? guestEmail ?? "" }
}
