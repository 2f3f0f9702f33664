import Foundation
import Testing
import Vapor

@testable import HeardWeb

/// A request that says it will send more than the limit is refused from its declared length, before the route
/// reads (or waits for) the body; the route's own limit still holds for bodies sent without a length. Run against
/// the application's own middleware with the application's limits (a raw-socket version of this test was at the
/// mercy of scheduling when the whole suite runs in parallel).
@Suite("Request bodies: an oversized declared length is refused at once")
struct BodySizeLimitTests {
    /// Records whether the request got past the middleware.
    final class Next: AsyncResponder, @unchecked Sendable {
        var reached = false
        func respond(to request: Request) async throws -> Response {
            reached = true
            return Response(status: .ok)
        }
    }

    static func send(_ app: Application, contentLength: String, contentType: String) async throws -> (Int?, Bool) {
        var headers = HTTPHeaders()
        headers.add(name: .contentLength, value: contentLength)
        headers.add(name: .contentType, value: contentType)
        let request = Request(
            application: app, method: .POST, url: URI(path: "/api/v1/feedback"), headers: headers,
            on: app.eventLoopGroup.next())
        let next = Next()
        do {
            _ = try await BodySizeLimitMiddleware().respond(to: request, chainingTo: next)
            return (nil, next.reached)
        } catch let error as AbortError {
            return (Int(error.status.code), next.reached)
        }
    }

    @Test("over 2 MB declared: 413 before the route; uploads may declare up to 20 MB; ordinary sizes pass")
    func declaredLengths() async throws {
        try await TestApp.run(on: .sqlite) { app in
            let json = "application/json"
            let upload = "multipart/form-data; boundary=x"
            #expect(try await Self.send(app.app, contentLength: "10000000000", contentType: json) == (413, false))
            #expect(try await Self.send(app.app, contentLength: "2097153", contentType: json) == (413, false))
            #expect(try await Self.send(app.app, contentLength: "2097152", contentType: json) == (nil, true))
            #expect(try await Self.send(app.app, contentLength: "5000000", contentType: upload) == (nil, true))
            #expect(try await Self.send(app.app, contentLength: "30000000", contentType: upload) == (413, false))
            // Through the whole application, a refused request gets the error page's plain message.
            let page = try await app.browser().send(
                .POST, "/api/v1/feedback", headers: [],
                bodyBytes: ByteBuffer(string: String(repeating: "x", count: 2_200_000)), contentType: json)
            #expect(page.status == .payloadTooLarge)
            #expect(page.body.contains("Send less than 2 MB"))
        }
    }

    @Test(
        "a signed-in person refused before their session is read (413, no such page) still sees the staff header",
        arguments: TestDatabase.all)
    func errorPagesKnowWhoIsSignedIn(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let tooLarge = try await officer.send(
                .POST, "/staff/feedback/new", headers: [],
                bodyBytes: ByteBuffer(string: String(repeating: "x", count: 2_200_000)),
                contentType: "application/x-www-form-urlencoded")
            #expect(tooLarge.status == .payloadTooLarge)
            #expect(tooLarge.body.contains("Send less than 2 MB"))
            #expect(tooLarge.body.contains("Sign out") && !tooLarge.body.contains(">Sign in<"), "\(tooLarge.body)")
            let missing = try await officer.get("/no-such-page")
            #expect(missing.status == .notFound)
            #expect(missing.body.contains("Sign out") && !missing.body.contains(">Sign in<"))
            // Someone not signed in sees the public header, as before.
            let anonymous = try await app.browser().get("/no-such-page")
            #expect(anonymous.status == .notFound && anonymous.body.contains(">Sign in<"))
        }
    }
}
