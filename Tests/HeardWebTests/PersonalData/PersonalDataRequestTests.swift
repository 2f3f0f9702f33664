import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// A member of the public asks for a copy of what Heard holds on them, then for it to be erased.
@Suite("Requests about personal data")
struct PersonalDataRequestTests {
    @Test(
        "finds feedback, responses and e-mails by address or reference; copies them; erases all but a complaint",
        arguments: TestDatabase.all)
    func copyAndErase(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(year: 2026, month: 12, day: 4))
            let (service, _) = try await Fixtures.service(on: app.db)
            let admin = try await app.signedInBrowser(.administrator)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            #expect(try await officer.get("/staff/personal-data").status == .forbidden)

            // Two pieces of feedback from Jo, one of them a formal complaint, and one from someone else.
            let formPath = "/staff/feedback/new/form?service=\(service.id!.uuidString)"
            func enter(_ story: String, email: String, complaint: Bool) async throws {
                var form = [
                    "service_id": service.id!.uuidString, "story": story, "consent_to_publish": "yes",
                    "channel": "letter", "contact_email": email, "contact_name": "Jo Bloggs",
                ]
                if complaint { form["is_complaint"] = "yes" }
                let entered = try await admin.post(
                    "/staff/feedback/new?service=\(service.id!.uuidString)", form: form, tokenFrom: formPath)
                #expect(entered.status == .seeOther, "\(story)")
            }
            try await enter("The physio was patient and kind.", email: "Jo.Bloggs@example.org", complaint: false)
            try await enter(
                "Formal complaint: my discharge was unsafe.", email: "jo.bloggs@example.org", complaint: true)
            try await enter("Someone else entirely.", email: "other@example.org", complaint: false)
            let items = try await FeedbackItem.query(on: app.db).all()
            let kind = try #require(items.first { $0.story.hasPrefix("The physio") })
            let complained = try #require(items.first { $0.story.hasPrefix("Formal complaint") })
            let other = try #require(items.first { $0.story.hasPrefix("Someone else") })
            #expect(kind.contactEmail != nil, "the staff form keeps the contact address")
            kind.status = .published
            kind.publishedText = "The physio was patient and kind."
            kind.publishedAt = Date()
            try await kind.update(on: app.db)

            // A consultation response and two e-mails to the same address, one still waiting to go.
            let initiative = Initiative(
                title: "Stroke rehabilitation at home", what: "Rehabilitation at home", why: "People recover better",
                affectsServices: true, substantialVariation: false, decisionBody: "Calderdale Place Committee",
                targetDate: nil)
            try await initiative.create(on: app.db)
            let consultation = Consultation(
                initiativeID: initiative.id!, title: "Stroke services", background: "b", options: "o",
                discardedAlternatives: "d", reasons: "r", opensOn: SimpleDate(year: 2026, month: 11, day: 1),
                closesOn: SimpleDate(year: 2027, month: 1, day: 31))
            try await consultation.create(on: app.db)
            let question = SurveyQuestion(
                consultationID: consultation.id!, position: 1, kind: .freeText, text: "What matters to you?",
                choices: [])
            try await question.create(on: app.db)
            let response = SurveyResponse(
                consultationID: consultation.id!, channel: "online", placeID: nil,
                answers: [question.id!.uuidString: "Being near my daughter."], redactedText: "Being near my daughter.",
                submissionKey: "k1", contactEmail: "JO.BLOGGS@example.org")
            try await response.create(on: app.db)
            // A response to a consultation whose outcome is published is part of the decision's record.
            let parking = Initiative(
                title: "Outpatient parking", what: "Free parking", why: "Cost", affectsServices: true,
                substantialVariation: false, decisionBody: "Calderdale Place Committee", targetDate: nil)
            try await parking.create(on: app.db)
            let published = Consultation(
                initiativeID: parking.id!, title: "Outpatient parking", background: "b", options: "o",
                discardedAlternatives: "d", reasons: "r", opensOn: SimpleDate(year: 2026, month: 9, day: 1),
                closesOn: SimpleDate(year: 2026, month: 10, day: 31))
            published.analysisPublishedAt = Date()
            try await published.create(on: app.db)
            let parkingQuestion = SurveyQuestion(
                consultationID: published.id!, position: 1, kind: .freeText, text: "Anything else?", choices: [])
            try await parkingQuestion.create(on: app.db)
            let recorded = SurveyResponse(
                consultationID: published.id!, channel: "online", placeID: nil,
                answers: [parkingQuestion.id!.uuidString: "Ring me on 07700 900123 about the car park, for Jo Bloggs."],
                redactedText: "Ring me on [phone] about the car park.", submissionKey: "k2",
                contactEmail: "jo.bloggs@example.org")
            try await recorded.create(on: app.db)
            // A quote an officer chose for a theme, with her name in it, published with the outcome.
            let quoted = ConsultationTheme(
                consultationID: published.id!, name: "Parking", summary: "Parking costs too much.", mentions: 1,
                sentiment: 4, quote: "Parking is a worry, says Jo Bloggs.")
            try await quoted.create(on: app.db)
            let otherQuote = ConsultationTheme(
                consultationID: published.id!, name: "Buses", summary: "Buses are rare.", mentions: 1, sentiment: 4,
                quote: "The bus only comes twice a day.")
            try await otherQuote.create(on: app.db)
            let sent = Notice(
                to: "jo.bloggs@example.org", subject: "Thank you", body: "Dear Jo, thank you.", kind: "reply")
            sent.status = .sent
            try await sent.create(on: app.db)
            let waiting = Notice(
                to: "jo.bloggs@example.org", subject: "We did", body: "Dear Jo, we did it.", kind: "we_did")
            try await waiting.create(on: app.db)
            // Staff were alerted about her feedback: their mail, not hers, so neither in her copy nor erased.
            let alert = Notice(
                to: "moderator@example.org", subject: "Urgent feedback needs attention: \(kind.reference)",
                body: "Feedback \(kind.reference) may show a risk to someone's safety.", kind: "urgent_alert",
                feedbackID: kind.id)
            alert.status = .sent
            try await alert.create(on: app.db)

            _ = try await admin.get("/staff/notices")  // shows, and so clears, the last "Feedback saved" notice
            var page = try await admin.get("/staff/personal-data?email=%20JO.bloggs@EXAMPLE.org%20")
            #expect(page.status == .ok)
            #expect(page.body.contains("Found: 2 pieces of feedback, 2 consultation responses and 2 e-mails"))
            #expect(page.body.contains(kind.reference) && page.body.contains(complained.reference))
            #expect(!page.body.contains(other.reference))
            #expect(page.body.contains("Kept. It became a formal complaint."))
            #expect(page.body.contains("Not sent yet: it is cancelled."))
            page = try await admin.get("/staff/personal-data?reference=\(other.reference.lowercased())")
            #expect(page.body.contains("Found: 1 piece of feedback"))
            // Found by the reference alone, her feedback brings the e-mails to her, not staff's alert.
            page = try await admin.get("/staff/personal-data?reference=\(kind.reference)")
            #expect(page.body.contains("Found: 1 piece of feedback") && !page.body.contains("moderator@example.org"))

            let copy = try await admin.get("/staff/personal-data/copy.json?email=jo.bloggs@example.org")
            #expect(copy.status == .ok)
            #expect(
                copy.headers.first(name: .contentDisposition)?.contains("heard-personal-data-2026-12-04.json") == true)
            let document = try #require(
                try JSONSerialization.jsonObject(with: Data(copy.body.utf8)) as? [String: Any])
            let feedback = try #require(document["feedback"] as? [[String: Any]])
            #expect(
                feedback.compactMap { $0["what_you_wrote"] as? String }.contains("The physio was patient and kind."))
            #expect(feedback.contains { $0["complaint"] != nil })
            let answers = try #require(
                (document["consultation_responses"] as? [[String: Any]])?.first?["answers"] as? [[String: String]])
            #expect(answers == [["question": "What matters to you?", "answer": "Being near my daughter."]])
            #expect((document["emails"] as? [Any])?.count == 2)

            // Erasing needs a reason and the tick; nothing changes until both are given.
            let erasePath = "/staff/personal-data/erase"
            let refused = try await admin.post(
                erasePath, form: ["email": "jo.bloggs@example.org", "reason": "asked"],
                tokenFrom: "/staff/personal-data?email=jo.bloggs@example.org")
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("Say why the data is erased"))
            #expect(refused.body.contains("Tick the box to confirm"))
            #expect(try await FeedbackItem.find(kind.id, on: app.db)?.story == "The physio was patient and kind.")
            // The reason is kept in the audit log for good: the person's address must not outlive the erasure there.
            let repeating = try await admin.post(
                erasePath,
                form: [
                    "email": "jo.bloggs@example.org", "reason": "Asked at jo.bloggs@example.org to delete it all",
                    "confirm": "yes",
                ], tokenFrom: "/staff/personal-data?email=jo.bloggs@example.org")
            #expect(repeating.status == .unprocessableEntity)
            #expect(repeating.body.contains("href=\"#field-reason\""))
            #expect(try await FeedbackItem.find(kind.id, on: app.db)?.story == "The physio was patient and kind.")
            #expect(
                try await AuditEvent.query(on: app.db).filter(\.$action == "personal_data.erased").count() == 0)

            let erased = try await admin.post(
                erasePath,
                form: [
                    "email": "jo.bloggs@example.org",
                    "reason": "Asked by e-mail on 3 December 2026 to delete everything; identity checked.",
                    "confirm": "yes",
                ], tokenFrom: "/staff/personal-data?email=jo.bloggs@example.org")
            #expect(erased.status == .seeOther)
            let gone = try #require(try await FeedbackItem.find(kind.id, on: app.db))
            #expect(gone.story == ErasureRules.erasedText && gone.redactedText == ErasureRules.erasedText)
            #expect(gone.contactEmail == nil && gone.contactName == nil && gone.publishedText == nil)
            #expect(gone.status == .withdrawn)
            let kept = try #require(try await FeedbackItem.find(complained.id, on: app.db))
            #expect(kept.story == "Formal complaint: my discharge was unsafe." && kept.contactEmail != nil)
            let untouched = try #require(try await FeedbackItem.find(other.id, on: app.db))
            #expect(untouched.story == "Someone else entirely." && untouched.contactEmail == "other@example.org")
            let answered = try #require(try await SurveyResponse.find(response.id, on: app.db))
            #expect(answered.contactEmail == nil && answered.answerMap.isEmpty)
            // Kept for the published record, but without the e-mail address or the phone number written in it.
            let keptResponse = try #require(try await SurveyResponse.find(recorded.id, on: app.db))
            #expect(keptResponse.contactEmail == nil)
            // "for Jo Bloggs" follows no cue the patterns know; the name in her address finds it.
            #expect(keptResponse.answerMap.values.first == "Ring me on [phone] about the car park, for [name].")
            #expect(
                try await ConsultationTheme.find(quoted.id, on: app.db)?.quote == "Parking is a worry, says [name].")
            #expect(
                try await ConsultationTheme.find(otherQuote.id, on: app.db)?.quote == "The bus only comes twice a day.")
            #expect(!keptResponse.answers.contains("07700"))
            let told = try await admin.get(try #require(erased.location)).body
            #expect(told.contains("Erased: 1 piece of feedback, 1 consultation response and 2 e-mails."), "\(told)")
            #expect(
                told.contains(
                    "1 complaint kept whole, as the law requires, 1 theme quote in those consultations kept, with their name or details removed and 1 consultation response"
                ), "\(told)")
            #expect(try await Notice.find(waiting.id, on: app.db) == nil, "an e-mail not yet sent is cancelled")
            let sentNow = try #require(try await Notice.find(sent.id, on: app.db))
            #expect(sentNow.toAddress == "[erased]" && sentNow.body == ErasureRules.erasedText)
            let alertNow = try #require(try await Notice.find(alert.id, on: app.db))
            #expect(alertNow.toAddress == "moderator@example.org", "staff's alert is left as it was")
            #expect(try await app.browser().get("/stories/\(kind.reference)").status == .gone)

            let audit = try await AuditEvent.query(on: app.db).filter(
                \.$action ~~ ["personal_data.copied", "personal_data.erased"]
            ).all()
            #expect(audit.count == 2)
            #expect(
                audit.allSatisfy { !$0.summary.lowercased().contains("jo.bloggs") }, "the audit log names no address")
            #expect(
                audit.contains {
                    $0.summary.hasPrefix(
                        "Erased at the person's request: 1 feedback (\(kind.reference)), 1 consultation responses, 2 e-mails. Kept as the law or the record requires: 1 complaints (\(complained.reference)), 1 consultation responses with a published outcome"
                    )
                })

            // Searched again, only the complaint is left, and it says why.
            page = try await admin.get("/staff/personal-data?email=jo.bloggs@example.org")
            #expect(page.body.contains("Found: 1 piece of feedback"))
            #expect(page.body.contains(complained.reference))
            #expect(page.body.contains("There is nothing more to erase"), "only a kept complaint is left")

            // Found again by its reference, erased feedback says so and offers no second erasure.
            let again = try await admin.get("/staff/personal-data?reference=\(kind.reference)")
            #expect(again.body.contains("Already erased."))
            #expect(again.body.contains("Erased at the person's request"))
            #expect(!again.body.contains("Withdrawn from publication"))
            #expect(!again.body.contains("/staff/personal-data/erase"), "no Erase form")
            let twice = try await admin.post(
                erasePath,
                form: ["reference": kind.reference, "reason": "Asked again on 4 December 2026.", "confirm": "yes"],
                tokenFrom: "/staff/personal-data?reference=\(kind.reference)")
            #expect(twice.status == .seeOther)
            #expect(
                try await admin.get(try #require(twice.location)).body.contains(
                    "Nothing was erased: what was found has been erased already, or is kept."))
            #expect(
                try await AuditEvent.query(on: app.db).filter(\.$action == "personal_data.erased").count() == 1,
                "an erasure that erased nothing is not audited as one")
        }
    }

    @Test(
        "feedback that gives the address only in its words is found, marked for checking; a look-alike is not",
        arguments: TestDatabase.all)
    func addressInTheWords(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, place) = try await Fixtures.service(on: app.db)
            let written = try await ScaleQueryTests.item(
                "HRD-WRITTEN", service: service, place: place, themes: [], receivedDaysAgo: 3, on: app.db)
            written.story = "Please email me at Xavier.Q@example.org about my care."
            try await written.update(on: app.db)
            let lookalike = try await ScaleQueryTests.item(
                "HRD-LOOKALIKE", service: service, place: place, themes: [], receivedDaysAgo: 2, on: app.db)
            // "_" is a wildcard in SQL LIKE: it must match only itself.
            lookalike.story = "Write to xavierXq@example.org instead."
            try await lookalike.update(on: app.db)
            let admin = try await app.signedInBrowser(.administrator)
            let page = try await admin.get("/staff/personal-data?email=xavier.q@example.org").body
            #expect(page.contains("Found: 1 piece of feedback"))
            #expect(page.contains("HRD-WRITTEN (the address is in what was written"))
            #expect(!page.contains("HRD-LOOKALIKE"))
            let underscored = try await admin.get("/staff/personal-data?email=xavier_q@example.org").body
            #expect(underscored.contains("Found: nothing"), "an underscore is not a wildcard")
        }
    }

    @Test(
        "a search or an erasure with nothing, or with something that is not an address or reference, says what to enter",
        arguments: TestDatabase.all)
    func badSearches(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let admin = try await app.signedInBrowser(.administrator)
            let empty = try await admin.get("/staff/personal-data")
            #expect(empty.status == .ok && !empty.body.contains("Found:"))
            #expect(empty.body.contains("a reference alone proves nothing, as a published story shows its reference"))
            let notEmail = try await admin.get("/staff/personal-data?email=jo%20bloggs")
            #expect(notEmail.status == .unprocessableEntity)
            #expect(notEmail.body.contains("is not an e-mail address: enter it like name@example.com."))
            let notReference = try await admin.get("/staff/personal-data?reference=12345")
            #expect(notReference.status == .unprocessableEntity)
            #expect(notReference.body.contains("is not a Heard reference"))
            let nothing = try await admin.get("/staff/personal-data?email=nobody@example.org")
            #expect(
                nothing.body.contains(
                    "Heard holds nothing given with that e-mail address or reference, and no feedback"))
            #expect(try await admin.get("/staff/personal-data/copy.json?email=x").status == .seeOther)

            // A pasted page is named by its start, not echoed back whole.
            let pasted = String(repeating: "a", count: 5000)
            let long = try await admin.get("/staff/personal-data?email=\(pasted)")
            #expect(long.status == .unprocessableEntity)
            #expect(long.body.contains("\"\(String(repeating: "a", count: 60))…\" is not an e-mail address"))
            #expect(!long.body.contains(String(repeating: "a", count: 61) + "\" is not"))
            let longReference = try await admin.get("/staff/personal-data?reference=HRD-\(pasted)")
            #expect(
                longReference.body.contains("\"HRD-\(String(repeating: "A", count: 56))…\" is not a Heard reference"))

            // Erasing needs to know whose data: nothing entered is refused, not passed over.
            let eraseNothing = try await admin.post(
                "/staff/personal-data/erase",
                form: ["email": "", "reference": "", "reason": "The person asked by letter.", "confirm": "yes"],
                tokenFrom: "/staff/personal-data")
            #expect(eraseNothing.status == .unprocessableEntity)
            #expect(
                eraseNothing.body.contains(
                    "Enter the e-mail address the person gave, or the reference Heard gave them, or both."))
            let eraseNotEmail = try await admin.post(
                "/staff/personal-data/erase",
                form: ["email": "jo bloggs", "reference": "", "reason": "Asked.", "confirm": "yes"],
                tokenFrom: "/staff/personal-data")
            #expect(eraseNotEmail.status == .unprocessableEntity)
            #expect(eraseNotEmail.body.contains("\"jo bloggs\" is not an e-mail address"))
            #expect(
                try await AuditEvent.query(on: app.db).filter(\.$action == "personal_data.erased").count() == 0)
        }
    }
}
