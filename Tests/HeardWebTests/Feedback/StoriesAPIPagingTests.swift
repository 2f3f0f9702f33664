import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// `GET /api/v1/stories` pages as every other JSON list (`APIPage`): the same `page` and `per_page`, defaults,
/// limits and messages. The public `/stories` page keeps its own page size and reads a mistyped page as the first.
@Suite("Stories API paging")
struct StoriesAPIPagingTests {
    typealias JSON = [String: Any]

    static func json(_ page: TestBrowser.Page) throws -> JSON {
        try #require(try JSONSerialization.jsonObject(with: Data(page.body.utf8)) as? JSON, "\(page.body)")
    }

    static func references(_ body: JSON) throws -> [String] {
        try #require(body["items"] as? [JSON]).compactMap { $0["reference"] as? String }
    }

    /// One more story than the web page shows, a day apart, every other one about parking.
    static func stories(on app: TestApp) async throws -> [FeedbackItem] {
        let (service, place) = try await Fixtures.service(on: app.db)
        var made: [FeedbackItem] = []
        for number in 1...(StoriesQuery.pageSize + 1) {
            made.append(
                try await ScaleQueryTests.item(
                    String(format: "HRD-P%02d", number), service: service, place: place,
                    themes: number.isMultiple(of: 2) ? ["Parking"] : ["Timeliness of care"],
                    receivedDaysAgo: Double(number), on: app.db))
        }
        // Newest published first, as the list is ordered.
        return made.sorted { $0.publishedAt! > $1.publishedAt! }
    }

    @Test("per_page sets the page size; every story is read once, page by page", arguments: TestDatabase.all)
    func perPage(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let newestFirst = try await Self.stories(on: app).map(\.reference)
            let browser = app.browser()

            let first = try Self.json(try await browser.get("/api/v1/stories?per_page=2"))
            #expect(try Self.references(first) == Array(newestFirst.prefix(2)))
            #expect(first["per_page"] as? Int == 2)
            #expect(first["page"] as? Int == 1)
            #expect(first["total"] as? Int == newestFirst.count)
            let pageCount = (newestFirst.count + 1) / 2
            #expect(first["page_count"] as? Int == pageCount)

            var read: [String] = []
            for number in 1...pageCount {
                let response = try await browser.get("/api/v1/stories?per_page=2&page=\(number)")
                #expect(response.status == .ok)
                let body = try Self.json(response)
                #expect(body["page"] as? Int == number)
                #expect(body["page_count"] as? Int == pageCount)
                read += try Self.references(body)
            }
            #expect(read == newestFirst, "every story once, newest first")

            // Past the last page: an empty page that still says where the list ends, however far past.
            for query in ["per_page=2&page=\(pageCount + 1)", "per_page=500&page=1000000"] {
                let past = try await browser.get("/api/v1/stories?" + query)
                #expect(past.status == .ok, "\(query)")
                let body = try Self.json(past)
                #expect(try Self.references(body).isEmpty, "\(query)")
                #expect(body["total"] as? Int == newestFirst.count, "\(query)")
            }

            // The default size is the other lists' (`APIPage`), and a filter pages the same way.
            let all = try Self.json(try await browser.get("/api/v1/stories"))
            #expect(all["per_page"] as? Int == APIPage.defaultSize)
            #expect(try Self.references(all) == newestFirst)
            #expect(all["page_count"] as? Int == 1)
            let parking = try await FeedbackItem.query(on: app.db).filter(\.$themes == "Parking").count()
            let filtered = try Self.json(try await browser.get("/api/v1/stories?theme=Parking&per_page=3&page=2"))
            #expect(filtered["total"] as? Int == parking)
            #expect(filtered["page_count"] as? Int == (parking + 2) / 3)
            #expect(try Self.references(filtered).count == min(3, parking - 3))

            // An empty value reads as the default, as on the other lists.
            let empty = try await browser.get("/api/v1/stories?page=&per_page=")
            #expect(empty.status == .ok)
            let emptyBody = try Self.json(empty)
            #expect(emptyBody["page"] as? Int == 1)
            #expect(emptyBody["per_page"] as? Int == APIPage.defaultSize)
        }
    }

    @Test(
        "a page or size that is not a whole number in range is a 422 in the other lists' words",
        arguments: TestDatabase.all)
    func refused(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            _ = try await Self.stories(on: app)
            let browser = app.browser()
            for (query, field, value) in [
                ("page=abc", "page", "abc"), ("page=99999999999999999999", "page", "99999999999999999999"),
                ("page=9223372036854775807", "page", "9223372036854775807"), ("page=0", "page", "0"),
                ("page=-1", "page", "-1"), ("page=1000001", "page", "1000001"), ("per_page=0", "per_page", "0"),
                ("per_page=501", "per_page", "501"), ("per_page=two", "per_page", "two"),
            ] {
                let refused = try await browser.get("/api/v1/stories?" + query)
                #expect(refused.status == .unprocessableEntity, "\(query)")
                let body = try Self.json(refused)
                #expect(Set(body.keys) == ["error", "field"], "\(query): \(refused.body)")
                #expect(body["field"] as? String == field, "\(query)")
                // The same wording as another list gives for the same value.
                let other = try Self.json(try await browser.get("/api/v1/decisions?" + query))
                #expect(body["error"] as? String == other["error"] as? String, "\(query)")
                let range = field == "page" ? "1 to 1,000,000" : "1 to 500"
                #expect(
                    body["error"] as? String == "'\(field)' must be a whole number from \(range), not '\(value)'.",
                    "\(query): \(refused.body)")
            }
        }
    }

    @Test("the web page keeps its own page size and reads a mistyped page as the first", arguments: TestDatabase.all)
    func webPageUnchanged(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let newestFirst = try await Self.stories(on: app).map(\.reference)
            let browser = app.browser()
            for path in ["/stories?per_page=2", "/stories?page=abc", "/stories?page=", "/stories?per_page=0"] {
                let page = try await browser.get(path)
                #expect(page.status == .ok, "\(path)")
                let shown = newestFirst.filter { page.body.contains("Story \($0)") }
                #expect(shown == Array(newestFirst.prefix(StoriesQuery.pageSize)), "\(path)")
            }
            let second = try await browser.get("/stories?page=2&per_page=2").body
            #expect(newestFirst.filter { second.contains("Story \($0)") } == [newestFirst.last!])
        }
    }
}
