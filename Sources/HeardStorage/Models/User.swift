import Fluent
import Foundation
import HeardDomain

/// A person who signs in: staff or an involved person.
public final class User: Model, @unchecked Sendable {
    public static let schema = "users"

    @ID(key: .id) public var id: UUID?
    @Field(key: "email") public var email: String
    @Field(key: "display_name") public var displayName: String
    @Field(key: "role") public var role: Role
    @Field(key: "password_hash") public var passwordHash: String
    @Field(key: "is_active") public var isActive: Bool
    @OptionalParent(key: "organisation_id") public var organisation: Organisation?
    @OptionalField(key: "last_sign_in_at") public var lastSignInAt: Date?
    /// Moves on when the password changes: a session begun under an earlier epoch is signed out.
    @Field(key: "session_epoch") public var sessionEpoch: Int
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}

    public init(
        id: UUID? = nil, email: String, displayName: String, role: Role, passwordHash: String,
        organisationID: UUID? = nil, isActive: Bool = true
    ) {
        self.id = id
        self.email = EmailAddress.normalised(email)
        self.displayName = displayName
        self.role = role
        self.passwordHash = passwordHash
        self.$organisation.id = organisationID
        self.isActive = isActive
        self.sessionEpoch = 0
    }
}
