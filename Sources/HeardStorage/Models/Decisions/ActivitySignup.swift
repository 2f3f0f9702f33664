import Fluent
import Foundation

/// Someone from the public who told us they are coming to an event, for themselves and up to nine others.
/// Their name and contact details are only for telling them of changes: `anonymise()` clears them after the
/// event, keeping how many people came with the sign-up so the counts stay right.
public final class ActivitySignup: Model, @unchecked Sendable {
    public static let schema = "activity_signups"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "activity_id") public var activity: InvolvementActivity
    @Field(key: "name") public var name: String
    @OptionalField(key: "email") public var email: String?
    @OptionalField(key: "phone") public var phone: String?
    /// How many people this sign-up is for, the person signing up included.
    @Field(key: "people") public var people: Int
    /// What they need to take part (a BSL interpreter, step-free access), in their words; empty for nothing.
    @Field(key: "access_needs") public var accessNeeds: String
    /// For rate limiting only, as on feedback: a salted hash of the address, cleared within a day.
    @OptionalField(key: "submitter_hash") public var submitterHash: String?
    @OptionalField(key: "anonymised_at") public var anonymisedAt: Date?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {
        name = ""
        people = 1
        accessNeeds = ""
    }

    public init(
        id: UUID? = nil, activityID: UUID, name: String, email: String?, phone: String?, people: Int,
        accessNeeds: String, submitterHash: String? = nil
    ) {
        self.id = id
        self.$activity.id = activityID
        self.name = name
        self.email = email
        self.phone = phone
        self.people = people
        self.accessNeeds = accessNeeds
        self.submitterHash = submitterHash
    }

    public var isAnonymised: Bool { anonymisedAt != nil }

    /// Clears everything that says who they are or what they need; the number of people stays.
    public func anonymise(at now: Date = Date()) {
        name = ""
        email = nil
        phone = nil
        accessNeeds = ""
        submitterHash = nil
        anonymisedAt = now
    }
}
