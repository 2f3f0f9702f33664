import Fluent
import HeardStorage
import HeardWeb
import Testing
import Vapor

@Suite("Serving the site")
struct ServeTests {
    @Test("health reports the database as reachable", arguments: TestDatabase.all)
    func healthChecksTheDatabase(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let page = try await app.browser().get("/health")
            #expect(page.status == .ok)
            #expect(page.body.contains("\"database\":\"ok\""))
        }
    }

    @Test("the demo fills the home page with real counts", arguments: TestDatabase.all)
    func demoHomePageShowsCounts(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database, configure: { $0.seedDemoData = true }) { app in
            let page = try await app.browser().get("/")
            #expect(page.status == .ok)
            let services = try await Service.query(on: app.db).count()
            let organisations = try await Organisation.query(on: app.db).count()
            #expect(services >= 20)
            #expect(page.body.contains("<strong>\(services)</strong> services"))
            #expect(page.body.contains("<strong>\(organisations)</strong> organisations"))
            #expect(page.body.contains("<strong>6</strong> places"))
            for place in DemoData.places { #expect(page.body.contains(place)) }
        }
    }

    @Test("every page has a skip link, a main landmark, a language and the security headers")
    func layoutAndHeaders() async throws {
        try await TestApp.run(on: .sqlite) { app in
            let page = try await app.browser().get("/")
            #expect(page.body.hasPrefix("<!doctype html>"))
            #expect(page.body.contains("<html lang=\"en-GB\">"))
            #expect(page.body.contains("<a class=\"skip-link\" href=\"#main\">"))
            #expect(page.body.contains("<main id=\"main\""))
            let csp = page.headers.first(name: "Content-Security-Policy") ?? ""
            #expect(csp.contains("frame-ancestors 'none'"))
            #expect(!csp.contains("unsafe-inline"))
            #expect(page.headers.first(name: "X-Content-Type-Options") == "nosniff")
            #expect(page.headers.first(name: "Referrer-Policy") != nil)
            #expect(page.headers.first(name: "X-Request-Id") != nil)
            // Reading public pages sets no cookie.
            #expect(page.headers[.setCookie].isEmpty)
            // Error pages carry the same headers, and a signed-in person's 404 (with their name and menu) is not
            // stored by a shared cache.
            let staff = try await app.signedInBrowser(.administrator)
            for (browser, path) in [
                (app.browser(), "/nope"), (app.browser(), "/stories/HRD-NOPE"), (app.browser(), "/api/v1/nope"),
                (staff, "/staff/feedback/00000000-0000-0000-0000-000000000000"),
            ] {
                let missing = try await browser.get(path)
                #expect(missing.status == .notFound, "\(path)")
                #expect(missing.headers.first(name: "Content-Security-Policy") == csp, "\(path)")
                #expect(missing.headers.first(name: "X-Content-Type-Options") == "nosniff", "\(path)")
                #expect(missing.headers.first(name: "X-Frame-Options") == "DENY", "\(path)")
            }
            let staffMissing = try await staff.get("/staff/feedback/00000000-0000-0000-0000-000000000000")
            #expect(staffMissing.headers.first(name: "Cache-Control") == "no-store")
        }
    }

    @Test("the stylesheet is served by the app itself")
    func stylesheetIsServed() async throws {
        try await TestApp.run(on: .sqlite) { app in
            let page = try await app.browser().get("/css/heard.css")
            #expect(page.status == .ok)
            #expect(page.body.contains(".skip-link"))
            #expect(try await app.browser().get("/css/none.css").status == .notFound)
        }
    }

    @Test("a path longer than the file system allows is a 404, not a server error")
    func overlongPaths() async throws {
        try await TestApp.run(on: .sqlite) { app in
            let long = String(repeating: "a", count: 300)
            let page = try await app.browser().get("/" + long)
            #expect(page.status == .notFound)
            #expect(page.body.contains("Page not found"))
            let css = try await app.browser().get("/css/" + long + ".css")
            #expect(css.status == .notFound)
            let api = try await app.browser().get("/api/v1/stories/" + String(repeating: "a", count: 5000))
            #expect((400..<500).contains(api.status.code), "\(api.status)")
        }
    }

    @Test("metrics are in Prometheus text format and count requests")
    func metricsArePrometheusText() async throws {
        try await TestApp.run(on: .sqlite) { app in
            let browser = app.browser()
            _ = try await browser.get("/")
            let page = try await browser.get("/metrics")
            #expect(page.status == .ok)
            #expect(page.headers.first(name: .contentType)?.hasPrefix("text/plain") == true)
            #expect(page.body.contains("# TYPE heard_http_requests_total counter"))
            #expect(page.body.contains("heard_http_requests_total{method=\"GET\",route=\"/\",status=\"200\"} 1"))
            #expect(page.body.contains("heard_jobs_count"))
        }
    }

    @Test("unknown pages get a plain 404 page; unknown API paths a JSON error")
    func notFound() async throws {
        try await TestApp.run(on: .sqlite) { app in
            let browser = app.browser()
            let page = try await browser.get("/no-such-page")
            #expect(page.status == .notFound)
            #expect(page.body.contains("Page not found"))
            let api = try await browser.get("/api/v1/no-such-thing")
            #expect(api.status == .notFound)
            #expect(api.body.contains("\"error\":"))
            #expect(api.body.contains("\"field\":null"))

            // An address that exists, with the wrong method: 405 and the methods it takes.
            for (method, path, allowed) in [
                (HTTPMethod.PUT, "/api/v1/feedback", "POST"), (.POST, "/api/v1/stories", "GET"),
                (.DELETE, "/api/v1/feedback/\(UUID().uuidString)", "GET"),
            ] {
                let wrong = try await browser.send(
                    method, path, headers: [], body: "{}", contentType: "application/json")
                #expect(wrong.status == .methodNotAllowed, "\(method) \(path)")
                #expect(wrong.headers.first(name: .allow) == allowed, "\(method) \(path)")
                #expect(
                    wrong.body.contains(
                        "is not used at this address: use \(allowed.replacingOccurrences(of: ", ", with: " or "))."),
                    "\(wrong.body)")
            }
            #expect(
                try await browser.send(.PUT, "/api/v1/nothing", headers: [], body: nil, contentType: nil).status
                    == .notFound)
        }
    }
}
