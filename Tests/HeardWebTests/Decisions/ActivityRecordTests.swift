import Fluent
import Foundation
import HeardDomain
import HeardStorage
import HeardWeb
import Testing

@Suite("Activities: no more monitoring forms than people who came")
struct ActivityRecordTests {
    @Test(
        "with 5 people who came, a sixth monitoring form is refused, saying so; the count cannot drop below the forms",
        arguments: TestDatabase.all)
    func monitoringFormsAtMostAttendees(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let clock = TestClock(SimpleDate(year: 2026, month: 12, day: 4))
            app.app.decisionClock = DecisionClock { clock.today }
            let (_, place) = try await Fixtures.service(on: app.db)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let activity = InvolvementActivity(
                initiativeID: nil, placeID: place.id!, kind: .communityMeeting, title: "Drop-in at the library",
                heldOn: SimpleDate(year: 2026, month: 11, day: 20), venue: "Halifax library", attendees: 5)
            try await activity.create(on: app.db)
            let path = "/staff/activities/\(activity.id!.uuidString.lowercased())"
            for _ in 1...5 {
                let saved = try await officer.post(
                    path + "/monitoring", form: ["eq-sex": "female", "eq-age_band": "65-74"], tokenFrom: path)
                #expect(saved.status == .seeOther)
            }
            for _ in 1...2 {
                let refused = try await officer.post(
                    path + "/monitoring", form: ["eq-sex": "male", "eq-age_band": "25-34"], tokenFrom: path)
                #expect(refused.status == .unprocessableEntity)
                #expect(refused.body.contains("5 people came"))
                #expect(refused.body.contains("5 monitoring forms are already typed in"))
                #expect(refused.body.contains("People who came"))
            }
            #expect(try await EqualityResponse.query(on: app.db).count() == 5)

            // Lowering "People who came" below the forms is refused too.
            let edit = path + "/edit"
            let lower = try await officer.post(
                edit,
                form: [
                    "title": "Drop-in at the library", "kind": "community_meeting",
                    "place_id": place.id!.uuidString, "date": "2026-11-20", "venue": "Halifax library",
                    "attendees": "3",
                ], tokenFrom: edit)
            #expect(lower.status == .unprocessableEntity)
            #expect(lower.body.contains("5 equality monitoring forms are typed in for this activity"))
            // Correcting the count upwards lets the next form in.
            let corrected = try await officer.post(
                edit,
                form: [
                    "title": "Drop-in at the library", "kind": "community_meeting",
                    "place_id": place.id!.uuidString, "date": "2026-11-20", "venue": "Halifax library",
                    "attendees": "7",
                ], tokenFrom: edit)
            #expect(corrected.status == .seeOther)
            #expect(
                try await officer.post(
                    path + "/monitoring", form: ["eq-sex": "male", "eq-age_band": "25-34"], tokenFrom: path
                ).status == .seeOther)
        }
    }

    @Test(
        "two monitoring forms in the same groups show every group as fewer than 5, not zeros that say who they are",
        arguments: TestDatabase.all)
    func zerosDoNotGiveAwayASmallGroup(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(year: 2026, month: 12, day: 4))
            let (_, place) = try await Fixtures.service(on: app.db)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let activity = InvolvementActivity(
                initiativeID: nil, placeID: place.id!, kind: .communityMeeting, title: "Carers' coffee morning",
                heldOn: SimpleDate(year: 2026, month: 11, day: 20), venue: "Halifax library", attendees: 12)
            try await activity.create(on: app.db)
            let path = "/staff/activities/\(activity.id!.uuidString.lowercased())"
            for _ in 1...2 {
                let saved = try await officer.post(
                    path + "/monitoring", form: ["eq-sex": "female", "eq-age_band": "75+"], tokenFrom: path)
                #expect(saved.status == .seeOther)
            }
            let page = try await officer.get(path)
            let table = try #require(
                page.body.components(separatedBy: "<caption class=\"table-caption\">Sex: ").dropFirst().first?
                    .components(separatedBy: "</table>").first)
            #expect(table.contains("how many answered is not shown"))
            #expect(!table.contains("\">0</td>") && !table.contains("<td>0</td>"), "no zero beside the hidden pair")
            #expect(table.components(separatedBy: ">fewer than 5</td>").count - 1 >= 2)
        }
    }
}
