import Crypto
import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Vapor

/// Staff API tokens: `Authorization: Bearer heard_…`. Only a SHA-256 hash is stored.
enum APITokens {
    static let prefix = "heard_"

    /// A new token and the hash to store. The token is shown once.
    static func generate() -> (token: String, hash: String) {
        let token = prefix + SecretToken.make()
        return (token, hash(token))
    }

    static func hash(_ token: String) -> String { SecretToken.hash(token) }

    /// Creates a token for `user`, audited.
    static func create(for user: User, name: String, actor: AuditActor, on db: any Database) async throws -> String {
        let (token, digest) = generate()
        try await db.writeTransaction { db in
            let record = APIToken(userID: user.id!, name: name, tokenHash: digest)
            try await record.create(on: db)
            try await AuditLog.record(
                on: db, actor: actor, action: "api_token.created", objectType: "api_token",
                objectID: record.id?.uuidString,
                summary: "Created API token \"\(name)\" for \(user.email)")
        }
        return token
    }
}

/// Signs in the token's owner for one API request; a missing or bad token is a JSON 401.
struct BearerTokenMiddleware: AsyncMiddleware {
    let area: StaffArea

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let bearer = request.headers.bearerAuthorization?.token, bearer.hasPrefix(APITokens.prefix) else {
            throw APIError(.unauthorized, "Send a staff API token as 'Authorization: Bearer heard_…'.")
        }
        guard
            let record = try await APIToken.query(on: request.db).filter(\.$tokenHash == APITokens.hash(bearer))
                .filter(\.$revokedAt == nil).with(\.$user).first(),
            record.user.isActive
        else {
            throw APIError(.unauthorized, "This API token is not valid or has been revoked.")
        }
        guard area.allows(record.user.role) else {
            throw APIError(.forbidden, "This token's role (\(record.user.role.title)) cannot use this endpoint.")
        }
        request.auth.login(record.user)
        if (record.lastUsedAt ?? .distantPast) < Date().addingTimeInterval(-300) {
            record.lastUsedAt = Date()
            try? await record.save(on: request.db)
        }
        return try await next.respond(to: request)
    }
}
