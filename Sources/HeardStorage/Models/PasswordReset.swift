import Fluent
import Foundation

/// A link e-mailed to reset a password: asked for by the person ("Forgot your password?") or sent by an
/// administrator. Only a SHA-256 hash of its token is stored; it works once, until it expires.
public final class PasswordReset: Model, @unchecked Sendable {
    public static let schema = "password_resets"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "user_id") public var user: User
    @Field(key: "token_hash") public var tokenHash: String
    @Field(key: "expires_at") public var expiresAt: Date
    @OptionalField(key: "used_at") public var usedAt: Date?
    /// The administrator who sent it, or nil when the person asked for it.
    @OptionalField(key: "created_by_id") public var createdByID: UUID?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(userID: UUID, tokenHash: String, expiresAt: Date, createdByID: UUID?) {
        self.$user.id = userID
        self.tokenHash = tokenHash
        self.expiresAt = expiresAt
        self.createdByID = createdByID
    }

    public func isUsable(at now: Date) -> Bool { usedAt == nil && now < expiresAt }
}
