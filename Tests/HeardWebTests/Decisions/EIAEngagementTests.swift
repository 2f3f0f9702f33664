import Fluent
import Foundation
import HeardDomain
import HeardStorage
import HeardWeb
import Testing

@Suite("The equality impact assessment counts who was reached at involvement activities too")
struct EIAEngagementTests {
    @Test(
        "monitoring forms typed in at the initiative's activities fill in the engagement that reached each group",
        arguments: TestDatabase.all)
    func activityFormsCount(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let clock = TestClock(SimpleDate(year: 2026, month: 12, day: 4))
            app.app.decisionClock = DecisionClock { clock.today }
            let (_, place) = try await Fixtures.service(on: app.db)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let initiative = Initiative(
                title: "Stroke rehabilitation at home", what: "Rehabilitation at home", why: "People recover better",
                affectsServices: true, substantialVariation: false, decisionBody: "Calderdale Place Committee",
                targetDate: nil)
            try await initiative.create(on: app.db)
            let activity = InvolvementActivity(
                initiativeID: initiative.id, placeID: place.id!, kind: .communityMeeting,
                title: "Stroke survivors' group", heldOn: SimpleDate(year: 2026, month: 11, day: 20),
                venue: "Halifax library", attendees: 12)
            try await activity.create(on: app.db)
            let other = InvolvementActivity(
                initiativeID: nil, placeID: place.id!, kind: .communityMeeting, title: "Unrelated drop-in",
                heldOn: SimpleDate(year: 2026, month: 11, day: 21), venue: "Halifax library", attendees: 9)
            try await other.create(on: app.db)
            let path = "/staff/activities/\(activity.id!.uuidString.lowercased())"
            for (index, sex) in [
                "female", "female", "male", "female", "male", "female", "female", "female",
                "female", "male", "female", "male",
            ].enumerated() {
                // Three also say they are pregnant: a count the assessment must not publish.
                let form = index < 3 ? ["eq-sex": sex, "eq-pregnancy": "yes"] : ["eq-sex": sex]
                #expect(try await officer.post(path + "/monitoring", form: form, tokenFrom: path).status == .seeOther)
            }
            let otherPath = "/staff/activities/\(other.id!.uuidString.lowercased())"
            for _ in 1...9 {
                _ = try await officer.post(otherPath + "/monitoring", form: ["eq-sex": "male"], tokenFrom: otherPath)
            }
            let eia = try await officer.get("/staff/initiatives/\(initiative.id!.uuidString.lowercased())/eia")
            #expect(eia.status == .ok)
            #expect(eia.body.contains("12 people answered (12 at involvement activities)."), "only this initiative's")
            // 3 answered about pregnancy, all "yes": the total would say how many are pregnant, so it is not given.
            #expect(!eia.body.contains("3 people answered"))
            #expect(eia.body.contains("How many answered is not shown, to protect a small group."))
        }
    }

    @Test(
        "the split between the consultation and activities is not given when one part is small: the total would give it away",
        arguments: TestDatabase.all)
    func noSplitBySubtraction(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(year: 2026, month: 12, day: 4))
            let (_, place) = try await Fixtures.service(on: app.db)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let initiative = Initiative(
                title: "Eye clinic move", what: "Move the eye clinic", why: "Space", affectsServices: true,
                substantialVariation: false, decisionBody: "Calderdale Place Committee", targetDate: nil)
            try await initiative.create(on: app.db)
            let consultation = Consultation(
                initiativeID: initiative.id!, title: "Eye clinic", background: "b", options: "o",
                discardedAlternatives: "d", reasons: "r", opensOn: SimpleDate(year: 2026, month: 10, day: 1),
                closesOn: SimpleDate(year: 2026, month: 11, day: 30))
            try await consultation.create(on: app.db)
            for index in 0..<26 {
                try await EqualityResponse(
                    contextType: "consultation", contextID: consultation.id!, placeID: place.id!,
                    answers: #"{"sex":"\#(index % 2 == 0 ? "female" : "male")"}"#
                ).create(on: app.db)
            }
            let activity = InvolvementActivity(
                initiativeID: initiative.id, placeID: place.id!, kind: .focusGroup, title: "Eye clinic focus group",
                heldOn: SimpleDate(year: 2026, month: 11, day: 20), venue: "Halifax library", attendees: 6)
            try await activity.create(on: app.db)
            let path = "/staff/activities/\(activity.id!.uuidString.lowercased())"
            let form = ["eq-sex": "female"]
            #expect(try await officer.post(path + "/monitoring", form: form, tokenFrom: path).status == .seeOther)

            let eia = try await officer.get("/staff/initiatives/\(initiative.id!.uuidString.lowercased())/eia").body
            // 27 in all and 26 from the consultation would say one person came to the focus group.
            #expect(eia.contains("27 people answered (from the consultation and involvement activities together)."))
            #expect(!eia.contains("26 from the consultation"))
            #expect(!eia.contains("a number not shown"))

            // With 5 more at the focus group, both parts can be given.
            for _ in 0..<5 {
                #expect(try await officer.post(path + "/monitoring", form: form, tokenFrom: path).status == .seeOther)
            }
            let more = try await officer.get("/staff/initiatives/\(initiative.id!.uuidString.lowercased())/eia").body
            #expect(more.contains("32 people answered (26 from the consultation, 6 at involvement activities)."))

            // A draft whose box already holds words keeps them, with the figures as they stand now under it.
            try await EqualityAssessment(
                initiativeID: initiative.id!, whoAffected: "Eye clinic patients",
                entries: [
                    "sex": .init(
                        evidence: "", engagement: "Consultation and listening events.", impact: "", mitigations: "",
                        actions: "")
                ], status: .draft
            ).create(on: app.db)
            let draft = try await officer.get("/staff/initiatives/\(initiative.id!.uuidString.lowercased())/eia").body
            #expect(draft.contains("Consultation and listening events."))
            #expect(
                draft.contains(
                    "What the monitoring forms show now: 32 people answered (26 from the consultation, 6 at involvement activities)."
                ))
        }
    }
}
