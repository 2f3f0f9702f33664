import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing
import Vapor

@testable import HeardWeb

extension PublicPagesTests {
    /// The heading levels of a page in order; a level may go down by any number but up only by one.
    static func headingJumps(_ body: String) -> [String] {
        var jumps: [String] = []
        var previous = 0
        var rest = Substring(body)
        while let range = rest.range(of: "<h") {
            rest = rest[range.upperBound...]
            guard let level = rest.first?.wholeNumberValue, (1...6).contains(level) else { continue }
            if level > previous + 1 { jumps.append("h\(previous) then h\(level)") }
            previous = level
        }
        return jumps
    }

    @Test("stories label what could be better and keep their headings in order", arguments: TestDatabase.all)
    func storyParts(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database, configure: { $0.seedDemoData = true }) { app in
            let visitor = app.browser()
            let index = try await visitor.get("/stories").body
            #expect(Self.headingJumps(index).isEmpty, "\(Self.headingJumps(index))")
            #expect(index.contains("<h2 class=\"story-title\">"))

            let suggested = try await FeedbackItem.query(on: app.db).filter(\.$status == .published)
                .filter(\.$couldBeBetter != "").all()
            let item = try #require(suggested.first, "the demo publishes stories with a suggestion")
            let page = try await visitor.get("/stories/\(item.reference)").body
            #expect(Self.headingJumps(page).isEmpty, "\(Self.headingJumps(page))")
            #expect(page.contains("<h2 class=\"story-part\">What could be better</h2>"))
            let published = try #require(item.publishedText)
            let suggestion = try #require(published.components(separatedBy: "\n\n").last)
            let label = try #require(page.range(of: "What could be better</h2>"))
            #expect(page[label.upperBound...].contains(TestBrowser.htmlEscaped(suggestion)))
        }
    }

    @Test("a story whose paragraphs a moderator changed is shown whole, unlabelled")
    func storyPartsFallBack() {
        let item = FeedbackItem()
        item.story = "It was fine."
        item.whatWasGood = ""
        item.couldBeBetter = "Shorter waits."
        item.publishedText = "It was fine.\n\nShorter waits."
        #expect(StoriesPages.publishedParts(item).map(\.label) == [nil, "What could be better"])
        item.publishedText = "It was fine. Shorter waits."
        let whole = StoriesPages.publishedParts(item)
        #expect(whole.count == 1 && whole[0].label == nil && whole[0].paragraphs == ["It was fine. Shorter waits."])
    }

    @Test("the suggested text's own labels are not said twice under the parts' headings")
    func storyPartsDropRepeatedLabels() {
        let item = FeedbackItem()
        item.story = "Seen quickly."
        item.whatWasGood = "The nurses explained my medicines."
        item.couldBeBetter = "Parking was hard to find."
        item.publishedText = PublishedSuggestion.text(for: item)
        #expect(item.publishedText?.contains("What was good: The nurses explained my medicines.") == true)
        let parts = StoriesPages.publishedParts(item)
        #expect(parts.map(\.label) == [nil, "What was good", "What could be better"])
        #expect(
            parts.map(\.paragraphs) == [
                ["Seen quickly."], ["The nurses explained my medicines."], ["Parking was hard to find."],
            ])
    }
}

extension PublicPagesTests {
    @Test("\"Not assigned\" is no public filter and no tag, beside a real theme or alone", arguments: TestDatabase.all)
    func notAssigned(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database, configure: { $0.seedDemoData = true }) { app in
            let published = try await FeedbackItem.query(on: app.db).filter(\.$status == .published).sort(\.$reference)
                .all()
            let mixed = try #require(published.first)
            let alone = try #require(published.dropFirst().first)
            mixed.themes = "Not assigned;Staff attitude"
            try await mixed.save(on: app.db)
            try await FeedbackTheme.query(on: app.db).filter(\.$feedback.$id ~~ [mixed.id!, alone.id!]).delete()
            try await FeedbackIntake.storeThemes(["Not assigned", "Staff attitude"], for: mixed.id!, on: app.db)
            alone.themes = "Not assigned"
            try await alone.save(on: app.db)
            try await FeedbackIntake.storeThemes(["Not assigned"], for: alone.id!, on: app.db)

            let visitor = app.browser()
            let index = try await visitor.get("/stories").body
            #expect(!index.contains("value=\"Not assigned\""), "offered as a filter")
            #expect(index.contains("value=\"Staff attitude\""))
            let page = try await visitor.get("/stories/\(mixed.reference)").body
            #expect(page.contains("<li class=\"tag\">Staff attitude</li>"))
            #expect(!page.contains("Not assigned"))
            let alonePage = try await visitor.get("/stories/\(alone.reference)").body
            #expect(alonePage.contains(alone.reference))
            #expect(!alonePage.contains("Not assigned") && !alonePage.contains("class=\"tag-list\""), "no tag at all")
            #expect(ListeningEngine.publicThemes(["Not assigned"]) == ["Not assigned"])
            #expect(ListeningEngine.publicThemes(["Labelling not possible", "Waiting"]) == ["Waiting"])
        }
    }
}
