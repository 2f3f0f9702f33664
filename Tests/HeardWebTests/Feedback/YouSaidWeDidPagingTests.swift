import Fluent
import Foundation
import HeardDomain
import HeardStorage
import SQLKit
import Testing

/// "You said, we did" lists every action, a page at a time: what was done, and what is still being worked on.
@Suite("You said, we did: every action, paged")
struct YouSaidWeDidPagingTests {
    @Test(
        "done and open actions each page through all of them, newest first; each list keeps the other's page",
        arguments: TestDatabase.all)
    func paging(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, place) = try await Fixtures.service(on: app.db)
            // 45 done (3 pages of 20) and 25 open (2 pages), updated a minute apart: "Done 1" is the newest.
            for (prefix, count, status) in [("Done", 45, ActionStatus.done), ("Open", 25, .inProgress)] {
                for number in 1...count {
                    let action = ActionItem()
                    action.title = "\(prefix) \(number) action"
                    action.youSaid = "People said so."
                    action.$organisation.id = service.$organisation.id
                    action.$place.id = place.id
                    action.dueOn = Date().addingTimeInterval(30 * 86400)
                    action.status = status
                    action.outcome = status == .done ? "Done for the test." : ""
                    action.closedAt = status == .done ? Date() : nil
                    try await action.create(on: app.db)
                    // Raw, because Fluent would stamp its own updated_at over one set in a query.
                    let updated = Date().addingTimeInterval(-Double(number) * 60)
                    try await (app.db as! any SQLDatabase).raw(
                        "UPDATE \(ident: ActionItem.schema) SET updated_at = \(bind: updated) WHERE id = \(bind: action.id!)"
                    ).run()
                }
            }
            let browser = app.browser()
            var page = try await browser.get("/you-said-we-did")
            #expect(page.status == .ok)
            #expect(page.body.contains("Done 1 action") && page.body.contains("Done 20 action"))
            #expect(!page.body.contains("Done 21 action"))
            #expect(page.body.contains("Open 20 action") && !page.body.contains("Open 21 action"))
            #expect(page.body.contains("Showing 1–20 of 45"))
            #expect(page.body.contains("aria-label=\"Pages of what we did\""))
            #expect(page.body.contains("href=\"/you-said-we-did?done=2#we-did\""))
            #expect(page.body.contains("href=\"/you-said-we-did?open=2#working-on\""))

            page = try await browser.get("/you-said-we-did?done=3&open=2")
            #expect(page.body.contains("Done 45 action") && !page.body.contains("Done 40 action"))
            #expect(page.body.contains("Showing 41–45 of 45"))
            #expect(page.body.contains("Open 25 action") && !page.body.contains("Open 20 action"))
            #expect(page.body.contains("href=\"/you-said-we-did?done=2&amp;open=2#we-did\""), "keeps the open page")

            page = try await browser.get("/you-said-we-did/places/\(place.slug)?done=99&open=x")
            #expect(page.status == .ok)
            #expect(page.body.contains("Done 45 action"), "a page past the end shows the last")
            #expect(page.body.contains("Open 1 action"), "a page that is not a number shows the first")
        }
    }

    @Test(
        "the home page shows an action taken alike in several places once, naming the places, and then other actions",
        arguments: TestDatabase.all)
    func homePageGroupsRepeatedActions(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, calderdale) = try await Fixtures.service(on: app.db)
            var places = [calderdale]
            for name in ["Kirklees", "Wakefield"] {
                let place = Place(name: name, slug: name.lowercased())
                try await place.create(on: app.db)
                places.append(place)
            }
            // A place it was not taken in: the card names the three rather than saying "all places".
            try await Place(name: "Bradford", slug: "bradford").create(on: app.db)
            func close(_ title: String, in place: Place, minutesAgo: Double) async throws {
                let action = ActionItem()
                action.title = title
                action.youSaid = "Parking costs too much."
                action.$organisation.id = service.$organisation.id
                action.$place.id = place.id
                action.dueOn = Date()
                action.status = .done
                action.outcome = "Free for outpatients."
                action.closedAt = Date().addingTimeInterval(-minutesAgo * 60)
                try await action.create(on: app.db)
            }
            try await close("Older action two", in: calderdale, minutesAgo: 50)
            try await close("Older action one", in: calderdale, minutesAgo: 40)
            for (index, place) in places.enumerated() {
                try await close("Make parking free for outpatients", in: place, minutesAgo: Double(index))
            }
            let home = try await app.browser().get("/").body
            let section = String(home[try #require(home.range(of: "id=\"latest-we-did\"")).lowerBound...])
            #expect(section.components(separatedBy: "Make parking free for outpatients").count == 2, "shown once")
            #expect(section.contains("Calderdale, Kirklees and Wakefield"))
            #expect(
                section.contains("Older action one") && section.contains("Older action two"), "three distinct cards")
        }
    }
}
