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
    /// `bias` in lanes of 16 (see `ScoringTable.lanes`).
    let biasLanes: [SIMD16<Float>]
    /// Weights of the word-vector dimensions, head-major (`head × dimensions + dimension`); empty without them.
    let denseWeights: [Float]
    /// The vectors the model was trained with (nil when it uses none).
    let wordVectors: WordVectors?
    /// Per-word head projections of the word vectors, for scoring (nil without word vectors).
    let wordTable: ScoringTable?
    let headCount: Int
    let extractor: FeatureExtractor
    /// The compact layout used for scoring.
    let table: ScoringTable

    init(
        metadata: ModelMetadata, keys: [UInt64], idf: [Float], weights: [Float], bias: [Float],
        denseWeights: [Float] = [], wordVectors: WordVectors? = nil
    ) {
        self.metadata = metadata
        self.keys = keys
        self.idf = idf
        self.weights = weights
        self.bias = bias
        self.wordVectors = denseWeights.isEmpty ? nil : wordVectors
        self.denseWeights = self.wordVectors == nil ? [] : denseWeights
        if let vectors = self.wordVectors, let feature = metadata.features.wordVectors {
            wordTable = Self.wordTable(
                vectors, denseWeights: self.denseWeights, heads: bias.count, weight: feature.weight)
        } else {
            wordTable = nil
        }
        headCount = bias.count
        biasLanes = ScoringTable.lanes(bias)
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
    /// How many words the model's static word vectors cover (nil: it uses none).
    public var wordVectorWords: Int? { wordVectors?.count }

    /// Scores every head for one comment: TF-IDF of its features with L2 normalisation and, when the model has
    /// word vectors, the projection of its words' mean vector, then a linear layer.
    ///
    /// Both tables' hash probes are issued first (independent loads the processor overlaps, where one table
    /// after the other would wait for memory twice as often), then every weight row is summed (integer sums
    /// of idf-weighted rows, see `ScoringTable`). The word-vector part is a sum over words divided by a root of
    /// a sum over words (see `WordVectors.documentVector`), so each word's projection onto every head is
    /// computed at load and kept in `wordTable`, and costs one probe and one row like any other feature.
    /// `wordHashes` must hold at least `tokens.count` entries; `hits` and `probes` at least `features.count +
    /// tokens.count`; `totals` one lane of 16 per 16 heads (rounded up), and `scores` 16 per lane of `totals`
    /// (the heads, then padding).
    @inline(__always)
    func score(
        _ features: UnsafeBufferPointer<UInt64>, words tokens: UnsafeBufferPointer<Token>,
        wordHashes: UnsafeMutableBufferPointer<UInt64>, into scores: UnsafeMutableBufferPointer<Float>,
        totals: UnsafeMutableBufferPointer<SIMD16<Int32>>, hits: UnsafeMutableBufferPointer<Int32>,
        probes: UnsafeMutableBufferPointer<ScoringTable.Slot>
    ) {
        let featureCount = features.count
        let wordProbes = UnsafeMutableBufferPointer(rebasing: probes[featureCount...])
        let words = UnsafeBufferPointer(rebasing: wordHashes[0..<(wordTable == nil ? 0 : tokens.count)])
        table.gatherFirstProbes(features, into: probes)
        if let wordTable {
            for (index, token) in tokens.enumerated() { wordHashes[index] = token.hash }
            wordTable.gatherFirstProbes(words, into: wordProbes)
        }
        let hitCount = table.resolve(features, firstProbes: UnsafeBufferPointer(probes), rows: hits)
        let wordHits = UnsafeMutableBufferPointer(rebasing: hits[featureCount...])
        let wordHitCount =
            wordTable?.resolve(words, firstProbes: UnsafeBufferPointer(wordProbes), rows: wordHits) ?? 0

        let squaredNorm = table.sum(UnsafeBufferPointer(rebasing: hits[0..<hitCount]), into: totals)
        let normaliser: Float = squaredNorm > 0 ? 1 / squaredNorm.squareRoot() : 0
        let output = UnsafeMutableRawPointer(scores.baseAddress!)
        let stride = MemoryLayout<SIMD16<Float>>.stride
        table.scaleLanes.withUnsafeBufferPointer { scales in
            biasLanes.withUnsafeBufferPointer { bias in
                for lane in 0..<scales.count {
                    let values = SIMD16<Float>(totals[lane]) * scales[lane] * normaliser + bias[lane]
                    output.storeBytes(of: values, toByteOffset: lane * stride, as: SIMD16<Float>.self)
                }
            }
        }
        guard let wordTable, wordHitCount > 0 else { return }
        let squaredLengths = wordTable.sum(UnsafeBufferPointer(rebasing: wordHits[0..<wordHitCount]), into: totals)
        guard squaredLengths > 0 else { return }
        let wordNormaliser = 1 / squaredLengths.squareRoot()
        wordTable.scaleLanes.withUnsafeBufferPointer { scales in
            for lane in 0..<scales.count {
                let sum =
                    output.loadUnaligned(fromByteOffset: lane * stride, as: SIMD16<Float>.self)
                    + SIMD16<Float>(totals[lane]) * scales[lane] * wordNormaliser
                output.storeBytes(of: sum, toByteOffset: lane * stride, as: SIMD16<Float>.self)
            }
        }
    }

    /// Per word, its vector's projection onto every head (weight folded in), as a `ScoringTable` whose "idf" is
    /// the vector's length: `Σ length × row = Σ W·vector`, and the table's `Σ idf²` is the normaliser.
    static func wordTable(
        _ vectors: WordVectors, denseWeights: [Float], heads: Int, weight: Float
    ) -> ScoringTable {
        let dimensions = vectors.dimensions
        var lengths = [Float](repeating: 0, count: vectors.count)
        var projected = [Float](repeating: 0, count: vectors.count * heads)
        var vector = [Float](repeating: 0, count: dimensions)
        // Dimensions are a multiple of 16 (checked when the vectors load), so each dot product runs in
        // 16-wide lanes: with tens of thousands of words this is most of the model's load time.
        let lanes = dimensions / 16
        denseWeights.withUnsafeBufferPointer { weights in
            let weightBase = UnsafeRawPointer(weights.baseAddress!)
            for index in 0..<vectors.count {
                let row = Int(vectors.rows[index])
                let squared = vectors.squaredNorm(row: row)
                guard squared > 0 else { continue }
                let length = squared.squareRoot()
                lengths[index] = length
                vectors.copyVector(row: row, into: &vector)
                vector.withUnsafeBytes { vectorBytes in
                    for head in 0..<heads {
                        let headBase = weightBase + head * dimensions * MemoryLayout<Float>.stride
                        var total = SIMD16<Float>()
                        for lane in 0..<lanes {
                            let offset = lane * MemoryLayout<SIMD16<Float>>.size
                            // `+= a * b`, not `addProduct`: without FMA in the target that calls `fmaf` per lane.
                            total +=
                                headBase.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self)
                                * vectorBytes.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self)
                        }
                        projected[index * heads + head] = total.sum() * weight / length
                    }
                }
            }
        }
        return ScoringTable(keys: vectors.keys, idf: lengths, weights: projected, heads: heads)
    }
}
