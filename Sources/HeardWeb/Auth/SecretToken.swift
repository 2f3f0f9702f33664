import Crypto
import Fluent
import Foundation
import SQLKit
import Vapor

/// Secrets handed out once (API tokens, e-mailed declaration links): 32 random bytes, URL-safe; only their
/// SHA-256 hash is stored, so the database alone cannot be used to act with them.
enum SecretToken {
    static func make() -> String { [UInt8].random(count: 32).base64URLEncoded }

    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Marks a single-use link (a row of `table` with a `used_at` column) used, if nobody has: a conditional
    /// update, so of two submissions at the same moment exactly one gets true. Call it inside the transaction
    /// that does what the link allows, so a refusal rolls that back.
    static func claim(_ table: String, id: UUID, at now: Date, on db: any Database) async throws -> Bool {
        let claimed = try await (db as! any SQLDatabase).raw(
            """
            UPDATE \(ident: table) SET used_at = \(bind: now)
            WHERE id = \(bind: id) AND used_at IS NULL RETURNING id
            """
        ).all()
        return !claimed.isEmpty
    }
}
