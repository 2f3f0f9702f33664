import Foundation

/// Static word vectors: for each known word, a short dense vector that places words of similar meaning
/// close together ("rude" near "abrupt", "discharge" near "sent home"), so a model can use what it learned
/// from one word for words it saw rarely or never in training.
///
/// The vectors are distilled from a pretrained sentence encoder by `scripts/make-word-vectors.sh` (each
/// word's contextual vectors averaged over a corpus of comments, reduced to `dimensions` by PCA and weighted
/// by how informative the word is) and ship as a resource, so nothing is downloaded at run time. A comment's
/// vector is the L2-normalised sum of its words' vectors: one probe and one 64-byte row per word.
///
/// File layout: `HEARDWV1`, dimensions and word count (UInt32), each word (UInt16 length and UTF-8 bytes),
/// a Float scale per word, `count × dimensions` Int8 values, then an FNV-1a checksum of everything before it.
public final class WordVectors: Sendable {
    static let signature: [UInt8] = Array("HEARDWV1".utf8)

    /// Length of each vector (a multiple of 16).
    public let dimensions: Int
    /// How many words have a vector.
    public let count: Int
    /// The file's checksum, in hex: models record it so that they are never paired with other vectors.
    public let identity: String
    /// Row of each known word, keyed by the tokeniser's hash of the word's normalised form.
    private let lookup: FlatHashMap
    /// The tokeniser hash and file row of every word kept (spellings the tokeniser unifies keep the first).
    let keys: [UInt64]
    let rows: [Int32]
    /// Per row, the value one quantisation step stands for (the word's weight is folded in).
    private let scales: [Float]
    private let values: [Int8]
    private let squaredNorms: [Float]

    /// The vectors that ship with Heard.
    public static func loadBundled() throws -> WordVectors {
        guard let url = bundledURL else {
            throw ModelError.missingWordVectors
        }
        return try WordVectors(contentsOf: url)
    }

    static var bundledURL: URL? { Bundle.module.url(forResource: "word-vectors", withExtension: "heardvec") }

    /// Loaded once per process, on first use.
    static let bundled: Result<WordVectors, ModelError> = {
        do {
            return .success(try loadBundled())
        } catch let error as ModelError {
            return .failure(error)
        } catch {
            return .failure(.missingWordVectors)
        }
    }()

    public convenience init(contentsOf url: URL) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ModelError.unreadable(path: url.path, reason: error.localizedDescription)
        }
        try self.init(data: data, path: url.path)
    }

    init(data: Data, path: String) throws {
        let parsed: (Int, [String], [Float], [Int8], UInt64) = try data.withUnsafeBytes { buffer in
            let signature = Self.signature
            guard buffer.count >= signature.count + 16, Array(buffer[0..<signature.count]) == signature else {
                throw ModelError.corrupted(path: path, reason: "not a Heard word-vector file")
            }
            let body = UnsafeRawBufferPointer(rebasing: buffer[0..<(buffer.count - 8)])
            let checksum = TextModel.checksum(body)
            let stored = UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: buffer.count - 8, as: UInt64.self))
            guard checksum == stored else { throw ModelError.corrupted(path: path, reason: "checksum mismatch") }
            var reader = BinaryReader(body)
            do {
                _ = try reader.readBytes(count: signature.count)
                let dimensions = Int(try reader.read(UInt32.self))
                let count = Int(try reader.read(UInt32.self))
                guard dimensions > 0, dimensions % 16 == 0, dimensions <= 1024 else {
                    throw ModelError.corrupted(
                        path: path, reason: "vector length \(dimensions) is not a multiple of 16")
                }
                var words: [String] = []
                words.reserveCapacity(count)
                for _ in 0..<count {
                    let length = Int(try reader.read(UInt16.self))
                    words.append(String(decoding: try reader.readBytes(count: length), as: UTF8.self))
                }
                let scales = try reader.readFloats(count: count)
                let values = try reader.readArray(UInt8.self, count: count * dimensions).map { Int8(bitPattern: $0) }
                guard reader.remaining == 0 else { throw ModelError.corrupted(path: path, reason: "unexpected length") }
                return (dimensions, words, scales, values, checksum)
            } catch is BinaryReader.Failure {
                throw ModelError.corrupted(path: path, reason: "the file is truncated")
            }
        }
        let (dimensions, words, scales, values, checksum) = parsed
        self.dimensions = dimensions
        identity = String(checksum, radix: 16)
        // Words are keyed exactly as the tokeniser hashes them, so spelling variants it unifies ("appt",
        // "appointment") share a row; the first (most frequent) spelling wins.
        var lookup = FlatHashMap(minimumCapacity: words.count)
        var tokens: [Token] = []
        var bytes: [UInt8] = []
        var keys: [UInt64] = []
        var rows: [Int32] = []
        for (row, word) in words.enumerated() {
            var source = word
            source.withUTF8 { Tokeniser.shared.tokenise($0, into: &tokens, bytes: &bytes) }
            guard tokens.count == 1, lookup.value(for: tokens[0].hash) == nil else { continue }
            lookup.set(Int32(row), for: tokens[0].hash)
            keys.append(tokens[0].hash)
            rows.append(Int32(row))
        }
        self.lookup = lookup
        self.keys = keys
        self.rows = rows
        self.count = keys.count
        self.scales = scales
        self.values = values
        squaredNorms = (0..<words.count).map { row in
            var total: Float = 0
            for dimension in 0..<dimensions {
                let value = Float(values[row * dimensions + dimension]) * scales[row]
                total += value * value
            }
            return total
        }
    }

    /// Writes the comment's vector to `output[0..<dimensions]`: the sum of its known words' vectors divided by
    /// the root of the sum of their squared lengths (so one word gives a unit vector), times `weight`; all
    /// zeros when it has no known word. Negated words count as the word: the negation is a feature of its own.
    /// This normaliser, unlike the sum's own length, is a sum over words, so analysis can score the vector
    /// through a `ScoringTable` of per-word projections (`TextModel`) without building it.
    @inline(__always)
    func documentVector(
        _ tokens: UnsafeBufferPointer<Token>, weight: Float, into output: UnsafeMutableBufferPointer<Float>
    ) {
        let blocks = dimensions / 16
        let output16 = UnsafeMutableRawPointer(output.baseAddress!)
        for block in 0..<blocks {
            output16.storeBytes(of: SIMD16<Float>(repeating: 0), toByteOffset: block * 64, as: SIMD16<Float>.self)
        }
        var squaredLengths: Float = 0
        scales.withUnsafeBufferPointer { scales in
            values.withUnsafeBytes { values in
                for token in tokens {
                    guard let row = lookup.value(for: token.hash) else { continue }
                    squaredLengths += squaredNorms[Int(row)]
                    let scale = SIMD16<Float>(repeating: scales[Int(row)])
                    let base = Int(row) &* dimensions
                    for block in 0..<blocks {
                        let raw = values.loadUnaligned(fromByteOffset: base + block * 16, as: SIMD16<Int8>.self)
                        let widened = SIMD16<Float>(SIMD16<Int32>(truncatingIfNeeded: raw))
                        let offset = block * 64
                        let sum = output16.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self)
                        output16.storeBytes(of: sum + widened * scale, toByteOffset: offset, as: SIMD16<Float>.self)
                    }
                }
            }
        }
        guard squaredLengths > 0 else { return }
        let factor = SIMD16<Float>(repeating: weight / squaredLengths.squareRoot())
        for block in 0..<blocks {
            let value = output16.loadUnaligned(fromByteOffset: block * 64, as: SIMD16<Float>.self)
            output16.storeBytes(of: value * factor, toByteOffset: block * 64, as: SIMD16<Float>.self)
        }
    }

    /// Writes the vector of file row `row`, dequantised, to `output` (`dimensions` long).
    func copyVector(row: Int, into output: inout [Float]) {
        let scale = scales[row]
        for dimension in 0..<dimensions { output[dimension] = Float(values[row * dimensions + dimension]) * scale }
    }

    /// The squared length of file row `row`'s vector.
    func squaredNorm(row: Int) -> Float { squaredNorms[row] }

    /// Whether the word (as the tokeniser normalises it) has a vector.
    public func contains(word: String) -> Bool {
        var tokens: [Token] = []
        var bytes: [UInt8] = []
        var source = word
        source.withUTF8 { Tokeniser.shared.tokenise($0, into: &tokens, bytes: &bytes) }
        return tokens.count == 1 && lookup.value(for: tokens[0].hash) != nil
    }
}
