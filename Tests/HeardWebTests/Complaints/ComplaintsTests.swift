import Fluent
import Foundation
import HeardDomain
import HeardStorage
import HeardWeb
import Testing

@Suite("Complaints and their clock")
struct ComplaintsTests {
    @Test(
        "escalated feedback becomes a complaint: acknowledged, a delay letter, a regulation 14 response",
        arguments: TestDatabase.all)
    func complaintJourney(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let clock = TestClock(SimpleDate(year: 2026, month: 12, day: 29))
            app.app.decisionClock = DecisionClock { clock.today }
            let (service, _) = try await Fixtures.service(on: app.db)
            let moderator = try await app.signedInBrowser(.moderator)
            let handler = try await app.signedInBrowser(.complaintsHandler)
            let created = try await app.browser().postJSON(
                "/api/v1/feedback",
                json:
                    #"{"text": "Nobody told us about my father's new medicines when he was sent home. I want this investigated.", "service_id": "\#(service.id!.uuidString)"}"#
            )
            #expect(created.status == .created)
            let item = try #require(try await FeedbackItem.query(on: app.db).first())
            // Received on Christmas Eve 2026 (noon in London): the 25th and 28th are bank holidays.
            item.receivedAt = Date(timeIntervalSince1970: 1_798_113_600)
            item.contactName = "Ruth Adeyemi"
            item.contactPhone = "07700 900123"
            // "Not assigned" names no subject: the complaint file, list, CSV and API show only the real theme.
            item.themes = "Not assigned;Medication"
            try await item.save(on: app.db)

            let moderate = "/staff/moderation/\(item.id!.uuidString.lowercased())"
            let escalated = try await moderator.post(
                moderate, form: ["decision": "escalate", "reason": "Asks for an investigation"])
            #expect(escalated.status == .seeOther)
            let complaint = try #require(try await Complaint.query(on: app.db).first())
            #expect(complaint.receivedOn == "2026-12-24")
            #expect(complaint.clock.acknowledgementDue == SimpleDate(iso: "2026-12-31"))
            #expect(try await moderator.get("/staff/complaints").status == .forbidden)
            let itemPath = "/staff/feedback/\(item.id!.uuidString.lowercased())"
            let asHandler = try await handler.get(itemPath)
            #expect(asHandler.body.contains("This is a formal complaint. Next step: acknowledge."))
            #expect(asHandler.body.contains(">Back to the complaint</a>"))
            #expect(asHandler.body.contains("/staff/complaints/\(complaint.id!.uuidString.lowercased())"))
            let asModerator = try await moderator.get(itemPath)
            #expect(asModerator.status == .forbidden, "a complaint file is for the complaints team")
            #expect(asModerator.body.contains("is a formal complaint"))
            #expect(!asModerator.body.contains("/staff/complaints/"), "no link a moderator cannot follow")

            let list = try await handler.get("/staff/complaints")
            #expect(list.status == .ok)
            #expect(list.body.contains(item.reference))
            #expect(list.body.contains("31 December 2026"))
            #expect(!list.body.contains("Acknowledgement overdue"))
            #expect(list.body.contains(service.name), "the list says what each complaint is about")
            #expect(list.body.contains(" – Medication</span>"))
            #expect(!list.body.contains("Not assigned"))
            #expect(try await handler.get("/staff").body.contains("<strong>0</strong> complaints with a step overdue"))
            clock.advance(days: 6)  // 4 January 2027
            #expect(try await handler.get("/staff/complaints").body.contains("Acknowledgement overdue"))
            #expect(try await handler.get("/staff").body.contains("<strong>1</strong> complaint with a step overdue"))
            #expect(
                !(try await moderator.get("/staff").body.contains("with a step overdue")), "moderators do not see it")

            let path = "/staff/complaints/\(complaint.id!.uuidString.lowercased())"
            let casePage = try await handler.get(path)
            #expect(casePage.body.contains("Ruth Adeyemi, <a href=\"tel:07700900123\">07700 900123</a>"))
            #expect(casePage.body.contains("Due by 31 December 2026 (3 working days) – overdue"))
            let refused = try await handler.post(
                path + "/acknowledge", form: ["acknowledged_on": "2027-02-30", "acknowledgement_note": " "],
                tokenFrom: path)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("\"2027-02-30\" is not a real date"))
            #expect(refused.body.contains("regulation 13"))
            #expect(refused.body.contains("2027-02-30"), "what was typed is kept")
            let pasted = try await handler.post(
                path + "/acknowledge",
                form: [
                    "acknowledged_on": "2026-12-29",
                    "acknowledgement_note": String(repeating: "Phoned the ward. ", count: 12_000),
                ], tokenFrom: path)
            #expect(pasted.status == .unprocessableEntity)
            #expect(pasted.body.contains("Keep the note to 10,000 characters or fewer: it is 203,999 now."))
            let late = try await handler.post(
                path + "/acknowledge",
                form: [
                    "acknowledged_on": "2027-01-04",
                    "acknowledgement_note": "Phoned; the ward manager will look into it.",
                    "event_on": "2025-11-01",
                ], tokenFrom: path)
            #expect(late.status == .unprocessableEntity)
            #expect(late.body.contains("more than 12 months"))
            #expect(try await Complaint.find(complaint.id, on: app.db)?.acknowledgedOn == nil, "nothing saved")

            let acknowledged = try await handler.post(
                path + "/acknowledge",
                form: [
                    "acknowledged_on": "2027-01-04",
                    "acknowledgement_note": "Phoned; the ward manager will look into it.",
                    "agreed_response_by": "2027-03-01", "event_on": "2026-12-20",
                ], tokenFrom: path)
            #expect(acknowledged.status == .seeOther)
            let saved = try #require(try await Complaint.find(complaint.id, on: app.db))
            #expect(saved.acknowledgedOn == "2027-01-04")
            #expect(
                try await handler.get(path).body.contains("Sent 4 January 2027 – late: it was due by 31 December 2026"))
            #expect(saved.clock.responseDue == SimpleDate(iso: "2027-03-01"))
            let audit = try await AuditEvent.query(on: app.db).filter(\.$action == "complaint.acknowledged").count()
            #expect(audit == 1)

            let incomplete = try await handler.post(
                path + "/respond",
                form: ["responded_on": "2027-01-20", "how_considered": "Read the notes", "conclusions": "Upheld"],
                tokenFrom: path)
            #expect(incomplete.status == .unprocessableEntity)
            #expect(incomplete.body.contains("Parliamentary and Health Service Ombudsman"))
            #expect(incomplete.body.contains("put right"))
            #expect(incomplete.body.contains("upheld, partly upheld or not upheld"))
            let beforeAcknowledgement = try await handler.post(
                path + "/respond",
                form: [
                    "responded_on": "2027-01-01", "how_considered": "Read the notes", "conclusions": "Upheld",
                    "remedial_action": "Checklist changed.", "ombudsman_right_given": "yes", "outcome": "upheld",
                ], tokenFrom: path)
            #expect(beforeAcknowledgement.status == .unprocessableEntity)
            #expect(beforeAcknowledgement.body.contains("cannot be dated before the acknowledgement (4 January 2027)"))

            clock.advance(days: 57)  // 2 March 2027: past the agreed date
            let overdue = try await handler.get(path)
            #expect(overdue.body.contains("write to say why"))
            let badDelay = try await handler.post(
                path + "/delay", form: ["delay_explained_on": "2027-03-09", "delay_reason": ""], tokenFrom: path)
            #expect(badDelay.status == .unprocessableEntity)
            #expect(badDelay.body.contains("cannot be dated in the future"))
            #expect(badDelay.body.contains("Say why the response is late"))
            let early = try await handler.post(
                path + "/delay", form: ["delay_explained_on": "2027-01-02", "delay_reason": "x"], tokenFrom: path)
            #expect(early.body.contains("before the response was due (1 March 2027) or before the acknowledgement"))
            #expect(early.body.contains("at least 3 words"))
            let delay = try await handler.post(
                path + "/delay",
                form: [
                    "delay_explained_on": "2027-03-02", "delay_reason": "Waiting for the pharmacy's records.",
                    "response_expected_by": "2027-03-31",
                ],
                tokenFrom: path)
            #expect(delay.status == .seeOther)
            let afterDelay = try await handler.get("/staff/complaints")
            #expect(!afterDelay.body.contains("Response overdue"), "the letter gave a new date")
            #expect(afterDelay.body.contains("31 March 2027"))

            let responded = try await handler.post(
                path + "/respond",
                form: [
                    "responded_on": "2027-03-02", "how_considered": "Read the notes and spoke to the ward.",
                    "conclusions": "Upheld: the discharge letter left out two medicines.",
                    "remedial_action": "Pharmacist checks every discharge letter.", "ombudsman_right_given": "yes",
                    "outcome": "upheld",
                ], tokenFrom: path)
            #expect(responded.status == .seeOther)
            let done = try #require(try await Complaint.find(complaint.id, on: app.db))
            #expect(done.respondedOn == "2027-03-02")
            #expect(done.ombudsmanRightGiven)
            #expect(done.outcome == .upheld)
            #expect(
                try await handler.get(path).body.contains(
                    "They can usually take it to the PHSO within 12 months of when they first knew of the problem"))
            #expect(!(try await handler.get("/staff/complaints").body.contains(item.reference)))
            let answered = try await handler.get("/staff/complaints?show=responded")
            #expect(answered.body.contains(item.reference))
            #expect(answered.body.contains("Responded on 2 March 2027"))
            // Acknowledged on 4 January, after the 31 December due date; responded a day after the agreed date.
            #expect(answered.body.contains("Acknowledged within 3 working days</th><td>0 of 1 (0%)"))
            #expect(answered.body.contains("Responded to by the date due</th><td>0 of 1 (0%)"))
            #expect(answered.body.contains("Upheld</th><td>1 of 1 (100%)"))
            let csv = try await handler.get("/staff/complaints.csv?from=2026-12-01&to=2026-12-31")
            #expect(csv.headers.first(name: .contentType)?.hasPrefix("text/csv") == true)
            let lines = csv.body.split(separator: "\r\n").map(String.init)
            #expect(lines.count == 2)
            #expect(
                lines.first?.hasPrefix("\u{FEFF}reference,received_on,organisation,service") == true,
                "a byte-order mark first, so Excel reads the file as UTF-8")
            #expect(lines.last?.contains("\(item.reference),2026-12-24,") == true)
            #expect(
                lines.last?.hasSuffix(
                    ",2026-12-31,2027-01-04,no,2027-03-01,2027-03-01,2027-03-02,no,2027-03-02,upheld,,,,,,person_affected,2027-03-31,,,,"
                ) == true)
            #expect(!csv.body.contains("medicines"), "no comment text in the export")
            #expect(lines.last?.contains(",Medication,2026-12-31,") == true)
            #expect(!csv.body.contains("Not assigned"))
            // `heard export complaints` writes the same rows to a file.
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("complaints-\(UUID()).csv")
            defer { try? FileManager.default.removeItem(at: url) }
            let written = try await ComplaintsExport.write(
                to: url, from: SimpleDate(iso: "2026-12-01")!, to: SimpleDate(iso: "2026-12-31")!, today: clock.today,
                on: app.db)
            #expect(written == 1)
            let bytes = try Data(contentsOf: url)
            #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF], "a byte-order mark for Excel, like the download")
            let file = String(decoding: bytes.dropFirst(3), as: UTF8.self)
            #expect(file.hasPrefix("reference,received_on,organisation,service"))
            #expect(file.contains(",2026-12-31,2027-01-04,no,2027-03-01,2027-03-01,2027-03-02,no,2027-03-02,upheld"))
            #expect(!file.contains("\"\"\""), "cells are quoted once, by the CSV writer")
            let none = try await handler.get("/staff/complaints.csv?from=2027-01-01&to=2027-01-31")
            #expect(none.body.split(separator: "\r\n").count == 1)
            // Bad dates bring back the complaints page with what to fix, keeping what was typed.
            let reversed = try await handler.get("/staff/complaints.csv?from=2027-02-01&to=2027-01-01")
            #expect(reversed.status == .unprocessableEntity)
            #expect(reversed.body.contains("The end of the period cannot be before its start (1 February 2027)."))
            #expect(reversed.body.contains("value=\"2027-02-01\""))
            let bad = try await handler.get("/staff/complaints.csv?from=soon")
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.contains("\"soon\" is not a real date"))
            let ancient = try await handler.get("/staff/complaints?from=0001-01-01&to=9999-12-31")
            #expect(ancient.status == .unprocessableEntity)
            #expect(ancient.body.contains("Check the year: that is more than 25 years ago."))
            #expect(ancient.body.contains("Check the year: that is more than a year ahead."))
            // The figures follow the period asked for.
            let december = try await handler.get("/staff/complaints?from=2026-12-01&to=2026-12-31")
            #expect(december.body.contains("Received from 1 December 2026 to 31 December 2026"))
            #expect(december.body.contains("Received</th><td>1</td>"))
            let january = try await handler.get("/staff/complaints?from=2027-01-01&to=2027-01-31")
            #expect(january.body.contains("Received</th><td>0</td>"))
            #expect(try await moderator.get("/staff/complaints.csv").status == .forbidden)
            let again = try await handler.post(
                path + "/respond", form: ["responded_on": "2027-03-03"], tokenFrom: path)
            #expect(again.status == .conflict)
            #expect(again.body.contains("Already recorded by Complaints handler Tester on "))
            #expect(!again.body.contains("error-summary"), "a plain notice, not errors about fields not on the page")
            #expect(try await Complaint.find(complaint.id, on: app.db)?.respondedOn == "2027-03-02")

            // The same clock through the JSON API, for a staff token of a complaints handler only.
            let api = app.browser()
            let token = try await StaffTokens.create(
                email: "handler-api@test.example", role: .complaintsHandler, name: "case system", on: app.db)
            let auth = [("Authorization", "Bearer \(token)")]
            #expect(try await api.get("/api/v1/complaints").status == .unauthorized)
            let engagement = try await StaffTokens.create(
                email: "officer-api@test.example", role: .engagementOfficer, name: "x", on: app.db)
            #expect(
                try await api.get("/api/v1/complaints", headers: [("Authorization", "Bearer \(engagement)")]).status
                    == .forbidden)
            let listed = try await api.get("/api/v1/complaints?from=2026-12-01&to=2026-12-31", headers: auth)
            #expect(listed.status == .ok)
            let json = try JSONSerialization.jsonObject(with: Data(listed.body.utf8)) as! [String: Any]
            let items = try #require(json["items"] as? [[String: Any]])
            #expect(items.count == 1)
            #expect(items.first?["reference"] as? String == item.reference)
            // Every field the API gives is the OpenAPI document's, and every field it describes is given.
            let document = try await api.get("/api/openapi.json")
            let root = try #require(try JSONSerialization.jsonObject(with: Data(document.body.utf8)) as? [String: Any])
            let schema = try #require(
                ((root["components"] as? [String: Any])?["schemas"] as? [String: Any])?["Complaint"] as? [String: Any])
            let described = Set(try #require(schema["properties"] as? [String: Any]).keys)
            #expect(Set(try #require(items.first).keys) == described)
            #expect(Set(try #require(schema["required"] as? [String])) == described)
            #expect(items.first?["acknowledgement_due"] as? String == "2026-12-31")
            #expect(items.first?["acknowledged_on"] as? String == "2027-01-04")
            // The same "in time" judgement as the CSV: against six months, which the delay letter did not move.
            #expect(items.first?["acknowledged_in_time"] as? Bool == false)
            #expect(items.first?["response_due"] as? String == "2027-03-01")
            #expect(items.first?["response_expected_by"] as? String == "2027-03-31")
            #expect(items.first?["responded_in_time"] as? Bool == false)
            #expect(items.first?["next_step"] as? String == "responded")
            #expect(items.first?["next_step_due"] is NSNull)
            #expect(items.first?["outcome"] as? String == "upheld")
            #expect(items.first?["themes"] as? [String] == ["Medication"])
            #expect(!listed.body.contains("medicines"), "no comment text in the API either")
            let open = try await api.get("/api/v1/complaints?status=open", headers: auth)
            #expect(
                (try JSONSerialization.jsonObject(with: Data(open.body.utf8)) as! [String: Any])["items"] as? [Any]
                    != nil)
            #expect(!open.body.contains(item.reference))
            let wrongStatus = try await api.get("/api/v1/complaints?status=finished", headers: auth)
            #expect(wrongStatus.status == .unprocessableEntity)
            #expect(wrongStatus.body.contains("\"field\":\"status\""))
            let year1 = try await api.get("/api/v1/complaints?from=0001-01-01", headers: auth)
            #expect(year1.status == .unprocessableEntity)
            #expect(year1.body.contains("Check the year"))
            let wrongDate = try await api.get("/api/v1/complaints?to=yesterday", headers: auth)
            #expect(wrongDate.status == .unprocessableEntity)
            #expect(wrongDate.body.contains("like 2026-03-31"))
            // Paged: past the last page a client gets an empty page and the same total, so it knows to stop.
            let pastEnd = try await api.get(
                "/api/v1/complaints?from=2026-12-01&to=2026-12-31&per_page=1&page=2", headers: auth)
            let pastEndBody = try JSONSerialization.jsonObject(with: Data(pastEnd.body.utf8)) as! [String: Any]
            #expect((pastEndBody["items"] as? [Any])?.isEmpty == true)
            #expect(pastEndBody["total"] as? Int == 1)
            #expect(pastEndBody["page_count"] as? Int == 1)
            let badPage = try await api.get("/api/v1/complaints?page=first", headers: auth)
            #expect(badPage.status == .unprocessableEntity)
            #expect(badPage.body.contains("\"field\":\"page\""))
        }
    }

    @Test(
        "a complaint received by letter or phone is entered by staff and goes straight to the complaints list",
        arguments: TestDatabase.all)
    func staffEnteredComplaint(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(year: 2026, month: 12, day: 4))
            let (service, _) = try await Fixtures.service(on: app.db)
            let handler = try await app.signedInBrowser(.complaintsHandler)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let moderator = try await app.signedInBrowser(.moderator)
            let formPath = "/staff/feedback/new/form?service=\(service.id!.uuidString)"
            #expect(try await officer.get(formPath).body.contains("They are making a formal complaint"))
            // A complaint needs somewhere to send the written response.
            let nobody = try await handler.post(
                "/staff/feedback/new?service=\(service.id!.uuidString)",
                form: [
                    "service_id": service.id!.uuidString, "story": "Letter: no name, no address.",
                    "consent_to_publish": "no", "channel": "letter", "is_complaint": "yes",
                ], tokenFrom: formPath)
            #expect(nobody.status == .unprocessableEntity)
            #expect(nobody.body.contains("A complaint needs a way to send the written response"))
            #expect(try await FeedbackItem.query(on: app.db).count() == 0)
            let entered = try await handler.post(
                "/staff/feedback/new?service=\(service.id!.uuidString)",
                form: [
                    "service_id": service.id!.uuidString, "story": "Letter: my wife waited nine hours on a trolley.",
                    "consent_to_publish": "no", "channel": "letter", "is_complaint": "yes",
                    "contact_name": "Ruth Adeyemi",
                ], tokenFrom: formPath)
            #expect(entered.status == .seeOther)
            let complaint = try #require(try await Complaint.query(on: app.db).with(\.$feedback).first())
            #expect(entered.location == "/staff/complaints/\(complaint.id!.uuidString.lowercased())")
            #expect(complaint.receivedOn == "2026-12-04")
            #expect(complaint.feedback.status == .escalated)
            #expect(complaint.feedback.channel == .letter)
            let page = try await handler.get(entered.location!)
            #expect(page.body.contains("Acknowledge it by 9 December 2026"))
            #expect(page.body.contains("Heard records it, it does not send it."), "the handler knows to send it")
            // The complaint's own words and contact details are for the complaints team: other staff see it in the
            // feedback list (its themes count) but cannot open it.
            let feedbackPath = "/staff/feedback/\(complaint.$feedback.id.uuidString.lowercased())"
            let refused = try await officer.get(feedbackPath)
            #expect(refused.status == .forbidden)
            #expect(refused.body.contains("is a formal complaint, so only complaints handlers and administrators"))
            #expect(!refused.body.contains("nine hours"))
            #expect(try await moderator.get(feedbackPath).status == .forbidden)
            #expect(try await handler.get(feedbackPath).status == .ok)
            // Nor through the moderation page, which keeps only the moderation record for them.
            let moderationPath = "/staff/moderation/\(complaint.$feedback.id.uuidString.lowercased())"
            let record = try await moderator.get(moderationPath)
            #expect(record.body.contains("is a formal complaint, so only complaints handlers and administrators"))
            #expect(!record.body.contains("nine hours") && !record.body.contains("Ruth Adeyemi"))
            #expect(!record.body.contains("href=\"\(feedbackPath)\""))
            #expect(try await handler.get(moderationPath).body.contains("nine hours"))
            let officerList = try await officer.get("/staff/feedback")
            #expect(officerList.body.contains("\(complaint.feedback.reference) (complaint)"))
            #expect(!officerList.body.contains("href=\"\(feedbackPath)\""))
            #expect(try await handler.get("/staff/feedback").body.contains("href=\"\(feedbackPath)\""))
            #expect(!(try await moderator.get("/staff/moderation").body.contains(complaint.feedback.reference)))
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "complaint.opened").count() == 1)
            // An action answering it names it on the action's page, linked only for those who may open it.
            let action = try await Fixtures.action(
                "Tell people in the waiting room how long the wait is",
                youSaid: "Someone waited nine hours without being told why.", organisationID: service.$organisation.id,
                answers: [complaint.$feedback.id], on: app.db)
            let actionPath = "/staff/actions/\(action.id!.uuidString.lowercased())"
            let officerAction = try await officer.get(actionPath).body
            #expect(officerAction.contains("\(complaint.feedback.reference) (a formal complaint)"))
            #expect(!officerAction.contains("href=\"\(feedbackPath)\""))
            #expect(try await handler.get(actionPath).body.contains("href=\"\(feedbackPath)\""))

            // Someone who does not handle complaints can still enter one; they stay on the entry page.
            let byOfficer = try await officer.post(
                "/staff/feedback/new?service=\(service.id!.uuidString)",
                form: [
                    "service_id": service.id!.uuidString, "story": "Phone call: formal complaint about the discharge.",
                    "consent_to_publish": "no", "channel": "phone", "is_complaint": "yes",
                    "contact_name": "Ruth Adeyemi",
                ], tokenFrom: formPath)
            #expect(byOfficer.location == "/staff/feedback/new")
            #expect(try await Complaint.query(on: app.db).count() == 2)

            // A letter typed in days after it arrived: the clock runs from the day it arrived.
            func enter(receivedOn: String) async throws -> TestBrowser.Page {
                try await handler.post(
                    "/staff/feedback/new?service=\(service.id!.uuidString)",
                    form: [
                        "service_id": service.id!.uuidString, "story": "Letter dated 27 November about the ward.",
                        "consent_to_publish": "no", "channel": "letter", "is_complaint": "yes",
                        "contact_name": "Ruth Adeyemi",
                        "received_on": receivedOn,
                    ], tokenFrom: formPath)
            }
            for (date, message) in [
                ("2026-12-05", "The date received cannot be in the future."),
                ("2025-11-01", "more than a year ago"), ("2026-11-31", "is not a real date"),
            ] {
                let refused = try await enter(receivedOn: date)
                #expect(refused.status == .unprocessableEntity, "\(date)")
                #expect(refused.body.contains(message), "\(date)")
            }
            #expect(try await Complaint.query(on: app.db).count() == 2, "nothing refused was saved")
            let late = try await enter(receivedOn: "2026-11-27")
            #expect(late.status == .seeOther)
            let lateCase = try #require(
                try await Complaint.query(on: app.db).filter(\.$receivedOn == "2026-11-27").first())
            #expect(lateCase.clock.acknowledgementDue == SimpleDate(year: 2026, month: 12, day: 2))
            let latePage = try await handler.get(late.location!)
            #expect(latePage.body.contains("27 November 2026"))
            // The feedback behind it says the same day, not the day it was typed in.
            let lateItem = try #require(try await FeedbackItem.find(lateCase.$feedback.id, on: app.db))
            #expect(DecisionClock.ukDay(of: lateItem.receivedAt) == SimpleDate(year: 2026, month: 11, day: 27))
            #expect(try await handler.get("/staff/feedback/\(lateItem.id!.uuidString)").body.contains("27 Nov 2026"))
        }
    }
}
