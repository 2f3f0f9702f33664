import Fluent
import Foundation
import HeardDomain
import HeardStorage
import HeardText
import Testing

@testable import HeardWeb

/// `/open-data`: each dataset downloads as CSV with the columns its data dictionary lists, holds what the
/// public pages show and nothing else, and `heard export open-data` writes the same rows.
@Suite("Open data")
struct OpenDataTests {
    /// The records of a CSV body, read by the engine's RFC 4180 reader (quoted commas and line breaks).
    static func records(_ body: String) throws -> [[String]] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("open-data-\(UUID()).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        try body.write(to: url, atomically: true, encoding: .utf8)
        return try records(at: url)
    }

    static func records(at url: URL) throws -> [[String]] {
        let reader = try CSVReader(url: url)
        var rows: [[String]] = []
        while try reader.nextRecord() {
            rows.append((0..<reader.fieldRanges.count).map { reader.string(at: $0) })
        }
        return rows
    }

    @Test("every dataset downloads with its documented columns and only public rows", arguments: TestDatabase.all)
    func demoDatasets(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database, configure: { $0.seedDemoData = true }) { app in
            let visitor = app.browser()
            // An interest with the day it began, as a member may give it.
            let khan = try #require(
                try await InterestDeclaration.query(on: app.db).filter(\.$details ~~ "GP partner").first())
            khan.heldFrom = "2019-04-01"
            try await khan.update(on: app.db)
            let page = try await visitor.get("/")
            #expect(page.body.contains("href=\"/open-data\""), "every footer links the open data page")
            let index = try await visitor.get("/open-data")
            #expect(index.status == .ok)
            #expect(index.body.contains("Open Government Licence"))
            #expect(index.body.contains("Download Friends and Family Test results, by service and month (CSV)"))
            #expect(index.body.contains("Download published stories (CSV)"))

            var rows: [OpenDataset: [[String]]] = [:]
            for dataset in OpenDataset.allCases {
                #expect(index.body.contains("href=\"\(dataset.path)\""))
                #expect(index.body.contains(dataset.columns.last!.meaning))
                let download = try await visitor.get(dataset.path)
                #expect(download.status == .ok, "\(dataset.path)")
                #expect(download.headers.first(name: .contentType) == "text/csv; charset=utf-8")
                #expect(download.headers.first(name: .contentDisposition)?.contains(dataset.fileName) == true)
                let records = try Self.records(download.body)
                #expect(records.first == dataset.header, "\(dataset.rawValue) starts with its documented columns")
                for record in records where record.count != dataset.header.count {
                    Issue.record("\(dataset.rawValue): a row has \(record.count) cells, not \(dataset.header.count)")
                }
                rows[dataset] = Array(records.dropFirst())
            }

            // Stories: exactly the published ones, as published.
            let items = try await FeedbackItem.query(on: app.db).all()
            let published = items.filter { $0.status == .published }
            #expect(published.count > 10 && published.count < items.count, "the demo has both kinds")
            let stories = rows[.stories]!
            #expect(Set(stories.map { $0[0] }) == Set(published.map(\.reference)))
            let byReference = Dictionary(uniqueKeysWithValues: published.map { ($0.reference, $0) })
            for story in stories {
                let item = byReference[story[0]]!
                #expect(story[9] == item.publishedText, "\(story[0]) carries its published text")
                #expect(story[12].hasSuffix("/stories/\(item.reference)"))
                #expect(story[1] == DecisionClock.ukDay(of: item.publishedAt!).iso)
            }

            // Replies: those to published stories, joined by reference.
            let replies = try await FeedbackReply.query(on: app.db).with(\.$feedback).all()
                .filter { $0.feedback.status == .published }
            #expect(!replies.isEmpty)
            #expect(rows[.replies]!.count == replies.count)
            #expect(Set(rows[.replies]!.map { $0[0] }).isSubset(of: Set(stories.map { $0[0] })))
            let replyTotal = stories.reduce(0) { $0 + Int($1[10])! }
            #expect(replyTotal == replies.count, "the stories' reply counts add up to the replies")

            #expect(rows[.actions]!.count == (try await ActionItem.query(on: app.db).count()))
            let approved = try await Decision.query(on: app.db).filter(\.$status == "approved").all()
            #expect(!approved.isEmpty)
            #expect(Set(rows[.decisions]!.map { $0[0] }) == Set(approved.map(\.title)))
            #expect(rows[.indicators]!.count == (try await IndicatorValue.query(on: app.db).count()))
            // Each figure says how long its period is, so a reader compares like with like.
            let periods = Set(IndicatorPeriod.allCases.map(\.rawValue))
            #expect(rows[.indicators]!.allSatisfy { periods.contains($0[5]) })
            let areas =
                1 + (try await Organisation.query(on: app.db).count()) + (try await Place.query(on: app.db).count())
            #expect(rows[.loopClosure]!.count == areas * 2)
            let system = rows[.loopClosure]!.first { $0[0] == "system" && $0[2] == "last 4 weeks" }!
            let loop = try await LoopClosureQuery.run(
                .everywhere, since: YouSaidWeDidController.periodStart(), on: app.db)
            #expect(system[3] == String(loop.needingAnswer) && system[4] == String(loop.replied))

            // FFT results: every service for each of the last 12 whole months, adding up to each month's answers
            // as the staff page counts them (rejected feedback left out).
            let today = app.app.decisionClock.today()
            let services = try await Service.query(on: app.db).count()
            #expect(rows[.fftResults]!.count == services * FFTResults.trendMonths)
            let lastMonth = FFTResultsFilters.standardMonth(today: today)
            #expect(rows[.fftResults]!.last?[0] == lastMonth.iso, "the latest whole month last")
            let (start, end) = FFTResults.bounds(lastMonth)
            let answered = items.filter {
                $0.fftRating != nil && $0.status != .rejected && $0.receivedAt >= start && $0.receivedAt < end
            }
            let fftTotal = rows[.fftResults]!.filter { $0[0] == lastMonth.iso }.reduce(0) { $0 + Int($1[11])! }
            #expect(fftTotal == answered.count && fftTotal > 100)
            // The six modes of collection (the last six columns) add up to each row's total, and the demo's text
            // message answers are counted under SMS/text.
            for row in rows[.fftResults]! {
                #expect(row.suffix(6).reduce(0) { $0 + Int($1)! } == Int(row[11])!, "\(row)")
            }
            let sms = answered.filter { $0.channel == .sms }.count
            #expect(sms > 0)
            #expect(rows[.fftResults]!.filter { $0[0] == lastMonth.iso }.reduce(0) { $0 + Int($1[14])! } == sms)

            // The register lists every member sitting today, with a row even when they declared nothing.
            let sitting = try await BoardMember.query(on: app.db).all().filter { $0.sits(on: today) }
            #expect(!sitting.isEmpty)
            #expect(Set(rows[.registerOfInterests]!.map { $0[1] }) == Set(sitting.map(\.name)))
            let heldFrom = try #require(OpenDataset.registerOfInterests.header.firstIndex(of: "interest_held_from"))
            let khanRow = try #require(rows[.registerOfInterests]!.first { $0.contains(khan.details) })
            #expect(khanRow[heldFrom] == "2019-04-01")
            #expect(rows[.registerOfInterests]!.filter { !$0[heldFrom].isEmpty }.count == 1)

            // Nothing that is not public: no contact details, no original text, no unpublished story.
            let everything = rows.values.flatMap { $0 }.flatMap { $0 }.joined(separator: "\n")
            for item in items {
                for contact in [item.contactEmail, item.contactPhone] {
                    if let contact, !contact.isEmpty { #expect(!everything.contains(contact)) }
                }
                if item.status != .published { #expect(!everything.contains(item.reference)) }
            }
        }
    }

    @Test(
        "a large dataset streams page by page; formulas are defused; the export writes the same rows",
        arguments: TestDatabase.all)
    func streamingAndExport(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, place) = try await Fixtures.service(on: app.db)
            let count = OpenDataRows.pageSize * 2 + 3
            for index in 0..<count {
                _ = try await ScaleQueryTests.item(
                    "HRD-P\(index)", service: service, place: place, themes: [], receivedDaysAgo: 2, on: app.db)
            }
            let hidden = try await ScaleQueryTests.item(
                "HRD-HIDDEN", service: service, place: place, themes: [], status: .awaitingModeration,
                receivedDaysAgo: 1, on: app.db)
            let formula = try #require(
                try await FeedbackItem.query(on: app.db).filter(\.$reference == "HRD-P7").first())
            formula.publishedText = "=HYPERLINK(\"http://evil.example\", \"Click\")"
            try await formula.save(on: app.db)

            let download = try await app.browser().get("/open-data/stories.csv")
            #expect(download.status == .ok)
            let records = try Self.records(download.body)
            #expect(records.count == count + 1)
            #expect(Set(records.dropFirst().map { $0[0] }).count == count, "no story twice across pages")
            #expect(!records.contains { $0[0] == hidden.reference })
            let defused = try #require(records.first { $0[0] == "HRD-P7" })
            #expect(defused[9] == "'=HYPERLINK(\"http://evil.example\", \"Click\")")

            for missing in ["/open-data/nothing.csv", "/open-data/stories.json", "/open-data/stories"] {
                #expect(try await app.browser().get(missing).status == .notFound, "\(missing)")
            }

            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("open-data-\(UUID())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let written = try await OpenDataExport.write(
                ["stories", "actions"], to: folder, siteURL: HeardApplication.configuration(of: app.app).publicURL,
                on: app.db)
            #expect(
                written.map { URL(fileURLWithPath: $0.file).lastPathComponent } == [
                    "heard-stories.csv", "heard-actions.csv",
                ])
            #expect(written.map(\.rows) == [count, 0])
            #expect(try Self.records(at: folder.appendingPathComponent("heard-stories.csv")) == records)
        }
    }
}
