import Foundation
import HeardDomain
import HeardStorage
import Vapor

extension User: Authenticatable {}

extension Request {
    /// The signed-in person, if any.
    var currentUser: User? { auth.get(User.self) }
}

/// Keys of what Heard keeps in a session.
enum SessionKey {
    static let userID = "uid"
    static let lastSeen = "seen"
    /// The account's session epoch when this session signed in: a password changed since ends it.
    static let epoch = "epoch"
    static let csrf = "csrf"
}

/// Restores the signed-in person from the database-backed session, so any instance can serve them.
struct SessionUserMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.hasSession, let idText = request.session.data[SessionKey.userID],
            let id = UUID(uuidString: idText)
        else {
            return try await next.respond(to: request)
        }
        let now = Date().timeIntervalSince1970
        let lastSeen = request.session.data[SessionKey.lastSeen].flatMap(Double.init) ?? 0
        if now - lastSeen > request.heardConfiguration.sessionIdleTimeout {
            request.session.data[SessionKey.userID] = nil
            return try await next.respond(to: request)
        }
        let epoch = request.session.data[SessionKey.epoch].flatMap(Int.init) ?? 0
        if let user = try await User.find(id, on: request.db), user.isActive, user.sessionEpoch == epoch {
            request.auth.login(user)
            // Refreshing at most once a minute keeps session writes rare.
            if now - lastSeen > 60 { request.session.data[SessionKey.lastSeen] = String(Int(now)) }
        } else {
            request.session.data[SessionKey.userID] = nil
        }
        return try await next.respond(to: request)
    }
}

extension Request {
    /// True when the browser sent a session cookie; avoids creating sessions for anonymous readers.
    var hasSession: Bool { cookies["heard_session"] != nil }
}
