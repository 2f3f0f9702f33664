/// Friends and Family Test results as NHS England publishes them: the share of answers that were very good or
/// good ("percentage positive") and poor or very poor ("percentage negative"), each out of every answer, "don't
/// know" included, and answers with no comment included (most FFT answers have none).
///
/// With fewer than `fewestToShare` answers no share is given: one unhappy person would read as "0% positive".
public struct FFTScore: Equatable, Sendable {
    public var answers: Int
    public var positive: Int
    public var negative: Int

    public static let fewestToShare = 5

    public init(answers: Int = 0, positive: Int = 0, negative: Int = 0) {
        self.answers = answers
        self.positive = positive
        self.negative = negative
    }

    /// Whole per cent, as NHS England rounds them; nil with too few answers.
    public var percentPositive: Int? { percent(positive) }
    public var percentNegative: Int? { percent(negative) }

    private func percent(_ part: Int) -> Int? {
        guard answers >= Self.fewestToShare else { return nil }
        return Int((Double(part) * 100 / Double(answers)).rounded())
    }

    /// "92% of 120", "3 answers, too few for a share", or "No answers".
    public var positiveText: String {
        if answers == 0 { return "No answers" }
        guard let share = percentPositive else {
            return "\(answers) \(answers == 1 ? "answer" : "answers"), too few for a share"
        }
        return "\(share)% of \(answers)"
    }

    public mutating func add(_ other: FFTScore) {
        answers += other.answers
        positive += other.positive
        negative += other.negative
    }
}

/// The FFT answers as staff filter feedback by them ("poor or very poor, with a comment"), in the groups the results
/// are given in.
public enum FFTAnswerGroup: String, CaseIterable, Sendable {
    case veryGoodOrGood = "very-good-or-good"
    case neither
    case poorOrVeryPoor = "poor-or-very-poor"
    case dontKnow = "dont-know"
    case noAnswer = "no-answer"

    public var title: String {
        switch self {
        case .veryGoodOrGood: "Very good or good"
        case .neither: "Neither good nor poor"
        case .poorOrVeryPoor: "Poor or very poor"
        case .dontKnow: "Don't know"
        case .noAnswer: "No FFT answer"
        }
    }

    /// The answers in the group; none for `noAnswer`.
    public var ratings: [FFTRating] {
        switch self {
        case .veryGoodOrGood: [.veryGood, .good]
        case .neither: [.neitherGoodNorPoor]
        case .poorOrVeryPoor: [.poor, .veryPoor]
        case .dontKnow: [.dontKnow]
        case .noAnswer: []
        }
    }
}
