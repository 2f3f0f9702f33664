import Fluent
import Foundation
import HeardDomain
import HeardStorage
import HeardWeb
import Testing

@Suite("Activities: a real name and venue")
struct ActivityPlaceholderTests {
    @Test(
        "\".\" or \"tbc\" as an activity's name or venue is refused, with the typed text kept",
        arguments: TestDatabase.all)
    func placeholderTitleAndVenue(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let clock = TestClock(SimpleDate(year: 2026, month: 12, day: 4))
            app.app.decisionClock = DecisionClock { clock.today }
            let (_, place) = try await Fixtures.service(on: app.db)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let refused = try await officer.post(
                "/staff/activities/new",
                form: [
                    "title": ".", "kind": "workshop", "place_id": place.id!.uuidString, "date": "2026-11-20",
                    "venue": "tbc", "attendees": "5",
                ], tokenFrom: "/staff/activities/new")
            #expect(refused.status == .unprocessableEntity)
            #expect(
                refused.body.contains("Enter a name for the activity: &quot;.&quot; is a placeholder")
                    || refused.body.contains("Enter a name for the activity: \".\" is a placeholder"))
            #expect(refused.body.contains("href=\"#field-venue\""))
            #expect(refused.body.contains("value=\"tbc\""), "what was typed is kept")
            let online = try await officer.post(
                "/staff/activities/new",
                form: [
                    "title": "Online survey on evening clinics", "kind": "online_survey",
                    "place_id": place.id!.uuidString, "date": "2026-11-20", "venue": ".", "attendees": "5",
                ], tokenFrom: "/staff/activities/new")
            #expect(online.status == .unprocessableEntity, "a venue given is published, even for an online one")
            #expect(try await InvolvementActivity.query(on: app.db).count() == 0)
            let fine = try await officer.post(
                "/staff/activities/new",
                form: [
                    "title": "Online survey on evening clinics", "kind": "online_survey",
                    "place_id": place.id!.uuidString, "date": "2026-11-20", "venue": "", "attendees": "5",
                ], tokenFrom: "/staff/activities/new")
            #expect(fine.status == .seeOther, "an online activity needs no venue")
        }
    }
}
