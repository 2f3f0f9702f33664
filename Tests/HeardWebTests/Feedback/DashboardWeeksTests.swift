import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// The dashboard's weekly chart counts whole UK days, Monday to Sunday, with this week so far last: each bar
/// is the feedback list from its Monday to its Sunday, items just either side of midnight (GMT or BST) fall in
/// the right week, and the period's figures add up to the chart's last 4 (or all 12) bars.
@Suite("Dashboard weeks")
struct DashboardWeeksTests {
    /// Wednesday: this week began on Monday 30 November 2026 and the chart's first week on Monday 14 September.
    static let today = SimpleDate(iso: "2026-12-02")!

    /// Each item's received instant (UTC) and the Monday of the UK week it falls in (nil: before the chart).
    static let received: [(String, String, String?)] = [
        ("HRD-SEP13", "2026-09-13T22:30:00Z", nil),  // Sunday 23:30 BST
        ("HRD-SEP14", "2026-09-13T23:30:00Z", "2026-09-14"),  // Monday 00:30 BST, still Sunday in UTC
        ("HRD-OCT18", "2026-10-18T22:30:00Z", "2026-10-12"),  // Sunday 23:30 BST
        ("HRD-OCT19", "2026-10-18T23:30:00Z", "2026-10-19"),  // Monday 00:30 BST
        ("HRD-OCT25", "2026-10-25T23:30:00Z", "2026-10-19"),  // Sunday 23:30 GMT, the day the clocks went back
        ("HRD-OCT26", "2026-10-26T00:00:00Z", "2026-10-26"),  // Monday midnight GMT
        ("HRD-NOV08", "2026-11-08T23:59:59Z", "2026-11-02"),  // the Sunday before the 4 weeks
        ("HRD-NOV09", "2026-11-09T00:00:00Z", "2026-11-09"),  // the 4 weeks' first moment
        ("HRD-NOV29", "2026-11-29T23:30:00Z", "2026-11-23"),  // Sunday 23:30 GMT
        ("HRD-NOV30", "2026-11-30T00:30:00Z", "2026-11-30"),  // Monday 00:30 GMT
        ("HRD-DEC02", "2026-12-02T10:00:00Z", "2026-11-30"),  // today
    ]

    static func count(_ page: String) -> Int? {
        guard let range = page.range(of: #"<p>[0-9,]+ items?</p>"#, options: .regularExpression) else { return nil }
        return Int(page[range].dropFirst(3).prefix { $0.isNumber })
    }

    @Test(
        "each week is Monday to Sunday in UK days and equals the feedback list for those days",
        arguments: TestDatabase.all)
    func weeksMatchTheList(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(Self.today)
            let (service, place) = try await Fixtures.service(on: app.db)
            for (reference, instant, _) in Self.received {
                let item = try await ScaleQueryTests.item(
                    reference, service: service, place: place, themes: ["Parking"], receivedDaysAgo: 0, on: app.db)
                item.receivedAt = try #require(ISO8601DateFormatter().date(from: instant))
                try await item.save(on: app.db)
            }
            let officer = try await app.signedInBrowser(.engagementOfficer)

            let mondays = (0..<12).map { SimpleDate(iso: "2026-09-14")!.adding(days: 7 * $0) }
            let expected = mondays.map { monday in Self.received.filter { $0.2 == monday.iso }.count }
            #expect(expected == [1, 0, 0, 0, 1, 2, 1, 1, 1, 0, 1, 2])
            var csv = CSVResponse.byteOrderMark + "week_starting,week_ending,received\r\n"
            for (week, monday) in mondays.enumerated() {
                let end = week == 11 ? Self.today : monday.adding(days: 6)
                csv += "\(monday.iso),\(end.iso),\(expected[week])\r\n"
            }
            #expect(try await officer.get("/staff/dashboard/volumes.csv").body == csv)

            let page = try await officer.get("/staff").body
            #expect(page.contains("Week of Mon 14 Sep 2026</text>"))
            #expect(page.contains("Week of Mon 30 Nov 2026 (so far)</text>"))
            #expect(page.contains("Monday 23 November 2026 to Sunday 29 November 2026</a>"))
            #expect(page.contains("Week of Monday 30 November 2026 (so far)</a>"))
            #expect(
                page.contains(
                    "From Monday 9 November 2026 to today: this week so far and the 3 weeks before it, the last 4 bars of the weekly chart."
                ))
            // Each week links to the feedback list for its days, which shows as many items as its bar.
            for (week, monday) in mondays.enumerated() {
                let link =
                    "/staff/feedback?from=\(monday.iso)" + (week == 11 ? "" : "&to=\(monday.adding(days: 6).iso)")
                #expect(page.contains(DashboardFilterTests.escaped(link)), "\(link)")
                #expect(Self.count(try await officer.get(link).body) == expected[week], "\(link)")
            }

            // The period's figures are the chart's last 4 bars, or all 12, and the list from their first day.
            let places = try await officer.get("/staff/dashboard/places.csv").body
            #expect(places.hasSuffix("\r\nCalderdale,4,4,4,0,0,0,0\r\n"), "\(places)")
            #expect(expected.suffix(4).reduce(0, +) == 4)
            #expect(page.contains(DashboardFilterTests.escaped("/staff/feedback?place=calderdale&from=2026-11-09")))
            #expect(Self.count(try await officer.get("/staff/feedback?from=2026-11-09").body) == 4)
            let quarter = try await officer.get("/staff/dashboard/places.csv?period=12-weeks").body
            #expect(quarter.hasSuffix("\r\nCalderdale,10,10,10,0,0,0,0\r\n"), "\(quarter)")
            #expect(expected.reduce(0, +) == 10)
            #expect(Self.count(try await officer.get("/staff/feedback?from=2026-09-14").body) == 10)

            // "to" alone is up to the end of that UK day; a date it cannot read is an error on its field, and
            // the list is not limited by it.
            #expect(Self.count(try await officer.get("/staff/feedback?to=2026-09-13").body) == 1)
            let bad = try await officer.get("/staff/feedback?to=soon")
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.contains("\"soon\" is not a real date: enter it like 2026-03-31."))
            #expect(bad.body.contains("value=\"soon\""), "what was typed is kept")
            #expect(bad.body.contains("<a href=\"#field-to\">"), "the error summary links to the field")
            #expect(Self.count(bad.body) == 11)
            // The dates the wrong way round are said to be, rather than showing no items without a word.
            let backwards = try await officer.get("/staff/feedback?from=2026-11-09&to=2026-09-14")
            #expect(backwards.status == .unprocessableEntity)
            #expect(backwards.body.contains("The end of the period cannot be before its start (9 November 2026)."))
        }
    }

    @Test("the periods start on a Monday whatever the day, and 12 months on the same day a year ago")
    func periodStarts() {
        let monday = SimpleDate(iso: "2026-11-30")!
        let sunday = SimpleDate(iso: "2026-12-06")!
        for today in [monday, sunday] {
            #expect(DashboardPeriod.fourWeeks.firstDay(today: today).iso == "2026-11-09")
            #expect(DashboardPeriod.twelveWeeks.firstDay(today: today).iso == "2026-09-14")
        }
        #expect(DashboardPeriod.fourWeeks.firstDay(today: SimpleDate(iso: "2026-12-07")!).iso == "2026-11-16")
        #expect(DashboardPeriod.twelveMonths.firstDay(today: sunday).iso == "2025-12-06")
        // In summer the week starts at midnight BST, 23:00 UTC on the Sunday.
        #expect(
            DashboardPeriod.fourWeeks.start(today: SimpleDate(iso: "2026-07-15")!)
                == ISO8601DateFormatter().date(from: "2026-06-21T23:00:00Z"))
    }
}
