import Fluent
import Foundation
import HeardStorage
import Testing

/// The public share form's last step: the thank-you page says what happens next from its own address (never
/// from the database, so a reference on a public story reveals nothing), and a bot filling the hidden field
/// sees the same page while nothing is stored.
@Suite("Share form: thank-you page and spam trap")
struct ShareFormTests {
    @Test(
        "the thank-you page follows what was sent, reads nothing stored, and greets a trapped bot the same way",
        arguments: TestDatabase.all)
    func thankYou(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, _) = try await Fixtures.service(on: app.db)
            let formPath = "/feedback/new?service=\(service.id!.uuidString)"
            let person = app.browser()
            let sent = try await person.post(
                formPath,
                form: [
                    "service_id": service.id!.uuidString, "story": "The midwife stayed with us all night.",
                    "consent_to_publish": "yes", "contact_email": "sam.person@example.org", "wants_reply": "yes",
                ])
            #expect(sent.status == .seeOther)
            let item = try #require(try await FeedbackItem.query(on: app.db).first())
            let location = try #require(sent.location)
            #expect(location == "/feedback/thank-you?ref=\(item.reference)&publish=yes&contact=yes&receipt=yes")
            let thanks = try await person.get(location)
            #expect(thanks.status == .ok)
            #expect(thanks.body.contains(item.reference))
            #expect(thanks.body.contains("then publish it on our stories page"))
            #expect(thanks.body.contains("We will contact you"))

            // Someone who only knows the reference (it is on the public story) learns nothing about its author.
            let bare = try await app.browser().get("/feedback/thank-you?ref=\(item.reference)")
            #expect(bare.status == .ok)
            #expect(!bare.body.contains("We will contact you"))
            #expect(try await app.browser().get("/feedback/thank-you?ref=HRD-00000000").status == .notFound)
            #expect(try await app.browser().get("/feedback/thank-you?ref=<script>").status == .notFound)

            // The hidden field filled in: the same kind of page, and nothing stored.
            let bot = try await app.browser().post(
                formPath,
                form: [
                    "service_id": service.id!.uuidString, "story": "Great service, visit my site",
                    "consent_to_publish": "yes", "website": "http://spam.example",
                ])
            #expect(bot.status == .seeOther)
            let botThanks = try await app.browser().get(try #require(bot.location))
            #expect(botThanks.status == .ok)
            #expect(botThanks.body.contains("Thank you for your feedback"))
            #expect(try await FeedbackItem.query(on: app.db).count() == 1)
        }
    }

    @Test(
        "the same form sent twice, one after the other or both at once, is stored once and both get the first reference",
        arguments: TestDatabase.all)
    func sentTwice(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database, configure: { $0.publicPageCacheSeconds = 600 }) { app in
            let (service, _) = try await Fixtures.service(on: app.db)
            let formPath = "/feedback/new?service=\(service.id!.uuidString)"
            func key(_ page: TestBrowser.Page) throws -> String {
                try #require(
                    page.body.range(of: "name=\"submission_key\" value=\"").map { range in
                        String(page.body[range.upperBound...].prefix { $0 != "\"" })
                    })
            }
            // The form page is kept for signed-out visitors, but each one gets a key of their own.
            let ann = app.browser()
            let bob = app.browser()
            let annKey = try key(try await ann.get(formPath))
            let bobKey = try key(try await bob.get(formPath))
            #expect(annKey != bobKey)
            #expect(!annKey.contains("placeholder") && annKey.count >= 20)

            let form = [
                "service_id": service.id!.uuidString, "story": "The midwife stayed with us all night.",
                "consent_to_publish": "yes", "submission_key": annKey,
            ]
            let first = try await ann.post(formPath, form: form, tokenFrom: formPath)
            let again = try await ann.post(formPath, form: form, tokenFrom: formPath)
            #expect(first.status == .seeOther && again.status == .seeOther)
            #expect(again.location == (first.location ?? "?") + "&again=yes", "the first copy's page, saying so")
            #expect(try await FeedbackItem.query(on: app.db).count() == 1)
            let kept = try await ann.get(try #require(again.location))
            #expect(kept.body.contains("This form was already sent, so we kept the first copy"))
            #expect(!(try await ann.get(try #require(first.location)).body.contains("already sent")))

            // Both copies at once (a double tap; here from two connections, as through a load balancer): one
            // stored, both told the same reference.
            var bobForm = form
            bobForm["submission_key"] = bobKey
            bobForm["story"] = "Reception was kind and quick."
            let otherConnection = app.browser()
            async let one = bob.post(formPath, form: bobForm, tokenFrom: formPath)
            async let two = otherConnection.post(formPath, form: bobForm, tokenFrom: formPath)
            let (a, b) = try await (one, two)
            #expect(a.status == .seeOther && b.status == .seeOther)
            #expect([a.location, b.location].filter { $0?.hasSuffix("&again=yes") == true }.count == 1)
            #expect(a.location?.replacing("&again=yes", with: "") == b.location?.replacing("&again=yes", with: ""))
            #expect(try await FeedbackItem.query(on: app.db).count() == 2)
            let stored = try await FeedbackItem.query(on: app.db).filter(\.$submissionKey == bobKey).all()
            #expect(stored.count == 1)
            #expect(a.location?.contains(stored.first?.reference ?? "?") == true)
        }
    }

    @Test(
        "a complaint sent twice shows the complaint's page both times, and a changed resend keeps the first copy",
        arguments: TestDatabase.all)
    func complaintSentTwice(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, _) = try await Fixtures.service(on: app.db)
            let formPath = "/feedback/new?service=\(service.id!.uuidString)"
            let person = app.browser()
            let key = try #require(try await person.get(formPath).hiddenValue("submission_key"))
            let form = [
                "service_id": service.id!.uuidString,
                "story": "Nobody told us my mother had been moved to another ward.",
                "consent_to_publish": "yes", "is_complaint": "yes", "contact_name": "Sam Jones",
                "contact_email": "sam@example.org", "submission_key": key,
            ]
            let first = try await person.post(formPath, form: form, tokenFrom: formPath)
            let again = try await person.post(formPath, form: form, tokenFrom: formPath)
            for sent in [first, again] {
                #expect(sent.status == .seeOther)
                #expect(sent.location?.contains("&complaint=yes") == true, "\(sent.location ?? "")")
                #expect(sent.location?.contains("publish=yes") == false)
                let thanks = try await person.get(try #require(sent.location))
                #expect(thanks.body.contains("We have your complaint"))
                #expect(!thanks.body.contains("publish it on our stories page"))
            }
            #expect(try await Complaint.query(on: app.db).count() == 1)

            // Back, untick "publish" and send again: the first copy is what was kept, and the page says so.
            var changed = form
            changed["consent_to_publish"] = "no"
            changed["story"] = "Changed my mind about the words."
            let resent = try await person.post(formPath, form: changed, tokenFrom: formPath)
            #expect(resent.location?.hasSuffix("&again=yes") == true)
            let told = try await person.get(try #require(resent.location))
            #expect(told.body.contains("we kept the first copy, as it was when you first sent it"))
            #expect(told.body.contains("If you meant to change something, contact us and quote your reference"))
            let stored = try await FeedbackItem.query(on: app.db).all()
            #expect(stored.count == 1 && stored.first?.story.contains("another ward") == true)
        }
    }

    @Test(
        "an answer about the person that is not one of the choices is an error naming the question, and nothing is stored",
        arguments: TestDatabase.all)
    func equalityAnswersChecked(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, _) = try await Fixtures.service(on: app.db)
            let formPath = "/feedback/new?service=\(service.id!.uuidString)"
            let person = app.browser()
            let base = [
                "service_id": service.id!.uuidString, "story": "Reception were kind to my dad.",
                "consent_to_publish": "yes", "equality[age_band]": "25-34",
            ]
            var wrong = base
            wrong["equality[sex]"] = "robot"
            let refused = try await person.post(formPath, form: wrong)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("Choose one of the answers listed for"))
            #expect(refused.body.contains("href=\"#field-equality[sex]\""), "the summary links to the question")
            #expect(refused.body.contains("<details class=\"details\" open>"), "the section opens to show it")
            #expect(refused.body.contains("Reception were kind to my dad."), "what was typed is kept")
            #expect(refused.body.contains("<option value=\"25-34\" selected>"), "and the answers that were fine")
            var unknown = base
            unknown["equality[shoe_size]"] = "9"
            let unknownQuestion = try await person.post(formPath, form: unknown)
            #expect(unknownQuestion.status == .unprocessableEntity)
            #expect(unknownQuestion.body.contains("There is no question called"))
            // A form changed on the way ("equality=yes") keeps the person's words and says what to redo.
            var flat = base
            flat.removeValue(forKey: "equality[age_band]")
            flat["equality"] = "yes"
            let flattened = try await person.post(formPath, form: flat)
            #expect(flattened.status == .unprocessableEntity)
            #expect(flattened.body.contains("The answers about you could not be read"))
            #expect(flattened.body.contains("Reception were kind to my dad."))
            #expect(try await FeedbackItem.query(on: app.db).count() == 0)
            #expect(try await EqualityResponse.query(on: app.db).count() == 0)

            let accepted = try await person.post(formPath, form: base)
            #expect(accepted.status == .seeOther)
            let equality = try #require(try await EqualityResponse.query(on: app.db).first())
            let item = try #require(try await FeedbackItem.query(on: app.db).first())
            // Kept by the day only, so the answers cannot be matched to the feedback by its time.
            #expect(equality.submittedAt.timeIntervalSince1970.truncatingRemainder(dividingBy: 86_400) == 0)
            #expect(equality.submittedAt == EqualityResponse.day(of: item.receivedAt))
            #expect(equality.submittedAt != item.receivedAt)
        }
    }

    @Test("staff entering feedback are told every missing answer at once", arguments: TestDatabase.all)
    func staffEntryErrorsTogether(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, _) = try await Fixtures.service(on: app.db)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let formPath = "/staff/feedback/new/form?service=\(service.id!.uuidString)"
            let empty = try await officer.post(
                "/staff/feedback/new?service=\(service.id!.uuidString)",
                form: ["service_id": service.id!.uuidString, "received_on": "someday"], tokenFrom: formPath)
            #expect(empty.status == .unprocessableEntity)
            for field in ["story", "consent_to_publish", "channel", "received_on"] {
                #expect(empty.body.contains("href=\"#field-\(field)"), "\(field) is in the summary")
            }
            #expect(try await FeedbackItem.query(on: app.db).count() == 0)
        }
    }

    @Test(
        "staff see the reference of what they entered, and the same entry sent twice leads to the first copy",
        arguments: TestDatabase.all)
    func staffEntrySentTwice(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, _) = try await Fixtures.service(on: app.db)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let formPath = "/staff/feedback/new/form?service=\(service.id!.uuidString)"
            let formPage = try await officer.get(formPath)
            // The form speaks about the person, not to them.
            #expect(formPage.body.contains("Overall, how did they rate their experience of the service?"))
            #expect(formPage.body.contains("to tell the person what changed because of their feedback"))
            #expect(!formPage.body.contains("tell you what changed"))
            let key = try #require(
                formPage.body.range(of: "name=\"submission_key\" value=\"").map { range in
                    String(formPage.body[range.upperBound...].prefix { $0 != "\"" })
                })
            let form = [
                "service_id": service.id!.uuidString, "story": "Phoned to say the ward was spotless.",
                "consent_to_publish": "no", "channel": "phone", "submission_key": key,
            ]
            let postPath = "/staff/feedback/new?service=\(service.id!.uuidString)"
            let first = try await officer.post(postPath, form: form, tokenFrom: formPath)
            #expect(first.status == .seeOther)
            let item = try #require(try await FeedbackItem.query(on: app.db).first())
            let picker = try await officer.get(try #require(first.location))
            #expect(picker.body.contains("Feedback saved: \(item.reference)."))
            let again = try await officer.post(postPath, form: form, tokenFrom: formPath)
            #expect(again.location == "/staff/feedback/\(item.id!.uuidString.lowercased())")
            let shown = try await officer.get(try #require(again.location))
            #expect(
                shown.body.contains("That feedback was already saved as \(item.reference); it was not saved twice."))
            #expect(try await FeedbackItem.query(on: app.db).count() == 1)
        }
    }
}
