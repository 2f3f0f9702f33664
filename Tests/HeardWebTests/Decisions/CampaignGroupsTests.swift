import Fluent
import Foundation
import HeardDomain
import HeardStorage
import HeardText
import Testing

@testable import HeardWeb

/// Consultation law asks for organised campaigns to be counted honestly: every response counts, and a group of
/// near-identical ones is reported once. Answers that share one sentence out of two are not a campaign.
@Suite("Consultation outcomes: campaign groups")
struct CampaignGroupsTests {
    struct Outcome: Decodable {
        struct Detail: Decodable {
            var campaignGroups: [Int]
            enum CodingKeys: String, CodingKey { case campaignGroups = "campaign_groups" }
        }
        var outcome: Detail?
    }

    /// Sizes of the groups of exactly repeated texts: in the demo, the only near-identical responses.
    static func repeats(_ texts: [String]) -> [Int] {
        Dictionary(grouping: texts, by: { $0 }).values.map(\.count).filter { $0 > 1 }.sorted(by: >)
    }

    @Test(
        "the demo's outcomes count only the true repeats, list each campaign once, and agree with heard analyse",
        arguments: TestDatabase.all)
    func demoOutcomes(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database, configure: { $0.seedDemoData = true }) { app in
            let visitor = app.browser()
            let admin = try await app.signedInBrowser(.administrator)
            let all = try await Consultation.query(on: app.db).all()
            let eye = try #require(all.first { $0.title.lowercased().contains("eye clinic") })
            let birth = try #require(all.first { $0.title.lowercased().contains("birth centre") })
            // The eye clinic's consultation has closed; its analysis is published as staff would.
            eye.analysisPublishedAt = Date()
            try await eye.save(on: app.db)
            for consultation in [eye, birth] {
                let texts = try await SurveyResponse.query(on: app.db).filter(\.$consultation.$id == consultation.id!)
                    .all().map(\.redactedText)
                let expected = Self.repeats(texts)
                let id = consultation.id!.uuidString.lowercased()
                let api = try JSONDecoder().decode(
                    Outcome.self, from: Data(try await visitor.get("/api/v1/consultations/\(id)").body.utf8))
                #expect(api.outcome?.campaignGroups == expected, "\(consultation.title)")

                // The same texts in any order give the same groups.
                var generator = Shuffler(state: 11)
                for _ in 0..<10 {
                    let shuffled = ConsultationAnalysis.campaigns(texts.shuffled(using: &generator))
                    #expect(shuffled.map(\.size) == expected)
                }

                // heard analyse, on the same texts in a file, finds the same groups.
                let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                defer { try? FileManager.default.removeItem(at: directory) }
                let input = directory.appendingPathComponent("in.csv")
                let csv =
                    "comment\n"
                    + texts.reversed().map { "\"\($0.replacingOccurrences(of: "\"", with: "\"\""))\"" }
                    .joined(separator: "\n") + "\n"
                try csv.write(to: input, atomically: true, encoding: .utf8)
                let summary = try CSVAnalysis(
                    analyser: CommentAnalyser(model: try TextModel.loadDefault()), textColumn: "comment"
                ).run(input: input, output: directory.appendingPathComponent("out.csv"))
                #expect(summary.duplicateClusters == expected.count)
                #expect(summary.commentsInDuplicateClusters == expected.reduce(0, +))

                // Each campaign is listed once, with how many sent it and what it said.
                let outcome = try await visitor.get("/consultations/\(id)/outcome")
                let staff = try await admin.get("/staff/consultations/\(id)")
                for page in [outcome, staff] {
                    #expect(page.status == .ok)
                    #expect(
                        page.body.contains(
                            "\(expected.reduce(0, +)) of them belong to \(expected.count) \(expected.count == 1 ? "group" : "groups") of near-identical responses"
                        ))
                    #expect(page.body.contains("Campaigns: groups of near-identical responses"))
                    #expect(page.body.contains("Keep our local service open. Do not move it further away"))
                    // The demo's own-words question is answered, and local groups responded for their members.
                    #expect(!page.body.contains("Nobody answered this question"), "\(consultation.title)")
                    #expect(page.body.contains("on behalf of organisations or groups: "), "\(consultation.title)")
                }
                let export = try await visitor.get("/consultations/\(id)/outcome.csv")
                let campaignRows = export.body.split(whereSeparator: \.isNewline).filter { $0.hasPrefix("campaigns,") }
                #expect(campaignRows.count == expected.count)
                #expect(campaignRows.first?.contains("Keep our local service open.") == true)
            }
            #expect(
                Self.repeats(
                    try await SurveyResponse.query(on: app.db).filter(\.$consultation.$id == eye.id!)
                        .all().map(\.redactedText)) == [6])
        }
    }

    @Test("a campaign is listed once with its size and text; two answers sharing one sentence are not a campaign")
    func listed() {
        let campaign = "Keep the unit open. Do not move it further away from the people who need it."
        let analysis = ConsultationAnalysis.campaigns([
            "The bus from our estate only runs twice a day. Nobody asked us before, so thank you for asking now.",
            campaign, "The bus from our estate only runs twice a day. Letters should come in other languages too.",
            campaign,
        ])
        #expect(analysis == [.init(size: 2, text: campaign)])
    }
}

/// A small seeded generator, so a failing order can be found again.
private struct Shuffler: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
