import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// A complaint needs a way to reply before it is opened from feedback, and can be closed without a response
/// (withdrawn, not taken on, opened in error) with a reason, out of the response figures.
@Suite("Opening and closing complaints")
struct ComplaintOpenAndCloseTests {
    @Test(
        "escalating feedback with no contact details is refused unless the moderator adds them",
        arguments: TestDatabase.all)
    func escalationNeedsContact(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, place) = try await Fixtures.service(on: app.db)
            let item = try await ScaleQueryTests.item(
                "HRD-NOCONTCT", service: service, place: place, themes: [], status: .awaitingModeration,
                receivedDaysAgo: 1, on: app.db)
            let moderator = try await app.signedInBrowser(.moderator)
            let path = SiteURLPaths.moderate(item.id!)
            let page = try await moderator.get(path)
            #expect(page.body.contains("How to reach them (needed to escalate to a complaint)"))
            let refused = try await moderator.post(
                path, form: ["decision": "escalate", "reason": "Asks for an investigation", "published_text": "x"])
            #expect(refused.status == .unprocessableEntity)
            #expect(
                refused.body.contains(
                    "A complaint needs a way to reply: this feedback has no contact details. Record it as feedback, or add how to reach them."
                ))
            #expect(refused.body.contains("href=\"#field-contact_name\""))
            #expect(try await Complaint.query(on: app.db).count() == 0)
            #expect(try await FeedbackItem.find(item.id, on: app.db)?.status == .awaitingModeration)
            let badEmail = try await moderator.post(
                path, form: ["decision": "escalate", "reason": "Asks for an investigation", "contact_email": "nope"])
            #expect(badEmail.status == .unprocessableEntity)
            #expect(badEmail.body.contains("value=\"nope\""), "what was typed is kept")

            let escalated = try await moderator.post(
                path,
                form: [
                    "decision": "escalate", "reason": "Asks for an investigation",
                    "contact_email": "Pat@Example.org",
                ])
            #expect(escalated.status == .seeOther)
            let saved = try #require(try await FeedbackItem.find(item.id, on: app.db))
            #expect(saved.contactEmail == "pat@example.org")
            #expect(try await Complaint.query(on: app.db).count() == 1)
        }
    }

    @Test(
        "closed without a response: reason needed, audited, in the list and CSV, out of the response figures",
        arguments: TestDatabase.all)
    func closeWithoutResponse(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(iso: "2027-01-20")!)
            let (service, place) = try await Fixtures.service(on: app.db)
            let complaint = try await ComplaintFixtures.complaint(
                "HRD-CLOSE001", receivedOn: "2026-06-01", acknowledgedOn: "2026-06-02", service: service,
                place: place, on: app.db)
            let handler = try await app.signedInBrowser(.complaintsHandler)
            let path = ComplaintFixtures.path(complaint)
            #expect(try await handler.get("/staff/complaints?overdue=yes").body.contains("HRD-CLOSE001"))
            #expect(try await handler.get("/staff").body.contains("<strong>1</strong> open complaint<"))
            let moderator = try await app.signedInBrowser(.moderator)
            #expect(!(try await moderator.get("/staff").body.contains("open complaint")), "not waiting for them")

            let vague = try await handler.post(
                path + "/close", form: ["closure": "withdrawn", "closed_reason": "withdrawn"], tokenFrom: path)
            #expect(vague.status == .unprocessableEntity)
            #expect(
                vague.body.contains(
                    "Say why the complaint is closed without a response, in a sentence someone reading the complaint's record later can follow (at least 3 words)."
                ))
            #expect(vague.body.contains("<details class=\"details\" open"), "the form is open at its errors")
            let noChoice = try await handler.post(
                path + "/close", form: ["closure": "upheld", "closed_reason": "She rang to withdraw it."],
                tokenFrom: path)
            #expect(noChoice.body.contains("Choose why it is closed"))

            let closed = try await handler.post(
                path + "/close", form: ["closure": "withdrawn", "closed_reason": "She rang to withdraw it."],
                tokenFrom: path)
            #expect(closed.status == .seeOther)
            let saved = try #require(try await Complaint.find(complaint.id, on: app.db))
            #expect(saved.closedOn == "2027-01-20")
            #expect(saved.outcome == .withdrawn)
            #expect(saved.closedReason == "She rang to withdraw it.")
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "complaint.closed").count() == 1)
            let again = try await handler.post(
                path + "/close", form: ["closure": "openedInError", "closed_reason": "Opened by mistake today."],
                tokenFrom: path)
            #expect(again.status == .conflict)

            #expect(!(try await handler.get("/staff/complaints").body.contains("HRD-CLOSE001")))
            // The dashboard counts the open list it links to: a closed case is not waiting for anyone.
            let waiting = try await handler.get("/staff").body
            #expect(waiting.contains("<strong>0</strong> open complaints"))
            #expect(!(try await handler.get("/staff/complaints?overdue=yes").body.contains("HRD-CLOSE001")))
            #expect(try await handler.get("/staff").body.contains("<strong>0</strong> complaints with a step overdue"))
            let list = try await handler.get("/staff/complaints?show=closed&from=2026-06-01&to=2026-06-30")
            #expect(list.body.contains("HRD-CLOSE001"))
            #expect(list.body.contains("Closed on 20 January 2027: withdrawn by the complainant"))
            #expect(list.body.contains("Closed without a response</th><td>1"))
            #expect(list.body.contains("Responded to by the date due</th><td>None due yet"), "not judged on a response")
            let casePage = try await handler.get(path)
            #expect(casePage.body.contains("She rang to withdraw it."))
            #expect(!casePage.body.contains("Record the written response"))
            // Its response was due on 30 November 2026 and never sent, but a closed complaint has nothing overdue.
            #expect(casePage.body.contains("None: closed on 20 January 2027 without a response"))
            #expect(!casePage.body.contains("overdue"))
            let csv = try await handler.get("/staff/complaints.csv?from=2026-06-01&to=2026-06-30")
            #expect(csv.body.contains(",2026-11-30,,,,withdrawn,2027-01-20"))
            let token = try await StaffTokens.create(
                email: "case-system@test.example", role: .complaintsHandler, name: "case system", on: app.db)
            let api = try await app.browser().get(
                "/api/v1/complaints?from=2026-06-01&to=2026-06-30", headers: [("Authorization", "Bearer \(token)")])
            #expect(api.body.contains("\"next_step\":\"closed\""))
            #expect(api.body.contains("\"closed_on\":\"2027-01-20\""))
            #expect(api.body.contains("\"outcome\":\"withdrawn\""))
            #expect(api.body.contains("\"responded_in_time\":null"), "not judged on a response it never needed")
            let closedOnly = try await app.browser().get(
                "/api/v1/complaints?status=closed&from=2026-06-01&to=2026-06-30",
                headers: [("Authorization", "Bearer \(token)")])
            #expect(closedOnly.body.contains("HRD-CLOSE001"))
            let open = try await app.browser().get(
                "/api/v1/complaints?status=open&from=2026-06-01&to=2026-06-30",
                headers: [("Authorization", "Bearer \(token)")])
            #expect(open.status == .ok)
            #expect(!open.body.contains("HRD-CLOSE001"), "a closed complaint is not open")
        }
    }

    @Test(
        "closed without an acknowledgement after it was due: still counted as missed in the list, CSV and API",
        arguments: TestDatabase.all)
    func closedAfterMissedAcknowledgement(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            // Received Friday 1 May 2026: with the bank holiday on 4 May, the acknowledgement is due 7 May.
            let (service, place) = try await Fixtures.service(on: app.db)
            _ = try await ComplaintFixtures.complaint(
                "HRD-ACKTIME1", receivedOn: "2026-05-01", acknowledgedOn: "2026-05-05", service: service,
                place: place, on: app.db)
            let missed = try await ComplaintFixtures.complaint(
                "HRD-ACKMISS1", receivedOn: "2026-05-01", service: service, place: place, on: app.db)
            let early = try await ComplaintFixtures.complaint(
                "HRD-ACKEARL1", receivedOn: "2026-05-01", service: service, place: place, on: app.db)
            let handler = try await app.signedInBrowser(.complaintsHandler)
            func close(_ complaint: Complaint) async throws {
                let path = ComplaintFixtures.path(complaint)
                let closed = try await handler.post(
                    path + "/close", form: ["closure": "withdrawn", "closed_reason": "She rang to withdraw it."],
                    tokenFrom: path)
                #expect(closed.status == .seeOther)
            }
            // Withdrawn on 5 May, before the acknowledgement was due: not judged on it.
            app.app.decisionClock = .fixed(SimpleDate(iso: "2026-05-05")!)
            try await close(early)

            app.app.decisionClock = .fixed(SimpleDate(iso: "2026-06-01")!)
            let figure = "Acknowledged within 3 working days</th><td>1 of 2 (50%)"
            let period = "from=2026-05-01&to=2026-05-31"
            #expect(try await handler.get("/staff/complaints?\(period)").body.contains(figure))
            try await close(missed)
            #expect(
                try await handler.get("/staff/complaints?\(period)").body.contains(figure),
                "closing it does not hide the missed acknowledgement")
            #expect(
                try await handler.get(ComplaintFixtures.path(missed)).body.contains(
                    "Not sent by 7 May 2026 (3 working days), so missed; closed on 1 June 2026 without one"))
            #expect(
                try await handler.get(ComplaintFixtures.path(early)).body.contains(
                    "Not sent: closed on 5 May 2026 before it was acknowledged"))

            let csv = try await handler.get("/staff/complaints.csv?\(period)").body
            let rows = csv.split(whereSeparator: \.isNewline).map(String.init)
            let missedRow = try #require(rows.first { $0.hasPrefix("HRD-ACKMISS1,") })
            #expect(missedRow.contains(",2026-05-07,,no,"), "closed on 1 June without one: missed")
            let earlyRow = try #require(rows.first { $0.hasPrefix("HRD-ACKEARL1,") })
            #expect(earlyRow.contains(",2026-05-07,,,"), "withdrawn before it was due: not judged")
            let inTimeRow = try #require(rows.first { $0.hasPrefix("HRD-ACKTIME1,") })
            #expect(inTimeRow.contains(",2026-05-07,2026-05-05,yes,"))

            let token = try await StaffTokens.create(
                email: "case-system@test.example", role: .complaintsHandler, name: "case system", on: app.db)
            let api = try await app.browser().get(
                "/api/v1/complaints?\(period)", headers: [("Authorization", "Bearer \(token)")])
            let json = try #require(try JSONSerialization.jsonObject(with: Data(api.body.utf8)) as? [String: Any])
            let items = try #require(json["items"] as? [[String: Any]])
            func acknowledgedInTime(_ reference: String) throws -> Any? {
                try #require(items.first { $0["reference"] as? String == reference })["acknowledged_in_time"]
            }
            #expect(try acknowledgedInTime("HRD-ACKMISS1") as? Bool == false)
            #expect(try acknowledgedInTime("HRD-ACKEARL1") is NSNull)
            #expect(try acknowledgedInTime("HRD-ACKTIME1") as? Bool == true)
        }
    }

    @Test(
        "'not taken on' needs the event's date, more than 12 months before the complaint arrived",
        arguments: TestDatabase.all)
    func notTakenOnNeedsTheEvent(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(iso: "2026-06-10")!)
            let (service, place) = try await Fixtures.service(on: app.db)
            let complaint = try await ComplaintFixtures.complaint(
                "HRD-LATE0001", receivedOn: "2026-06-01", acknowledgedOn: nil, service: service, place: place,
                on: app.db)
            let handler = try await app.signedInBrowser(.complaintsHandler)
            let path = ComplaintFixtures.path(complaint)
            let page = try await handler.get(path)
            #expect(page.body.contains("id=\"field-closure_event_on\""))
            #expect(page.body.components(separatedBy: "id=\"field-event_on\"").count == 2, "ids stay unique")
            func close(_ event: String) async throws -> TestBrowser.Page {
                try await handler.post(
                    path + "/close",
                    form: [
                        "closure": "not_taken_on", "closed_reason": "Made long after the stay, no reason given.",
                        "closure_event_on": event,
                    ], tokenFrom: path)
            }
            let noDate = try await close("")
            #expect(noDate.status == .unprocessableEntity)
            #expect(noDate.body.contains("Give the date it happened, or if later when they first knew of it"))
            let recent = try await close("2025-09-01")
            #expect(recent.status == .unprocessableEntity)
            #expect(
                recent.body.contains(
                    "arrived within 12 months of 1 September 2025 (when it happened, or if later when they first knew of it), so it must be taken on"
                ))
            #expect(try await Complaint.find(complaint.id, on: app.db)?.closedOn == nil)
            let old = try await close("2025-04-20")
            #expect(old.status == .seeOther)
            let saved = try #require(try await Complaint.find(complaint.id, on: app.db))
            #expect(saved.outcome == .notTakenOn)
            #expect(saved.eventOn == "2025-04-20")
            let closedPage = try await handler.get(path)
            #expect(closedPage.body.contains("20 April 2025 – more than 12 months before; not taken on"))
            #expect(!closedPage.body.contains("taken on because"), "no empty reason line")
        }
    }

    @Test(
        "a complaint taken on with a reason for its lateness cannot then be closed as not taken on",
        arguments: TestDatabase.all)
    func takenOnLateStaysTakenOn(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(iso: "2026-06-10")!)
            let (service, place) = try await Fixtures.service(on: app.db)
            let complaint = try await ComplaintFixtures.complaint(
                "HRD-LATE0002", receivedOn: "2026-06-01", acknowledgedOn: "2026-06-02", service: service, place: place,
                on: app.db)
            complaint.eventOn = "2025-03-01"
            complaint.lateReason = "She was in hospital until May."
            try await complaint.save(on: app.db)
            let handler = try await app.signedInBrowser(.complaintsHandler)
            let path = ComplaintFixtures.path(complaint)
            let page = try await handler.get(path)
            #expect(
                page.body.contains(
                    "1 March 2025 – more than 12 months before; taken on because: She was in hospital until May."))
            #expect(
                page.body.contains(
                    "When it happened, or if later when they first knew of it (needed for “not taken on”)"))
            let refused = try await handler.post(
                path + "/close",
                form: [
                    "closure": "not_taken_on", "closed_reason": "Made long after the surgery.",
                    "closure_event_on": "2025-03-01",
                ], tokenFrom: path)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("cannot then be refused as late"))
            #expect(try await Complaint.find(complaint.id, on: app.db)?.closedOn == nil)
        }
    }
}
