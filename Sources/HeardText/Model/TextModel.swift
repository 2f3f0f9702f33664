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
    /// `keys.count × headCount` weights, row-major (as trained and saved).
    let weights: [Float]
    let bias: [Float]
    let headCount: Int
    let extractor: FeatureExtractor
    /// The scoring layout: each row padded to a multiple of 8 floats for SIMD, with the feature's idf in
    /// lane `headCount`, so one feature's data sits in one or two cache lines.
    let rowStride: Int
    let packedRows: [Float]

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
        let heads = bias.count
        let stride = (heads + 1 + 7) / 8 * 8
        var packed = [Float](repeating: 0, count: keys.count * stride)
        for row in 0..<keys.count {
            for head in 0..<heads { packed[row * stride + head] = weights[row * heads + head] }
            packed[row * stride + heads] = idf[row]
        }
        rowStride = stride
        packedRows = packed
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
    /// `accumulators` must hold `rowStride / 8` vectors.
    @inline(__always)
    func score(
        _ features: UnsafeBufferPointer<UInt64>, into scores: UnsafeMutableBufferPointer<Float>,
        accumulators: UnsafeMutableBufferPointer<SIMD8<Float>>
    ) {
        let heads = headCount
        let stride = rowStride
        let lanes = stride / 8
        for lane in 0..<lanes { accumulators[lane] = SIMD8<Float>(repeating: 0) }
        var squaredNorm: Float = 0
        packedRows.withUnsafeBufferPointer { packed in
            let base = UnsafeRawPointer(packed.baseAddress!)
            for feature in features {
                guard let row = lookup.value(for: feature) else { continue }
                let offset = Int(row) * stride
                let value = packed[offset + heads]
                squaredNorm += value * value
                let rowStart = base + offset * MemoryLayout<Float>.stride
                for lane in 0..<lanes {
                    let weights = rowStart.loadUnaligned(fromByteOffset: lane * 32, as: SIMD8<Float>.self)
                    accumulators[lane] += value * weights
                }
            }
        }
        let scale: Float = squaredNorm > 0 ? 1 / squaredNorm.squareRoot() : 0
        for head in 0..<heads { scores[head] = accumulators[head >> 3][head & 7] * scale + bias[head] }
    }
}
