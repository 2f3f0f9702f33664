import Fluent
import Foundation

/// A record of one sign-in attempt, kept in the database so throttling holds across app instances.
public final class SignInAttempt: Model, @unchecked Sendable {
    public static let schema = "sign_in_attempts"

    @ID(key: .id) public var id: UUID?
    @Field(key: "email") public var email: String
    @Field(key: "ip_address") public var ipAddress: String
    @Field(key: "succeeded") public var succeeded: Bool
    @Field(key: "attempted_at") public var attemptedAt: Date

    public init() {}

    public init(email: String, ipAddress: String, succeeded: Bool, attemptedAt: Date = Date()) {
        self.email = email
        self.ipAddress = ipAddress
        self.succeeded = succeeded
        self.attemptedAt = attemptedAt
    }
}
