import NIOCore
import Vapor

/// Who may read `/metrics`. Its route counts and job figures are for whoever runs Heard, not for the public.
///
/// With `HEARD_METRICS_TOKEN` set, a scrape must send `Authorization: Bearer <token>`. Without it, only a
/// request from this machine is answered: the connection's own peer address must be loopback (127.0.0.0/8,
/// ::1), and `X-Forwarded-For` is never believed. A request that came through a proxy (it carries a
/// forwarding header) is refused too, so a proxy on the same machine does not publish `/metrics` by passing
/// the public's requests on from 127.0.0.1.
enum MetricsAccess {
    enum Decision: Equatable {
        case allowed
        /// A token is configured and the request did not send it.
        case wrongToken
        /// No token is configured and the request is not from this machine: answered as if there were no page.
        case notFound
    }

    /// Headers that only a proxy, load balancer or tunnel adds: nginx may send `X-Forwarded-Proto` or
    /// `X-Forwarded-Host` without `X-Forwarded-For`, and cloudflared sends `CF-Connecting-IP`. Every
    /// `X-Forwarded-*` header counts too (see `isForwarded`).
    static let forwardingHeaders: [HTTPHeaders.Name] = [
        .xForwardedFor, .forwarded, "X-Real-IP", .via, "CF-Connecting-IP", "CF-Connecting-IPv6", "CF-Ray",
        "True-Client-IP", "X-Client-IP", "X-Cluster-Client-IP", "Fastly-Client-IP", "X-Original-Forwarded-For",
        "Forwarded-For", "X-Original-URL", "X-Original-Host",
    ]

    /// Whether the request says it came through a proxy: any of `forwardingHeaders`, or any header named
    /// `X-Forwarded-…` (`-Proto`, `-Host`, `-Port`, `-Server`, `-Prefix`, …).
    static func isForwarded(_ headers: HTTPHeaders) -> Bool {
        if forwardingHeaders.contains(where: { headers.contains(name: $0) }) { return true }
        return headers.contains { $0.name.lowercased().hasPrefix("x-forwarded-") }
    }

    static func decide(token: String?, headers: HTTPHeaders, peer: SocketAddress?) -> Decision {
        if let token {
            guard let sent = headers.bearerAuthorization?.token, constantTimeEqual(sent, token) else {
                return .wrongToken
            }
            return .allowed
        }
        guard let peer, isLoopback(peer), !isForwarded(headers) else {
            return .notFound
        }
        return .allowed
    }

    static func isLoopback(_ address: SocketAddress) -> Bool {
        switch address {
        case .v4: return address.ipAddress?.hasPrefix("127.") == true
        case .v6:
            let text = address.ipAddress?.lowercased() ?? ""
            return text == "::1" || text.hasPrefix("::ffff:127.")
        case .unixDomainSocket: return false
        }
    }

    /// Compares every byte of the expected token whatever the first difference, so the time taken does not
    /// tell a guesser how much of the token was right (only the configured token's length decides it).
    static func constantTimeEqual(_ sent: String, _ expected: String) -> Bool {
        let x = Array(sent.utf8)
        let y = Array(expected.utf8)
        var difference: UInt8 = x.count == y.count ? 0 : 1
        for index in y.indices { difference |= (index < x.count ? x[index] : 0) ^ y[index] }
        return difference == 0
    }

    /// The answer to a scrape without the right token: 401, in plain words.
    static func unauthorized() -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .plainText
        headers.add(name: .wwwAuthenticate, value: "Bearer realm=\"metrics\"")
        headers.add(name: .cacheControl, value: "no-store")
        return Response(
            status: .unauthorized, headers: headers,
            body: .init(
                string: "Metrics need the token set in HEARD_METRICS_TOKEN, sent as Authorization: Bearer <token>.\n"))
    }
}
