/// Friends and Family Test answers counted one by one: the six counts a monthly return to NHS England gives for
/// each service, from which the published shares (`FFTScore`) are worked out.
public struct FFTTally: Equatable, Sendable {
    /// One count for each `FFTRating`, in its order (very good first, don't know last).
    private var counts = [Int](repeating: 0, count: FFTRating.allCases.count)

    public init() {}

    public subscript(rating: FFTRating) -> Int {
        counts[rating.rawValue - 1]
    }

    public mutating func add(_ rating: FFTRating, count: Int = 1) {
        counts[rating.rawValue - 1] += count
    }

    public mutating func add(_ other: FFTTally) {
        for index in counts.indices { counts[index] += other.counts[index] }
    }

    /// Every answer, "don't know" included.
    public var total: Int { counts.reduce(0, +) }

    /// The shares NHS England publishes: very good or good, and poor or very poor, out of every answer.
    public var score: FFTScore {
        FFTScore(answers: total, positive: self[.veryGood] + self[.good], negative: self[.poor] + self[.veryPoor])
    }

    /// The six counts in `FFTRating` order, for tables and CSV files.
    public var cells: [Int] { counts }
}
