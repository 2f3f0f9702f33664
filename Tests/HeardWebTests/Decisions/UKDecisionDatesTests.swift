import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// The decision paper's meeting date and the equality impact assessment's review date are read as every other
/// form date is: `31/12/2027` typed the UK way is that day, and an impossible day is refused at its field in
/// the same words.
@Suite("Decisions: meeting and review dates typed the UK way")
struct UKDecisionDatesTests {
    static let today = PlausibleRecordsTests.today

    @Test(
        "a UK meeting date and review date are stored as the right day; 31/02 is refused at its field",
        arguments: TestDatabase.all)
    func ukDates(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(Self.today)
            let initiative = try await PlausibleRecordsTests.initiative(on: app.db)
            let secretary = try await app.signedInBrowser(.boardSecretary)
            let paperPath = DecisionURL.decisionForm(initiative.id!)
            var paper = [
                "title": "Decision: stroke rehabilitation", "meeting": "ICB board", "meeting_on": "31/02/2027",
                "members_present": "Chair", "declarations": "", "outcome": "Option A is agreed.",
            ]
            let impossible = try await secretary.post(paperPath, form: paper, tokenFrom: paperPath)
            #expect(impossible.status == .unprocessableEntity)
            #expect(
                impossible.body.contains(
                    "<a href=\"#field-meeting_on\">\"31/02/2027\" is not a real date: enter it like 2026-03-31.</a>"),
                "the error summary links the message to the meeting date")
            #expect(impossible.body.contains("value=\"31/02/2027\""), "what was typed is kept")
            #expect(try await Decision.query(on: app.db).count() == 0)
            paper["meeting_on"] = ""
            let empty = try await secretary.post(paperPath, form: paper, tokenFrom: paperPath)
            #expect(empty.body.contains("Enter the meeting date, for example 2027-06-30."))
            paper["meeting_on"] = "14/01/2027"
            #expect(try await secretary.post(paperPath, form: paper, tokenFrom: paperPath).status == .seeOther)
            #expect(try await Decision.query(on: app.db).first()?.meetingOn == "2027-01-14")
            // The same day typed the UK way again is no change.
            paper["meeting_on"] = "14.1.2027"
            #expect(try await secretary.post(paperPath, form: paper, tokenFrom: paperPath).status == .seeOther)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "decision.updated").count() == 0)

            let officer = try await app.signedInBrowser(.engagementOfficer)
            let eiaPath = DecisionURL.eia(initiative.id!)
            var signOff = [
                "who_affected": "Stroke survivors", "status": "signed_off", "signed_off_by": "Director of Nursing",
                "review_on": "31/02/2027",
            ]
            for characteristic in EqualityAssessmentController.characteristics {
                let slug = EqualityAssessmentController.slug(characteristic)
                signOff["evidence-" + slug] = "Census 2021."
                signOff["engagement-" + slug] = "The drop-in at Halifax library."
                signOff["impact-" + slug] = "neutral"
            }
            let badReview = try await officer.post(eiaPath, form: signOff, tokenFrom: eiaPath)
            #expect(badReview.status == .unprocessableEntity)
            #expect(
                badReview.body.contains(
                    "<a href=\"#field-review_on\">\"31/02/2027\" is not a real date: enter it like 2026-03-31.</a>"),
                "the error summary links the message to the review date")
            #expect(badReview.body.contains("value=\"31/02/2027\""), "what was typed is kept")
            #expect(try await EqualityAssessment.query(on: app.db).count() == 0)
            // A UK date is still checked like any other: not today or before.
            signOff["review_on"] = "5/12/2026"
            let todayReview = try await officer.post(eiaPath, form: signOff, tokenFrom: eiaPath)
            #expect(todayReview.body.contains("The review date must be after today"))
            signOff["review_on"] = "31/12/2027"
            #expect(try await officer.post(eiaPath, form: signOff, tokenFrom: eiaPath).status == .seeOther)
            #expect(try await EqualityAssessment.query(on: app.db).first()?.reviewOn == "2027-12-31")
        }
    }
}
