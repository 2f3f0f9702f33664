import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// The dashboard narrowed to a place, a service and a period: the figures count only what was chosen, every
/// link and CSV download carries the filters so the counts agree, and a filter naming nothing gives a notice
/// and the default figures, never an error.
@Suite("Dashboard filters")
struct DashboardFilterTests {
    struct Seeded {
        var maternity: Service
        var outpatients: Service
        var emergency: Service
    }

    /// Calderdale: two items in the last 4 weeks (emergency department). Northtown: maternity 1, 50 and 200
    /// days ago, outpatients 5 days ago.
    static func seed(on db: any Database) async throws -> Seeded {
        let (emergency, calderdale) = try await Fixtures.service(on: db)
        let northtown = Place(name: "Northtown", slug: "northtown")
        try await northtown.create(on: db)
        let maternity = Service(
            name: "Maternity unit", organisationID: emergency.$organisation.id, placeID: northtown.id!)
        try await maternity.create(on: db)
        let outpatients = Service(
            name: "Outpatients", organisationID: emergency.$organisation.id, placeID: northtown.id!)
        try await outpatients.create(on: db)
        let items: [(String, Service, Place, String, Double, Double?)] = [
            ("HRD-CALD1", emergency, calderdale, "Parking", 2, 1),
            ("HRD-CALD2", emergency, calderdale, "Parking", 3, nil),
            ("HRD-NORTH1", maternity, northtown, "Staff attitude", 1, nil),
            ("HRD-NORTH2", maternity, northtown, "Staff attitude", 50, nil),
            ("HRD-NORTH3", maternity, northtown, "Staff attitude", 200, nil),
            ("HRD-NORTH4", outpatients, northtown, "Waiting times", 5, nil),
        ]
        for (reference, service, place, theme, daysAgo, replied) in items {
            _ = try await ScaleQueryTests.item(
                reference, service: service, place: place, themes: [theme], receivedDaysAgo: daysAgo,
                repliedAfterDays: replied, on: db)
        }
        return Seeded(maternity: maternity, outpatients: outpatients, emergency: emergency)
    }

    static func escaped(_ path: String) -> String {
        "href=\"" + path.replacingOccurrences(of: "&", with: "&amp;") + "\""
    }

    static func weeklyTotal(_ csv: String) -> Int {
        csv.split(separator: "\r\n").dropFirst().compactMap { Int($0.split(separator: ",").last ?? "") }.reduce(0, +)
    }

    @Test("a place, a service and a period narrow every figure and CSV", arguments: TestDatabase.all)
    func filteredCounts(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let seeded = try await Self.seed(on: app.db)
            let maternity = seeded.maternity.id!.uuidString
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let csv = "/staff/dashboard/"
            let header =
                CSVResponse.byteOrderMark
                + "place,received,negative,published,replied,fft_answers,fft_very_good_or_good,fft_poor_or_very_poor\r\n"

            let everywhere = try await officer.get(csv + "places.csv").body
            #expect(everywhere == header + "Calderdale,2,2,2,1,0,0,0\r\nNorthtown,2,2,2,0,0,0,0\r\n")
            #expect(
                try await officer.get(csv + "places.csv?place=northtown").body == header + "Northtown,2,2,2,0,0,0,0\r\n"
            )
            #expect(
                try await officer.get(csv + "places.csv?place=northtown&period=12-weeks").body
                    == header + "Northtown,3,3,3,0,0,0,0\r\n")
            #expect(
                try await officer.get(csv + "places.csv?place=northtown&period=12-months").body
                    == header + "Northtown,4,4,4,0,0,0,0\r\n")
            #expect(
                try await officer.get(csv + "places.csv?service=\(maternity)").body == header
                    + "Northtown,1,1,1,0,0,0,0\r\n")

            let services = try await officer.get(csv + "services.csv?place=northtown&period=12-weeks").body
            #expect(
                services
                    == CSVResponse.byteOrderMark
                    + "service,place,received,negative,published,replied,fft_answers,fft_very_good_or_good,fft_poor_or_very_poor\r\n"
                    + "Maternity unit,Northtown,2,2,2,0,0,0,0\r\nOutpatients,Northtown,1,1,1,0,0,0,0\r\n",
                "only Northtown's services, the busiest first")
            let allServices = try await officer.get(csv + "services.csv").body
            #expect(allServices.contains("Emergency department,Calderdale,2,2,2,1,0,0,0"))
            let oneService = try await officer.get(csv + "services.csv?service=\(maternity)&period=12-months").body
            #expect(oneService.hasSuffix("\r\nMaternity unit,Northtown,3,3,3,0,0,0,0\r\n"))
            #expect(!oneService.contains("Outpatients"))

            let themes = try await officer.get(csv + "themes.csv?place=northtown").body
            #expect(themes.contains("Staff attitude,1,0,1") && themes.contains("Waiting times,1,0,1"))
            #expect(!themes.contains("Parking"))
            #expect(
                try await officer.get(csv + "themes.csv?service=\(maternity)&period=12-weeks").body.contains(
                    "Staff attitude,2,0,2"))

            // Volumes are always 12 weeks, narrowed to the place or service.
            #expect(Self.weeklyTotal(try await officer.get(csv + "volumes.csv").body) == 5)
            #expect(Self.weeklyTotal(try await officer.get(csv + "volumes.csv?place=northtown").body) == 3)
            #expect(Self.weeklyTotal(try await officer.get(csv + "volumes.csv?service=\(maternity)").body) == 2)
        }
    }

    @Test(
        "the page says what it shows and every link carries the filters to the same count", arguments: TestDatabase.all)
    func linksCarryFilters(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let seeded = try await Self.seed(on: app.db)
            let maternity = seeded.maternity.id!.uuidString
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let page = try await officer.get("/staff?place=northtown&period=12-weeks")
            #expect(page.status == .ok)
            let body = page.body
            #expect(body.contains("The figures below are for feedback received in the last 12 weeks, Northtown."))
            #expect(body.contains("Themes in the last 12 weeks, Northtown, with how people felt"))
            #expect(body.contains("By place, feedback received in the last 12 weeks, Northtown"))
            #expect(body.contains("By service, feedback received in the last 12 weeks, Northtown"))
            #expect(body.contains("Of 3 stories published in the last 12 weeks, Northtown, that needed an answer"))
            #expect(body.contains("out of 3 comments analysed in the last 12 weeks, Northtown."))
            #expect(body.contains("Feedback received, last 12 weeks, Northtown"))
            #expect(body.contains("Everywhere, whatever the filters below."), "the queues say they are not filtered")
            #expect(body.contains("<option value=\"northtown\" selected"))
            #expect(body.contains("<option value=\"12-weeks\" selected"))
            #expect(!body.contains("href=\"/staff/feedback?place=calderdale"), "only the chosen place's row")

            let firstDay = FeedbackDashboard.figuresFirstDay(today: DecisionClock.system.today(), period: .twelveWeeks)
                .iso
            // Each link shows as many items on the feedback list as the figure it stands on.
            let links = [
                ("/staff/feedback?place=northtown&from=\(firstDay)", 3),
                ("/staff/feedback?place=northtown&service=\(maternity)&from=\(firstDay)", 2),
                ("/staff/feedback?theme=Staff%20attitude&place=northtown&from=\(firstDay)", 2),
                ("/staff/feedback?theme=Waiting%20times&place=northtown&from=\(firstDay)", 1),
            ]
            for (link, count) in links {
                #expect(body.contains(Self.escaped(link)), "\(link)")
                #expect(
                    try await officer.get(link).body.contains("<p>\(count) item\(count == 1 ? "" : "s")</p>"), "\(link)"
                )
            }
            for table in ["volumes", "themes", "places", "services"] {
                #expect(body.contains(Self.escaped("/staff/dashboard/\(table).csv?place=northtown&period=12-weeks")))
            }

            // A year: the service's link starts a year back and finds all three of its items.
            let year = try await officer.get("/staff?service=\(maternity)&period=12-months").body
            #expect(year.contains("in the last 12 months, Maternity unit, Northtown"))
            #expect(year.contains("Week by week for the last 12 weeks"))
            let yearStart = FeedbackDashboard.figuresFirstDay(
                today: DecisionClock.system.today(), period: .twelveMonths
            ).iso
            let serviceLink = "/staff/feedback?service=\(maternity)&from=\(yearStart)"
            #expect(year.contains(Self.escaped(serviceLink)))
            #expect(try await officer.get(serviceLink).body.contains("<p>3 items</p>"))

            // No filter: the default 4 weeks, every place, and a link back is not offered.
            let plain = try await officer.get("/staff").body
            #expect(plain.contains("The figures below are for feedback received in the last 4 weeks."))
            #expect(plain.contains(Self.escaped("/staff/dashboard/places.csv")))
            let defaultStart = FeedbackDashboard.figuresFirstDay(today: DecisionClock.system.today()).iso
            #expect(plain.contains(Self.escaped("/staff/feedback?place=calderdale&from=\(defaultStart)")))
            #expect(plain.contains("Emergency department, Calderdale</a>"))
        }
    }

    @Test("a filter naming nothing gives a notice and the default figures, never an error", arguments: TestDatabase.all)
    func badValues(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let seeded = try await Self.seed(on: app.db)
            let maternity = seeded.maternity.id!.uuidString
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let cases = [
                ("/staff?place=nosuch", "so the figures are for every place", "in the last 4 weeks."),
                ("/staff?service=not-a-service", "so the figures are for every service", "in the last 4 weeks."),
                ("/staff?service=\(UUID().uuidString)", "so the figures are for every service", "in the last 4 weeks."),
                ("/staff?period=forever", "is not a period the dashboard offers", "in the last 4 weeks."),
                (
                    "/staff?place=northtown&period=12", "is not a period the dashboard offers",
                    "in the last 4 weeks, Northtown."
                ),
                (
                    "/staff?place=calderdale&service=\(maternity)",
                    "Maternity unit is in Northtown, not Calderdale, so the figures are for every service in Calderdale.",
                    "in the last 4 weeks, Calderdale."
                ),
            ]
            for (path, notice, shown) in cases {
                let page = try await officer.get(path)
                #expect(page.status == .ok, "\(path)")
                #expect(page.body.contains("class=\"notice\""), "\(path)")
                #expect(page.body.contains(notice), "\(path)")
                #expect(page.body.contains("The figures below are for feedback received \(shown)"), "\(path)")
            }
            #expect(!(try await officer.get("/staff?place=northtown").body.contains("class=\"notice\"")))

            // The CSV downloads fall back the same way.
            for path in [
                "places.csv?place=nosuch&period=forever", "services.csv?service=nope", "themes.csv?period=1",
                "volumes.csv?service=\(UUID().uuidString)",
            ] {
                let response = try await officer.get("/staff/dashboard/" + path)
                #expect(response.status == .ok, "\(path)")
            }
            #expect(
                try await officer.get("/staff/dashboard/places.csv?place=nosuch&period=forever").body
                    == CSVResponse.byteOrderMark
                    + "place,received,negative,published,replied,fft_answers,fft_very_good_or_good,fft_poor_or_very_poor\r\nCalderdale,2,2,2,1,0,0,0\r\nNorthtown,2,2,2,0,0,0,0\r\n"
            )

            // The feedback list takes a service too; one it does not know matches nothing, as an unknown place does.
            let list = try await officer.get("/staff/feedback?service=\(maternity)").body
            #expect(list.contains("<p>3 items</p>"))
            let unknown = try await officer.get("/staff/feedback?service=nope").body
            #expect(unknown.contains("There is no service") && unknown.contains("<p>0 items</p>"))
        }
    }

    @Test(
        "the Friends and Family Test: shares of every answer for the scope and period, by place and service, too few given no share",
        arguments: TestDatabase.all)
    func friendsAndFamilyTest(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let seeded = try await Self.seed(on: app.db)
            let places = try await Place.query(on: app.db).all()
            let calderdale = try #require(places.first { $0.slug != "northtown" })
            let northtown = try #require(places.first { $0.slug == "northtown" })
            // Emergency department: 6 answers (very good ×2, good, poor, don't know, neither), one without words.
            // Maternity: very good and very poor. 50 days ago, outside the 4 weeks: very poor.
            let rated: [(Service, Place, Int, Double)] = [
                (seeded.emergency, calderdale, 1, 1), (seeded.emergency, calderdale, 1, 2),
                (seeded.emergency, calderdale, 2, 3), (seeded.emergency, calderdale, 4, 4),
                (seeded.emergency, calderdale, 6, 5), (seeded.emergency, calderdale, 3, 6),
                (seeded.maternity, northtown, 1, 2), (seeded.maternity, northtown, 5, 3),
                (seeded.maternity, northtown, 5, 50),
            ]
            for (index, (service, place, rating, daysAgo)) in rated.enumerated() {
                let item = try await ScaleQueryTests.item(
                    "HRD-FFT\(index)", service: service, place: place, themes: [], status: .approvedPrivate,
                    receivedDaysAgo: daysAgo, on: app.db)
                item.fftRating = rating
                // As analysis leaves an answer with no words: no sentiment, nothing about care.
                if index == 0 { (item.story, item.redactedText, item.sentiment, item.relational) = ("", "", nil, "") }
                try await item.save(on: app.db)
            }
            // A rejected "very poor" (say, spam) is no FFT answer.
            let rejected = try await ScaleQueryTests.item(
                "HRD-FFT-REJECTED", service: seeded.emergency, place: calderdale, themes: [], status: .rejected,
                receivedDaysAgo: 1, on: app.db)
            rejected.fftRating = 5
            try await rejected.save(on: app.db)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let everywhere = try await officer.get("/staff").body
            #expect(everywhere.contains("Friends and Family Test, in the last 4 weeks"))
            // 4 of 8 very good or good, 2 of 8 poor or very poor.
            #expect(everywhere.contains("<strong>50%</strong> very good or good"))
            #expect(everywhere.contains("<strong>25%</strong> poor or very poor"))
            #expect(everywhere.contains("<strong>8</strong> answers"))
            // Relational care is out of the comments with words: 4 seeded, 8 rated and the rejected one, less the
            // answer with no words.
            #expect(everywhere.contains("out of 12 comments analysed in the last 4 weeks."))
            #expect(everywhere.contains("50% of 6"), "the emergency department's row: 3 of 6")
            #expect(everywhere.contains("2 answers, too few for a share"), "maternity's row")

            // The words behind the poor answers, a click away: the feedback list filtered by answer and words.
            let firstDay = FeedbackDashboard.figuresFirstDay(today: app.app.decisionClock.today()).iso
            let poorLink =
                "/staff/feedback?from=\(firstDay)&answer=poor-or-very-poor&words=with&status=not-rejected"
            #expect(everywhere.contains(Self.escaped(poorLink)))
            let poor = try await officer.get(poorLink).body
            // Emergency's poor and maternity's very poor; not the rejected very poor, which the figure leaves out.
            #expect(poor.contains("<p>2 items</p>") && !poor.contains("HRD-FFT-REJECTED"))
            #expect(poor.contains("<option value=\"poor-or-very-poor\" selected>"))
            let answersOnly = try await officer.get("/staff/feedback?answer=very-good-or-good&words=without").body
            #expect(answersOnly.contains("<p>1 item</p>") && answersOnly.contains("No comment (FFT answer: Very good)"))
            let noAnswer = try await officer.get("/staff/feedback?answer=no-answer").body
            #expect(noAnswer.contains("<p>6 items</p>"), "the six seeded items have no FFT answer")
            let unknown = try await officer.get("/staff/feedback?answer=brilliant").body
            #expect(unknown.contains("There is no FFT answer \"brilliant\"") && unknown.contains("<p>0 items</p>"))

            let csv = try await officer.get("/staff/dashboard/services.csv").body
            #expect(csv.contains("Emergency department,Calderdale,9,8,2,1,6,3,1\r\n"))
            #expect(csv.contains("Maternity unit,Northtown,3,3,1,0,2,1,1\r\n"))
            let months = try await officer.get("/staff/dashboard/places.csv?place=northtown&period=12-weeks").body
            #expect(months.hasSuffix("\r\nNorthtown,6,6,3,0,3,1,2\r\n"), "the older very poor answer too")

            let maternity = try await officer.get("/staff?service=\(seeded.maternity.id!.uuidString)").body
            #expect(maternity.contains("2 answers, too few for a share: fewer than 5 answers give no share"))
            let outpatients = try await officer.get(
                "/staff?service=\(seeded.outpatients.id!.uuidString)"
            ).body
            #expect(outpatients.contains("No FFT answers were received in the last 4 weeks, Outpatients"))
        }
    }
}
