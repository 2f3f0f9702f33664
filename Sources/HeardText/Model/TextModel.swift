import Foundation

/// A trained text model: themes (or single labels) and, optionally, sentiment. Immutable and cheap to share.
///
/// Weights are stored one row per feature, heads contiguous within a row, so scoring a comment touches one
/// short contiguous run of memory per feature it contains.
public struct TextModel: Sendable {
    let metadata: ModelMetadata
    let lookup: FlatHashMap
    /// Feature hashes in row order (kept for saving).
    let keys: [UInt64]
    let idf: [Float]
    /// `keys.count × headCount` weights, row-major.
    let weights: [Float]
    let bias: [Float]
    let headCount: Int
    let extractor: FeatureExtractor

    init(metadata: ModelMetadata, keys: [UInt64], idf: [Float], weights: [Float], bias: [Float]) {
        self.metadata = metadata
        self.keys = keys
        self.idf = idf
        self.weights = weights
        self.bias = bias
        headCount = bias.count
        var lookup = FlatHashMap(minimumCapacity: keys.count)
        for (row, key) in keys.enumerated() { lookup.set(Int32(row), for: key) }
        self.lookup = lookup
        extractor = FeatureExtractor(settings: metadata.features)
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
    @inline(__always)
    func score(_ features: UnsafeBufferPointer<UInt64>, into scores: UnsafeMutableBufferPointer<Float>) {
        let heads = headCount
        for head in 0..<heads { scores[head] = 0 }
        var squaredNorm: Float = 0
        weights.withUnsafeBufferPointer { weights in
            idf.withUnsafeBufferPointer { idf in
                for feature in features {
                    guard let row = lookup.value(for: feature) else { continue }
                    let value = idf[Int(row)]
                    squaredNorm += value * value
                    let base = Int(row) * heads
                    for head in 0..<heads { scores[head] += value * weights[base + head] }
                }
            }
        }
        let scale: Float = squaredNorm > 0 ? 1 / squaredNorm.squareRoot() : 0
        for head in 0..<heads { scores[head] = scores[head] * scale + bias[head] }
    }
}
