import Foundation
import NIOCore
import Testing
import Vapor

@testable import HeardWeb

/// `/metrics` tells anyone who reads it which pages are used and how often: by default only this machine may
/// read it, and with `HEARD_METRICS_TOKEN` only a scrape that sends the token.
@Suite("Who may read /metrics")
struct MetricsAccessTests {
    static let token = "metrics-token-0123456789abcdef"

    /// A request through the whole app (middleware, routes) as if it had come over a connection from `address`:
    /// the test server itself only listens on 127.0.0.1.
    static func metrics(
        _ app: TestApp, from address: String, headers: [(String, String)] = []
    ) async throws -> Response {
        let request = Request(
            application: app.app, method: .GET, url: "/metrics", headers: HTTPHeaders(headers),
            remoteAddress: try SocketAddress(ipAddress: address, port: 40_000), on: app.app.eventLoopGroup.next())
        return try await app.app.responder.respond(to: request).get()
    }

    @Test(
        "with no token set, /metrics answers this machine and is a 404 for any other address or any proxied request",
        arguments: TestDatabase.all)
    func loopbackOnly(_ database: TestDatabase) async throws {
        // Trusting the balancer's X-Forwarded-For for rate limits must not make it believed here.
        try await TestApp.run(on: database, configure: { $0.trustsForwardedFor = true }) { app in
            _ = try await app.browser().get("/")
            let page = try await app.browser().get("/metrics")
            #expect(page.status == .ok)
            #expect(page.body.contains("# TYPE heard_http_requests_total counter"))

            for address in ["127.0.0.1", "127.0.0.2", "::1", "::ffff:127.0.0.1"] {
                let response = try await Self.metrics(app, from: address)
                #expect(response.status == .ok, "\(address)")
                #expect((response.body.string ?? "").contains("heard_http_requests_total"), "\(address)")
            }
            for address in ["203.0.113.5", "192.0.2.10", "10.0.0.1", "2001:db8::1", "::ffff:203.0.113.5"] {
                let response = try await Self.metrics(app, from: address)
                #expect(response.status == .notFound, "\(address)")
                #expect(!(response.body.string ?? "").contains("heard_http"), "\(address)")
            }
            // A visitor writing a loopback address in the forwarding headers is still a visitor.
            for header in ["X-Forwarded-For", "X-Real-IP"] {
                let response = try await Self.metrics(app, from: "203.0.113.5", headers: [(header, "127.0.0.1")])
                #expect(response.status == .notFound, "\(header)")
            }
            let forwarded = try await Self.metrics(app, from: "203.0.113.5", headers: [("Forwarded", "for=127.0.0.1")])
            #expect(forwarded.status == .notFound)
            // A proxy on this machine passing a visitor's request on comes from 127.0.0.1 but says it forwarded.
            let proxied = try await app.browser().get("/metrics", headers: [("X-Forwarded-For", "203.0.113.5")])
            #expect(proxied.status == .notFound)
            #expect(!proxied.body.contains("heard_http"))
            // nginx or cloudflared on this machine need not add X-Forwarded-For: any header that only a proxy,
            // balancer or tunnel sends marks the request as passed on, whatever its case.
            for (header, value) in [
                ("X-Forwarded-Proto", "https"), ("X-Forwarded-Host", "heard.example.org"), ("X-Forwarded-Port", "443"),
                ("x-forwarded-server", "proxy"), ("X-Forwarded-Prefix", "/"), ("Via", "1.1 nginx"),
                ("CF-Connecting-IP", "203.0.113.5"), ("CF-Ray", "8a1b2c3d4e5f6a7b-LHR"),
                ("True-Client-IP", "203.0.113.5"),
                ("X-Client-IP", "203.0.113.5"), ("X-Cluster-Client-IP", "203.0.113.5"),
                ("Fastly-Client-IP", "203.0.113.5"),
                ("X-Real-IP", "203.0.113.5"), ("FORWARDED", "for=203.0.113.5"),
            ] {
                let page = try await app.browser().get("/metrics", headers: [(header, value)])
                #expect(page.status == .notFound, "\(header)")
                #expect(!page.body.contains("heard_http"), "\(header)")
                let direct = try await Self.metrics(app, from: "127.0.0.1", headers: [(header, value)])
                #expect(direct.status == .notFound, "\(header)")
            }
            // Headers any client sends are not taken for forwarding.
            let plain = try await app.browser().get(
                "/metrics",
                headers: [("Accept", "text/plain"), ("User-Agent", "Prometheus/2.53"), ("X-Request-ID", "1")])
            #expect(plain.status == .ok)
        }
    }

    @Test(
        "with a token set, /metrics needs it as a bearer token: none or a wrong one is a 401, the right one a 200",
        arguments: TestDatabase.all)
    func tokenRequired(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database, configure: { $0.metricsToken = Self.token }) { app in
            let browser = app.browser()
            // Even from this machine: with a token set, the token decides.
            let missing = try await browser.get("/metrics")
            #expect(missing.status == .unauthorized)
            #expect(missing.headers.first(name: .contentType)?.hasPrefix("text/plain") == true)
            #expect(missing.headers.first(name: .wwwAuthenticate)?.hasPrefix("Bearer") == true)
            #expect(missing.body.contains("HEARD_METRICS_TOKEN"))
            #expect(!missing.body.contains("heard_http"))
            for wrong in [
                "Bearer wrong", "Bearer " + Self.token.dropLast(), "Bearer " + Self.token + "x",
                "Bearer " + Self.token.uppercased(), "Basic " + Self.token, Self.token,
            ] {
                let page = try await browser.get("/metrics", headers: [("Authorization", wrong)])
                #expect(page.status == .unauthorized, "\(wrong)")
                #expect(!page.body.contains("heard_http"), "\(wrong)")
            }
            let right = try await browser.get("/metrics", headers: [("Authorization", "Bearer \(Self.token)")])
            #expect(right.status == .ok)
            #expect(right.body.contains("# TYPE heard_http_requests_total counter"))
            #expect(right.body.contains("heard_jobs_count"))

            // Prometheus on another machine, with the token.
            let remote = try await Self.metrics(
                app, from: "203.0.113.5", headers: [("Authorization", "Bearer \(Self.token)")])
            #expect(remote.status == .ok)
            #expect(try await Self.metrics(app, from: "203.0.113.5").status == .unauthorized)
        }
    }

    @Test("loopback addresses are 127.0.0.0/8 and ::1 only")
    func loopback() throws {
        for address in ["127.0.0.1", "127.255.0.9", "::1", "::ffff:127.0.0.1"] {
            #expect(MetricsAccess.isLoopback(try SocketAddress(ipAddress: address, port: 1)), "\(address)")
        }
        for address in ["128.0.0.1", "10.127.0.1", "0.0.0.0", "::", "::2", "fe80::1", "::ffff:10.0.0.1"] {
            #expect(!MetricsAccess.isLoopback(try SocketAddress(ipAddress: address, port: 1)), "\(address)")
        }
    }

    @Test("the token comparison needs every character, and the length, to match")
    func comparison() {
        #expect(MetricsAccess.constantTimeEqual(Self.token, Self.token))
        #expect(!MetricsAccess.constantTimeEqual("", Self.token))
        #expect(!MetricsAccess.constantTimeEqual(String(Self.token.dropLast()), Self.token))
        #expect(!MetricsAccess.constantTimeEqual(Self.token + "0", Self.token))
        #expect(!MetricsAccess.constantTimeEqual("x" + Self.token.dropFirst(), Self.token))
    }

    @Test("HEARD_METRICS_TOKEN is read, and a short one is refused with what to use instead")
    func configuration() throws {
        var config = AppConfiguration()
        #expect(config.metricsToken == nil)
        try config.apply(environment: ["HEARD_METRICS_TOKEN": Self.token])
        #expect(config.metricsToken == Self.token)
        for bad in ["short", "has a space in it somewhere"] {
            let error = #expect(throws: ConfigurationError.self) {
                try config.apply(environment: ["HEARD_METRICS_TOKEN": bad])
            }
            #expect(error?.description.hasPrefix("HEARD_METRICS_TOKEN: use at least 16 characters") == true, "\(bad)")
        }
        #expect(config.metricsToken == Self.token)
    }
}
