/// Per-class score offsets for "pick the best class" decisions, tuned on out-of-fold scores.
///
/// One-vs-rest heads are trained separately, so their scores are not on one scale: rare classes lose the
/// argmax too often. Subtracting a tuned offset per class (coordinate ascent on a grid) repairs that, for
/// the objective the model is judged on.
enum OffsetTuning {
    /// `scores` is `rows × classes`; `truth[row]` the class index or nil (row ignored).
    /// `objective` scores a vector of predictions (same order as the non-nil rows).
    static func tune(
        scores: [Float], classes: Int, truth: [Int?], rounds: Int = 3,
        objective: (_ predicted: [Int], _ actual: [Int]) -> Double
    ) -> [Float] {
        let rows = truth.indices.filter { truth[$0] != nil }
        let actual = rows.map { truth[$0]! }
        var offsets = [Float](repeating: 0, count: classes)
        func predictions() -> [Int] {
            rows.map { row in
                var best = 0
                for index in 1..<classes
                where scores[row * classes + index] - offsets[index] > scores[row * classes + best] - offsets[best] {
                    best = index
                }
                return best
            }
        }
        guard classes >= 2, !rows.isEmpty else { return offsets }
        var bestScore = objective(predictions(), actual)
        let grid = stride(from: Float(-0.6), through: 0.6, by: 0.05).map { $0 }
        for _ in 0..<rounds {
            var improved = false
            for index in 0..<classes {
                let original = offsets[index]
                var bestOffset = original
                for candidate in grid {
                    offsets[index] = candidate
                    let score = objective(predictions(), actual)
                    if score > bestScore + 1e-9 {
                        bestScore = score
                        bestOffset = candidate
                        improved = true
                    }
                }
                offsets[index] = bestOffset
            }
            if !improved { break }
        }
        return offsets
    }

    static func accuracy(_ predicted: [Int], _ actual: [Int]) -> Double {
        guard !actual.isEmpty else { return 0 }
        return Double(zip(predicted, actual).filter { $0 == $1 }.count) / Double(actual.count)
    }

    static func macroF1(_ predicted: [Int], _ actual: [Int], classes: Int) -> Double {
        var truePositive = [Int](repeating: 0, count: classes)
        var predictedCount = [Int](repeating: 0, count: classes)
        var actualCount = [Int](repeating: 0, count: classes)
        for (guess, truth) in zip(predicted, actual) {
            predictedCount[guess] += 1
            actualCount[truth] += 1
            if guess == truth { truePositive[guess] += 1 }
        }
        var sum = 0.0
        var counted = 0
        for index in 0..<classes where actualCount[index] > 0 {
            sum += 2 * Double(truePositive[index]) / Double(predictedCount[index] + actualCount[index])
            counted += 1
        }
        return counted > 0 ? sum / Double(counted) : 0
    }
}
