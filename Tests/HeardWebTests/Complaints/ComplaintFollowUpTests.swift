import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// After the response or closure: reopening (back in the open and overdue lists with a new agreed date) and
/// the complainant going to the Ombudsman, with its decision; audited, on the page, in the CSV and figures.
@Suite("Complaints reopened and taken to the Ombudsman")
struct ComplaintFollowUpTests {
    @Test(
        "a responded complaint is reopened with a new date, is open again and goes overdue when that passes",
        arguments: TestDatabase.all)
    func reopen(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let clock = TestClock(SimpleDate(iso: "2027-03-10")!)
            app.app.decisionClock = DecisionClock { clock.today }
            let (service, place) = try await Fixtures.service(on: app.db)
            let complaint = try await ComplaintFixtures.complaint(
                "HRD-REOPEN01", receivedOn: "2027-01-05", acknowledgedOn: "2027-01-06", respondedOn: "2027-03-01",
                service: service, place: place, on: app.db)
            let handler = try await app.signedInBrowser(.complaintsHandler)
            let path = ComplaintFixtures.path(complaint)
            let page = try await handler.get(path).body
            #expect(page.contains("Reopen the complaint"))
            #expect(!page.contains("It was closed in error"), "only a closed complaint can have been closed in error")
            #expect(!(try await handler.get("/staff/complaints").body.contains("HRD-REOPEN01")))

            let typed = [
                "reopen_reason": "closed_in_error", "reopened_on": "2027-02-20", "reopen_response_by": "2027-12-01",
                "reopen_note": "tbc",
            ]
            let refused = try await handler.post(path + "/reopen", form: typed, tokenFrom: path)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("It was responded to, not closed"))
            #expect(
                refused.body.contains(
                    "The date it was reopened must be between the day it was responded to (1 March 2027) and today."))
            #expect(refused.body.contains("href=\"#field-reopened_on\""), "the error summary links to the field")
            #expect(refused.body.contains("Say why it is reopened and what happens next"))
            #expect(refused.body.contains("value=\"2027-12-01\""), "what was typed is kept")
            #expect(refused.body.contains("<details class=\"details\" open"), "the form is open to fix")
            let tooFar = try await handler.post(
                path + "/reopen",
                form: [
                    "reopen_reason": "not_satisfied", "reopened_on": "2027-03-10", "reopen_response_by": "2027-12-01",
                    "reopen_note": "She wants a meeting with the ward manager.",
                ], tokenFrom: path)
            #expect(tooFar.body.contains("within six months of the day it was reopened (by 10 September 2027)"))
            #expect(try await Complaint.find(complaint.id, on: app.db)?.respondedOn == "2027-03-01")

            let reopened = try await handler.post(
                path + "/reopen",
                form: [
                    "reopen_reason": "not_satisfied", "reopened_on": "2027-03-10", "reopen_response_by": "2027-04-09",
                    "reopen_note": "She wants a meeting with the ward manager.",
                ], tokenFrom: path)
            #expect(reopened.status == .seeOther)
            let stored = try #require(try await Complaint.find(complaint.id, on: app.db))
            #expect(stored.respondedOn == nil && stored.outcome == nil && stored.agreedResponseBy == "2027-04-09")
            let shown = try await handler.get(path).body
            #expect(shown.contains("Complaint reopened. The further response is due by 9 April 2027."))
            #expect(
                shown.contains(
                    "Reopened on 10 March 2027: the complainant is not satisfied with the response, so local resolution continues. It had been responded to on 1 March 2027 (upheld). Further response due by 9 April 2027. Why: She wants a meeting with the ward manager."
                ))
            #expect(shown.contains("Record the written response"), "a further response can be recorded")
            #expect(!shown.contains("Reopen the complaint"))
            let audit = try #require(
                try await AuditEvent.query(on: app.db).filter(\.$action == "complaint.reopened").first())
            #expect(audit.summary.contains("Reopened HRD-REOPEN01 on 10 March 2027"))
            #expect(try await handler.get("/staff/complaints").body.contains("HRD-REOPEN01"))
            #expect(!(try await handler.get("/staff/complaints?overdue=yes").body.contains("HRD-REOPEN01")))

            clock.advance(days: 31)  // 10 April 2027: the agreed date has passed
            #expect(try await handler.get("/staff/complaints?overdue=yes").body.contains("HRD-REOPEN01"))
            let csv = try await handler.get("/staff/complaints.csv?from=2027-01-01&to=2027-01-31").body
            #expect(csv.contains(",closed_on,reopened_on,ombudsman_referred_on,ombudsman_outcome,ombudsman_outcome_on"))
            #expect(csv.contains(",2027-03-10,,,"), "the day it was reopened")
            let item = try #require(
                try await ComplaintFixtures.apiItem(
                    "HRD-REOPEN01", from: "2027-01-01", to: "2027-01-31", in: app))
            #expect(item["reopened_on"] as? String == "2027-03-10")
            #expect(item["ombudsman_referred_on"] is NSNull)
            let figures = try await handler.get("/staff/complaints?from=2027-01-01&to=2027-01-31").body
            #expect(figures.contains("Reopened after a response or closure</th><td>1</td>"))
        }
    }

    @Test("a complaint closed in error is reopened and needs its response again", arguments: TestDatabase.all)
    func reopenClosed(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(iso: "2027-03-10")!)
            let (service, place) = try await Fixtures.service(on: app.db)
            let complaint = try await ComplaintFixtures.withdrawn(
                "HRD-CLOSED01", service: service, place: place, on: app.db)
            let handler = try await app.signedInBrowser(.complaintsHandler)
            let path = ComplaintFixtures.path(complaint)
            #expect(try await handler.get(path).body.contains("It was closed in error"))
            let reopened = try await handler.post(
                path + "/reopen",
                form: [
                    "reopen_reason": "closed_in_error", "reopened_on": "2027-03-10", "reopen_response_by": "2027-05-10",
                    "reopen_note": "It was a different complaint she withdrew.",
                ], tokenFrom: path)
            #expect(reopened.status == .seeOther)
            let shown = try await handler.get(path).body
            #expect(shown.contains("It had been closed on 1 February 2027 (withdrawn by the complainant)"))
            #expect(shown.contains("Record the written response"))
            #expect(try await Complaint.find(complaint.id, on: app.db)?.closedOn == nil)
        }
    }

    @Test(
        "the Ombudsman referral and decision: refused with messages, then recorded, audited, in the CSV and figures",
        arguments: TestDatabase.all)
    func ombudsman(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(iso: "2027-06-01")!)
            let (service, place) = try await ComplaintOmbudsmanTests.service(.council, on: app.db)
            let complaint = try await ComplaintFixtures.complaint(
                "HRD-OMBUDS01", receivedOn: "2027-01-05", acknowledgedOn: "2027-01-06", respondedOn: "2027-03-01",
                service: service, place: place, on: app.db)
            let handler = try await app.signedInBrowser(.complaintsHandler)
            let path = ComplaintFixtures.path(complaint)
            let page = try await handler.get(path).body
            #expect(page.contains("Local Government and Social Care Ombudsman (LGSCO), record the date here"))

            let future = try await handler.post(
                path + "/ombudsman", form: ["ombudsman_referred_on": "2027-06-02"], tokenFrom: path)
            #expect(future.status == .unprocessableEntity)
            #expect(future.body.contains("The date they went to the Ombudsman must be between"))
            #expect(future.body.contains("value=\"2027-06-02\""))
            let referred = try await handler.post(
                path + "/ombudsman", form: ["ombudsman_referred_on": "2027-04-15"], tokenFrom: path)
            #expect(referred.status == .seeOther)
            #expect(try await handler.get(path).body.contains("Recorded that they went to the LGSCO on 15 April 2027."))

            let bad = try await handler.post(
                path + "/ombudsman-outcome",
                form: ["ombudsman_outcome": "", "ombudsman_outcome_on": "2027-04-01", "ombudsman_note": "Fine"],
                tokenFrom: path)
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.contains("Choose what the Ombudsman decided"))
            #expect(
                bad.body.contains(
                    "must be between the day they went to the Ombudsman (15 April 2027) and today"))
            #expect(bad.body.contains("Say what the Ombudsman found or asked for, in a sentence"))
            let decided = try await handler.post(
                path + "/ombudsman-outcome",
                form: [
                    "ombudsman_outcome": "partly_upheld", "ombudsman_outcome_on": "2027-05-20",
                    "ombudsman_note": "Asked for an apology and a review of respite bookings.",
                ], tokenFrom: path)
            #expect(decided.status == .seeOther)
            let shown = try await handler.get(path).body
            #expect(shown.contains("Partly upheld, on 20 May 2027"))
            #expect(shown.contains("Asked for an apology and a review of respite bookings."))
            #expect(!shown.contains("Record the Ombudsman&#39;s decision") && !shown.contains("Record the decision"))
            let actions = try await AuditEvent.query(on: app.db).filter(\.$objectID == complaint.id!.uuidString)
                .all().map(\.action)
            #expect(actions.contains("complaint.ombudsman_referred") && actions.contains("complaint.ombudsman_outcome"))
            let csv = try await handler.get("/staff/complaints.csv?from=2027-01-01&to=2027-01-31").body
            #expect(csv.contains(",2027-04-15,partly_upheld,2027-05-20"))
            let item = try #require(
                try await ComplaintFixtures.apiItem(
                    "HRD-OMBUDS01", from: "2027-01-01", to: "2027-01-31", in: app))
            #expect(item["ombudsman_referred_on"] as? String == "2027-04-15")
            #expect(item["ombudsman_outcome"] as? String == "partly_upheld")
            #expect(item["ombudsman_outcome_on"] as? String == "2027-05-20")
            let figures = try await handler.get("/staff/complaints?from=2027-01-01&to=2027-01-31").body
            #expect(figures.contains("Taken to the Ombudsman</th><td>1</td>"))
            #expect(figures.contains("Upheld or partly upheld by the Ombudsman</th><td>1 of 1 decided</td>"))
            // Recorded once: a second referral is a stale form.
            let again = try await handler.post(
                path + "/ombudsman", form: ["ombudsman_referred_on": "2027-04-16"], tokenFrom: path)
            #expect(again.status == .conflict)
            #expect(try await Complaint.find(complaint.id, on: app.db)?.ombudsmanReferredOn == "2027-04-15")
        }
    }
}
