import Foundation

/// Comments as rows of TF-IDF feature values (L2-normalised), in compressed sparse row form.
struct SparseMatrix: Sendable {
    var rowOffsets: [Int] = [0]
    var columns: [Int32] = []
    var values: [Float] = []
    var rowCount: Int { rowOffsets.count - 1 }
}

/// Feature hashes of each comment, computed once and shared by every fold.
struct HashedCorpus: Sendable {
    var offsets: [Int] = [0]
    var hashes: [UInt64] = []
    /// Each comment's word vector (`dimensions` values per row, already scaled), when the settings use them.
    var vectors: [Float] = []
    var dimensions = 0

    init(comments: LabelledComments, settings: FeatureSettings, wordVectors: WordVectors? = nil) {
        let extractor = FeatureExtractor(settings: settings)
        let vectorWeight = settings.wordVectors?.weight ?? 0
        if let wordVectors, settings.wordVectors != nil {
            dimensions = wordVectors.dimensions
            vectors = [Float](repeating: 0, count: comments.count * dimensions)
        }
        var tokens: [Token] = []
        var normalised: [UInt8] = []
        var features: [UInt64] = []
        var questionCache: [String: UInt64?] = [:]
        for (index, text) in comments.texts.enumerated() {
            var source = text
            source.withUTF8 { Tokeniser.shared.tokenise($0, into: &tokens, bytes: &normalised) }
            var question: UInt64? = nil
            if let text = comments.questions[index] {
                if let cached = questionCache[text] {
                    question = cached
                } else {
                    question = FeatureExtractor.questionHash(text)
                    questionCache[text] = question
                }
            }
            if tokens.isEmpty {
                features.removeAll()
            } else {
                if let wordVectors, dimensions > 0 {
                    let start = index * dimensions
                    tokens.withUnsafeBufferPointer { tokens in
                        vectors.withUnsafeMutableBufferPointer { vectors in
                            wordVectors.documentVector(
                                tokens, weight: vectorWeight,
                                into: UnsafeMutableBufferPointer(rebasing: vectors[start..<(start + dimensions)]))
                        }
                    }
                }
                tokens.withUnsafeBufferPointer { tokens in
                    normalised.withUnsafeBufferPointer { bytes in
                        extractor.extract(tokens: tokens, bytes: bytes, question: question, into: &features)
                    }
                }
            }
            hashes.append(contentsOf: features)
            offsets.append(hashes.count)
        }
    }

    func row(_ index: Int) -> ArraySlice<UInt64> { hashes[offsets[index]..<offsets[index + 1]] }

    func vector(_ index: Int) -> ArraySlice<Float> { vectors[(index * dimensions)..<(index * dimensions + dimensions)] }
}

/// The features kept for one training set, with their inverse document frequencies.
struct Vocabulary: Sendable {
    var keys: [UInt64]
    var idf: [Float]
    var lookup: FlatHashMap

    /// Keeps features present in at least `minimumDocumentFrequency` of `rows`; sorted for determinism.
    init(corpus: HashedCorpus, rows: [Int], minimumDocumentFrequency: Int) {
        var frequency: [UInt64: Int32] = [:]
        var seen: Set<UInt64> = []
        for row in rows {
            seen.removeAll(keepingCapacity: true)
            for hash in corpus.row(row) where seen.insert(hash).inserted { frequency[hash, default: 0] += 1 }
        }
        let documents = Float(rows.count)
        let kept = frequency.filter { $0.value >= Int32(minimumDocumentFrequency) }.sorted { $0.key < $1.key }
        keys = kept.map(\.key)
        idf = kept.map { Float(log(Double((documents + 1) / (Float($0.value) + 1)))) + 1 }
        var lookup = FlatHashMap(minimumCapacity: keys.count)
        for (index, key) in keys.enumerated() { lookup.set(Int32(index), for: key) }
        self.lookup = lookup
    }

    /// TF-IDF rows for `rows` of the corpus, exactly as `TextModel.score` weighs them, followed by the
    /// comment's word vector (when the corpus has them) in columns `keys.count ..< keys.count + dimensions`.
    func matrix(corpus: HashedCorpus, rows: [Int]) -> SparseMatrix {
        var matrix = SparseMatrix()
        matrix.rowOffsets.reserveCapacity(rows.count + 1)
        for row in rows {
            let start = matrix.columns.count
            var squaredNorm: Float = 0
            for hash in corpus.row(row) {
                guard let column = lookup.value(for: hash) else { continue }
                let value = idf[Int(column)]
                squaredNorm += value * value
                matrix.columns.append(column)
                matrix.values.append(value)
            }
            if squaredNorm > 0 {
                let scale = 1 / squaredNorm.squareRoot()
                for index in start..<matrix.columns.count { matrix.values[index] *= scale }
            }
            if corpus.dimensions > 0 {
                for (offset, value) in corpus.vector(row).enumerated() where value != 0 {
                    matrix.columns.append(Int32(keys.count + offset))
                    matrix.values.append(value)
                }
            }
            matrix.rowOffsets.append(matrix.columns.count)
        }
        return matrix
    }
}
