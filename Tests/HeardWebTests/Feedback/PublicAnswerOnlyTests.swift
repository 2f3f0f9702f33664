import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// The public form takes an FFT answer with no comment (none, or one that says nothing, "N/A") as an answer only:
/// counted, with nothing to moderate, reply to or publish, and a thank-you page that says so. Without an answer it
/// still needs words; a complaint always does; and a reply needs something to reply to.
@Suite("Public form: an FFT answer with no comment")
struct PublicAnswerOnlyTests {
    /// The page's text with the apostrophes the renderer escapes put back.
    static func text(_ page: TestBrowser.Page) -> String {
        page.body.replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&quot;", with: "\"")
    }

    /// How many answers the public FFT results count for the service this month.
    static func counted(_ service: Service, app: TestApp) async throws -> Int {
        let today = app.app.decisionClock.today()
        let month = String(format: "%04d-%02d", today.year, today.month)
        let page = try await app.browser().get("/api/v1/fft-results?month=\(month)&service=\(service.id!.uuidString)")
        #expect(page.status == .ok, "\(page.body)")
        let body = try #require(try JSONSerialization.jsonObject(with: Data(page.body.utf8)) as? [String: Any])
        let answers = try #require(body["answers"] as? [String: Any])
        return try #require(answers["total"] as? Int)
    }

    @Test(
        "an answer with no words is kept and counted, says so on its thank-you page, and keeps no contact details",
        arguments: TestDatabase.all)
    func blankWithAnswer(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, _) = try await Fixtures.service(on: app.db)
            let id = service.id!.uuidString
            let formPath = "/feedback/new?service=\(id)"
            let person = app.browser()
            let before = try await Self.counted(service, app: app)

            // Only the answer ticked, as on a phone: no words, no consent.
            let ticked = try await person.post(formPath, form: ["service_id": id, "fft_rating": "2"])
            #expect(ticked.status == .seeOther)
            let item = try #require(try await FeedbackItem.query(on: app.db).first())
            #expect(item.fullText.isEmpty && item.fft == .good && item.channel == .online)
            #expect(item.status == .approvedPrivate && item.saysNothing && !item.consentToPublish)
            #expect(item.themes.isEmpty && item.sentiment == nil)
            #expect(ticked.location == "/feedback/thank-you?ref=\(item.reference)&answer=only")
            let thanks = Self.text(try await person.get(try #require(ticked.location)))
            #expect(thanks.contains("Thank you for your answer") && thanks.contains(item.reference))
            #expect(
                thanks.contains(
                    "We count every answer. When the month is over, we publish how many people gave each answer about each service, as <a href=\"/open-data\">open data</a>."
                ), "\(thanks)")
            #expect(
                thanks.contains(
                    "There was no comment with your answer, so there is nothing for us to read, reply to or publish."))
            #expect(!thanks.contains("A member of staff reads every piece of feedback"))
            #expect(!thanks.contains("publish it on our stories page") && !thanks.contains("We will not publish it"))
            #expect(!thanks.contains("We will contact you") && !thanks.contains("We have not kept the contact details"))
            // The open data promised holds the FFT results, by service and month.
            #expect(Self.text(try await app.browser().get("/open-data")).contains("Friends and Family Test results"))

            // Consent to publish and contact details given with it change nothing: there is nothing to publish or
            // reply to, so the details are not kept (the page says so) and no receipt is sent.
            let withDetails = try await person.post(
                formPath,
                form: [
                    "service_id": id, "fft_rating": "5", "story": "  ", "consent_to_publish": "yes",
                    "contact_name": "Sam Person", "contact_email": "sam.person@example.org",
                ])
            #expect(withDetails.status == .seeOther)
            let second = try #require(
                try await FeedbackItem.query(on: app.db).filter(\.$fftRating == 5).first())
            #expect(second.status == .approvedPrivate && second.saysNothing && !second.consentToPublish)
            #expect(second.contactName == nil && second.contactEmail == nil && second.contactPhone == nil)
            #expect(withDetails.location == "/feedback/thank-you?ref=\(second.reference)&answer=only&contact=yes")
            let told = Self.text(try await person.get(try #require(withDetails.location)))
            #expect(
                told.contains(
                    "We have not kept the contact details you gave, because there is nothing for us to reply to."))
            #expect(!told.contains("We are e-mailing you a receipt"))
            #expect(try await Notice.query(on: app.db).count() == 0, "no receipt for an answer only")

            // Counted in the FFT results, and in no moderation queue.
            #expect(try await Self.counted(service, app: app) == before + 2)
            let moderator = try await app.signedInBrowser(.moderator)
            let queue = try await moderator.get("/staff/moderation").body
            #expect(!queue.contains(item.reference) && !queue.contains(second.reference))
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let answersOnly = try await officer.get("/staff/feedback?words=without").body
            #expect(answersOnly.contains(item.reference) && answersOnly.contains(second.reference))
        }
    }

    @Test(
        "with no words and no answer, a complaint with no words, or a reply asked for with no words: refused, saying what to do",
        arguments: TestDatabase.all)
    func refused(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, _) = try await Fixtures.service(on: app.db)
            let id = service.id!.uuidString
            let formPath = "/feedback/new?service=\(id)"
            let person = app.browser()

            let empty = try await person.post(formPath, form: ["service_id": id, "consent_to_publish": "no"])
            #expect(empty.status == .unprocessableEntity)
            let emptyPage = Self.text(empty)
            #expect(
                emptyPage.contains(
                    "Tell us about your experience, or choose an answer to \"Overall, how was your experience of our service?\""
                ), "\(emptyPage)")
            #expect(emptyPage.contains("href=\"#field-story\""), "the summary links to the words")
            let nothing = try await person.post(formPath, form: ["service_id": id])
            #expect(nothing.status == .unprocessableEntity)
            #expect(
                !Self.text(nothing).contains("Choose whether we may publish"),
                "consent is only needed with words, as the form says")
            let wordsNoConsent = try await person.post(formPath, form: ["service_id": id, "story": "Kind staff."])
            #expect(Self.text(wordsNoConsent).contains("Choose whether we may publish"))

            let complaint = try await person.post(
                formPath,
                form: [
                    "service_id": id, "fft_rating": "5", "is_complaint": "yes", "contact_name": "Sam Person",
                    "contact_email": "sam.person@example.org",
                ])
            #expect(complaint.status == .unprocessableEntity)
            #expect(Self.text(complaint).contains("A complaint needs your words: write what it is about."))
            #expect(complaint.body.contains("value=\"sam.person@example.org\""), "what was typed is kept")

            for words in ["", "N/A"] {
                let reply = try await person.post(
                    formPath,
                    form: [
                        "service_id": id, "fft_rating": "4", "story": words, "contact_email": "sam.person@example.org",
                        "wants_reply": "yes",
                    ])
                #expect(reply.status == .unprocessableEntity, "\(words)")
                let page = Self.text(reply)
                #expect(page.contains(ShareController.replyNeedsWords), "\(words)")
                #expect(page.contains("href=\"#field-wants_reply\""), "the summary links to the reply box")
            }
            #expect(try await FeedbackItem.query(on: app.db).count() == 0)
            #expect(try await Complaint.query(on: app.db).count() == 0)
        }
    }

    @Test(
        "\"N/A\" with an answer gets the same thank-you page; the form says the words are optional with an answer",
        arguments: TestDatabase.all)
    func nonAnswerAndHints(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, _) = try await Fixtures.service(on: app.db)
            let id = service.id!.uuidString
            let formPath = "/feedback/new?service=\(id)"
            let person = app.browser()

            let form = Self.text(try await person.get(formPath))
            #expect(
                form.contains(
                    "If you answered the question above, you can leave this empty: your answer still counts. If you did not, we need a few words here."
                ))
            #expect(form.contains("Only needed if you write something."))
            #expect(form.contains("We can reply only if you tell us what happened, not to an answer on its own."))

            let key = "answer-only-key-0123456789"
            let fields = [
                "service_id": id, "fft_rating": "1", "story": "N/A", "consent_to_publish": "yes",
                "submission_key": key,
            ]
            let sent = try await person.post(formPath, form: fields)
            #expect(sent.status == .seeOther)
            let item = try #require(try await FeedbackItem.query(on: app.db).first())
            #expect(item.story == "N/A" && item.status == .approvedPrivate && item.saysNothing)
            #expect(sent.location == "/feedback/thank-you?ref=\(item.reference)&answer=only")
            let thanks = Self.text(try await person.get(try #require(sent.location)))
            #expect(thanks.contains("Thank you for your answer"))
            #expect(thanks.contains("There was no comment with your answer"))
            #expect(!thanks.contains("A member of staff reads every piece of feedback"))

            // Sent again (a double tap): the first copy's page, still an answer only.
            let again = try await person.post(formPath, form: fields)
            #expect(again.location == "/feedback/thank-you?ref=\(item.reference)&answer=only&again=yes")
            #expect(try await FeedbackItem.query(on: app.db).count() == 1)

            // Staff entry's form speaks of the person, and promises no reply rule: staff copy what was sent.
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let staffForm = Self.text(try await officer.get("/staff/feedback/new/form?service=\(id)"))
            #expect(staffForm.contains("Only needed if they wrote something."))
            #expect(!staffForm.contains("We can reply only if you tell us what happened"))
        }
    }

    @Test(
        "the API refuses a reply asked for with an FFT answer and no comment, and keeps no contact details with one",
        arguments: TestDatabase.all)
    func api(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, _) = try await Fixtures.service(on: app.db)
            let id = service.id!.uuidString
            let refused = try await app.browser().postJSON(
                "/api/v1/feedback",
                json:
                    #"{"fft_rating": 3, "wants_reply": true, "contact_email": "sam.person@example.org", "service_id": "\#(id)"}"#
            )
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("\"field\":\"wants_reply\""), "\(refused.body)")
            #expect(try await FeedbackItem.query(on: app.db).count() == 0)
            let created = try await app.browser().postJSON(
                "/api/v1/feedback", json: #"{"fft_rating": 3, "text": "", "service_id": "\#(id)"}"#)
            #expect(created.status == .created)
            #expect(created.body.contains("\"status\":\"approved_private\""))
            #expect(try await Self.counted(service, app: app) == 1)

            // Contact details sent with an answer only are not kept, as on the web form, and the staff page says
            // why there are none rather than that none were given.
            let withContact = try await app.browser().postJSON(
                "/api/v1/feedback",
                json:
                    #"{"fft_rating": 1, "contact_name": "Sam Person", "contact_email": "sam.person@example.org", "contact_phone": "07700 900982", "service_id": "\#(id)"}"#
            )
            #expect(withContact.status == .created, "\(withContact.body)")
            let kept = try #require(try await FeedbackItem.query(on: app.db).filter(\.$fftRating == 1).first())
            #expect(kept.contactName == nil && kept.contactEmail == nil && kept.contactPhone == nil)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let staffPage = Self.text(try await officer.get("/staff/feedback/\(kept.id!.uuidString.lowercased())"))
            #expect(
                staffPage.contains(
                    "None kept: contact details sent with an answer only are not kept, as there is nothing to reply to"
                ), "\(staffPage)")
            #expect(!staffPage.contains("None given"))
        }
    }
}
