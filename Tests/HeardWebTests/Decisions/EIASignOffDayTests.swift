import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

@Suite("A signed-off equality impact assessment keeps its sign-off day")
struct EIASignOffDayTests {
    @Test(
        "saving it again unchanged keeps the day; changing what it says signs it off again today",
        arguments: TestDatabase.all)
    func signOffDay(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let clock = TestClock(SimpleDate(year: 2026, month: 12, day: 4))
            app.app.decisionClock = DecisionClock { clock.today }
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let initiative = Initiative(
                title: "Stroke rehabilitation at home", what: "Rehabilitation at home", why: "People recover better",
                affectsServices: true, substantialVariation: false, decisionBody: "Calderdale Place Committee",
                targetDate: nil)
            try await initiative.create(on: app.db)
            let path = "/staff/initiatives/\(initiative.id!.uuidString.lowercased())/eia"
            var form = [
                "who_affected": "Stroke survivors", "status": "signed_off", "signed_off_by": "Director of Nursing",
                "review_on": "2027-12-31",
            ]
            for characteristic in EqualityAssessmentController.characteristics {
                let slug = EqualityAssessmentController.slug(characteristic)
                form["evidence-" + slug] = "Census 2021."
                form["engagement-" + slug] = "None reached this group: the survey was online only."
                form["impact-" + slug] = "neutral"
            }
            #expect(try await officer.post(path, form: form, tokenFrom: path).status == .seeOther)
            func signedOffOn() async throws -> String? {
                try await EqualityAssessment.query(on: app.db).filter(\.$initiative.$id == initiative.id!).first()?
                    .signedOffOn
            }
            #expect(try await signedOffOn() == "2026-12-04")

            clock.advance(days: 16)
            form["review_on"] = "2028-06-30"
            #expect(try await officer.post(path, form: form, tokenFrom: path).status == .seeOther)
            #expect(try await signedOffOn() == "2026-12-04", "only the review date moved")

            form["who_affected"] = "Stroke survivors and their carers"
            #expect(try await officer.post(path, form: form, tokenFrom: path).status == .seeOther)
            #expect(try await signedOffOn() == "2026-12-20", "what it says changed, so it was signed off again")
        }
    }
}
