import HeardDomain
import Vapor

/// Lets a request through only for a signed-in person whose role may use the area.
/// Signed-out readers are sent to sign in (and brought back); the wrong role gets a plain 403.
struct AreaGuard: AsyncMiddleware {
    let area: StaffArea

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let user = request.currentUser else {
            if request.method == .GET {
                let next = request.url.path + (request.url.query.map { "?\($0)" } ?? "")
                return request.redirect(to: SiteURL.signIn(next: next))
            }
            throw Abort(.unauthorized, reason: "Sign in to do this.")
        }
        guard area.allows(user.role) else {
            throw Abort(
                .forbidden,
                reason: "Your role (\(user.role.title)) cannot use this page. Ask an administrator if you need it.")
        }
        return try await next.respond(to: request)
    }
}

/// Lets any signed-in person through, whatever their role (their own account's pages).
struct SignedInGuard: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.currentUser != nil else {
            if request.method == .GET { return request.redirect(to: SiteURL.signIn(next: request.url.path)) }
            throw Abort(.unauthorized, reason: "Sign in to do this.")
        }
        return try await next.respond(to: request)
    }
}
