/// Everything about a model except its weights. Stored as JSON inside the model file.
struct ModelMetadata: Codable, Sendable, Equatable {
    enum Kind: String, Codable, Sendable {
        /// Each comment can carry several themes (0/1 columns).
        case multiLabel
        /// Each comment carries exactly one label (one label column).
        case singleLabel
    }

    var kind: Kind
    /// Every label of the taxonomy, spelled as the training file's column headers (or label values).
    var labels: [String]
    /// For each label head, which entry of `labels` it predicts.
    var headLabels: [Int]
    /// Per label head, the decision threshold chosen by cross-validation (multi-label), or the offset
    /// subtracted from its score before picking the best label (single-label).
    var thresholds: [Float]
    /// When no theme passes its threshold, assign the best one anyway (chosen by cross-validation).
    var assignBestWhenNone: Bool
    /// Sentiment classes (e.g. 1...5), one head each after the label heads; empty when not trained.
    var sentimentClasses: [Int]
    /// Per sentiment class, an offset subtracted from its score before picking the best (tuned by CV).
    var sentimentOffsets: [Float]
    var features: FeatureSettings
    var textColumn: String
    var questionColumn: String?
    var card: ModelCard
}
