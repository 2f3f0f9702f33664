import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// The copy of a piece of feedback holds what the person chose as well as what they wrote, and what Heard
/// derived about it: it is their personal data too.
@Suite("Requests about personal data: the copy of feedback")
struct PersonalDataFeedbackCopyTests {
    @Test(
        "the copy gives the FFT answer, the publishing choice, the reply request, themes, sentiment and relational labels",
        arguments: TestDatabase.all)
    func feedbackChoicesAndAnalysis(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, place) = try await Fixtures.service(on: app.db)
            let item = try await ScaleQueryTests.item(
                "HRD-COPYME", service: service, place: place, themes: ["Waiting times", "Staff attitude"],
                receivedDaysAgo: 2, on: app.db)
            item.contactEmail = "lee@example.org"
            item.fftRating = FFTRating.poor.rawValue
            item.consentToPublish = false
            item.wantsReply = true
            item.sentiment = 5
            item.relational = "listening;dignity"
            try await item.update(on: app.db)
            let plain = try await ScaleQueryTests.item(
                "HRD-PLAINONE", service: service, place: place, themes: [], receivedDaysAgo: 1, on: app.db)
            plain.contactEmail = "lee@example.org"
            plain.analysedAt = nil
            plain.sentiment = nil
            plain.relational = ""
            try await plain.update(on: app.db)

            let admin = try await app.signedInBrowser(.administrator)
            let copy = try await admin.get("/staff/personal-data/copy.json?email=lee@example.org")
            let document = try #require(
                try JSONSerialization.jsonObject(with: Data(copy.body.utf8)) as? [String: Any])
            let feedback = try #require(document["feedback"] as? [[String: Any]])
            let row = try #require(feedback.first { $0["reference"] as? String == "HRD-COPYME" })
            #expect(row["fft_answer"] as? String == "Poor")
            #expect(row["agreed_to_publish"] as? String == "no")
            #expect(row["asked_for_a_reply"] as? String == "yes")
            #expect(row["themes"] as? [String] == ["Waiting times", "Staff attitude"])
            #expect(row["sentiment"] as? String == "Very negative")
            #expect(row["relational_labels"] as? [String] == ["Being listened to and involved", "Dignity and respect"])
            let other = try #require(feedback.first { $0["reference"] as? String == "HRD-PLAINONE" })
            #expect(other["fft_answer"] as? String == "")
            #expect(other["sentiment"] as? String == "", "not analysed: nothing was derived")
            #expect(other["relational_labels"] as? [String] == [])
            #expect(other["agreed_to_publish"] as? String == "yes" && other["asked_for_a_reply"] as? String == "no")
        }
    }
}
