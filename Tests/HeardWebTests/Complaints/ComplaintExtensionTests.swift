import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// Regulation 14(4)(b): a longer period agreed with the complainant before the current one runs out.
@Suite("Complaint response dates agreed later")
struct ComplaintExtensionTests {
    @Test(
        "more time agreed before the response is due moves the due date; once it has passed, a delay letter is needed instead",
        arguments: TestDatabase.all)
    func agreedExtension(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let clock = TestClock(SimpleDate(iso: "2026-12-04")!)
            app.app.decisionClock = DecisionClock { clock.today }
            let (service, place) = try await Fixtures.service(on: app.db)
            let complaint = try await ComplaintFixtures.complaint(
                "HRD-EXTEND01", receivedOn: "2026-12-01", acknowledgedOn: "2026-12-02",
                agreedResponseBy: "2027-01-15", service: service, place: place, on: app.db)
            let handler = try await app.signedInBrowser(.complaintsHandler)
            let path = ComplaintFixtures.path(complaint)
            #expect(try await handler.get(path).body.contains("Agree a later response date"))
            func extend(
                _ newDate: String, agreedOn: String = "2026-12-04",
                reason: String = "The ward's records take longer to get."
            )
                async throws -> TestBrowser.Page
            {
                try await handler.post(
                    path + "/extend", form: ["new_response_by": newDate, "agreed_on": agreedOn, "reason": reason],
                    tokenFrom: path)
            }
            let notLater = try await extend("2027-01-10")
            #expect(notLater.status == .unprocessableEntity)
            #expect(
                notLater.body.contains("The new date must be after the date the response is due now (15 January 2027).")
            )
            let future = try await extend("2027-02-15", agreedOn: "2026-12-05")
            #expect(future.body.contains("The date it was agreed must be between"))
            let noReason = try await extend("2027-02-15", reason: "")
            #expect(noReason.body.contains("Say why more time was agreed."))
            let vague = try await extend("2027-02-15", reason: "Records delay")
            #expect(vague.status == .unprocessableEntity)
            #expect(
                vague.body.contains(
                    "Say why more time was agreed, in a sentence someone reading the complaint's record later can follow (at least 3 words)."
                ), "kept with the record, not published")
            #expect(try await Complaint.find(complaint.id, on: app.db)?.agreedResponseBy == "2027-01-15")

            let agreed = try await extend("2027-02-15")
            #expect(agreed.status == .seeOther)
            #expect(try await Complaint.find(complaint.id, on: app.db)?.agreedResponseBy == "2027-02-15")
            #expect(
                try await handler.get(path).body.contains(
                    "New response date recorded. The response is now due by 15 February 2027."))
            let audit = try #require(
                try await AuditEvent.query(on: app.db).filter(\.$action == "complaint.response_date_agreed").first())
            #expect(audit.summary.contains("by 15 February 2027"))

            // Each agreement is shown with the date it replaced, and the acknowledgement's note is flagged as
            // written before the date moved.
            let second = try await extend("2027-02-20", reason: "The consultant is away until February.")
            #expect(second.status == .seeOther)
            let shown = try await handler.get(path).body
            #expect(shown.contains("Later response dates agreed"))
            #expect(
                shown.contains(
                    "Agreed with the complainant on 4 December 2026 to move the response from 15 January 2027 to 15 February 2027: The ward"
                ))
            #expect(
                shown.contains(
                    "Agreed with the complainant on 4 December 2026 to move the response from 15 February 2027 to 20 February 2027: The consultant is away until February."
                ))
            #expect(
                shown.contains(
                    "A later response date has been agreed since: now due by 20 February 2027 (see below)."))
            #expect(
                shown.contains(
                    "20 February 2027 (a later date agreed with the complainant; it was first due by 15 January 2027)"))
            #expect(try await ComplaintExtension.query(on: app.db).count() == 2)
            let csv = try await handler.get("/staff/complaints.csv?from=2026-12-01&to=2026-12-31").body
            #expect(csv.contains("acknowledged_in_time,original_response_due,response_due,responded_on"))
            #expect(csv.contains("HRD-EXTEND01,2026-12-01,"))
            #expect(csv.contains(",yes,2027-01-15,2027-02-20,"), "the date first due, then the one agreed")
            // The API gives the same dates, and each agreement (without its reason, which may describe the person).
            let item = try #require(
                try await ComplaintFixtures.apiItem("HRD-EXTEND01", from: "2026-12-01", to: "2026-12-31", in: app))
            #expect(item["original_response_due"] as? String == "2027-01-15")
            #expect(item["response_due"] as? String == "2027-02-20")
            let agreements = try #require(item["extensions"] as? [[String: String]])
            #expect(agreements.map { $0["from"] } == ["2027-01-15", "2027-02-15"])
            #expect(agreements.map { $0["to"] } == ["2027-02-15", "2027-02-20"])
            #expect(agreements.allSatisfy { $0["agreed_on"] == "2026-12-04" && $0.count == 3 })

            // Once the date has passed, more time agreed since is a delay letter's to give, not an agreement's;
            // what counts is the day it was agreed, so the form stays for one agreed in time and entered late.
            clock.advance(days: 85)  // 27 February 2027
            #expect(try await handler.get(path).body.contains("even if you are entering it later"))
            let late = try await extend("2027-03-31", agreedOn: "2027-02-27")
            #expect(late.status == .unprocessableEntity)
            #expect(late.body.contains("after the response was due (20 February 2027), so it is late"))
            #expect(late.body.contains("Record a delay letter saying why, instead."))
        }
    }
}
