import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// A ranking question is reported with every place given, not first places alone.
@Suite("Ranking questions in the outcome")
struct RankingResultsTests {
    @Test(
        "the outcome page and CSV give first places, how many ranked each choice and its average place",
        arguments: TestDatabase.all)
    func rankingOutcome(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(year: 2026, month: 12, day: 4))
            let initiative = Initiative(
                title: "Outpatient clinic", what: "Move the clinic", why: "Space", affectsServices: true,
                substantialVariation: false, decisionBody: "Calderdale Place Committee", targetDate: nil)
            try await initiative.create(on: app.db)
            let consultation = Consultation(
                initiativeID: initiative.id!, title: "Outpatient clinic", background: "b", options: "o",
                discardedAlternatives: "d", reasons: "r", opensOn: SimpleDate(year: 2026, month: 9, day: 1),
                closesOn: SimpleDate(year: 2026, month: 11, day: 30))
            consultation.analysisPublishedAt = Date()
            consultation.outcomeSummary = "People care most about buses."
            try await consultation.create(on: app.db)
            let question = SurveyQuestion(
                consultationID: consultation.id!, position: 1, kind: .ranking,
                text: "Put these in order of importance to you", choices: ["Parking", "Buses", "Opening hours"])
            try await question.create(on: app.db)
            // The QA case: opening hours is never first, but ranked by four people.
            let rankings = [
                "Parking\nBuses\nOpening hours", "Buses\nParking\nOpening hours", "Buses\nOpening hours\nParking",
                "Parking\nBuses\nOpening hours", "Parking",
            ]
            for (index, ranking) in rankings.enumerated() {
                try await SurveyResponse(
                    consultationID: consultation.id!, channel: "online", placeID: nil,
                    answers: [question.id!.uuidString: ranking], redactedText: "", submissionKey: "k\(index)",
                    contactEmail: nil
                ).create(on: app.db)
            }
            let outcomePath = "/consultations/\(consultation.id!.uuidString.lowercased())/outcome"
            let page = try await app.browser().get(outcomePath)
            #expect(page.status == .ok)
            #expect(page.body.contains("Average place"))
            #expect(page.body.contains("The consultation opened on 1 September 2026 and closed on 30 November 2026."))
            consultation.closedEarlyOn = "2026-11-20"
            consultation.shortDurationReason = Consultation.closedEarlyPrefix + "The building was sold"
            try await consultation.update(on: app.db)
            #expect(
                try await app.browser().get(outcomePath).body.contains(
                    "and was closed early, on 20 November 2026 instead of 30 November 2026: The building was sold."))
            let csv = try await app.browser().get(outcomePath + ".csv")
            let lines = csv.body.components(separatedBy: "\r\n")
            func row(_ detail: String) -> String? {
                lines.first { $0.hasPrefix("question,Put these in order of importance to you,\(detail),") }
            }
            #expect(row("Opening hours (put first)")?.hasSuffix(",0,,,") == true)
            #expect(row("Opening hours (ranked it)")?.hasSuffix(",4,,,") == true)
            #expect(row("Opening hours (average place)")?.hasSuffix(",2.8,,,") == true, "(3 + 2 + 3 + 3) / 4")
            #expect(row("Parking (put first)")?.hasSuffix(",3,,,") == true)
            #expect(row("Parking (ranked it)")?.hasSuffix(",5,,,") == true)
            #expect(row("Parking (average place)")?.hasSuffix(",1.6,,,") == true, "(1 + 2 + 3 + 1 + 1) / 5")
            #expect(row("Buses (average place)")?.hasSuffix(",1.5,,,") == true, "(2 + 1 + 1 + 2) / 4")
        }
    }
}
