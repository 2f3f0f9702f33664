import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// The initiatives and activities lists stay bounded as they grow: filtered, and paged with the filters kept.
@Suite("Initiatives and activities lists")
struct DecisionListsTests {
    @Test(
        "initiatives filter by stage and title, 25 a page; activities by place, kind and time, 50 a page",
        arguments: TestDatabase.all)
    func lists(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(year: 2026, month: 12, day: 4))
            let (_, calderdale) = try await Fixtures.service(on: app.db)
            let leeds = Place(name: "Leeds", slug: "leeds")
            try await leeds.create(on: app.db)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            for index in 1...30 {
                try await Initiative(
                    title: index % 3 == 0 ? "Stroke rehabilitation \(index)" : "Community pharmacy \(index)", what: "",
                    why: "", affectsServices: true, substantialVariation: false, decisionBody: "Board",
                    targetDate: nil, stage: index % 2 == 0 ? .consultation : .idea
                ).create(on: app.db)
            }
            func count(_ path: String, marker: String) async throws -> (Int, String) {
                let page = try await officer.get(path)
                #expect(page.status == .ok, "\(path)")
                return (page.body.components(separatedBy: marker).count - 1, page.body)
            }
            let initiativeRow = "<a href=\"/staff/initiatives/"
            var (rows, body) = try await count("/staff/initiatives", marker: initiativeRow)
            #expect(rows == 25)
            #expect(body.contains("href=\"/staff/initiatives?page=2\""))
            (rows, _) = try await count("/staff/initiatives?page=2", marker: initiativeRow)
            #expect(rows == 5)
            (rows, body) = try await count("/staff/initiatives?q=STROKE&stage=consultation", marker: initiativeRow)
            #expect(rows == 5, "multiples of 6 up to 30")
            #expect(body.contains("Stroke rehabilitation 6<") && !body.contains("Community pharmacy"))
            // A stage that names nothing matches nothing and says so, rather than listing every initiative.
            (rows, body) = try await count("/staff/initiatives?q=stroke&stage=wizard", marker: initiativeRow)
            #expect(rows == 0)
            #expect(body.contains("There is no stage \"wizard\", so nothing matches: choose one from the list."))
            #expect(body.contains("No initiatives match.") && body.contains("value=\"stroke\""))
            (rows, body) = try await count("/staff/initiatives?stage=idea", marker: initiativeRow)
            #expect(rows == 15)
            #expect(body.contains("<option value=\"idea\" selected>") && !body.contains("so nothing matches"))

            // 60 activities: alternate places, kinds in turn, half of them to come.
            let kinds: [ActivityKind] = [.communityMeeting, .onlineSurvey, .workshop]
            for index in 0..<60 {
                try await InvolvementActivity(
                    initiativeID: nil, placeID: index % 2 == 0 ? leeds.id! : calderdale.id!, kind: kinds[index % 3],
                    title: "Activity \(index)",
                    heldOn: SimpleDate(year: 2026, month: 12, day: 4).adding(
                        days: index < 30 ? -(index + 1) * 3 : index),
                    venue: "Hall", attendees: 10
                ).create(on: app.db)
            }
            let activityRow = "<a href=\"/staff/activities/"
            (rows, body) = try await count("/staff/activities", marker: activityRow)
            #expect(rows == 50)
            #expect(body.contains("href=\"/staff/activities?page=2\""))
            #expect(body.contains("In-person activity by place"))
            (rows, _) = try await count("/staff/activities?place=leeds&kind=workshop&when=past", marker: activityRow)
            let expected = (0..<30).filter { $0 % 2 == 0 && $0 % 3 == 2 }.count
            #expect(rows == expected)
            (rows, body) = try await count("/staff/activities?when=upcoming&kind=online_survey", marker: activityRow)
            #expect(rows == (30..<60).filter { $0 % 3 == 1 }.count)
            // A place, kind or time that names nothing matches nothing and says so; valid ones stay chosen.
            (rows, body) = try await count("/staff/activities?place=no-such-place&kind=workshop", marker: activityRow)
            #expect(rows == 0)
            #expect(body.contains("There is no place \"no-such-place\", so nothing matches: choose one from the list."))
            #expect(body.contains("No activities match."))
            #expect(body.contains("<option value=\"workshop\" selected>"))
            (rows, body) = try await count("/staff/activities?kind=picnic", marker: activityRow)
            #expect(rows == 0)
            #expect(body.contains("There is no kind of activity \"picnic\", so nothing matches"))
            (rows, body) = try await count("/staff/activities?when=someday&place=leeds", marker: activityRow)
            #expect(rows == 0)
            #expect(body.contains("There is no \"When\" choice \"someday\", so nothing matches"))
            #expect(body.contains("<option value=\"leeds\" selected>"))
            (rows, body) = try await count("/staff/activities?place=leeds", marker: activityRow)
            #expect(rows == 30 && !body.contains("so nothing matches"))
            // The cadence still counts every in-person activity, whatever the filters show.
            let leedsInPersonLastYear = (0..<30).filter { $0 % 2 == 0 && $0 % 3 != 1 && ($0 + 1) * 3 <= 365 }.count
            #expect(body.contains("Leeds</th><td>"))
            #expect(body.contains("<td>\(leedsInPersonLastYear)</td>"))
        }
    }

    @Test("the public hub lists each consultation under the state its full record gives", arguments: TestDatabase.all)
    func hubGroups(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database, configure: { $0.seedDemoData = true }) { app in
            let hub = try await app.browser().get("/consultations").body
            let today = app.app.decisionClock.today()
            let consultations = try await Consultation.query(on: app.db).all()
            #expect(consultations.count >= 3)
            var states = Set<ConsultationState>()
            for consultation in consultations {
                let bundle = try await InitiativeBundle.load(consultation.$initiative.id, on: app.db)
                let state = try #require(bundle.consultationFacts).state(on: today)
                states.insert(state)
                // The section of the hub that holds this consultation's link.
                let link = "href=\"/consultations/\(consultation.id!.uuidString.lowercased())\""
                let before = try #require(hub.range(of: link)).lowerBound
                let heading = hub[..<before].components(separatedBy: "<h2>").last?.components(separatedBy: "</h2>")
                    .first
                #expect(heading == state.title, "\(consultation.title)")
            }
            #expect(states.count >= 2, "the demo has consultations in more than one state")
        }
    }
}
