import Foundation
import Vapor

extension Request {
    /// The form token every state-changing form carries. With a session (everyone signed in) it lives in
    /// the session; a visitor without one gets it in a cookie of its own, so reading a public page that
    /// has a form never writes a session row to the database.
    var csrfToken: String {
        if hasSession {
            if let token = session.data[SessionKey.csrf] { return token }
            let token = [UInt8].random(count: 32).base64URLEncoded
            session.data[SessionKey.csrf] = token
            return token
        }
        // A page built for the public cache is served to every signed-out visitor, so it must carry the
        // placeholder even when the visitor building it already has a token of their own: else the next
        // visitors get that visitor's token, and their forms come back "expired".
        if isRenderingForPublicCache { return PublicPageCache.formTokenPlaceholder }
        if let token = storage[NewFormTokenKey.self] ?? formCookieToken { return token }
        let token = [UInt8].random(count: 32).base64URLEncoded
        storage[NewFormTokenKey.self] = token
        return token
    }

    /// The token a form sent from this browser must match: the session's when it has one, else the cookie's.
    fileprivate var expectedCSRFToken: String? {
        if hasSession, let token = session.data[SessionKey.csrf] { return token }
        return formCookieToken
    }

    private var formCookieToken: String? {
        guard let value = cookies[CSRFMiddleware.cookieName]?.string, value.utf8.count == 43 else { return nil }
        return value
    }

    fileprivate struct NewFormTokenKey: StorageKey { typealias Value = String }
}

extension Array where Element == UInt8 {
    static func random(count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    var base64URLEncoded: String {
        Data(self).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}

/// Refuses any state-changing browser request whose form token does not match the session's.
struct CSRFMiddleware: AsyncMiddleware {
    static let fieldName = "_csrf"
    static let cookieName = "heard_form"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard [.POST, .PUT, .PATCH, .DELETE].contains(request.method) else {
            let response = try await next.respond(to: request)
            Self.addNewFormCookie(to: response, for: request)
            return response
        }
        if request.body.data == nil {
            // Large bodies arrive as a stream and are collected by the route, after middleware: collect
            // here so the token can be read. Uploads may be larger than ordinary forms.
            let isUpload = request.headers.contentType?.type == "multipart"
            let limit = isUpload ? ImportController.maximumUpload : request.application.routes.defaultMaxBodySize.value
            _ = try await request.body.collect(max: limit).get()
        }
        let sent = try? request.content.get(String.self, at: Self.fieldName)
        let expected = request.expectedCSRFToken
        guard let sent, let expected, constantTimeEqual(sent, expected) else {
            request.logger.notice(
                "Refused a form without a valid CSRF token",
                metadata: ["path": .string(RequestLogMiddleware.loggable(request.url.path))])
            // A browser's form: refused, but with the person's words shown back so nothing typed is lost.
            if let type = request.headers.contentType, type == .urlEncodedForm || type.type == "multipart",
                !request.url.path.hasPrefix("/api/")
            {
                if let refilled = try await Self.refilledPublicForm(request) {
                    // The form's new token goes in the cookie, so sending it again works.
                    Self.addNewFormCookie(to: refilled, for: request)
                    return refilled
                }
                return ExpiredFormPage.response(for: request)
            }
            throw Abort(
                .forbidden,
                reason: "This form has expired or was not sent from Heard. Go back, reload the page and try again.")
        }
        let response = try await next.respond(to: request)
        Self.addNewFormCookie(to: response, for: request)
        return response
    }

    /// The public forms a signed-out person fills in at length (feedback, a consultation response) come back
    /// filled in after their token expired, rather than as words to copy.
    static func refilledPublicForm(_ request: Request) async throws -> Response? {
        let path = request.url.path
        if path == SiteURL.shareNew { return try await ShareController.expiredForm(request) }
        if path.hasPrefix("/consultations/"), path.hasSuffix("/respond") {
            return try await PublicDecisionsController.expiredForm(request)
        }
        return nil
    }

    /// Sends the cookie for a token made while rendering this response (visitors without a session).
    static func addNewFormCookie(to response: Response, for request: Request) {
        guard let token = request.storage[Request.NewFormTokenKey.self],
            response.cookies[cookieName]?.string != token
        else { return }
        response.cookies[cookieName] = HTTPCookies.Value(
            // Kept for a week, not just while the browser is open: a phone that closes the browser halfway
            // through a long story would otherwise come back to an expired form.
            string: token, maxAge: 7 * 24 * 60 * 60, path: "/", isSecure: request.heardConfiguration.usesSecureCookies,
            isHTTPOnly: true, sameSite: .lax)
    }

    private func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}
