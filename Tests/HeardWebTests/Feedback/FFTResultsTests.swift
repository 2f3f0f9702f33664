import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// The FFT results page: a calendar month of answers by UK day, counted answer by answer as the monthly return
/// to NHS England is, with every service listed (those that collected nothing too), the organisation, place and
/// service filters, and the two CSV downloads agreeing with the page.
@Suite("FFT results by month")
struct FFTResultsTests {
    /// The six mode columns and ten channel columns of a service with no answers.
    static let noModes = Array(repeating: "0", count: 16).joined(separator: ",")

    static let today = SimpleDate(iso: "2026-12-07")!

    struct Seeded {
        var emergency: Service
        var maternity: Service
        var outpatients: Service
        var council: Organisation
    }

    /// November 2026: emergency department (Riverside Test Trust, Calderdale) very good ×3, good, neither, poor,
    /// very poor, don't know; maternity (the trust, Northtown) good and very poor; outpatients (a council, in
    /// Northtown) nothing. Around them: a rejected very poor and an item with no answer in November, and answers
    /// either side of the month's UK edges and of the clocks changing.
    static func seed(on db: any Database) async throws -> Seeded {
        let (emergency, calderdale) = try await Fixtures.service(on: db)
        let trust = try #require(try await Organisation.find(emergency.$organisation.id, on: db))
        trust.odsCode = "RXX"
        try await trust.save(on: db)
        let council = Organisation(name: "Northtown Council", kind: .council)
        try await council.create(on: db)
        let northtown = Place(name: "Northtown", slug: "northtown")
        try await northtown.create(on: db)
        let maternity = Service(name: "Maternity unit", organisationID: trust.id!, placeID: northtown.id!)
        try await maternity.create(on: db)
        let outpatients = Service(name: "Outpatients", organisationID: council.id!, placeID: northtown.id!)
        try await outpatients.create(on: db)
        let answers: [(Service, Place, Int?, String, FeedbackStatus, FeedbackChannel)] = [
            // 31 October 23:30 GMT: October (the clocks went back on 25 October).
            (emergency, calderdale, 5, "2026-10-31T23:30:00Z", .published, .online),
            // Midnight GMT starts November.
            (emergency, calderdale, 1, "2026-11-01T00:00:00Z", .published, .online),
            (emergency, calderdale, 1, "2026-11-10T09:00:00Z", .approvedPrivate, .paper),
            (emergency, calderdale, 1, "2026-11-11T09:00:00Z", .awaitingModeration, .paper),
            (emergency, calderdale, 2, "2026-11-12T09:00:00Z", .published, .online),
            (emergency, calderdale, 3, "2026-11-13T09:00:00Z", .published, .online),
            (emergency, calderdale, 4, "2026-11-14T09:00:00Z", .published, .sms),
            (emergency, calderdale, 5, "2026-11-15T09:00:00Z", .published, .online),
            (emergency, calderdale, 6, "2026-11-30T23:59:00Z", .approvedPrivate, .paper),
            (emergency, calderdale, 5, "2026-11-16T09:00:00Z", .rejected, .online),
            (emergency, calderdale, nil, "2026-11-17T09:00:00Z", .published, .online),
            (maternity, northtown, 2, "2026-11-18T09:00:00Z", .published, .online),
            (maternity, northtown, 5, "2026-11-19T09:00:00Z", .published, .online),
            // Midnight GMT starts December.
            (maternity, northtown, 1, "2026-12-01T00:00:00Z", .published, .online),
            // 31 March 23:30 GMT is 1 April 00:30 BST: April.
            (maternity, northtown, 2, "2026-03-31T23:30:00Z", .published, .online),
        ]
        for (index, (service, place, rating, instant, status, channel)) in answers.enumerated() {
            let item = try await ScaleQueryTests.item(
                "HRD-FFTM\(index)", service: service, place: place, themes: [], status: status, receivedDaysAgo: 0,
                on: db)
            item.receivedAt = try #require(ISO8601DateFormatter().date(from: instant))
            item.fftRating = rating
            item.channel = channel
            try await item.save(on: db)
        }
        return Seeded(emergency: emergency, maternity: maternity, outpatients: outpatients, council: council)
    }

    @Test(
        "November's answers, answer by answer, by service and by how they were collected", arguments: TestDatabase.all)
    func month(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(Self.today)
            _ = try await Self.seed(on: app.db)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            // The last whole month unless asked.
            let page = try await officer.get("/staff/fft").body
            #expect(page.contains("Answers received from 1 November 2026 to 30 November 2026 (UK time)"))
            // 10 answers: very good ×3 and good ×2 are 50%; poor and very poor ×2 are 30%; neither; don't know.
            #expect(page.contains("<strong>50%</strong> very good or good"))
            #expect(page.contains("<strong>30%</strong> poor or very poor"))
            #expect(page.contains("<strong>10</strong> answers"))
            for (answer, count, share) in [
                ("Very good", 3, "30%"), ("Good", 2, "20%"), ("Neither good nor poor", 1, "10%"), ("Poor", 1, "10%"),
                ("Very poor", 2, "20%"), ("Don't know", 1, "10%"), ("All answers", 10, "100%"),
            ] {
                #expect(
                    page.contains("<th scope=\"row\">\(answer)</th><td>\(count)</td><td>\(share)</td>"),
                    "\(answer)")
            }
            #expect(
                page.contains(
                    "1 of 3 services had no answers in November 2026:</p><ul><li>Outpatients, Northtown</li></ul>"))
            // Each channel with the FFT return's mode it counts under.
            #expect(
                page.contains("<th scope=\"row\">Paper form</th><td>Paper/postcard</td><td>3</td><td>–</td><td>–</td>"))
            #expect(
                page.contains("<th scope=\"row\">Online form</th><td>Online</td><td>6</td><td>50%</td><td>33%</td>"))
            #expect(page.contains("<th scope=\"row\">Text message</th><td>SMS/text</td><td>1</td><td>–</td><td>–</td>"))

            let csv = try await officer.get("/staff/fft/return.csv").body
            #expect(
                csv.hasSuffix(
                    "month,organisation_ods_code,organisation,place,service,very_good,good,neither_good_nor_poor,"
                        + "poor,very_poor,dont_know,total,percent_very_good_or_good,percent_poor_or_very_poor,"
                        + "mode_sms_text,mode_tablet_kiosk,mode_online,mode_telephone,mode_paper_postcard,mode_other,"
                        + "collected_online,collected_paper,collected_phone,collected_event,collected_email,collected_letter,"
                        + "collected_sms,collected_kiosk,collected_import,collected_api\r\n"
                        + "2026-11,,Northtown Council,Northtown,Outpatients,0,0,0,0,0,0,0,,," + Self.noModes + "\r\n"
                        + "2026-11,RXX,Riverside Test Trust,Calderdale,Emergency department,3,1,1,1,1,1,8,50,25,"
                        + "1,0,4,0,3,0,4,3,0,0,0,0,1,0,0,0\r\n"
                        + "2026-11,RXX,Riverside Test Trust,Northtown,Maternity unit,0,1,0,0,1,0,2,,,"
                        + "0,0,2,0,0,0,2,0,0,0,0,0,0,0,0,0\r\n"
                ))
        }
    }

    @Test("the year month by month, each month by UK days", arguments: TestDatabase.all)
    func months(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(Self.today)
            _ = try await Self.seed(on: app.db)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let csv = try await officer.get("/staff/fft/months.csv").body
            let lines = csv.split(separator: "\r\n").map(String.init)
            #expect(lines.count == 13, "a heading and 12 months")
            #expect(lines[1] == "2025-12,0,0,0,0,0,0,0,,")
            #expect(lines.contains("2026-03,0,0,0,0,0,0,0,,"))
            #expect(lines.contains("2026-04,0,1,0,0,0,0,1,,"))
            #expect(lines.contains("2026-10,0,0,0,0,1,0,1,,"))
            #expect(lines.last == "2026-11,3,2,1,1,2,1,10,50,30")

            // This month so far: the answer at midnight GMT on 1 December; the year to it drops December 2025.
            let december = try await officer.get("/staff/fft?month=2026-12").body
            #expect(december.contains("Result in December 2026 so far"))
            #expect(december.contains("Answers received from 1 December 2026 to today, the month so far"))
            #expect(december.contains("1 answer, too few for a share"))
            let decemberCSV = try await officer.get("/staff/fft/months.csv?month=2026-12").body
            #expect(decemberCSV.contains("\r\n2026-01,") && !decemberCSV.contains("2025-12"))
            #expect(decemberCSV.hasSuffix("\r\n2026-12,1,0,0,0,0,0,1,,\r\n"))
            // Each month of the table opens that month.
            #expect(december.contains("href=\"/staff/fft?month=2026-04\">April 2026</a>"))
        }
    }

    @Test("narrowed to an organisation, a place or a service", arguments: TestDatabase.all)
    func filters(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(Self.today)
            let seeded = try await Self.seed(on: app.db)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let trust = seeded.emergency.$organisation.id.uuidString
            let trustCSV = try await officer.get("/staff/fft/return.csv?organisation=\(trust)").body
            #expect(trustCSV.contains("Emergency department") && trustCSV.contains("Maternity unit"))
            #expect(!trustCSV.contains("Outpatients"))
            let northtown = try await officer.get("/staff/fft?place=northtown").body
            #expect(northtown.contains("2 answers, too few for a share"))
            #expect(northtown.contains("for Northtown."))
            let both = try await officer.get(
                "/staff/fft/return.csv?organisation=\(seeded.council.id!.uuidString)&place=northtown"
            ).body
            #expect(
                both.hasSuffix(
                    "\r\n2026-11,,Northtown Council,Northtown,Outpatients,0,0,0,0,0,0,0,,," + Self.noModes + "\r\n"))
            let maternity = try await officer.get("/staff/fft?service=\(seeded.maternity.id!.uuidString)").body
            #expect(maternity.contains("for Maternity unit, Northtown."))
            #expect(maternity.contains("<option value=\"\(seeded.maternity.id!.uuidString)\" selected>"))

            // A service another organisation runs is dropped with a notice, as is a month that names nothing.
            let wrong = try await officer.get(
                "/staff/fft?organisation=\(seeded.council.id!.uuidString)&service=\(seeded.emergency.id!.uuidString)"
            ).body
            #expect(
                wrong.contains(
                    "Emergency department is not run by Northtown Council, so the results are not narrowed to that service."
                ))
            let badMonth = try await officer.get("/staff/fft?month=2026-13").body
            #expect(
                badMonth.contains(
                    "\"2026-13\" is not a month (write it as 2026-11), so the page shows November 2026."))
            #expect(badMonth.contains("<strong>10</strong> answers"))
            let future = try await officer.get("/staff/fft?month=2027-01").body
            #expect(future.contains("January 2027 has not started yet, so the page shows November 2026."))
            let unknown = try await officer.get("/staff/fft?organisation=nobody&place=nowhere").body
            #expect(unknown.contains("There is no organisation \"nobody\""))
            #expect(unknown.contains("There is no place \"nowhere\""))
            #expect(try await officer.get("/staff/fft/other.csv").status == .notFound)

            // A month before the current question, however far back, gives a notice, not a page of zeros (nor a crash).
            for (month, title) in [("2019-05", "May 2019"), ("0000-01", "January 0")] {
                let old = try await officer.get("/staff/fft?month=\(month)")
                #expect(old.status == .ok)
                #expect(
                    old.body.contains(
                        "\(title) is before April 2020, when the FFT's current question began (answers to the old"))
            }
            // The year to May 2020 starts at April 2020: no months of the old question read as nobody answering.
            let early = try await officer.get("/staff/fft/months.csv?month=2020-05").body
            #expect(early.hasSuffix("\r\n2020-04,0,0,0,0,0,0,0,,\r\n2020-05,0,0,0,0,0,0,0,,\r\n"))
            #expect(early.split(separator: "\r\n").count == 3)

            // A download never widens what was asked for: a program reading it would not see a notice.
            let typo = try await officer.get("/staff/fft/return.csv?organisation=typo&month=2027-05")
            #expect(typo.status == .unprocessableEntity)
            #expect(typo.body.contains("Nothing was downloaded. May 2027 has not started yet."))
            #expect(typo.body.contains("There is no organisation \"typo\"."))
            let soFar = try await officer.get("/staff/fft/months.csv?month=2026-12")
            #expect(
                soFar.headers.first(name: .contentDisposition)?.contains("heard-fft-months-to-2026-12-so-far.csv")
                    == true)

            // Organisation and place together with no service there: said, not shown as a gap in collection.
            let none = try await officer.get(
                "/staff/fft?organisation=\(seeded.council.id!.uuidString)&place=\(try #require(try await Place.query(on: app.db).filter(\.$slug != "northtown").first()).slug)"
            ).body
            #expect(none.contains("There are no services for Northtown Council, Calderdale yet."))
        }
    }

    @Test("the poor answers a click away, and only for staff who see feedback", arguments: TestDatabase.all)
    func linksAndAccess(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(Self.today)
            let seeded = try await Self.seed(on: app.db)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let page = try await officer.get("/staff/fft").body
            let poor =
                "/staff/feedback?from=2026-11-01&amp;to=2026-11-30&amp;answer=poor-or-very-poor&amp;words=with"
                + "&amp;status=not-rejected"
            #expect(page.contains("href=\"\(poor)\""))
            // November's poor and very poor answers as the page counts them: not the rejected very poor.
            let list = try await officer.get(poor.replacingOccurrences(of: "&amp;", with: "&")).body
            #expect(list.contains("<p>3 items</p>") && !list.contains("HRD-FFTM9"))
            // A trust lead's usual view, one organisation: the link narrows the list to it too.
            let council = seeded.council.id!.uuidString
            let councilPage = try await officer.get("/staff/fft?organisation=\(council)").body
            #expect(!councilPage.contains("Read what people who answered poor"), "the council had no answers")
            let trust = seeded.emergency.$organisation.id.uuidString
            let trustPage = try await officer.get("/staff/fft?organisation=\(trust)").body
            let trustPoor = "/staff/feedback?organisation=\(trust)&amp;from=2026-11-01"
            #expect(trustPage.contains("href=\"\(trustPoor)"))
            let trustList = try await officer.get(
                "/staff/feedback?organisation=\(trust)&from=2026-11-01&to=2026-11-30&answer=poor-or-very-poor"
                    + "&words=with&status=not-rejected"
            ).body
            #expect(trustList.contains("<p>3 items</p>"))
            #expect(trustList.contains("<option value=\"\(trust)\" selected>"))
            let councilList = try await officer.get("/staff/feedback?organisation=\(council)").body
            #expect(councilList.contains("<p>0 items</p>"))
            let unknown = try await officer.get("/staff/feedback?organisation=nobody").body
            #expect(unknown.contains("<p>0 items</p>") && unknown.contains("nobody"))
            // The dashboard's link keeps its place.
            let dashboard = try await officer.get("/staff").body
            #expect(dashboard.contains("href=\"/staff/fft\""))
            let northtown = try await officer.get("/staff?place=northtown").body
            #expect(northtown.contains("href=\"/staff/fft?place=northtown\""))
            let secretary = try await app.signedInBrowser(.boardSecretary)
            #expect(try await secretary.get("/staff/fft").status == .forbidden)
            #expect(try await secretary.get("/staff/fft/return.csv").status == .forbidden)
        }
    }

    @Test("the same counts through the JSON API, and its 422s", arguments: TestDatabase.all)
    func api(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(Self.today)
            let seeded = try await Self.seed(on: app.db)
            let visitor = app.browser()
            let page = try await visitor.get("/api/v1/fft-results")
            #expect(page.status == .ok)
            let body = try #require(try JSONSerialization.jsonObject(with: Data(page.body.utf8)) as? [String: Any])
            #expect(body["month"] as? String == "2026-11" && body["scope"] as? String == "everywhere")
            #expect(body["from"] as? String == "2026-11-01" && body["to"] as? String == "2026-11-30")
            #expect(body["complete"] as? Bool == true)
            let answers = try #require(body["answers"] as? [String: Any])
            #expect(answers["very_good"] as? Int == 3 && answers["very_poor"] as? Int == 2)
            #expect(answers["total"] as? Int == 10 && answers["percent_very_good_or_good"] as? Int == 50)
            #expect(answers["percent_poor_or_very_poor"] as? Int == 30)
            let services = try #require(body["services"] as? [[String: Any]])
            #expect(
                services.map { $0["name"] as? String } == ["Outpatients", "Emergency department", "Maternity unit"])
            #expect(
                services[0]["organisation_ods_code"] is NSNull
                    && services[1]["organisation_ods_code"] as? String == "RXX")
            let maternity = try #require(services[2]["answers"] as? [String: Any])
            #expect(maternity["total"] as? Int == 2 && maternity["percent_very_good_or_good"] is NSNull)
            // By NHS England's mode of collection, everywhere and for each service, every mode given.
            let modes = try #require(body["modes"] as? [String: Int])
            #expect(
                modes == [
                    "sms_text": 1, "tablet_kiosk": 0, "online": 6, "telephone": 0, "paper_postcard": 3, "other": 0,
                ])
            let emergencyModes = try #require(services[1]["modes"] as? [String: Int])
            #expect(emergencyModes["sms_text"] == 1 && emergencyModes["paper_postcard"] == 3)
            #expect(emergencyModes["online"] == 4 && emergencyModes.count == 6)

            let december = try await visitor.get("/api/v1/fft-results?month=2026-12&place=northtown").body
            let so = try #require(try JSONSerialization.jsonObject(with: Data(december.utf8)) as? [String: Any])
            #expect(so["complete"] as? Bool == false && so["to"] as? String == "2026-12-07")
            #expect(so["scope"] as? String == "place:Northtown")
            #expect((so["answers"] as? [String: Any])?["total"] as? Int == 1)

            for (query, message) in [
                ("month=November", "Give the month as YYYY-MM, for example 2026-11."),
                ("month=2027-01", "January 2027 has not started yet."),
                (
                    "place=northtown&service=\(seeded.emergency.id!.uuidString)",
                    "Emergency department is in Calderdale, not Northtown."
                ),
                (
                    "organisation=\(seeded.council.id!.uuidString)&service=\(seeded.maternity.id!.uuidString)",
                    "Maternity unit is not run by Northtown Council."
                ),
                ("month=2020-03", "March 2020 is before April 2020, when the FFT's current question began"),
                ("month=0000-01", "January 0 is before April 2020"),
            ] {
                let refused = try await visitor.get("/api/v1/fft-results?" + query)
                #expect(refused.status == .unprocessableEntity, "\(query)")
                #expect(refused.body.contains(message), "\(query)")
            }
        }
    }

    @Test(
        "a service that moved keeps its answers where they were recorded, so the rows add up",
        arguments: TestDatabase.all)
    func movedService(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(Self.today)
            let seeded = try await Self.seed(on: app.db)
            // The maternity unit passes to the council after November.
            seeded.maternity.$organisation.id = seeded.council.id!
            try await seeded.maternity.save(on: app.db)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let trust = seeded.emergency.$organisation.id.uuidString
            let trustReturn = try await officer.get("/staff/fft/return.csv?organisation=\(trust)").body
            #expect(
                trustReturn.hasSuffix(
                    "2026-11,RXX,Riverside Test Trust,Calderdale,Emergency department,3,1,1,1,1,1,8,50,25,"
                        + "1,0,4,0,3,0,4,3,0,0,0,0,1,0,0,0\r\n"
                        + "2026-11,RXX,Riverside Test Trust,Northtown,Maternity unit,0,1,0,0,1,0,2,,,"
                        + "0,0,2,0,0,0,2,0,0,0,0,0,0,0,0,0\r\n"
                ))
            let trustPage = try await officer.get("/staff/fft?organisation=\(trust)").body
            #expect(trustPage.contains("<strong>10</strong> answers"), "the headline is the rows' sum")
            // Under the council now, it collected nothing in November there.
            let council = try await officer.get("/staff/fft/return.csv?organisation=\(seeded.council.id!.uuidString)")
                .body
            #expect(
                council.contains(
                    "2026-11,,Northtown Council,Northtown,Maternity unit,0,0,0,0,0,0,0,,," + Self.noModes + "\r\n"))
            let everything = try await officer.get("/staff/fft/return.csv").body
            #expect(!everything.contains("Northtown Council,Northtown,Maternity unit"), "answered under the trust")
        }
    }
}
