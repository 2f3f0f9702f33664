import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// Gunning G1 and G4 when the decision paper is saved: its meeting must come after the consultation closes, so
/// a meeting that could never approve the decision is refused at once, not only by the approval gate.
@Suite("Decisions: the meeting comes after the consultation closes")
struct DecisionMeetingDateTests {
    @Test(
        "a meeting before or on the closing day is refused with the date and why; one after it is saved; approval before opening says so",
        arguments: TestDatabase.all)
    func meetingAfterClosing(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            // Before the consultation opens on 8 February 2027; it closes on 2 May 2027.
            app.app.decisionClock = .fixed(EIABeforeOpeningWebTests.setUpOn)
            let (initiative, _, decision) = try await EIABeforeOpeningWebTests.consultation(on: app.db)
            try await decision.delete(on: app.db)
            let secretary = try await app.signedInBrowser(.boardSecretary)
            let paperPath = DecisionURL.decisionForm(initiative.id!)
            var paper = [
                "title": "Moving the eye clinic", "meeting": "Leeds Place Committee", "meeting_on": "2027-04-15",
                "members_present": "Chair; Sarah Whitaker", "declarations": "None declared.",
                "outcome": "Move the clinic.",
            ]
            let before = try await secretary.post(paperPath, form: paper, tokenFrom: paperPath)
            #expect(before.status == .unprocessableEntity)
            #expect(
                before.body.contains(
                    "The meeting on 15 April 2027 is before the consultation closes on 2 May 2027. Responses must be considered before the decision is made, while the proposal can still change (Gunning G1 and G4), so hold the meeting after 2 May 2027, leaving time to analyse the responses."
                ))
            #expect(before.body.contains("href=\"#field-meeting_on\""), "the error summary links to the date")
            #expect(before.body.contains("value=\"2027-04-15\""), "what was typed is kept")
            paper["meeting_on"] = "2027-05-02"
            let closingDay = try await secretary.post(paperPath, form: paper, tokenFrom: paperPath)
            #expect(closingDay.status == .unprocessableEntity)
            #expect(closingDay.body.contains("The meeting on 2 May 2027 is the day the consultation closes."))
            #expect(try await Decision.query(on: app.db).count() == 0)

            paper["meeting_on"] = "2027-06-10"
            #expect(try await secretary.post(paperPath, form: paper, tokenFrom: paperPath).status == .seeOther)
            let saved = try #require(try await Decision.query(on: app.db).first())
            #expect(saved.meetingOn == "2027-06-10")

            // Sent for approval before the consultation has even opened: the refusal says so, with both dates.
            let approvePath = "/staff/decisions/\(saved.id!.uuidString.lowercased())/approve"
            let early = try await secretary.post(approvePath, form: [:], tokenFrom: "/staff/decisions")
            #expect(early.status == .conflict)
            #expect(
                early.body.contains(
                    "The consultation has not opened yet; it opens on 8 February 2027 and closes on 2 May 2027."))
            #expect(!early.body.contains("still open"))
        }
    }
}
