import Crypto
import Foundation
import Vapor

/// Secrets handed out once (API tokens, e-mailed declaration links): 32 random bytes, URL-safe; only their
/// SHA-256 hash is stored, so the database alone cannot be used to act with them.
enum SecretToken {
    static func make() -> String { [UInt8].random(count: 32).base64URLEncoded }

    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
