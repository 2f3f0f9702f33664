import Fluent
import Foundation
import HeardDomain
import HeardStorage
import HeardWeb
import Testing

/// A right-to-left override (U+202E) in a published story would make the public page show the words after it
/// backwards; the override and isolate controls go, right-to-left letters stay.
@Suite("Direction override controls in published text")
struct BidiControlTests {
    static let controls = [
        "\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{202E}", "\u{2066}", "\u{2067}", "\u{2068}", "\u{2069}",
    ]

    static func hasControl(_ text: String) -> Bool { controls.contains { text.contains($0) } }

    @Test(
        "a story published with U+202E is offered, stored, shown and served by the API without it, its Arabic and Hebrew kept",
        arguments: TestDatabase.all)
    func publishedStory(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, _) = try await Fixtures.service(on: app.db)
            let sent = try await app.browser().post(
                "/feedback/new?service=\(service.id!.uuidString)",
                form: [
                    "service_id": service.id!.uuidString,
                    "story": "The nurse said \u{202E}enif saw ti\u{202C} and شكرا جزيلا, תודה רבה.",
                    "consent_to_publish": "yes",
                ])
            #expect(sent.status == .seeOther)
            let item = try #require(try await FeedbackItem.query(on: app.db).first())
            #expect(item.story.contains("\u{202E}"), "what the person sent is kept as sent, for staff")
            let moderator = try await app.signedInBrowser(.moderator)
            let path = SiteURLPaths.moderate(item.id!)
            let page = try await moderator.get(path)
            #expect(page.body.contains("The nurse said enif saw ti and شكرا جزيلا, תודה רבה."))
            #expect(!Self.hasControl(page.body))

            // Sent as typed, controls and all (a form filled by hand or by a script), it is published without them.
            let approved = try await moderator.post(
                path,
                form: [
                    "decision": "approve", "reason": "",
                    "published_text":
                        "\u{2067}The nurse said \u{202E}enif saw ti\u{202C} and شكرا جزيلا, תודה רבה.\u{2069}",
                ], tokenFrom: path)
            #expect(approved.status == .seeOther)
            let published = "The nurse said enif saw ti and شكرا جزيلا, תודה רבה."
            #expect(try await FeedbackItem.find(item.id, on: app.db)?.publishedText == published)
            // Without the controls it is the text offered, so it is not recorded as the moderator's edit.
            let audit = try #require(
                try await AuditEvent.query(on: app.db).filter(\.$action == "feedback.approve").first())
            #expect(!audit.summary.contains("edited"))

            let story = try await app.browser().get("/stories/\(item.reference)")
            #expect(story.status == .ok)
            #expect(story.body.contains(published))
            #expect(!Self.hasControl(story.body))
            let api = try await app.browser().get("/api/v1/stories")
            #expect(api.body.contains("شكرا جزيلا, תודה רבה"))
            #expect(!Self.hasControl(api.body) && !api.body.lowercased().contains("\\u202e"))

            // Editing the published text later drops them too.
            let edited = try await moderator.post(
                path + "/published-text",
                form: [
                    "published_text": "The nurse was \u{202D}kind\u{202C} and \u{2068}شكرا\u{2069}.",
                    "edit_reason": "Shorter",
                ], tokenFrom: path)
            #expect(edited.status == .seeOther)
            #expect(try await FeedbackItem.find(item.id, on: app.db)?.publishedText == "The nurse was kind and شكرا.")
            let after = try await app.browser().get("/stories/\(item.reference)")
            #expect(after.body.contains("The nurse was kind and شكرا."))
            #expect(!Self.hasControl(after.body))
        }
    }

    @Test(
        "text stored with the controls before they were removed (or by an import) is shown on pages without them",
        arguments: TestDatabase.all)
    func storedBefore(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, place) = try await Fixtures.service(on: app.db)
            let item = try await ScaleQueryTests.item(
                "HRD-BIDI0001", service: service, place: place, themes: [], status: .published, receivedDaysAgo: 1,
                on: app.db)
            item.publishedText = "Waiting \u{202E}sruoh owt\u{202C} at the שער."
            try await item.save(on: app.db)
            let story = try await app.browser().get("/stories/HRD-BIDI0001")
            #expect(story.status == .ok)
            #expect(story.body.contains("Waiting sruoh owt at the שער."))
            #expect(!Self.hasControl(story.body))
        }
    }
}
