import Fluent
import Foundation

/// A link e-mailed to a board member without a Heard account, to make one declaration of interests. Only a
/// SHA-256 hash of its token is stored; it works once, until it expires.
public final class DeclarationLink: Model, @unchecked Sendable {
    public static let schema = "declaration_links"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "member_id") public var member: BoardMember
    @Field(key: "token_hash") public var tokenHash: String
    @Field(key: "expires_at") public var expiresAt: Date
    @OptionalField(key: "used_at") public var usedAt: Date?
    @OptionalField(key: "created_by_id") public var createdByID: UUID?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(memberID: UUID, tokenHash: String, expiresAt: Date, createdByID: UUID?) {
        self.$member.id = memberID
        self.tokenHash = tokenHash
        self.expiresAt = expiresAt
        self.createdByID = createdByID
    }

    public func isUsable(at now: Date) -> Bool { usedAt == nil && now < expiresAt }
}
