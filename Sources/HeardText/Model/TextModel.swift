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
    /// Two passes: first every hash probe (independent loads the processor overlaps), then every weight row.
    /// `hits` and `probes` must hold at least `features.count` entries; `accumulators` at least
    /// `table.stride / 8`.
    /// The idf's bytes at the end of each row are summed as if they were weights, into lanes past the head
    /// count that are never read.
    @inline(__always)
    func score(
        _ features: UnsafeBufferPointer<UInt64>, into scores: UnsafeMutableBufferPointer<Float>,
        accumulators: UnsafeMutableBufferPointer<SIMD8<Float>>, hits: UnsafeMutableBufferPointer<Int32>,
        probes: UnsafeMutableBufferPointer<ScoringTable.Slot>
    ) {
        let hitCount = table.findAll(features, firstProbes: probes, rows: hits)
        let stride = table.stride
        let lanes = stride / 8
        for lane in 0..<lanes { accumulators[lane] = SIMD8<Float>(repeating: 0) }
        var squaredNorm: Float = 0
        table.rows.withUnsafeBufferPointer { rows in
            let base = UnsafeRawPointer(rows.baseAddress!)
            for index in 0..<hitCount {
                let rowStart = base + Int(hits[index]) * stride
                let idf = rowStart.loadUnaligned(fromByteOffset: stride - 4, as: Float.self)
                squaredNorm += idf * idf
                for lane in 0..<lanes {
                    let weights = rowStart.loadUnaligned(fromByteOffset: lane * 8, as: SIMD8<Int8>.self)
                    accumulators[lane] += idf * SIMD8<Float>(weights)
                }
            }
        }
        let normaliser: Float = squaredNorm > 0 ? 1 / squaredNorm.squareRoot() : 0
        for head in 0..<headCount {
            scores[head] = accumulators[head >> 3][head & 7] * table.scales[head] * normaliser + bias[head]
        }
    }
}
