import Foundation

/// A trained text model: themes (or single labels) and, optionally, sentiment. Immutable and cheap to share.
///
/// Weights are stored one row per feature, heads contiguous within a row, so scoring a comment touches one
/// short contiguous run of memory per feature it contains.
public struct TextModel: Sendable {
    let metadata: ModelMetadata
    /// Feature hashes in row order (kept for saving).
    let keys: [UInt64]
    let idf: [Float]
    /// `keys.count × headCount` weights, row-major (as trained and saved).
    let weights: [Float]
    let bias: [Float]
    let headCount: Int
    let extractor: FeatureExtractor
    /// The compact layout used for scoring.
    let table: ScoringTable

    init(metadata: ModelMetadata, keys: [UInt64], idf: [Float], weights: [Float], bias: [Float]) {
        self.metadata = metadata
        self.keys = keys
        self.idf = idf
        self.weights = weights
        self.bias = bias
        headCount = bias.count
        extractor = FeatureExtractor(settings: metadata.features)
        table = ScoringTable(keys: keys, idf: idf, weights: weights, heads: bias.count)
    }

    /// Every label of the model's taxonomy, spelled as in the training file.
    public var themeNames: [String] { metadata.labels }
    /// The labels the model can predict (the others had too few training examples).
    public var learnedThemeNames: [String] { metadata.headLabels.map { metadata.labels[$0] } }
    /// True when each comment gets exactly one label.
    public var isSingleLabel: Bool { metadata.kind == .singleLabel }
    /// True when the model predicts sentiment.
    public var hasSentiment: Bool { !metadata.sentimentClasses.isEmpty }
    /// The question column the model was trained with, if any (analysis uses it when present).
    public var questionColumn: String? { metadata.questionColumn }
    /// The text column the model was trained on.
    public var textColumn: String { metadata.textColumn }
    /// Data source, metrics and training details.
    public var card: ModelCard { metadata.card }
    var labelHeadCount: Int { metadata.headLabels.count }

    /// Scores every head for one comment's features: TF-IDF with L2 normalisation, then a linear layer.
    ///
    /// Two passes: first every hash probe (independent loads the processor overlaps), then every weight row
    /// (integer sums of idf-weighted rows, see `ScoringTable`).
    /// `hits` and `probes` must hold at least `features.count` entries; `totals` one lane of 16 per 16 heads (rounded up).
    @inline(__always)
    func score(
        _ features: UnsafeBufferPointer<UInt64>, into scores: UnsafeMutableBufferPointer<Float>,
        totals: UnsafeMutableBufferPointer<SIMD16<Int32>>, hits: UnsafeMutableBufferPointer<Int32>,
        probes: UnsafeMutableBufferPointer<ScoringTable.Slot>
    ) {
        let hitCount = table.findAll(features, firstProbes: probes, rows: hits)
        let squaredNorm = table.sum(UnsafeBufferPointer(rebasing: hits[0..<hitCount]), into: totals)
        let normaliser: Float = squaredNorm > 0 ? 1 / squaredNorm.squareRoot() : 0
        table.scales.withUnsafeBufferPointer { scales in
            for head in 0..<headCount {
                scores[head] = Float(totals[head >> 4][head & 15]) * scales[head] * normaliser + bias[head]
            }
        }
    }
}
