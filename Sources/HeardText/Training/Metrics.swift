/// Precision, recall and F1 per label, macro and micro averages, and sentiment accuracy.
enum Metrics {
    /// Builds a report. `learned[label]` says whether the label counts towards macro- and micro-F1.
    static func report(
        labelNames: [String], learned: [Bool], truth: [[Int]], predicted: [[Int]], singleLabel: Bool,
        sentimentTruth: [Int?], sentimentPredicted: [Int]
    ) -> EvaluationReport {
        let labelCount = labelNames.count
        var truePositives = [Int](repeating: 0, count: labelCount)
        var falsePositives = [Int](repeating: 0, count: labelCount)
        var falseNegatives = [Int](repeating: 0, count: labelCount)
        var exact = 0
        for row in 0..<truth.count {
            let actual = Set(truth[row])
            let guessed = Set(predicted[row])
            for label in guessed {
                if actual.contains(label) { truePositives[label] += 1 } else { falsePositives[label] += 1 }
            }
            for label in actual where !guessed.contains(label) { falseNegatives[label] += 1 }
            let learnedActual = actual.filter { learned[$0] }
            if singleLabel ? actual == guessed : learnedActual == guessed { exact += 1 }
        }
        var perLabel: [EvaluationReport.LabelScore] = []
        var macroSum = 0.0
        var macroCount = 0
        var microTP = 0
        var microFP = 0
        var microFN = 0
        for label in 0..<labelCount {
            let tp = Double(truePositives[label])
            let fp = Double(falsePositives[label])
            let fn = Double(falseNegatives[label])
            let precision = tp + fp > 0 ? tp / (tp + fp) : 0
            let recall = tp + fn > 0 ? tp / (tp + fn) : 0
            let f1 = 2 * tp + fp + fn > 0 ? 2 * tp / (2 * tp + fp + fn) : 0
            perLabel.append(
                EvaluationReport.LabelScore(
                    label: labelNames[label], support: Int(tp + fn), precision: precision, recall: recall, f1: f1,
                    learned: learned[label]))
            if learned[label] {
                macroSum += f1
                macroCount += 1
                microTP += truePositives[label]
                microFP += falsePositives[label]
                microFN += falseNegatives[label]
            }
        }
        let microDenominator = Double(2 * microTP + microFP + microFN)
        let hasSentimentPredictions = sentimentPredicted.contains { $0 != 0 }
        var sentimentRows = 0
        var correct5 = 0
        var correct3 = 0
        for (row, actual) in sentimentTruth.enumerated() {
            // A row the model gave no sentiment (no comment) counts as wrong when it has a true sentiment;
            // only a model with no sentiment head at all is not scored.
            guard let actual, row < sentimentPredicted.count, hasSentimentPredictions else { continue }
            sentimentRows += 1
            let guess = sentimentPredicted[row]
            if guess == actual { correct5 += 1 }
            if threePoint(guess) == threePoint(actual) { correct3 += 1 }
        }
        return EvaluationReport(
            rows: truth.count, accuracy: truth.isEmpty ? 0 : Double(exact) / Double(truth.count),
            macroF1: macroCount > 0 ? macroSum / Double(macroCount) : 0,
            microF1: microDenominator > 0 ? Double(2 * microTP) / microDenominator : 0, perLabel: perLabel,
            sentimentAccuracy5: sentimentRows > 0 ? Double(correct5) / Double(sentimentRows) : nil,
            sentimentAccuracy3: sentimentRows > 0 ? Double(correct3) / Double(sentimentRows) : nil,
            sentimentRows: sentimentRows)
    }

    /// 1–2 positive, 3 neutral, 4–5 negative.
    static func threePoint(_ value: Int) -> Int { value <= 2 ? 0 : value == 3 ? 1 : 2 }

    /// The threshold that maximises F1 for one head, from (score, is positive) pairs.
    static func bestThreshold(scores: [Float], positive: [Bool]) -> Float {
        let positives = positive.filter { $0 }.count
        guard positives > 0 else { return .greatestFiniteMagnitude }
        let order = scores.indices.sorted { scores[$0] > scores[$1] }
        var truePositives = 0
        var bestF1 = -1.0
        var bestIndex = 0
        for (rank, index) in order.enumerated() {
            if positive[index] { truePositives += 1 }
            // Only cut between distinct scores.
            if rank + 1 < order.count && scores[order[rank + 1]] == scores[index] { continue }
            let f1 = 2 * Double(truePositives) / Double(rank + 1 + positives)
            if f1 > bestF1 {
                bestF1 = f1
                bestIndex = rank
            }
        }
        let above = scores[order[bestIndex]]
        let below = bestIndex + 1 < order.count ? scores[order[bestIndex + 1]] : above - 1
        return (above + below) / 2
    }
}
