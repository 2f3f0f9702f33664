import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing
import Vapor

@testable import HeardWeb

/// One rule for bad input everywhere under /api (`APIInputRule`): 400 only for a body that cannot be read, 422 for
/// a value that is not acceptable, and every answer one the OpenAPI document lists, with the `{"error", "field"}`
/// body.
@Suite("The API's 400 and 422")
struct APIInputRuleTests {
    /// A request and what it must be answered with.
    struct Case {
        var what: String
        var body: String?
        var contentType: String? = "application/json"
        var status: HTTPResponseStatus
        var field: String?
    }

    @Test(
        "each write operation: an unreadable body is a 400, an invalid value a 422 (404 for an id in the address)",
        arguments: TestDatabase.all)
    func writeOperations(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, _) = try await Fixtures.service(on: app.db)
            let token = try await StaffTokens.create(
                email: "secretary-api@test.example", role: .boardSecretary, name: "minutes tool", on: app.db)
            let serviceID = service.id!.uuidString
            let feedback: [Case] = [
                .init(what: "not JSON", body: "text=Good", status: .badRequest, field: nil),
                .init(
                    what: "sent as a form", body: "text=Good", contentType: "application/x-www-form-urlencoded",
                    status: .badRequest, field: nil),
                .init(what: "no body", body: nil, status: .badRequest, field: nil),
                .init(what: "a list, not an object", body: "[]", status: .badRequest, field: nil),
                .init(
                    what: "text as a number", body: #"{"text": 42, "service_id": "\#(serviceID)"}"#,
                    status: .badRequest, field: "text"),
                .init(
                    what: "consent as text", body: #"{"text": "Good", "consent_to_publish": "yes"}"#,
                    status: .badRequest, field: "consent_to_publish"),
                .init(
                    what: "text missing", body: #"{"service_id": "\#(serviceID)"}"#, status: .unprocessableEntity,
                    field: "text"),
                .init(
                    what: "unknown service", body: #"{"text": "Good", "service_id": "\#(UUID().uuidString)"}"#,
                    status: .unprocessableEntity, field: "service_id"),
                .init(
                    what: "service id that is no id", body: #"{"text": "Good", "service_id": "ward-7"}"#,
                    status: .unprocessableEntity, field: "service_id"),
                .init(
                    what: "rating out of range",
                    body: #"{"text": "Good", "service_id": "\#(serviceID)", "fft_rating": 9}"#,
                    status: .unprocessableEntity, field: "fft_rating"),
            ]
            // Approving takes no body: its one value is the decision in the address.
            let approve: [Case] = [
                .init(what: "no such decision", body: "{}", status: .notFound, field: "id"),
                .init(
                    what: "an id that is no id, and a body it does not read", body: "nonsense", status: .notFound,
                    field: "id"),
            ]
            let document = try await Self.document(app)
            #expect(
                Set(Self.operations(document).filter { $0.method != "get" }.map { "\($0.method) \($0.path)" })
                    == ["post /api/v1/feedback", "post /api/v1/decisions/{id}/approve"],
                "every write operation is walked here")
            let browser = app.browser()
            for item in feedback {
                let page = try await browser.send(
                    .POST, "/api/v1/feedback", headers: [], body: item.body, contentType: item.contentType)
                try Self.check(page, item, documented: document, path: "/api/v1/feedback", method: "post")
            }
            for (index, item) in approve.enumerated() {
                let id = index == 0 ? UUID().uuidString : "not-an-id"
                let page = try await browser.send(
                    .POST, "/api/v1/decisions/\(id)/approve", headers: [("Authorization", "Bearer " + token)],
                    body: item.body, contentType: item.contentType)
                try Self.check(
                    page, item, documented: document, path: "/api/v1/decisions/{id}/approve", method: "post")
            }
            #expect(try await FeedbackItem.query(on: app.db).count() == 0, "nothing stored from a refusal")
        }
    }

    @Test(
        "a value in the address that is not acceptable is a 422 on every list, never a 400", arguments: TestDatabase.all
    )
    func queryValues(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            _ = try await Fixtures.service(on: app.db)
            let token = try await StaffTokens.create(
                email: "handler-api@test.example", role: .complaintsHandler, name: "case system", on: app.db)
            let cases: [(path: String, query: String, field: String?)] = [
                ("/api/v1/services", "place=atlantis", "place"),
                ("/api/v1/stories", "page=two", "page"),
                ("/api/v1/stories", "page=99999999999999999999", "page"),
                ("/api/v1/stories", "per_page=501", "per_page"),
                ("/api/v1/stories", "sentiment=angry", "sentiment"),
                ("/api/v1/loop-closure", "service=\(UUID().uuidString)", "service"),
                ("/api/v1/fft-results", "month=2026-13", "month"),
                ("/api/v1/fft-results", "month=2999-01", "month"),
                ("/api/v1/fft-results", "place=atlantis", "place"),
                ("/api/v1/actions", "status=pending", "status"),
                ("/api/v1/consultations", "per_page=0", "per_page"),
                ("/api/v1/decisions", "page=-1", "page"),
                ("/api/v1/complaints", "from=2026-03-31&to=2026-01-01", "from"),
                // Broken percent-encoding, as the fuzzer sends: still a bad value in the address, not a 400.
                ("/api/v1/services", "%C2%A6%5B%F2%A2%BF=1", nil),
                ("/api/v1/stories", "page=%ZZ", "page"),
            ]
            let document = try await Self.document(app)
            let browser = app.browser()
            for (path, query, field) in cases {
                let page = try await browser.get(
                    path + "?" + query,
                    headers: path.hasSuffix("complaints") ? [("Authorization", "Bearer " + token)] : [])
                try Self.check(
                    page, .init(what: query, status: .unprocessableEntity, field: field), documented: document,
                    path: path, method: "get")
            }
        }
    }

    @Test("the document lists 400 only where a body is read, and 422 wherever input is checked")
    func documentFollowsTheRule() async throws {
        try await TestApp.run(on: .sqlite) { app in
            let document = try await Self.document(app)
            let info = try #require((document["info"] as? [String: Any])?["description"] as? String)
            #expect(info.contains("400 only when the request body cannot be read"))
            for operation in Self.operations(document) {
                let takesBody = operation.operation["requestBody"] != nil
                let responses = Set(operation.responses)
                #expect(responses.contains("400") == takesBody, "\(operation.method) \(operation.path)")
                #expect(!responses.contains("415"), "\(operation.method) \(operation.path): not JSON is a 400")
                let parameters = (operation.operation["parameters"] as? [[String: Any]] ?? []).compactMap {
                    $0["in"] as? String ?? (($0["$ref"] as? String).map { _ in "query" })
                }
                if parameters.contains("query") || takesBody {
                    #expect(responses.contains("422"), "\(operation.method) \(operation.path)")
                }
            }
        }
    }

    // MARK: Helpers

    static func check(
        _ page: TestBrowser.Page, _ item: Case, documented document: [String: Any], path: String, method: String
    ) throws {
        #expect(page.status == item.status, "\(method) \(path): \(item.what): \(page.body)")
        let responses = operation(document, path: path, method: method)?.responses ?? []
        #expect(responses.contains(String(page.status.code)), "\(method) \(path) documents \(page.status.code)")
        let body = try #require(
            try JSONSerialization.jsonObject(with: Data(page.body.utf8)) as? [String: Any], "\(item.what)")
        #expect(Set(body.keys) == ["error", "field"], "\(item.what): \(page.body)")
        let error = try #require(body["error"] as? String)
        #expect(error.count > 15, "\(item.what): says what to fix: \(error)")
        #expect(!error.contains("Unprocessable") && !error.contains("Bad Request"), "\(item.what): \(error)")
        #expect(body["field"] as? String == item.field, "\(item.what): \(page.body)")
    }

    static func document(_ app: TestApp) async throws -> [String: Any] {
        let page = try await app.browser().get("/api/openapi.json")
        return try #require(try JSONSerialization.jsonObject(with: Data(page.body.utf8)) as? [String: Any])
    }

    struct Operation {
        var path: String
        var method: String
        var operation: [String: Any]
        var responses: [String] { Array((operation["responses"] as? [String: Any] ?? [:]).keys) }
    }

    static func operations(_ document: [String: Any]) -> [Operation] {
        let paths = document["paths"] as? [String: [String: Any]] ?? [:]
        return paths.flatMap { path, methods in
            methods.compactMap { method, value in
                guard ["get", "post", "put", "patch", "delete"].contains(method),
                    let operation = value as? [String: Any]
                else { return nil }
                return Operation(path: path, method: method, operation: operation)
            }
        }.filter { $0.path.hasPrefix("/api/") }
    }

    static func operation(_ document: [String: Any], path: String, method: String) -> Operation? {
        operations(document).first { $0.path == path && $0.method == method }
    }
}
