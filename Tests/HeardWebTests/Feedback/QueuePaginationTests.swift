import Fluent
import Foundation
import HeardDomain
import HeardStorage
import HeardWeb
import Testing

@Suite("Staff queues page through everything waiting")
struct QueuePaginationTests {
    /// A second place with its own service, so the filters have something to leave out.
    static func otherService(on db: any Database) async throws -> (Service, Place) {
        let organisation = try #require(try await Organisation.query(on: db).first())
        let place = Place(name: "Kirklees", slug: "kirklees")
        try await place.create(on: db)
        let service = Service(
            name: "Maternity unit", summary: "", organisationID: organisation.id!, placeID: place.id!)
        try await service.create(on: db)
        return (service, place)
    }

    @Test(
        "the moderation queue pages 50 at a time, oldest first, filtered by place and service across pages",
        arguments: TestDatabase.all)
    func moderationQueue(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, place) = try await Fixtures.service(on: app.db)
            let (maternity, kirklees) = try await Self.otherService(on: app.db)
            try await app.db.transaction { db in
                // HRD-Q000 waited longest; the three in Kirklees arrived last.
                for index in 0..<105 {
                    _ = try await ScaleQueryTests.item(
                        "HRD-Q\(String(format: "%03d", index))", service: service, place: place, themes: [],
                        status: .awaitingModeration, receivedDaysAgo: Double(300 - index), on: db)
                }
                for index in 0..<3 {
                    _ = try await ScaleQueryTests.item(
                        "HRD-K\(index)", service: maternity, place: kirklees, themes: [], status: .awaitingModeration,
                        receivedDaysAgo: Double(3 - index), on: db)
                }
                _ = try await ScaleQueryTests.item(
                    "HRD-DONE", service: service, place: place, themes: [], receivedDaysAgo: 400, on: db)
            }
            let moderator = try await app.signedInBrowser(.moderator)

            let first = try await moderator.get("/staff/moderation").body
            #expect(first.contains("108 waiting"))
            #expect(first.contains("Showing 1–50 of 108"))
            #expect(first.contains(">HRD-Q000<") && first.contains(">HRD-Q049<") && !first.contains(">HRD-Q050<"))
            #expect(!first.contains(">HRD-DONE<"))

            let second = try await moderator.get("/staff/moderation?page=2").body
            #expect(second.contains("Showing 51–100 of 108"))
            #expect(second.contains(">HRD-Q050<") && second.contains(">HRD-Q099<") && !second.contains(">HRD-Q000<"))

            let last = try await moderator.get("/staff/moderation?page=3").body
            #expect(last.contains("Showing 101–108 of 108"))
            #expect(last.contains(">HRD-Q104<") && last.contains(">HRD-K2<"))

            // The place filter, kept in the page links.
            let calderdale = try await moderator.get("/staff/moderation?place=calderdale&page=3").body
            #expect(calderdale.contains("Showing 101–105 of 105"))
            #expect(!calderdale.contains(">HRD-K0<"))
            #expect(calderdale.contains("href=\"/staff/moderation?place=calderdale&amp;page=2\""))
            #expect(calderdale.contains("<option value=\"calderdale\" selected"))

            let byService = try await moderator.get("/staff/moderation?service=\(maternity.id!.uuidString)").body
            #expect(byService.contains("Showing 1–3 of 3"))
            #expect(byService.contains(">HRD-K0<") && !byService.contains(">HRD-Q000<"))
            #expect(byService.contains("<option value=\"\(maternity.id!.uuidString)\" selected"))

            let none = try await moderator.get("/staff/moderation?place=kirklees&service=\(service.id!.uuidString)")
            #expect(none.status == .ok)
            #expect(none.body.contains("Nothing is waiting here."))
            #expect(none.body.contains("is in Calderdale, not the place chosen, so nothing matches"))

            // A value that names nothing matches nothing, and says so, rather than showing the whole queue.
            for (path, notice) in [
                ("/staff/moderation?place=nowhere", "There is no place \"nowhere\", so nothing matches"),
                ("/staff/moderation?service=not-an-id", "There is no service \"not-an-id\", so nothing matches"),
                (
                    "/staff/moderation?service=\(UUID().uuidString)",
                    "There is no service \"",
                ),
            ] {
                let page = try await moderator.get(path)
                #expect(page.status == .ok, "\(path)")
                #expect(page.body.contains("class=\"notice\""), "\(path)")
                #expect(page.body.contains(notice), "\(path)")
                #expect(page.body.contains("Nothing is waiting here."), "\(path)")
                #expect(!page.body.contains(">HRD-Q000<"), "\(path)")
            }
            #expect(!calderdale.contains("class=\"notice\""))

            // A page that is not a number, or past the end, still shows a page.
            #expect(try await moderator.get("/staff/moderation?page=abc").body.contains("Showing 1–50 of 108"))
            #expect(try await moderator.get("/staff/moderation?page=99").body.contains("Showing 101–108 of 108"))
        }
    }

    @Test("the replies queue pages past its first 50 and filters by place", arguments: TestDatabase.all)
    func repliesQueue(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, place) = try await Fixtures.service(on: app.db)
            let (maternity, kirklees) = try await Self.otherService(on: app.db)
            try await app.db.transaction { db in
                for index in 0..<110 {
                    _ = try await ScaleQueryTests.item(
                        "HRD-R\(String(format: "%03d", index))", service: service, place: place, themes: [],
                        receivedDaysAgo: Double(300 - index), on: db)
                }
                _ = try await ScaleQueryTests.item(
                    "HRD-RK", service: maternity, place: kirklees, themes: [], receivedDaysAgo: 1, on: db)
                _ = try await ScaleQueryTests.item(
                    "HRD-REPLIED", service: service, place: place, themes: [], receivedDaysAgo: 500,
                    repliedAfterDays: 1, on: db)
            }
            let handler = try await app.signedInBrowser(.complaintsHandler)
            let third = try await handler.get("/staff/replies?page=3").body
            #expect(third.contains("111 published stories need a reply"))
            #expect(third.contains("Showing 101–111 of 111"))
            #expect(third.contains(">HRD-R109<") && third.contains(">HRD-RK<") && !third.contains(">HRD-R000<"))
            #expect(!third.contains(">HRD-REPLIED<"))
            let filtered = try await handler.get("/staff/replies?place=calderdale&page=3").body
            #expect(filtered.contains("Showing 101–110 of 110"))
            #expect(filtered.contains("href=\"/staff/replies?place=calderdale&amp;page=2\""))
            #expect(!filtered.contains(">HRD-RK<"))
            let nowhere = try await handler.get("/staff/replies?place=nowhere").body
            #expect(nowhere.contains("There is no place \"nowhere\", so nothing matches"))
            #expect(!nowhere.contains(">HRD-R000<") && !nowhere.contains(">HRD-RK<"))
        }
    }

    @Test("earlier imports page past the newest 50", arguments: TestDatabase.all)
    func earlierImports(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            try await app.db.transaction { db in
                for index in 0..<55 {
                    let batch = ImportBatch(fileName: "import-\(String(format: "%02d", index)).csv", createdByID: nil)
                    batch.status = "finished"
                    try await batch.create(on: db)
                    // Distinct times, so newest first is a fixed order.
                    batch.createdAt = Date().addingTimeInterval(Double(index - 100) * 60)
                    try await batch.save(on: db)
                }
            }
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let first = try await officer.get("/staff/imports").body
            #expect(first.contains("Showing 1–50 of 55"))
            #expect(first.contains(">import-54.csv<") && !first.contains(">import-04.csv<"))
            #expect(first.contains("href=\"/staff/imports?page=2#earlier-imports\""))
            let second = try await officer.get("/staff/imports?page=2").body
            #expect(second.contains("Showing 51–55 of 55"))
            #expect(second.contains(">import-00.csv<") && second.contains(">import-04.csv<"))
            #expect(!second.contains(">import-54.csv<"))
        }
    }
}
