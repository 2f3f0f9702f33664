import Fluent
import Foundation
import HeardStorage
import Testing

@testable import HeardWeb

/// Feedback the engine cannot read (it may be in another language) goes to a person: it is moderated straight
/// after urgent items, says why it has no themes or sentiment, and is left out of the figures until staff give
/// them. A suicide disclosure in Polish raised no urgent flag before (QA round 30).
@Suite("Feedback that may not be in English")
struct NotEnglishFeedbackTests {
    typealias Created = FeedbackAPITests.Created

    static let polish = "Nie chcę już żyć. Mam odłożone tabletki i wezmę je wszystkie dziś w nocy."

    @Test("is moderated first, flagged, and gets no themes or sentiment", arguments: TestDatabase.all)
    func flaggedAndFirst(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, _) = try await Fixtures.service(on: app.db)
            let browser = app.browser()
            func send(_ text: String) async throws -> UUID {
                let created = try await browser.postJSON(
                    "/api/v1/feedback", json: #"{"text": "\#(text)", "service_id": "\#(service.id!.uuidString)"}"#)
                #expect(created.status == .created)
                return try JSONDecoder().decode(Created.self, from: Data(created.body.utf8)).id
            }
            let english = try await send("The car park was full and I nearly missed my appointment.")
            let polish = try await send(Self.polish)

            let item = try #require(try await FeedbackItem.find(polish, on: app.db))
            #expect(item.mayNotBeEnglish)
            #expect(item.themeList.isEmpty && item.sentiment == nil && item.relational.isEmpty)
            #expect(item.needsAnswer, "nobody has read it, so it may need an answer")
            #expect(try await FeedbackTheme.query(on: app.db).filter(\.$feedback.$id == polish).count() == 0)
            let other = try #require(try await FeedbackItem.find(english, on: app.db))
            #expect(!other.mayNotBeEnglish && !other.themeList.isEmpty && other.sentiment != nil)

            let moderator = try await app.signedInBrowser(.moderator)
            let queue = try await moderator.get("/staff/moderation")
            let first = try #require(queue.body.range(of: item.reference))
            let second = try #require(queue.body.range(of: other.reference))
            #expect(first.lowerBound < second.lowerBound, "sent later, but read first")
            #expect(queue.body.contains("May not be in English"))

            let page = try await moderator.get("/staff/moderation/\(polish.uuidString.lowercased())")
            #expect(page.body.contains("Heard could not read this"))
            #expect(page.body.contains("Not found: it may not be in English"))

            let token = try await StaffTokens.create(
                email: "handler@test.example", role: .complaintsHandler, name: "test", on: app.db)
            let read = try await browser.get(
                "/api/v1/feedback/\(polish.uuidString.lowercased())", headers: [("Authorization", "Bearer \(token)")])
            #expect(read.body.contains(#""may_not_be_english":true"#))
        }
    }

    @Test("a correction by staff gives it themes and sentiment", arguments: [TestDatabase.sqlite])
    func correctedByStaff(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, _) = try await Fixtures.service(on: app.db)
            let created = try await app.browser().postJSON(
                "/api/v1/feedback", json: #"{"text": "\#(Self.polish)", "service_id": "\#(service.id!.uuidString)"}"#)
            let id = try JSONDecoder().decode(Created.self, from: Data(created.body.utf8)).id
            let path = "/staff/feedback/\(id.uuidString.lowercased())"
            let handler = try await app.signedInBrowser(.complaintsHandler)
            let before = try await handler.get(path)
            #expect(before.body.contains("Heard could not read this"))
            let corrected = try await handler.post(
                path + "/analysis", form: ["themes": "Timeliness of care", "sentiment": "5"], tokenFrom: path)
            #expect(corrected.status == .seeOther)
            let after = try await handler.get(path)
            #expect(!after.body.contains("Heard could not read this"))
            #expect(after.body.contains("Timeliness of care"))
            let item = try #require(try await FeedbackItem.find(id, on: app.db))
            #expect(item.sentiment == 5 && item.mayNotBeEnglish)
        }
    }
}
