import Vapor

extension Request {
    /// The visitor's network address, for rate limits and sign-in throttling. Directly connected, the socket's
    /// address; behind a trusted load balancer (`HEARD_TRUST_PROXY`), the last address in `X-Forwarded-For`,
    /// which the balancer appended (any before it came from the visitor and could be made up).
    var clientAddress: String {
        if heardConfiguration.trustsForwardedFor,
            let forwarded = headers[.xForwardedFor].last?.split(separator: ",").last?
                .trimmingCharacters(in: .whitespaces), !forwarded.isEmpty
        {
            return forwarded
        }
        return remoteAddress?.ipAddress ?? "unknown"
    }
}
