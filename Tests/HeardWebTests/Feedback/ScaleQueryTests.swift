import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// The queries rewritten for a region's worth of feedback (README "Scale") give the same answers: the theme
/// filter matches whole theme names from the item's own list, pages are newest first, and the dashboard and
/// public figures cover the periods they say they cover.
@Suite("Queries built for scale")
struct ScaleQueryTests {
    static let day: TimeInterval = 86400

    static func item(
        _ reference: String, service: Service, place: Place, themes: [String], status: FeedbackStatus = .published,
        receivedDaysAgo: Double, needsAnswer: Bool = true, repliedAfterDays: Double? = nil, on db: any Database
    ) async throws -> FeedbackItem {
        let received = Date().addingTimeInterval(-receivedDaysAgo * day)
        let item = FeedbackItem()
        item.id = UUID()
        item.reference = reference
        item.$service.id = service.id!
        item.$place.id = place.id!
        item.$organisation.id = service.$organisation.id
        item.channel = .online
        item.story = "Story \(reference)"
        item.whatWasGood = ""
        item.couldBeBetter = ""
        item.consentToPublish = true
        item.wantsReply = false
        item.status = status
        item.publishedText = status == .published ? item.story : nil
        item.publishedAt = status == .published ? received.addingTimeInterval(3600) : nil
        item.receivedAt = received
        item.analysedAt = received
        item.themes = themes.joined(separator: ";")
        item.sentiment = 4
        item.relational = "listening"
        item.isUrgent = false
        item.urgentReasons = ""
        item.piiKinds = ""
        item.redactedText = item.story
        item.needsAnswer = needsAnswer
        item.firstReplyAt = repliedAfterDays.map { received.addingTimeInterval(3600 + $0 * day) }
        try await item.create(on: db)
        for theme in themes { try await FeedbackTheme(feedbackID: item.id!, theme: theme).create(on: db) }
        return item
    }

    struct StoryPage: Decodable {
        struct Story: Decodable { var reference: String }
        var items: [Story]
        var total: Int
        var page: Int
    }

    struct Figures: Decodable {
        var needingAnswer: Int
        var replied: Int
        var actions: Int
        var actionsClosed: Int
        enum CodingKeys: String, CodingKey {
            case needingAnswer = "needing_answer"
            case replied, actions
            case actionsClosed = "actions_closed"
        }
    }

    @Test("the theme filter matches whole theme names, newest first, and pages clamp", arguments: TestDatabase.all)
    func themeFilter(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, place) = try await Fixtures.service(on: app.db)
            _ = try await Self.item(
                "HRD-NEWEST", service: service, place: place, themes: ["Parking"], receivedDaysAgo: 1, on: app.db)
            _ = try await Self.item(
                "HRD-OLDER", service: service, place: place, themes: ["Timeliness of care", "Parking"],
                receivedDaysAgo: 2, on: app.db)
            _ = try await Self.item(
                "HRD-FEES", service: service, place: place, themes: ["Parking fees"], receivedDaysAgo: 3, on: app.db)
            _ = try await Self.item(
                "HRD-HIDDEN", service: service, place: place, themes: ["Parking"], status: .awaitingModeration,
                receivedDaysAgo: 1, on: app.db)
            let browser = app.browser()
            let response = try await browser.get("/api/v1/stories?theme=Parking&place=calderdale")
            let page = try JSONDecoder().decode(StoryPage.self, from: Data(response.body.utf8))
            #expect(page.items.map(\.reference) == ["HRD-NEWEST", "HRD-OLDER"])
            #expect(page.total == 2)
            #expect(page.page == 1)
            // Past the end the API gives an empty page (so a client reading until one is empty stops).
            let past = try await browser.get("/api/v1/stories?theme=Parking&place=calderdale&page=9")
            let pastPage = try JSONDecoder().decode(StoryPage.self, from: Data(past.body.utf8))
            #expect(pastPage.items.isEmpty && pastPage.page == 9 && pastPage.total == 2)
            // The web page shows the last page instead.
            let webPast = try await browser.get("/stories?theme=Parking&page=9").body
            #expect(webPast.contains("Story HRD-NEWEST"))
            // Found by the API fuzzer: a page number near Int.max overflowed the offset and stopped the server.
            // The web page clamps it; the API refuses it, as every list does a page past 1,000,000.
            let hugeWeb = try await browser.get("/stories?page=9223372036854775807")
            #expect(hugeWeb.status == .ok)
            let hugeAPI = try await browser.get("/api/v1/stories?page=9223372036854775807")
            #expect(hugeAPI.status == .unprocessableEntity)
            let html = try await browser.get("/stories?theme=Parking%20fees").body
            #expect(html.contains("1 story"))
            #expect(html.contains("Story HRD-FEES") && !html.contains("Story HRD-NEWEST"))
            #expect(html.contains("<option value=\"Parking fees\""), "the theme list comes from feedback_themes")
            #expect(!html.contains("class=\"notice\""))
            // A filter that names nothing shows no stories and says why, not a bare "0 stories".
            for (path, notice) in [
                ("/stories?place=nowhere&theme=Parking", "There is no place \"nowhere\"."),
                ("/stories?service=abc", "There is no service \"abc\"."),
                ("/stories?theme=Parkin", "There is no theme \"Parkin\"."),
                ("/stories?theme=Not%20assigned", "There is no theme \"Not assigned\"."),
                ("/stories?sentiment=angry", "\"angry\" is not a feeling to filter by"),
            ] {
                let response = try await browser.get(path)
                #expect(response.status == .ok, "\(path)")
                #expect(response.body.contains("class=\"notice\""), "\(path)")
                #expect(response.body.contains(notice), "\(path)")
                #expect(response.body.contains("0 stories") && !response.body.contains("Story HRD-"), "\(path)")
            }
        }
    }

    @Test("dashboard and public figures cover the weeks they say they cover", arguments: TestDatabase.all)
    func periods(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, place) = try await Fixtures.service(on: app.db)
            _ = try await Self.item(
                "HRD-RECENT", service: service, place: place, themes: ["Parking"], receivedDaysAgo: 2,
                repliedAfterDays: 1, on: app.db)
            _ = try await Self.item(
                "HRD-SIXWEEKS", service: service, place: place, themes: ["Staff continuity"], receivedDaysAgo: 42,
                on: app.db)
            _ = try await Self.item(
                "HRD-OLD", service: service, place: place, themes: ["Staff continuity"], receivedDaysAgo: 200,
                on: app.db)
            // Actions: one closed long before the period, one closed in it, one still open.
            for (title, closedDaysAgo) in [("Long done", 60.0), ("Just done", 3.0), ("Open", nil)] {
                let action = ActionItem()
                action.title = title
                action.youSaid = "People said so."
                action.$organisation.id = service.$organisation.id
                action.$place.id = place.id
                action.dueOn = Date().addingTimeInterval(30 * 86400)
                action.status = closedDaysAgo == nil ? .inProgress : .done
                action.outcome = closedDaysAgo == nil ? "" : "Done for the test."
                action.closedAt = closedDaysAgo.map { Date().addingTimeInterval(-$0 * 86400) }
                try await action.create(on: app.db)
            }
            let browser = app.browser()
            let loop = try await browser.get("/api/v1/loop-closure?place=calderdale")
            let figures = try JSONDecoder().decode(Figures.self, from: Data(loop.body.utf8))
            #expect(figures.needingAnswer == 1, "only feedback published in the last 4 weeks")
            #expect(figures.replied == 1)
            #expect(figures.actions == 2, "actions live in the last 4 weeks: one closed in them, one open")
            #expect(figures.actionsClosed == 1)
            let publicPage = try await browser.get("/you-said-we-did/places/calderdale").body
            #expect(publicPage.contains("1 story published in the last 4 weeks"))
            #expect(publicPage.contains("Parking") && !publicPage.contains("Staff continuity"))
            #expect(publicPage.contains("so the counts below need not add up to the stories published"))
            // Its quotes are the latest stories whatever their age, and say so.
            #expect(publicPage.contains("The latest 3 published stories, whenever they were published."))

            let officer = try await app.signedInBrowser(.engagementOfficer)
            let volumes = try await officer.get("/staff/dashboard/volumes.csv").body
            let received = volumes.split(separator: "\r\n").dropFirst().compactMap {
                Int($0.split(separator: ",").last ?? "")
            }
            #expect(received.count == 12)
            #expect(received.reduce(0, +) == 2, "volumes go back twelve weeks")
            // Two days ago is this week or, early in a week, the one before: weeks start on Mondays.
            #expect(received.suffix(2).reduce(0, +) == 1, "the recent item is in one of the last two weeks")
            let places = try await officer.get("/staff/dashboard/places.csv").body
            #expect(places.contains("Calderdale,1,1,1,1"), "places cover the last 4 weeks")
            let themes = try await officer.get("/staff/dashboard/themes.csv").body
            #expect(themes.contains("Parking,1,0,1") && !themes.contains("Staff continuity"))
            let dashboard = try await officer.get("/staff").body
            // Each theme links to the feedback list over the same weeks, so the counts agree.
            let firstDay = FeedbackDashboard.figuresFirstDay(today: DecisionClock.system.today()).iso
            #expect(dashboard.contains("href=\"/staff/feedback?theme=Parking&amp;from=\(firstDay)\""))
            #expect(
                try await officer.get("/staff/feedback?theme=Parking&from=\(firstDay)").body.contains("<p>1 item</p>"))
            let continuity = "/staff/feedback?theme=Staff%20continuity"
            #expect(try await officer.get(continuity).body.contains("2 items"))
            #expect(try await officer.get(continuity + "&from=\(firstDay)").body.contains("0 items"))
            let nowhere = try await officer.get("/staff/feedback?place=nosuch").body
            #expect(
                nowhere.contains("There is no place &quot;nosuch&quot;")
                    || nowhere.contains("There is no place \"nosuch\""))
            #expect(nowhere.contains("0 items"))
            let soon = try await officer.get("/staff/feedback?from=soon")
            #expect(soon.status == .unprocessableEntity, "a date that is not a date is an error on its field")
            #expect(soon.body.contains("\"soon\" is not a real date: enter it like 2026-03-31."))
            // With a status that names nothing as well: both are said, and nothing matches.
            let both = try await officer.get("/staff/feedback?from=soon&status=waiting")
            #expect(both.status == .unprocessableEntity)
            #expect(both.body.contains("There is no status \"waiting\", so nothing matches"))
            #expect(both.body.contains("\"soon\" is not a real date") && both.body.contains("0 items"))
            // A status or theme that names nothing matches nothing, and says so.
            let waiting = try await officer.get("/staff/feedback?status=waiting").body
            #expect(waiting.contains("There is no status \"waiting\", so nothing matches"))
            #expect(waiting.contains("0 items"))
            let misspelt = try await officer.get("/staff/feedback?theme=Parkin").body
            #expect(misspelt.contains("No feedback has the theme \"Parkin\", so nothing matches"))
            #expect(misspelt.contains("0 items"))
            #expect(!(try await officer.get("/staff/feedback?status=published").body.contains("class=\"notice\"")))
            #expect(
                dashboard.contains("stories published in the last 4 weeks")
                    || dashboard.contains("story published in the last 4 weeks"))
        }
    }

    @Test(
        "the public pages' last 4 weeks are the dashboard's: from the Monday three weeks back",
        arguments: TestDatabase.all)
    func publicPeriodIsTheDashboards(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, place) = try await Fixtures.service(on: app.db)
            let today = DecisionClock.system.today()
            let start = FeedbackDashboard.figuresStart(today: today)
            // Published (an hour after it was received) just before and just after the period began: 21 to 28
            // days ago, whatever the weekday.
            let daysAgo = { (moment: Date) in Date().timeIntervalSince(moment) / Self.day }
            _ = try await Self.item(
                "HRD-BEFORE", service: service, place: place, themes: ["Parking"],
                receivedDaysAgo: daysAgo(start.addingTimeInterval(-2 * 3600)), on: app.db)
            _ = try await Self.item(
                "HRD-INSIDE", service: service, place: place, themes: ["Parking"],
                receivedDaysAgo: daysAgo(start), on: app.db)
            let loop = try await app.browser().get("/api/v1/loop-closure?place=calderdale")
            let figures = try JSONDecoder().decode(Figures.self, from: Data(loop.body.utf8))
            #expect(figures.needingAnswer == 1, "published from the Monday three weeks back only")
            let publicPage = try await app.browser().get("/you-said-we-did/places/calderdale").body
            #expect(publicPage.contains("1 story published in the last 4 weeks"))
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let dashboard = try await officer.get("/staff").body
            #expect(dashboard.contains("1 story published in the last 4 weeks"))
        }
    }
}
