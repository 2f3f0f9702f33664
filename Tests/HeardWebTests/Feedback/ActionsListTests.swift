import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

/// The staff actions list: filtered by status, place, owner and overdue; 50 a page, filters kept from page to
/// page; the dashboard's "actions overdue" figure links to exactly those actions.
@Suite("Actions list")
struct ActionsListTests {
    @Test(
        "filters and pages the actions; the dashboard's overdue count links to the same list",
        arguments: TestDatabase.all)
    func filtersAndPages(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, calderdale) = try await Fixtures.service(on: app.db)
            let leeds = Place(name: "Leeds", slug: "leeds")
            try await leeds.create(on: app.db)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let me = try #require(try await User.query(on: app.db).filter(\.$role == .engagementOfficer).first())
            let day: TimeInterval = 86400
            // 60 actions: every third overdue-by-date, statuses in turn, every other one in Leeds, every fourth mine.
            let statuses: [ActionStatus] = [.planned, .inProgress, .done, .notPossible]
            for index in 0..<60 {
                let action = ActionItem()
                action.title = "Action \(index)"
                action.youSaid = "People said \(index)."
                action.$organisation.id = service.$organisation.id
                action.$place.id = index % 2 == 0 ? leeds.id! : calderdale.id!
                action.$owner.id = index % 4 == 0 ? me.id! : nil
                action.dueOn = Date().addingTimeInterval(
                    index % 3 == 0 ? -Double(index + 1) * day : Double(index + 1) * day)
                action.status = statuses[index % 4]
                action.outcome = action.status.isClosed ? "Closed for the test." : ""
                try await action.create(on: app.db)
            }
            func count(_ path: String) async throws -> (total: String, rows: Int, body: String) {
                let page = try await officer.get(path)
                #expect(page.status == .ok, "\(path)")
                let total =
                    page.body.components(separatedBy: "<p role=\"status\">").dropFirst().first?
                    .components(separatedBy: "<").first ?? ""
                let rows =
                    page.body.components(separatedBy: "href=\"/staff/actions/").count
                    - page.body.components(separatedBy: "href=\"/staff/actions/new").count
                return (total, rows, page.body)
            }
            var all = try await count("/staff/actions")
            #expect(all.total == "60 actions, soonest due first.")
            #expect(all.rows == 50)
            #expect(all.body.contains("href=\"/staff/actions?page=2\""))
            all = try await count("/staff/actions?page=2")
            #expect(all.rows == 10)
            #expect(try await count("/staff/actions?page=999").rows == 10, "a page past the end shows the last")

            let overdueExpected = (0..<60).filter { $0 % 3 == 0 && $0 % 4 < 2 }.count
            let overdue = try await count("/staff/actions?overdue=yes")
            #expect(overdue.total == "\(overdueExpected) actions, soonest due first.")
            let dashboard = try await officer.get("/staff")
            #expect(
                dashboard.body.contains(
                    "<a href=\"/staff/actions?overdue=yes\"><strong>\(overdueExpected)</strong> actions overdue"))

            let mineOpenInLeeds = (0..<60).filter { $0 % 2 == 0 && $0 % 4 == 0 && $0 % 4 < 2 }.count
            let filtered = try await count("/staff/actions?status=open&place=leeds&owner=me")
            #expect(filtered.total == "\(mineOpenInLeeds) actions, soonest due first.")
            #expect(filtered.body.contains("value=\"leeds\" selected"), "the filters stay set")
            let done = try await count("/staff/actions?status=done&place=calderdale")
            #expect(done.total == "No actions match.")
            // A value that names nothing matches nothing, and the page says which.
            for (path, notice) in [
                ("/staff/actions?status=finished", "There is no status \"finished\", so nothing matches"),
                ("/staff/actions?place=nowhere", "There is no place \"nowhere\", so nothing matches"),
                ("/staff/actions?owner=someone", "\"someone\" is not an owner filter"),
                ("/staff/actions?overdue=maybe", "\"maybe\" is not an overdue filter"),
            ] {
                let refused = try await count(path)
                #expect(refused.total == "No actions match.", "\(path)")
                #expect(refused.body.contains(notice), "\(path)")
            }
            let doneLeeds = try await count("/staff/actions?status=done&place=leeds")
            #expect(doneLeeds.total == "15 actions, soonest due first.")
            // Filters survive paging.
            let open = try await count("/staff/actions?status=open")
            #expect(open.total == "30 actions, soonest due first.")
            #expect(!open.body.contains("page=2"))
            let many = try await count("/staff/actions?status=done&overdue=")
            #expect(many.rows == 15)
        }
    }
}
