import Vapor

/// Headers that stop the pages being framed, sniffed or made to run injected script.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    static let contentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        + "frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'"

    /// Pages that name someone or carry a secret: never kept by a browser or a proxy. The declaration,
    /// invitation and password links carry a token, and their pages name the member, guest or account; a
    /// feedback check shows what happened to one person's feedback, found by their reference.
    static let privatePrefixes = [
        "/staff", "/sign-in", "/me", "/account", "/declare", "/invitation", "/reset-password", "/feedback/check",
    ]

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        let headers = [
            ("Content-Security-Policy", Self.contentSecurityPolicy),
            ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", "strict-origin-when-cross-origin"),
            ("X-Frame-Options", "DENY"),
            ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
        ]
        for (name, value) in headers { response.headers.replaceOrAdd(name: name, value: value) }
        if Self.isPrivate(request) {
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        }
        return response
    }

    /// A staff page, or any request that carries credentials: the staff API answers a bearer token with
    /// personal data (feedback with contact details, complaints), which no cache may keep.
    static func isPrivate(_ request: Request) -> Bool {
        let path = request.url.path
        return privatePrefixes.contains(where: { path == $0 || path.hasPrefix($0 + "/") })
            || request.headers.contains(name: .authorization)
    }
}
