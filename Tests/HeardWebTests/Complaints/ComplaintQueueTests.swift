import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// The complaints queue across pages: ordered by the next step's due date before paging, an "overdue" filter
/// that the dashboard's count links to, and links that keep the period and "Only mine".
@Suite("Complaints queue order and filters")
struct ComplaintQueueTests {
    @Test("an overdue complaint received recently is first on page 1, not on page 2", arguments: TestDatabase.all)
    func orderAcrossPages(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(iso: "2027-06-01")!)
            let (service, place) = try await Fixtures.service(on: app.db)
            // 55 received long ago, acknowledged, response agreed for the end of July: none overdue.
            for index in 0..<55 {
                _ = try await ComplaintFixtures.complaint(
                    String(format: "HRD-EARLY%03d", index), receivedOn: "2027-01-10", acknowledgedOn: "2027-01-11",
                    agreedResponseBy: "2027-07-30", service: service, place: place, on: app.db)
            }
            // Received after them all, and its acknowledgement (due 25 May) is overdue.
            let late = try await ComplaintFixtures.complaint(
                "HRD-OVERDUE1", receivedOn: "2027-05-20", service: service, place: place, on: app.db)
            // Due soonest of those not overdue: agreed for 2 June.
            _ = try await ComplaintFixtures.complaint(
                "HRD-SOON0001", receivedOn: "2027-02-01", acknowledgedOn: "2027-02-02",
                agreedResponseBy: "2027-06-02", service: service, place: place, on: app.db)
            _ = try await ComplaintFixtures.complaint(
                "HRD-ANSWERED", receivedOn: "2027-01-05", acknowledgedOn: "2027-01-06", respondedOn: "2027-03-01",
                service: service, place: place, on: app.db)
            let handler = try await app.signedInBrowser(.complaintsHandler)

            let first = try await handler.get("/staff/complaints")
            #expect(first.status == .ok)
            #expect(first.body.contains("Open complaints (57), nearest deadline first"))
            let overdueAt = try #require(first.body.range(of: "HRD-OVERDUE1"))
            let soonAt = try #require(first.body.range(of: "HRD-SOON0001"))
            let earlyAt = try #require(first.body.range(of: "HRD-EARLY"))
            #expect(overdueAt.lowerBound < soonAt.lowerBound && soonAt.lowerBound < earlyAt.lowerBound)
            let second = try await handler.get("/staff/complaints?page=2")
            #expect(!second.body.contains("HRD-OVERDUE1"))
            #expect(!second.body.contains("HRD-SOON0001"))
            // With everything, the responded case comes after every open one: on the last page.
            #expect(!(try await handler.get("/staff/complaints?show=all").body.contains("HRD-ANSWERED")))
            #expect(try await handler.get("/staff/complaints?show=all&page=2").body.contains("HRD-ANSWERED"))
            // A list, handler or overdue filter that names nothing matches nothing and says so, rather than
            // quietly showing the open complaints.
            let unknown = [
                ("show=everything", "There is no list of complaints \"everything\", so nothing matches"),
                ("handler=wizard", "\"wizard\" is not a handler filter"),
                ("overdue=maybe", "\"maybe\" is not an overdue filter"),
            ]
            for (query, words) in unknown {
                let page = try await handler.get("/staff/complaints?" + query)
                #expect(page.status == .ok)
                #expect(page.body.contains(words), "\(query)")
                #expect(page.body.contains("No complaints match.") && !page.body.contains("HRD-OVERDUE1"), "\(query)")
            }

            // "Overdue" lists exactly what the dashboard counts, and the dashboard links to it.
            let overdue = try await handler.get("/staff/complaints?overdue=yes")
            #expect(overdue.body.contains("Complaints with a step overdue (1)"))
            #expect(overdue.body.contains("HRD-OVERDUE1") && !overdue.body.contains("HRD-SOON0001"))
            let dashboard = try await handler.get("/staff")
            #expect(dashboard.body.contains("href=\"/staff/complaints?overdue=yes\""))
            #expect(dashboard.body.contains("<strong>1</strong> complaint with a step overdue"))

            // Acknowledged: no longer overdue, so no longer in the filter or the count.
            let path = ComplaintFixtures.path(late)
            let acknowledged = try await handler.post(
                path + "/acknowledge",
                form: ["acknowledged_on": "2027-06-01", "acknowledgement_note": "Phoned to talk it through."],
                tokenFrom: path)
            #expect(acknowledged.status == .seeOther)
            #expect(
                try await handler.get("/staff/complaints?overdue=yes").body.contains("No complaint has a step overdue.")
            )
            #expect(try await handler.get("/staff").body.contains("<strong>0</strong> complaints with a step overdue"))
        }
    }

    @Test(
        "links keep the period; 'Only mine' says 'Your complaints'; an empty period says so",
        arguments: TestDatabase.all)
    func wording(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(iso: "2027-06-01")!)
            let (service, place) = try await Fixtures.service(on: app.db)
            let complaint = try await ComplaintFixtures.complaint(
                "HRD-MINE0001", receivedOn: "2027-05-31", service: service, place: place, on: app.db)
            let handler = try await app.signedInBrowser(.complaintsHandler)
            let me = try #require(try await User.query(on: app.db).filter(\.$role == .complaintsHandler).first())
            complaint.$handler.id = me.id
            try await complaint.save(on: app.db)

            let page = try await handler.get("/staff/complaints?from=2027-01-01&to=2027-03-31")
            #expect(
                page.body.contains("href=\"/staff/complaints?show=responded&amp;from=2027-01-01&amp;to=2027-03-31\""))
            #expect(page.body.contains("href=\"/staff/complaints?show=all&amp;from=2027-01-01&amp;to=2027-03-31\""))
            #expect(
                page.body.contains(
                    "href=\"/staff/complaints?show=open&amp;handler=me&amp;from=2027-01-01&amp;to=2027-03-31\""))
            // Nothing was received from January to March: say so, not "None due yet".
            #expect(page.body.contains("Upheld</th><td>No complaints received in this period"))
            #expect(page.body.contains("Responded to by the date due</th><td>No complaints received in this period"))
            #expect(!page.body.contains("None due yet"))

            let mine = try await handler.get("/staff/complaints?handler=me")
            #expect(mine.body.contains("Your complaints (1)"))
            #expect(mine.body.contains("HRD-MINE0001"))
        }
    }

    @Test(
        "a chosen period filters the list of cases by received date, as the figures count, and the caption says so",
        arguments: TestDatabase.all)
    func periodFiltersTheList(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(iso: "2027-01-20")!)
            let (service, place) = try await Fixtures.service(on: app.db)
            for (reference, received) in [
                ("HRD-SEPT0001", "2026-09-30"), ("HRD-OCT00001", "2026-10-01"), ("HRD-DEC00001", "2026-12-31"),
                ("HRD-JAN00001", "2027-01-02"),
            ] {
                _ = try await ComplaintFixtures.complaint(
                    reference, receivedOn: received, acknowledgedOn: received, service: service, place: place,
                    on: app.db)
            }
            let handler = try await app.signedInBrowser(.complaintsHandler)

            let quarter = try await handler.get("/staff/complaints?show=all&from=2026-10-01&to=2026-12-31")
            #expect(quarter.status == .ok)
            #expect(quarter.body.contains("Received</th><td>2</td>"))
            #expect(
                quarter.body.contains(
                    "All complaints received 1 October 2026 to 31 December 2026 (2), nearest deadline first"))
            #expect(quarter.body.contains("HRD-OCT00001") && quarter.body.contains("HRD-DEC00001"))
            #expect(!quarter.body.contains("HRD-SEPT0001") && !quarter.body.contains("HRD-JAN00001"))
            // The list's own links keep the period, so "Open" stays within it.
            #expect(quarter.body.contains("href=\"/staff/complaints?show=open&amp;from=2026-10-01&amp;to=2026-12-31\""))

            let empty = try await handler.get("/staff/complaints?show=all&from=2026-11-01&to=2026-11-30")
            #expect(empty.body.contains("None of these were received from 1 November 2026 to 30 November 2026."))
            #expect(!empty.body.contains("HRD-OCT00001"))

            // Without a chosen period the queue has every case, however old, and its links add no period.
            let queue = try await handler.get("/staff/complaints?show=all")
            #expect(queue.body.contains("All complaints (4), nearest deadline first"))
            #expect(queue.body.contains("href=\"/staff/complaints?show=open\""))
            // Bad dates: the figures form says what to fix and the list is not narrowed.
            let bad = try await handler.get("/staff/complaints?show=all&from=2026-13-01&to=2026-12-31")
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.contains("All complaints (4)"))
        }
    }
}
