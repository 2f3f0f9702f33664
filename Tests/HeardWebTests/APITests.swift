import Foundation
import HeardStorage
import HeardWeb
import Testing
import Vapor

@Suite("JSON API")
struct APITests {
    @Test("services can be filtered by place and name", arguments: TestDatabase.all)
    func servicesFilter(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database, configure: { $0.seedDemoData = true }) { app in
            let browser = app.browser()
            let all = try await browser.get("/api/v1/services")
            #expect(all.status == .ok)
            let decoded = try JSONDecoder().decode(ServiceList.self, from: Data(all.body.utf8))
            #expect(decoded.items.count == DemoData.serviceCount)
            let calderdale = try JSONDecoder().decode(
                ServiceList.self, from: Data(try await browser.get("/api/v1/services?place=calderdale").body.utf8))
            #expect(!calderdale.items.isEmpty)
            #expect(calderdale.items.allSatisfy { $0.place.slug == "calderdale" })
            let eyes = try JSONDecoder().decode(
                ServiceList.self, from: Data(try await browser.get("/api/v1/services?q=eye").body.utf8))
            #expect(eyes.items.map(\.name) == ["Eye clinic, Harrogate District Hospital"])
        }
    }

    @Test("an unknown place is a 422 naming the field")
    func unknownPlace() async throws {
        try await TestApp.run(on: .sqlite) { app in
            let page = try await app.browser().get("/api/v1/services?place=atlantis")
            #expect(page.status == .unprocessableEntity)
            let body = try JSONDecoder().decode([String: String?].self, from: Data(page.body.utf8))
            #expect(body["field"] == "place")
            #expect(body["error"]??.contains("atlantis") == true)
        }
    }

    @Test("the OpenAPI document describes exactly the JSON routes the app serves")
    func openAPIMatchesRoutes() async throws {
        try await TestApp.run(on: .sqlite) { app in
            let page = try await app.browser().get("/api/openapi.json")
            #expect(page.status == .ok)
            let document = try JSONSerialization.jsonObject(with: Data(page.body.utf8)) as! [String: Any]
            let documented = Set((document["paths"] as! [String: Any]).keys)
            let served = Set(
                app.app.routes.all
                    .map { "/" + $0.path.map(\.description).joined(separator: "/") }
                    .filter { ($0.hasPrefix("/api/v1/") || $0 == "/health") && !$0.contains("**") }
                    .map { $0.replacingOccurrences(of: ":id", with: "{id}") })
            #expect(documented == served)
        }
    }

    @Test("every paged list documents the same page and per_page parameters")
    func pagedListsDocumentPaging() async throws {
        try await TestApp.run(on: .sqlite) { app in
            let page = try await app.browser().get("/api/openapi.json")
            let document = try #require(try JSONSerialization.jsonObject(with: Data(page.body.utf8)) as? [String: Any])
            let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            var paged: [String] = []
            for (path, methods) in paths {
                guard let get = methods["get"] as? [String: Any],
                    let ok = (get["responses"] as? [String: Any])?["200"] as? [String: Any],
                    let reference =
                        (((ok["content"] as? [String: Any])?["application/json"] as? [String: Any])?[
                            "schema"] as? [String: Any])?["$ref"] as? String,
                    let schema = schemas[String(reference.split(separator: "/").last ?? "")] as? [String: Any],
                    (schema["required"] as? [String])?.contains("per_page") == true
                else { continue }
                paged.append(path)
                let parameters = (get["parameters"] as? [[String: Any]] ?? []).compactMap { $0["$ref"] as? String }
                #expect(parameters.contains("#/components/parameters/Page"), "\(path)")
                #expect(parameters.contains("#/components/parameters/PerPage"), "\(path)")
                let named = (get["parameters"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
                #expect(!named.contains("page") && !named.contains("per_page"), "\(path): described once, shared")
            }
            #expect(paged.contains("/api/v1/stories"))
            #expect(paged.contains("/api/v1/decisions"))
        }
    }

    @Test("other websites may read the JSON API from a browser; the HTML pages stay same-origin")
    func crossOriginReads() async throws {
        try await TestApp.run(on: .sqlite) { app in
            let browser = app.browser()
            let origin = [("Origin", "https://www.example-trust.nhs.uk")]
            let places = try await browser.get("/api/v1/places", headers: origin)
            #expect(places.status == .ok)
            #expect(places.headers.first(name: .accessControlAllowOrigin) == "*")
            let preflight = try await browser.send(
                .OPTIONS, "/api/v1/feedback",
                headers: origin + [
                    ("Access-Control-Request-Method", "POST"), ("Access-Control-Request-Headers", "content-type"),
                ], body: nil, contentType: nil)
            #expect(preflight.status == .ok)
            #expect(preflight.headers.first(name: .accessControlAllowMethods)?.contains("POST") == true)
            let missing = try await browser.get("/api/v1/nothing-here", headers: origin)
            #expect(missing.status == .notFound)
            #expect(missing.headers.first(name: .accessControlAllowOrigin) == "*", "errors are readable too")
            let page = try await browser.get("/stories", headers: origin)
            #expect(page.headers.first(name: .accessControlAllowOrigin) == nil)
        }
    }

    struct ServiceList: Decodable {
        struct Item: Decodable {
            struct Place: Decodable { var slug: String }
            var name: String
            var place: Place
        }
        var items: [Item]
    }
}
