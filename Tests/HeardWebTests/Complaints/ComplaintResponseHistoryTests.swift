import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// Reopening keeps the first regulation 14 response as sent: its text on the case page, its date and finding in
/// the figures, CSV and API, whatever follows; the further response is reported beside it.
@Suite("Complaints: the first response is kept when reopened")
struct ComplaintResponseHistoryTests {
    @Test(
        "a reopened response stays on the page, in the figures, CSV and API; the further one is reported beside it",
        arguments: TestDatabase.all)
    func firstResponseKept(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let clock = TestClock(SimpleDate(iso: "2026-12-10")!)
            app.app.decisionClock = DecisionClock { clock.today }
            let (service, place) = try await Fixtures.service(on: app.db)
            let complaint = try await ComplaintFixtures.complaint(
                "HRD-FIRST001", receivedOn: "2026-06-01", acknowledgedOn: "2026-06-02", respondedOn: "2026-12-07",
                service: service, place: place, on: app.db)
            complaint.outcome = .partlyUpheld
            complaint.conclusions = "The discharge letter was late; the ward now sends it the same day."
            try await complaint.save(on: app.db)
            let handler = try await app.signedInBrowser(.complaintsHandler)
            let path = ComplaintFixtures.path(complaint)
            let period = "from=2026-06-01&to=2026-06-30"
            let before = try await handler.get("/staff/complaints?\(period)").body
            #expect(before.contains("Responded to by the date due</th><td>0 of 1 (0%)"), "due by 30 November 2026")
            #expect(before.contains("Partly upheld</th><td>1 of 1 (100%)"))

            clock.advance(days: 30)  // 9 January 2027
            let reopened = try await handler.post(
                path + "/reopen",
                form: [
                    "reopen_reason": "not_satisfied", "reopened_on": "2027-01-09", "reopen_response_by": "2027-02-01",
                    "reopen_note": "She wants to meet the ward manager.",
                ], tokenFrom: path)
            #expect(reopened.status == .seeOther)
            let kept = try #require(try await ComplaintReopening.query(on: app.db).first())
            #expect(kept.previousConclusions == "The discharge letter was late; the ward now sends it the same day.")
            #expect(kept.previousResponseDue == "2026-11-30")
            let page = try await handler.get(path).body
            #expect(page.contains("First response sent 7 December 2026: partly upheld"))
            #expect(page.contains("The discharge letter was late; the ward now sends it the same day."))
            #expect(page.contains("Due by 30 November 2026 (sent late)"))
            let audit = try #require(
                try await AuditEvent.query(on: app.db).filter(\.$action == "complaint.reopened").first())
            #expect(audit.summary.contains("The first response (7 December 2026) is kept as sent"))

            clock.advance(days: 60)  // 10 March 2027: the further response is overdue, the past figures stand
            let after = try await handler.get("/staff/complaints?\(period)").body
            #expect(after.contains("Responded to by the date due</th><td>0 of 1 (0%)"))
            #expect(after.contains("Partly upheld</th><td>1 of 1 (100%)"))
            let csv = try await handler.get("/staff/complaints.csv?\(period)").body
            #expect(
                csv.contains(
                    "response_expected_by,further_response_due,further_responded_on,further_closed_on,further_outcome"))
            #expect(csv.contains(",2026-11-30,2026-12-07,no,,partly_upheld,,2027-01-09,"))
            #expect(csv.contains(",2027-02-01,,,"), "the further response is due, not sent")
            let item = try #require(
                try await ComplaintFixtures.apiItem("HRD-FIRST001", from: "2026-06-01", to: "2026-06-30", in: app))
            #expect(item["responded_on"] as? String == "2026-12-07")
            #expect(item["outcome"] as? String == "partly_upheld")
            #expect(item["responded_in_time"] as? Bool == false)
            #expect(item["further_response_due"] as? String == "2027-02-01")
            #expect(item["further_responded_on"] is NSNull)
            #expect(item["next_step"] as? String == "explain_delay")

            let further = try await handler.post(
                path + "/respond",
                form: [
                    "responded_on": "2027-03-10", "how_considered": "Met her with the ward manager.",
                    "conclusions": "Nothing more was found.", "outcome": "not_upheld",
                    "remedial_action": "None needed.", "ombudsman_right_given": "yes",
                ], tokenFrom: path)
            #expect(further.status == .seeOther)
            let shown = try await handler.get(path).body
            #expect(shown.contains("Further response sent 10 March 2027"))
            #expect(shown.contains("First response sent 7 December 2026: partly upheld"))
            let last = try await handler.get("/staff/complaints?\(period)").body
            #expect(last.contains("Partly upheld</th><td>1 of 1 (100%)"))
            #expect(last.contains("Not upheld</th><td>0 of 1 (0%)"))
            let csvAfter = try await handler.get("/staff/complaints.csv?\(period)").body
            #expect(csvAfter.contains(",2026-12-07,no,,partly_upheld,"))
            #expect(csvAfter.contains(",2027-02-01,2027-03-10,,not_upheld"))
            // The person's copy of their data holds the first response too.
            let admin = try await app.signedInBrowser(.administrator)
            let copy = try await admin.get("/staff/personal-data/copy.json?reference=HRD-FIRST001")
            let document = try #require(
                try JSONSerialization.jsonObject(with: Data(copy.body.utf8)) as? [String: Any])
            let held = try #require((document["feedback"] as? [[String: Any]])?.first?["complaint"] as? [String: Any])
            let earlier = try #require(held["earlier_responses"] as? [[String: String]])
            #expect(
                earlier.first?["conclusions"] == "The discharge letter was late; the ward now sends it the same day.")
            #expect(held["responded_on"] as? String == "2027-03-10")
        }
    }

    @Test("a closure reopened in error keeps its reason on the page", arguments: TestDatabase.all)
    func closureKept(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(iso: "2027-03-10")!)
            let (service, place) = try await Fixtures.service(on: app.db)
            let complaint = try await ComplaintFixtures.withdrawn(
                "HRD-FIRST002", service: service, place: place, on: app.db)
            let handler = try await app.signedInBrowser(.complaintsHandler)
            let path = ComplaintFixtures.path(complaint)
            let reopened = try await handler.post(
                path + "/reopen",
                form: [
                    "reopen_reason": "closed_in_error", "reopened_on": "2027-03-10", "reopen_response_by": "2027-05-10",
                    "reopen_note": "It was a different complaint she withdrew.",
                ], tokenFrom: path)
            #expect(reopened.status == .seeOther)
            let page = try await handler.get(path).body
            #expect(page.contains("Closed on 1 February 2027 without a response: withdrawn by the complainant"))
            #expect(page.contains("She rang to withdraw it."))
        }
    }
}

/// The response date: never agreed after it ran out, one date for a reopened complaint, and a delay letter that
/// explains lateness without hiding it.
@Suite("Complaints: the response date")
struct ComplaintResponseDateTests {
    @Test(
        "a date agreed at a late acknowledgement is refused; an extension agreed in time can be entered afterwards",
        arguments: TestDatabase.all)
    func agreedTooLate(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(iso: "2026-07-20")!)
            let (service, place) = try await Fixtures.service(on: app.db)
            let late = try await ComplaintFixtures.complaint(
                "HRD-AGREE001", receivedOn: "2026-01-05", service: service, place: place, on: app.db)
            let handler = try await app.signedInBrowser(.complaintsHandler)
            let path = ComplaintFixtures.path(late)
            let refused = try await handler.post(
                path + "/acknowledge",
                form: [
                    "acknowledged_on": "2026-07-20", "acknowledgement_note": "Phoned to apologise.",
                    "agreed_response_by": "2026-09-01",
                ], tokenFrom: path)
            #expect(refused.status == .unprocessableEntity)
            #expect(
                refused.body.contains(
                    "The six months for the response ran out on 4 July 2026, before this acknowledgement (20 July 2026)"
                ))
            #expect(try await Complaint.find(late.id, on: app.db)?.acknowledgedOn == nil)
            let acknowledged = try await handler.post(
                path + "/acknowledge",
                form: ["acknowledged_on": "2026-07-20", "acknowledgement_note": "Phoned to apologise."],
                tokenFrom: path)
            #expect(acknowledged.status == .seeOther)
            let item = try #require(
                try await ComplaintFixtures.apiItem("HRD-AGREE001", from: "2026-01-01", to: "2026-01-31", in: app))
            #expect(item["response_due"] as? String == "2026-07-04")
            #expect(item["responded_in_time"] as? Bool == false)

            let inTime = try await ComplaintFixtures.complaint(
                "HRD-AGREE002", receivedOn: "2026-01-05", acknowledgedOn: "2026-01-06", service: service,
                place: place, on: app.db)
            let inTimePath = ComplaintFixtures.path(inTime)
            #expect(try await handler.get(inTimePath).body.contains("Agree a later response date"))
            let afterDue = try await handler.post(
                inTimePath + "/extend",
                form: ["new_response_by": "2026-08-31", "agreed_on": "2026-07-10", "reason": "She is in hospital."],
                tokenFrom: inTimePath)
            #expect(afterDue.status == .unprocessableEntity)
            #expect(afterDue.body.contains("It was agreed on 10 July 2026, after the response was due (4 July 2026)"))
            let entered = try await handler.post(
                inTimePath + "/extend",
                form: ["new_response_by": "2026-08-31", "agreed_on": "2026-07-01", "reason": "She is in hospital."],
                tokenFrom: inTimePath)
            #expect(entered.status == .seeOther)
            let extended = try #require(
                try await ComplaintFixtures.apiItem("HRD-AGREE002", from: "2026-01-01", to: "2026-01-31", in: app))
            #expect(extended["response_due"] as? String == "2026-08-31")
            #expect(extended["responded_in_time"] is NSNull)
            #expect(extended["overdue"] as? Bool == false)
        }
    }

    @Test(
        "a complaint reopened before its acknowledgement keeps the further response date agreed then, everywhere",
        arguments: TestDatabase.all)
    func reopenedThenAcknowledged(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(iso: "2026-12-02")!)
            let (service, place) = try await Fixtures.service(on: app.db)
            let complaint = try await ComplaintFixtures.complaint(
                "HRD-FURTHER1", receivedOn: "2026-11-01", service: service, place: place, on: app.db)
            complaint.closedOn = "2026-11-02"
            complaint.outcome = .withdrawn
            complaint.closedReason = "Withdrawn by phone."
            try await complaint.save(on: app.db)
            let handler = try await app.signedInBrowser(.complaintsHandler)
            let path = ComplaintFixtures.path(complaint)
            let reopened = try await handler.post(
                path + "/reopen",
                form: [
                    "reopen_reason": "closed_in_error", "reopened_on": "2026-12-01", "reopen_response_by": "2027-02-01",
                    "reopen_note": "The withdrawal was about another complaint.",
                ], tokenFrom: path)
            #expect(reopened.status == .seeOther)
            let page = try await handler.get(path).body
            #expect(page.contains("The further response is due by 1 February 2027, as agreed when it was reopened."))
            #expect(!page.contains("name=\"agreed_response_by\""))
            let refused = try await handler.post(
                path + "/acknowledge",
                form: [
                    "acknowledged_on": "2026-12-02", "acknowledgement_note": "Phoned to talk it through.",
                    "agreed_response_by": "2027-06-04",
                ], tokenFrom: path)
            #expect(refused.status == .unprocessableEntity)
            #expect(
                refused.body.contains("The further response date was agreed when it was reopened (1 February 2027)"))
            let acknowledged = try await handler.post(
                path + "/acknowledge",
                form: ["acknowledged_on": "2026-12-02", "acknowledgement_note": "Phoned to talk it through."],
                tokenFrom: path)
            #expect(acknowledged.status == .seeOther)
            let shown = try await handler.get(path).body
            #expect(shown.contains("Acknowledgement recorded. The further response is due by 1 February 2027."))
            #expect(
                shown.contains(
                    "Due by 1 February 2027 (the further response, as agreed when it was reopened on 1 December 2026)"))
            #expect(shown.contains("Further response due by 1 February 2027"))
            let item = try #require(
                try await ComplaintFixtures.apiItem("HRD-FURTHER1", from: "2026-11-01", to: "2026-11-30", in: app))
            #expect(item["response_due"] as? String == "2027-02-01")
            #expect(item["next_step_due"] as? String == "2027-02-01")
            let csv = try await handler.get("/staff/complaints.csv?from=2026-11-01&to=2026-11-30").body
            #expect(csv.contains(",2027-02-01,2027-02-01,,"), "original and current response due, not yet sent")
        }
    }

    @Test(
        "a delay letter explains a late response without hiding it: page, list, overdue filter, dashboard, CSV and API agree",
        arguments: TestDatabase.all)
    func delayLetterStaysLate(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(iso: "2026-07-01")!)
            let (service, place) = try await Fixtures.service(on: app.db)
            let complaint = try await ComplaintFixtures.complaint(
                "HRD-LATE0001", receivedOn: "2025-12-23", acknowledgedOn: "2025-12-24", service: service,
                place: place, on: app.db)
            let handler = try await app.signedInBrowser(.complaintsHandler)
            let path = ComplaintFixtures.path(complaint)
            let letter = try await handler.post(
                path + "/delay",
                form: [
                    "delay_explained_on": "2026-07-01", "delay_reason": "The ward's records are with an expert.",
                    "response_expected_by": "2026-12-04", "previous_letter": "",
                ], tokenFrom: path)
            #expect(letter.status == .seeOther)
            let page = try await handler.get(path).body
            #expect(
                page.contains(
                    "Due by 22 June 2026 (late; the last day of the six months starting on the day it was received); the latest delay letter said by 4 December 2026"
                ))
            #expect(page.contains("Response late, delay explained: now by 4 December 2026"))
            let overdue = try await handler.get("/staff/complaints?overdue=yes").body
            #expect(overdue.contains("HRD-LATE0001"))
            #expect(try await handler.get("/staff").body.contains("<strong>1</strong> complaint with a step overdue"))
            let item = try #require(
                try await ComplaintFixtures.apiItem("HRD-LATE0001", from: "2025-12-01", to: "2025-12-31", in: app))
            #expect(item["overdue"] as? Bool == true)
            #expect(item["next_step"] as? String == "respond_late")
            #expect(item["response_due"] as? String == "2026-06-22")
            #expect(item["response_expected_by"] as? String == "2026-12-04")
            let csv = try await handler.get("/staff/complaints.csv?from=2025-12-01&to=2025-12-31").body
            #expect(csv.contains(",person_affected,2026-12-04,"), "the delay letter's date in its own column")
        }
    }
}

/// The Ombudsman's time limit in careful words, and a referral dated before local resolution ended.
@Suite("Complaints: going to the Ombudsman")
struct ComplaintOmbudsmanTimingTests {
    @Test(
        "the time limit is worded as the Ombudsman's usual practice and goes once referred; an early referral needs a reason",
        arguments: TestDatabase.all)
    func earlyReferral(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(iso: "2027-06-01")!)
            let (service, place) = try await Fixtures.service(on: app.db)
            let complaint = try await ComplaintFixtures.complaint(
                "HRD-PHSO0001", receivedOn: "2027-01-05", acknowledgedOn: "2027-01-06", respondedOn: "2027-03-01",
                service: service, place: place, on: app.db)
            let handler = try await app.signedInBrowser(.complaintsHandler)
            let path = ComplaintFixtures.path(complaint)
            let page = try await handler.get(path).body
            #expect(
                page.contains(
                    "They can usually take it to the PHSO within 12 months of when they first knew of the problem; the Ombudsman can look at later ones."
                ))
            #expect(!page.contains("can take it to the Ombudsman until"))
            let early = try await handler.post(
                path + "/ombudsman", form: ["ombudsman_referred_on": "2027-02-15"], tokenFrom: path)
            #expect(early.status == .unprocessableEntity)
            #expect(early.body.contains("That is before local resolution ended (1 March 2027)"))
            #expect(early.body.contains("href=\"#field-ombudsman_early_reason\""))
            #expect(try await Complaint.find(complaint.id, on: app.db)?.ombudsmanReferredOn == nil)
            let explained = try await handler.post(
                path + "/ombudsman",
                form: [
                    "ombudsman_referred_on": "2027-02-15",
                    "ombudsman_early_reason": "The PHSO agreed to look at it at once.",
                ], tokenFrom: path)
            #expect(explained.status == .seeOther)
            let audit = try #require(
                try await AuditEvent.query(on: app.db).filter(\.$action == "complaint.ombudsman_referred").first())
            #expect(audit.summary.contains("before local resolution ended: The PHSO agreed to look at it at once."))
            let after = try await handler.get(path).body
            #expect(!after.contains("Ombudsman time limit"), "not once they have gone")

            // A response that was late by then: going to the Ombudsman needs no reason.
            let late = try await ComplaintFixtures.complaint(
                "HRD-PHSO0002", receivedOn: "2026-01-05", acknowledgedOn: "2026-01-06", respondedOn: "2026-08-01",
                service: service, place: place, on: app.db)
            let latePath = ComplaintFixtures.path(late)
            let referred = try await handler.post(
                latePath + "/ombudsman", form: ["ombudsman_referred_on": "2026-07-20"], tokenFrom: latePath)
            #expect(referred.status == .seeOther)
        }
    }
}

/// Plain staff wording on the complaints pages.
@Suite("Complaints: wording")
struct ComplaintWordingTests {
    @Test(
        "findings say no responses yet; the closed list is named plainly; a closure cannot be reopened as 'not satisfied'",
        arguments: TestDatabase.all)
    func wording(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(iso: "2027-03-10")!)
            let (service, place) = try await Fixtures.service(on: app.db)
            let complaint = try await ComplaintFixtures.withdrawn(
                "HRD-WORDS001", service: service, place: place, on: app.db)
            let handler = try await app.signedInBrowser(.complaintsHandler)
            let figures = try await handler.get("/staff/complaints?from=2027-01-01&to=2027-01-31").body
            #expect(figures.contains("Partly upheld</th><td>No responses yet"))
            #expect(!figures.contains("Upheld</th><td>None due yet"))
            let closed = try await handler.get("/staff/complaints?show=closed").body
            #expect(closed.contains("Complaints closed without a response (1)"))
            let path = ComplaintFixtures.path(complaint)
            let page = try await handler.get(path).body
            #expect(page.contains("It was closed in error"))
            #expect(!page.contains("not satisfied with the response"))
            let refused = try await handler.post(
                path + "/reopen",
                form: [
                    "reopen_reason": "not_satisfied", "reopened_on": "2027-03-10", "reopen_response_by": "2027-04-10",
                    "reopen_note": "She wants it looked at again.",
                ], tokenFrom: path)
            #expect(refused.status == .unprocessableEntity)
            #expect(
                refused.body.contains("It was closed without a response, so there is no response to be unhappy with"))
        }
    }

    @Test("the staff entry form asks about the person affected in staff words", arguments: TestDatabase.all)
    func staffEntryWording(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(iso: "2027-03-10")!)
            let (service, _) = try await Fixtures.service(on: app.db)
            let handler = try await app.signedInBrowser(.complaintsHandler)
            let form = try await handler.get("/staff/feedback/new/form?service=\(service.id!.uuidString)").body
            #expect(form.contains("The complainant has not asked them yet"))
            #expect(
                form.contains("Their records can only be shared with the complainant once the person affected agrees"))
            #expect(!form.contains("I have not asked them yet"))
            #expect(!form.contains("share their records with you"))
        }
    }
}
