import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// Regulation 14 delay letters: only once the response is due, dated on or after the due date and not in the
/// future, each with a new response date; every letter is kept, and the clock runs to the new date.
@Suite("Complaint delay letters")
struct ComplaintDelayLetterTests {
    @Test(
        "refused before the due date, kept as history, and needed again when the new date passes",
        arguments: TestDatabase.all)
    func delayLetters(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let clock = TestClock(SimpleDate(iso: "2026-08-20")!)
            app.app.decisionClock = DecisionClock { clock.today }
            let (service, place) = try await Fixtures.service(on: app.db)
            let complaint = try await ComplaintFixtures.complaint(
                "HRD-DELAY001", receivedOn: "2026-06-01", acknowledgedOn: "2026-06-03",
                agreedResponseBy: "2026-09-01", service: service, place: place, on: app.db)
            let handler = try await app.signedInBrowser(.complaintsHandler)
            let path = ComplaintFixtures.path(complaint)
            func letter(
                _ sent: String, expected: String, reason: String = "Waiting for the ward's records."
            )
                async throws -> TestBrowser.Page
            {
                try await handler.post(
                    path + "/delay",
                    form: ["delay_explained_on": sent, "delay_reason": reason, "response_expected_by": expected],
                    tokenFrom: path)
            }

            #expect(!(try await handler.get(path).body.contains("write to say why")), "no delay form before it is due")
            let early = try await letter("2026-08-20", expected: "2026-10-01")
            #expect(early.status == .unprocessableEntity)
            #expect(early.body.contains("The response is not late: it is due by 1 September 2026."))

            clock.advance(days: 12)  // 1 September 2026: due today, so a letter may be recorded
            #expect(try await handler.get(path).body.contains("The response is late: write to say why"))
            let beforeDue = try await letter("2026-08-31", expected: "2026-10-01")
            #expect(beforeDue.status == .unprocessableEntity)
            #expect(beforeDue.body.contains("cannot be dated before the response was due (1 September 2026)"))
            let future = try await letter("2026-09-02", expected: "2026-10-01")
            #expect(future.body.contains("cannot be dated in the future"))
            let noDate = try await letter("2026-09-01", expected: "")
            #expect(noDate.body.contains("Enter the date the letter says you now expect to respond by"))
            let tooFar = try await letter("2026-09-01", expected: "2027-03-02")
            #expect(tooFar.body.contains("Check the date: that is more than 6 months after the response was due"))
            let notAfter = try await letter("2026-09-01", expected: "2026-09-01")
            #expect(notAfter.body.contains("The new response date must be after the date it was due"))
            #expect(try await ComplaintDelayLetter.query(on: app.db).count() == 0, "nothing refused was saved")

            let first = try await letter("2026-09-01", expected: "2026-10-01")
            #expect(first.status == .seeOther)
            let afterFirst = try await handler.get(path)
            #expect(afterFirst.body.contains("Delay letter recorded. The response is now due by 1 October 2026."))
            #expect(afterFirst.body.contains("Next step</dt><dd>Respond"))
            #expect(afterFirst.body.contains("Response now expected by 1 October 2026."))
            #expect(!afterFirst.body.contains("write to say why"))
            // A second letter does not overwrite the first: not until the new date is due.
            let second = try await letter(
                "2026-09-01", expected: "2026-11-01", reason: "Still waiting for the records.")
            #expect(second.status == .unprocessableEntity)
            #expect(second.body.contains("The response is not late: it is due by 1 October 2026."))

            clock.advance(days: 31)  // 2 October 2026: the new date has passed without a response
            #expect(try await handler.get("/staff/complaints").body.contains("Response overdue: write to say why"))
            let again = try await letter("2026-10-02", expected: "2026-11-02", reason: "The consultant is on leave.")
            #expect(again.status == .seeOther)
            let letters = try await ComplaintDelayLetter.query(on: app.db).sort(\.$sentOn).all()
            #expect(letters.map(\.sentOn) == ["2026-09-01", "2026-10-02"])
            #expect(letters.map(\.responseExpectedBy) == ["2026-10-01", "2026-11-02"])
            let page = try await handler.get(path)
            #expect(
                page.body.contains("Waiting for the ward&#39;s records.")
                    || page.body.contains("Waiting for the ward's records."))
            #expect(page.body.contains("The consultant is on leave."))
            let saved = try #require(try await Complaint.find(complaint.id, on: app.db))
            #expect(saved.clock.responseDue == SimpleDate(iso: "2026-11-02"))
            #expect(saved.clock.originalResponseDue == SimpleDate(iso: "2026-09-01"))
            let audited = try await AuditEvent.query(on: app.db).filter(\.$action == "complaint.delay_explained")
                .count()
            #expect(audited == 2)
        }
    }
}
