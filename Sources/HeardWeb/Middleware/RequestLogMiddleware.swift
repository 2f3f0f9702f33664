import Vapor

/// Logs each request (method and path, like Vapor's `RouteLoggingMiddleware`) without the secrets some paths
/// carry: the token of a password reset, declaration or invitation link becomes "…", so the log cannot stand in for the
/// e-mail (only hashes of those tokens are stored).
struct RequestLogMiddleware: AsyncMiddleware {
    static let pathsWithSecrets = ["/reset-password/", "/declare/", "/invitation/"]

    static func loggable(_ path: String) -> String {
        for prefix in pathsWithSecrets where path.hasPrefix(prefix) && path.count > prefix.count {
            return prefix + "…"
        }
        return path.removingPercentEncoding ?? path
    }

    /// `text` with the token of every password-reset, declaration or invitation link in it hidden: for showing an e-mail
    /// to someone other than the person it was sent to (the outbox), who could otherwise use the link.
    static func hidingSecrets(in text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let found = pathsWithSecrets.compactMap({ rest.range(of: $0) }).min(by: { $0.lowerBound < $1.lowerBound })
        {
            result += rest[..<found.upperBound]
            rest = rest[found.upperBound...]
            let token = rest.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
            if !token.isEmpty { result += "… (hidden: only the person it was sent to may use it)" }
            rest = rest.dropFirst(token.count)
        }
        return result + rest
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        request.logger.info("\(request.method) \(Self.loggable(request.url.path))")
        return try await next.respond(to: request)
    }
}
