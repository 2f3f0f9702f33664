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
            #expect(location == "/feedback/thank-you?ref=\(item.reference)&publish=yes&contact=yes")
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
}
