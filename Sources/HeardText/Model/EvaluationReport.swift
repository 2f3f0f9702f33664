/// Scores of a model on labelled comments.
public struct EvaluationReport: Codable, Sendable, Equatable {
    public struct LabelScore: Codable, Sendable, Equatable {
        public var label: String
        public var support: Int
        public var precision: Double
        public var recall: Double
        public var f1: Double
        /// False when the model was not trained for this label (too few examples).
        public var learned: Bool
    }

    public var rows: Int
    /// Exact-match accuracy for single-label models; subset accuracy (all themes right) for multi-label.
    public var accuracy: Double
    /// Macro-F1 over learned labels (those with enough training examples).
    public var macroF1: Double
    public var microF1: Double
    public var perLabel: [LabelScore]
    /// Sentiment accuracy on the 1–5 scale, and on 3 points (1–2 positive, 3 neutral, 4–5 negative).
    public var sentimentAccuracy5: Double?
    public var sentimentAccuracy3: Double?
    public var sentimentRows: Int

    /// The headline figures only (no per-label table), one per line.
    public var summaryText: String { headline.joined(separator: "\n") }

    private var headline: [String] {
        var lines: [String] = []
        lines.append("rows: \(rows)")
        lines.append("accuracy: \(Self.format(accuracy))")
        lines.append("macro-F1 (learned labels): \(Self.format(macroF1))")
        lines.append("micro-F1: \(Self.format(microF1))")
        if let sentimentAccuracy5, let sentimentAccuracy3 {
            lines.append(
                "sentiment accuracy (5 points): \(Self.format(sentimentAccuracy5)); (3 points): \(Self.format(sentimentAccuracy3)) over \(sentimentRows) rows"
            )
        }
        return lines
    }

    /// A short human-readable summary, one figure per line.
    public var text: String {
        var lines: [String] = []
        lines.append("rows: \(rows)")
        lines.append("accuracy: \(Self.format(accuracy))")
        lines.append("macro-F1 (learned labels): \(Self.format(macroF1))")
        lines.append("micro-F1: \(Self.format(microF1))")
        if let sentimentAccuracy5, let sentimentAccuracy3 {
            lines.append(
                "sentiment accuracy (5 points): \(Self.format(sentimentAccuracy5)); (3 points): \(Self.format(sentimentAccuracy3)) over \(sentimentRows) rows"
            )
        }
        lines.append("per label (support, precision, recall, F1):")
        for score in perLabel {
            let suffix = score.learned ? "" : "  [not learned: too few training examples]"
            lines.append(
                "  \(score.label): \(score.support), \(Self.format(score.precision)), \(Self.format(score.recall)), \(Self.format(score.f1))\(suffix)"
            )
        }
        return lines.joined(separator: "\n")
    }

    static func format(_ value: Double) -> String {
        let scaled = (value * 1000).rounded() / 1000
        var text = String(scaled)
        while text.count < 5, text.contains(".") { text += "0" }
        return text
    }
}
