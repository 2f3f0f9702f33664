import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// After the public form: a receipt by e-mail to whoever gave an address to be written to, a way to get in touch
/// quoting the reference, a rate limit that says when to try again, and the person's own words shown in their own
/// direction.
@Suite("Feedback receipts and the thank-you page")
struct FeedbackReceiptTests {
    @Test(
        "feedback with an e-mail address and a request for a reply gets a receipt; without either, none",
        arguments: TestDatabase.all)
    func feedbackReceipt(_ database: TestDatabase) async throws {
        try await TestApp.run(
            on: database, configure: { $0.contact = SiteContact(name: "Calder ICB", email: "listen@calder.example") }
        ) { app in
            let (service, _) = try await Fixtures.service(on: app.db)
            let formPath = "/feedback/new?service=\(service.id!.uuidString)"
            let person = app.browser()
            let story = "The midwife stayed with us all night."
            var fields = [
                "service_id": service.id!.uuidString, "story": story, "consent_to_publish": "yes",
                "contact_email": "sam.person@example.org", "wants_reply": "yes",
            ]
            let sent = try await person.post(formPath, form: fields)
            #expect(sent.status == .seeOther)
            let item = try #require(try await FeedbackItem.query(on: app.db).first())
            let receipt = try #require(
                try await Notice.query(on: app.db).filter(\.$kind == "feedback_receipt").first())
            #expect(receipt.toAddress == "sam.person@example.org")
            #expect(receipt.feedbackID == item.id)
            #expect(receipt.subject == "We have your feedback: \(item.reference)")
            #expect(receipt.body.contains("Your reference is \(item.reference)."))
            #expect(receipt.body.contains("What happens next: a member of staff reads every piece of feedback."))
            #expect(receipt.body.contains("then publish it on our stories page with a reply"))
            #expect(receipt.body.contains("we will write to you at this address"))
            #expect(
                receipt.body.contains(
                    "To ask about it, e-mail Calder ICB at listen@calder.example and quote your reference, \(item.reference)."
                ))
            #expect(!receipt.body.contains("midwife"), "the e-mail does not repeat what they wrote")
            #expect(
                receipt.body.contains(
                    "To see what has happened to it at any time: \(HeardApplication.configuration(of: app.app).publicURL)/feedback/check?reference=\(item.reference)"
                ))
            #expect(thanksLinksToCheck(try await person.get(try #require(sent.location)).body, item.reference))

            let thanks = try await person.get(try #require(sent.location))
            #expect(thanks.body.contains("We are e-mailing you a receipt"))
            #expect(thanks.body.contains("href=\"mailto:listen@calder.example\""))
            #expect(thanks.body.contains("and quote your reference, \(item.reference)."))
            #expect(!thanks.body.contains("Quote your reference if you contact us about it."))

            // The same form again (a double tap): one feedback item, one receipt, the same page saying so.
            let key = "receipt-test-key-0123456789"
            fields["submission_key"] = key
            fields["story"] = "Reception was kind."
            let first = try await person.post(formPath, form: fields)
            let again = try await person.post(formPath, form: fields)
            #expect(again.location == (first.location ?? "?") + "&again=yes")
            #expect(again.location?.contains("receipt=yes") == true)
            #expect(try await Notice.query(on: app.db).filter(\.$kind == "feedback_receipt").count() == 2)

            // An address but no reply wanted, or a reply wanted by phone: no e-mail.
            for (email, phone, reply) in [("no.reply@example.org", "", ""), ("", "0113 496 0000", "yes")] {
                let other = try await app.browser().post(
                    formPath,
                    form: [
                        "service_id": service.id!.uuidString, "story": "Parking was hard.", "consent_to_publish": "no",
                        "contact_email": email, "contact_phone": phone, "wants_reply": reply,
                    ])
                #expect(other.status == .seeOther)
                #expect(other.location?.contains("receipt=yes") == false)
                let page = try await app.browser().get(try #require(other.location))
                #expect(!page.body.contains("We are e-mailing you a receipt"))
                #expect(page.body.contains("href=\"mailto:listen@calder.example\""), "still told whom to contact")
            }
            #expect(try await FeedbackItem.query(on: app.db).count() == 4)
            #expect(try await Notice.query(on: app.db).filter(\.$kind == "feedback_receipt").count() == 2)
        }
    }

    @Test(
        "a formal complaint with an e-mail address gets a receipt saying when it will be acknowledged",
        arguments: TestDatabase.all)
    func complaintReceipt(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(year: 2026, month: 12, day: 4))
            let (service, _) = try await Fixtures.service(on: app.db)
            let formPath = "/feedback/new?service=\(service.id!.uuidString)"
            let person = app.browser()
            let sent = try await person.post(
                formPath,
                form: [
                    "service_id": service.id!.uuidString,
                    "story": "My mother was discharged at night with no transport.",
                    "consent_to_publish": "yes", "is_complaint": "yes", "contact_name": "Sam Person",
                    "contact_email": "sam.person@example.org",
                ])
            #expect(sent.status == .seeOther)
            let item = try #require(try await FeedbackItem.query(on: app.db).first())
            let receipt = try #require(
                try await Notice.query(on: app.db).filter(\.$kind == "complaint_receipt").first())
            #expect(receipt.toAddress == "sam.person@example.org")
            #expect(receipt.subject == "We have your complaint: \(item.reference)")
            #expect(receipt.body.contains("Your reference is \(item.reference)."))
            #expect(receipt.body.contains("will contact you by 9 December 2026 (within 3 working days)"))
            // No HEARD_CONTACT here: no placeholder address, only whom to contact.
            #expect(!receipt.body.contains("heard.invalid"))
            #expect(receipt.body.contains("contact the organisation that runs this site and quote your reference"))
            #expect(!receipt.body.contains("discharged"), "the e-mail names the reference, not the words")
            let thanks = try await person.get(try #require(sent.location))
            #expect(thanks.body.contains("We have your complaint"))
            #expect(thanks.body.contains("We are e-mailing you a receipt"))
            #expect(thanks.body.contains("and quote your reference, \(item.reference)."))
        }
    }

    @Test(
        "over the hourly limit, the form says when to try again and how else to reach the team",
        arguments: TestDatabase.all)
    func rateLimitSaysWhen(_ database: TestDatabase) async throws {
        try await TestApp.run(
            on: database,
            configure: {
                $0.submissionsPerAddressPerHour = 1
                $0.contact = SiteContact(name: "The engagement team", email: "engagement@calder.example")
            }
        ) { app in
            let (service, _) = try await Fixtures.service(on: app.db)
            let formPath = "/feedback/new?service=\(service.id!.uuidString)"
            let person = app.browser()
            let form = ["service_id": service.id!.uuidString, "story": "First story.", "consent_to_publish": "no"]
            #expect(try await person.post(formPath, form: form).status == .seeOther)
            let first = try #require(try await FeedbackItem.query(on: app.db).first())
            var second = form
            second["story"] = "Second story."
            let refused = try await person.post(formPath, form: second)
            #expect(refused.status == .tooManyRequests)
            let time = first.receivedAt.addingTimeInterval(3600).formatted(
                Date.FormatStyle(
                    date: .omitted, time: .shortened, timeZone: TimeZone(identifier: "Europe/London") ?? .gmt
                ).locale(Locale(identifier: "en_GB")))
            #expect(
                refused.body.contains(
                    "You have sent a lot of feedback in the last hour. Please try again after \(time) (UK time), or e-mail the engagement team at engagement@calder.example."
                ), "\(refused.body)")
            #expect(!refused.body.contains("phone the service"))
            #expect(refused.body.contains("Second story."), "what was typed is kept")
        }
    }

    @Test(
        "words the public wrote are shown and typed with dir=\"auto\", so Urdu reads right to left",
        arguments: TestDatabase.all)
    func ownDirection(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, place) = try await Fixtures.service(on: app.db)
            let item = try await ScaleQueryTests.item(
                "HRD-ABCDEFGH", service: service, place: place, themes: [], receivedDaysAgo: 1, on: app.db)
            let urdu = "عملہ بہت مہربان تھا"
            item.story = urdu
            item.publishedText = urdu
            try await item.save(on: app.db)
            try await FeedbackReply(
                feedbackID: item.id!, body: "Thank you for telling us.", authorID: nil, authorRole: .engagementOfficer,
                signature: "The ward team"
            ).create(on: app.db)
            let visitor = app.browser()
            let story = try await visitor.get("/stories/HRD-ABCDEFGH")
            #expect(story.status == .ok)
            #expect(story.body.contains("<p dir=\"auto\">\(urdu)</p>"))
            #expect(story.body.contains("<p dir=\"auto\">Thank you for telling us.</p>"))
            let list = try await visitor.get("/stories")
            #expect(list.body.contains("<p dir=\"auto\">\(urdu)</p>"))
            let form = try await visitor.get("/feedback/new?service=\(service.id!.uuidString)")
            let textarea = try #require(form.body.range(of: "<textarea id=\"field-story\""))
            #expect(form.body[textarea.lowerBound...].prefix(while: { $0 != ">" }).contains("dir=\"auto\""))
            // Staff reading it to reply see it the same way.
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let staffPage = try await officer.get("/staff/feedback/\(item.id!.uuidString.lowercased())")
            #expect(staffPage.body.contains("<p dir=\"auto\">\(urdu)</p>"))
        }
    }
}

/// Whether a thank-you page links to checking on the feedback by its reference.
func thanksLinksToCheck(_ page: String, _ reference: String) -> Bool {
    page.contains("href=\"/feedback/check?reference=\(reference)\"")
}
