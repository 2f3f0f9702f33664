import Foundation

@testable import HeardText

/// A small synthetic labelled corpus built by the tests themselves (tests never read ../shared).
enum TinyCorpus {
    static let staffPhrases = [
        "the nurse was kind", "staff were rude", "lovely caring doctor", "receptionist was helpful",
    ]
    static let waitingPhrases = [
        "waited four hours", "long delay to be seen", "the wait was too long", "quick to be seen",
    ]
    static let parkingPhrases = ["no parking spaces", "car park full", "parking was expensive", "easy to park"]

    /// `count` comments mixing the three themes; sentiment follows the words used.
    static func comments(count: Int = 120) -> LabelledComments {
        var texts: [String] = []
        var labels: [[Int]] = []
        var sentiments: [Int?] = []
        for index in 0..<count {
            var parts: [String] = []
            var rowLabels: [Int] = []
            if index % 2 == 0 {
                parts.append(staffPhrases[(index / 2) % staffPhrases.count])
                rowLabels.append(0)
            }
            if index % 3 == 0 {
                parts.append(waitingPhrases[index % waitingPhrases.count])
                rowLabels.append(1)
            }
            if index % 5 == 0 || parts.isEmpty {
                parts.append(parkingPhrases[index % parkingPhrases.count])
                rowLabels.append(2)
            }
            let text = parts.joined(separator: " and ")
            let negative = ["rude", "waited", "delay", "too long", "no parking", "full", "expensive"].contains {
                text.contains($0)
            }
            texts.append(text)
            labels.append(rowLabels)
            sentiments.append(negative ? 4 : 2)
        }
        return LabelledComments(
            texts: texts, questions: texts.map { _ in nil }, labelNames: ["Staff", "Waiting", "Parking", "Rare"],
            labels: labels, sentiments: sentiments, isSingleLabel: false, textColumn: "text", questionColumn: nil)
    }

    static func options(seed: UInt64 = 7) -> TrainingOptions {
        TrainingOptions(
            seed: seed, folds: 2, minimumExamples: 5, features: FeatureSettings(minimumDocumentFrequency: 1))
    }

    static func temporaryURL(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("heard-text-tests-\(UUID().uuidString)-\(name)")
    }

    static func write(_ text: String, name: String = "input.csv") throws -> URL {
        let url = temporaryURL(name)
        try Data(text.utf8).write(to: url)
        return url
    }
}
