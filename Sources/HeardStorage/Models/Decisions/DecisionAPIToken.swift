import Fluent
import Foundation

/// A staff API token for the decisions endpoints. Stop-gap until the shared staff API tokens (issue 4) are
/// merged: only the SHA-256 of the token is stored.
public final class DecisionAPIToken: Model, @unchecked Sendable {
    public static let schema = "decision_api_tokens"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "user_id") public var user: User
    @Field(key: "token_hash") public var tokenHash: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(userID: UUID, tokenHash: String) {
        self.$user.id = userID
        self.tokenHash = tokenHash
    }
}
