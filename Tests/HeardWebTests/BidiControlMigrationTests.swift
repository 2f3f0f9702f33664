import Fluent
import Foundation
import HeardDomain
import Testing

@testable import HeardStorage
@testable import HeardWeb

/// M0135: published text stored before direction override and isolate controls were removed on saving loses
/// them, so the API and the open-data files no longer carry them.
@Suite("M0135: published text without direction override controls")
struct BidiControlMigrationTests {
    @Test(
        "M0135 takes the controls out of published text stored before, leaving what the person sent as it was",
        arguments: TestDatabase.all)
    func migrationCleansStoredText(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, place) = try await Fixtures.service(on: app.db)
            let item = try await ScaleQueryTests.item(
                "HRD-BIDI0003", service: service, place: place, themes: [], receivedDaysAgo: 3, on: app.db)
            item.story = "Waiting \u{202E}sruoh owt\u{202C} at the שער."
            item.publishedText = item.story
            try await item.save(on: app.db)
            let untouched = try await ScaleQueryTests.item(
                "HRD-BIDI0004", service: service, place: place, themes: [], receivedDaysAgo: 3, on: app.db)
            let reply = FeedbackReply(
                feedbackID: item.id!, body: "\u{2067}Sorry\u{2069} about the \u{202E}tiaw\u{202C}.", authorID: nil,
                authorRole: .complaintsHandler, signature: "Complaints handler, Riverside Test Trust")
            try await reply.create(on: app.db)
            let action = ActionItem()
            action.title = "Put up \u{202D}new signs\u{202C}"
            action.youSaid = "The car park is hard to find."
            action.$organisation.id = service.$organisation.id
            action.$place.id = place.id
            action.dueOn = Date().addingTimeInterval(30 * 86400)
            action.status = .done
            action.outcome = "Signs \u{202E}pu\u{202C} by both entrances."
            try await action.create(on: app.db)
            let author = try await app.createUser(.involvedPerson)
            let authorID = try #require(try await User.query(on: app.db).filter(\.$email == author.email).first()?.id)
            let idea = Idea(
                authorID: authorID, title: "Late \u{2066}pharmacy\u{2069}", details: "Open after urgent care, please.",
                creditName: "Farah", creditPublicly: true)
            idea.status = .notTakenForward
            idea.response = "Two are open \u{202E}etal\u{202C} already."
            try await idea.create(on: app.db)
            #expect(try await FeedbackItem.find(item.id, on: app.db)?.publishedText?.contains("\u{202E}") == true)

            let names = HeardMigrations.all.map { String(describing: type(of: $0)) }
            let index = try #require(names.firstIndex(of: "M0135_PublishedTextWithoutBidiControls"), "registered")
            #expect(index > names.firstIndex(of: "M0133_NoticeRetryTimes")!, "after those before it")
            try await M0135_PublishedTextWithoutBidiControls().prepare(on: app.db)

            let cleaned = try #require(try await FeedbackItem.find(item.id, on: app.db))
            #expect(cleaned.publishedText == "Waiting sruoh owt at the שער.")
            #expect(cleaned.story == "Waiting \u{202E}sruoh owt\u{202C} at the שער.", "what the person sent is kept")
            #expect(try await FeedbackItem.find(untouched.id, on: app.db)?.publishedText == untouched.publishedText)
            #expect(try await FeedbackReply.find(reply.id, on: app.db)?.body == "Sorry about the tiaw.")
            let cleanedAction = try #require(try await ActionItem.find(action.id, on: app.db))
            #expect(cleanedAction.title == "Put up new signs")
            #expect(cleanedAction.outcome == "Signs pu by both entrances.")
            #expect(cleanedAction.youSaid == "The car park is hard to find.")
            let cleanedIdea = try #require(try await Idea.find(idea.id, on: app.db))
            #expect(cleanedIdea.title == "Late pharmacy")
            #expect(cleanedIdea.response == "Two are open etal already.")

            let api = try await app.browser().get("/api/v1/stories")
            #expect(api.body.contains("Waiting sruoh owt at the שער."))
            #expect(!BidiControlOutgoingTests.hasControl(api.body))
            let stories = try await app.browser().get("/open-data/stories.csv")
            #expect(stories.body.contains("Waiting sruoh owt at the שער."))
            #expect(!BidiControlOutgoingTests.hasControl(stories.body))
            #expect(
                try await M0135_PublishedTextWithoutBidiControls.clean("feedback_items", ["published_text"], on: app.db)
                    == 0)
        }
    }
}
