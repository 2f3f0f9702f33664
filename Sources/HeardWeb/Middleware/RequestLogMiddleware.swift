import Vapor

/// Logs each request (method and path, like Vapor's `RouteLoggingMiddleware`) without the secrets some paths
/// carry: the token of a password reset or declaration link becomes "…", so the log cannot stand in for the
/// e-mail (only hashes of those tokens are stored).
struct RequestLogMiddleware: AsyncMiddleware {
    static let pathsWithSecrets = ["/reset-password/", "/declare/"]

    static func loggable(_ path: String) -> String {
        for prefix in pathsWithSecrets where path.hasPrefix(prefix) && path.count > prefix.count {
            return prefix + "…"
        }
        return path.removingPercentEncoding ?? path
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        request.logger.info("\(request.method) \(Self.loggable(request.url.path))")
        return try await next.respond(to: request)
    }
}
