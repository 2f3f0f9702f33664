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

    /// Creates a token for `user`, audited; with a `lastDay`, it stops working after that UK day.
    static func create(
        for user: User, name: String, lastDay: SimpleDate? = nil, actor: AuditActor, on db: any Database
    ) async throws -> String {
        let (token, digest) = generate()
        try await db.writeTransaction { db in
            let record = APIToken(userID: user.id!, name: name, tokenHash: digest)
            record.lastDayStart = lastDay.map(DecisionClock.startOfUKDay)
            try await record.create(on: db)
            try await AuditLog.record(
                on: db, actor: actor, action: "api_token.created", objectType: "api_token",
                objectID: record.id?.uuidString,
                summary: "Created API token \"\(name)\" for \(user.email)"
                    + (lastDay.map { ", working until the end of \($0.ukText)" } ?? ""))
        }
        return token
    }

    /// The refusal for a token past its last day: it worked once, so say when it stopped and what to do.
    static func expiredMessage(lastDay: SimpleDate) -> String {
        "This API token expired at the end of \(lastDay.ukText). Ask an administrator for a new one."
    }
}

extension APIToken {
    /// The last UK day the token works, or nil when it works until revoked.
    var lastDay: SimpleDate? { lastDayStart.map(DecisionClock.ukDay(of:)) }
}

/// Signs in the token's owner for one API request; a missing or bad token is a JSON 401.
struct BearerTokenMiddleware: AsyncMiddleware {
    let area: StaffArea

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        try await Self.signIn(request, area: area)
        return try await next.respond(to: request)
    }

    /// Checks the request's token and signs its owner in, or throws the JSON 401 or 403 that says why not.
    static func signIn(_ request: Request, area: StaffArea) async throws {
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
        // Revoked tokens and switched-off accounts were refused above; the last day is the status's rule.
        if let lastDay = record.lastDay,
            APITokenStatus(isRevoked: false, accountIsActive: true, lastDay: lastDay, today: request.today) == .expired
        {
            throw APIError(.unauthorized, APITokens.expiredMessage(lastDay: lastDay))
        }
        guard area.allows(record.user.role) else {
            throw APIError(.forbidden, "This token's role (\(record.user.role.title)) cannot use this endpoint.")
        }
        request.auth.login(record.user)
        if (record.lastUsedAt ?? .distantPast) < Date().addingTimeInterval(-300) {
            record.lastUsedAt = Date()
            try? await record.save(on: request.db)
        }
    }
}
