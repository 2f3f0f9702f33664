import Foundation

extension TextModel {
    /// The model file signature, followed by `TextEngine.formatVersion`.
    static let signature: [UInt8] = Array("HEARDTXM".utf8)

    /// The model that ships with Heard (framework v6 themes and sentiment, trained on NHS FFT comments).
    /// Read once per process: the model is immutable, so every caller can share it.
    public static func loadDefault() throws -> TextModel { try bundledDefault.get() }

    private static let bundledDefault: Result<TextModel, ModelError> = {
        guard let url = Bundle.module.url(forResource: "default", withExtension: "heardmodel") else {
            return .failure(.missingDefaultModel)
        }
        do {
            return .success(try TextModel(contentsOf: url))
        } catch let error as ModelError {
            return .failure(error)
        } catch {
            return .failure(.unreadable(path: url.path, reason: error.localizedDescription))
        }
    }()

    /// Reads a model file written by `write(to:)`.
    public init(contentsOf url: URL) throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue {
            throw ModelError.unreadable(path: url.path, reason: "it is a folder, not a model file")
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ModelError.unreadable(path: url.path, reason: error.localizedDescription)
        }
        self = try data.withUnsafeBytes { try Self.decode($0, path: url.path) }
    }

    /// Writes the model: signature, version, JSON metadata, then weights quantised to 16 bits per head,
    /// then a checksum of everything before it (so a damaged file is refused, not half-read).
    public func write(to url: URL) throws {
        var writer = BinaryWriter()
        writer.write(raw: Self.signature)
        writer.write(UInt32(TextEngine.formatVersion))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let json = [UInt8](try encoder.encode(metadata))
        writer.write(UInt32(json.count))
        writer.write(raw: json)
        writer.write(UInt32(keys.count))
        writer.write(UInt32(headCount))
        writer.write(contentsOf: keys)
        writer.write(contentsOf: idf)
        let (scales, quantised) = try quantisedWeights(path: url.path)
        writer.write(contentsOf: scales)
        writer.write(contentsOf: quantised)
        writer.write(contentsOf: bias)
        writer.write(UInt32(wordVectors?.dimensions ?? 0))
        writer.write(contentsOf: denseWeights)
        writer.write(Self.checksum(writer.bytes[...]))
        let output = try FileOutput(path: url.path)
        try writer.bytes.withUnsafeBytes { try output.write($0) }
        try output.commit()
    }

    /// Per-head symmetric 16-bit quantisation: error under 1/65,000 of the head's largest weight.
    /// A weight that is not a finite number (training diverged) is refused: it has no 16-bit value.
    private func quantisedWeights(path: String) throws(ModelError) -> (scales: [Float], values: [Int16]) {
        let others = [("bias", bias), ("word-vector weights", denseWeights)]
        for (name, values) in [("weights", weights)] + others where !values.allSatisfy(\.isFinite) {
            throw ModelError.notFinite(path: path, part: name)
        }
        var maxima = [Float](repeating: 0, count: headCount)
        for (index, weight) in weights.enumerated() {
            let head = index % headCount
            maxima[head] = max(maxima[head], abs(weight))
        }
        let scales = maxima.map { $0 > 0 ? $0 / 32767 : 1 }
        var values = [Int16](repeating: 0, count: weights.count)
        for (index, weight) in weights.enumerated() {
            values[index] = Int16((weight / scales[index % headCount]).rounded())
        }
        return (scales, values)
    }

    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash = StableHash.offset
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* StableHash.prime }
        return hash
    }

    static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt64 { bytes.withUnsafeBytes { checksum($0) } }

    private static func decode(_ buffer: UnsafeRawBufferPointer, path: String) throws -> TextModel {
        guard buffer.count >= signature.count + 4, Array(buffer[0..<signature.count]) == signature else {
            throw ModelError.notAModelFile(path: path)
        }
        var reader = BinaryReader(buffer)
        do {
            _ = try reader.readBytes(count: signature.count)
            let version = Int(try reader.read(UInt32.self))
            guard TextEngine.readableFormatVersions.contains(version) else {
                throw ModelError.unsupportedVersion(path: path, found: version, supported: TextEngine.formatVersion)
            }
            guard buffer.count >= 8 else { throw BinaryReader.Failure.truncated }
            let body = UnsafeRawBufferPointer(rebasing: buffer[0..<(buffer.count - 8)])
            let stored = buffer.loadUnaligned(fromByteOffset: buffer.count - 8, as: UInt64.self)
            var hash = StableHash.offset
            for byte in body { hash = (hash ^ UInt64(byte)) &* StableHash.prime }
            guard hash == UInt64(littleEndian: stored) else {
                throw ModelError.corrupted(path: path, reason: "checksum mismatch")
            }
            let jsonLength = Int(try reader.read(UInt32.self))
            let json = try reader.readBytes(count: jsonLength)
            let metadata: ModelMetadata
            do {
                metadata = try JSONDecoder().decode(ModelMetadata.self, from: Data(json))
            } catch {
                throw ModelError.corrupted(path: path, reason: "unreadable metadata")
            }
            let featureCount = Int(try reader.read(UInt32.self))
            let headCount = Int(try reader.read(UInt32.self))
            guard headCount == metadata.headLabels.count + metadata.sentimentClasses.count, headCount > 0 else {
                throw ModelError.corrupted(path: path, reason: "head count does not match the metadata")
            }
            let keys = try reader.readArray(UInt64.self, count: featureCount)
            let idf = try reader.readFloats(count: featureCount)
            let scales = try reader.readFloats(count: headCount)
            let quantised = try reader.readArray(Int16.self, count: featureCount * headCount)
            let bias = try reader.readFloats(count: headCount)
            // Version 2 added the word-vector weights.
            var denseWeights: [Float] = []
            var wordVectors: WordVectors? = nil
            if version >= 2 {
                let dimensions = Int(try reader.read(UInt32.self))
                denseWeights = try reader.readFloats(count: dimensions * headCount)
                if let feature = metadata.features.wordVectors {
                    guard dimensions == feature.dimensions else {
                        throw ModelError.corrupted(path: path, reason: "word-vector weights do not match the metadata")
                    }
                    switch WordVectors.bundled {
                    case .success(let vectors):
                        guard vectors.identity == feature.identity, vectors.dimensions == dimensions else {
                            throw ModelError.wordVectorsMismatch(
                                path: path, expected: feature.identity, found: vectors.identity)
                        }
                        wordVectors = vectors
                    case .failure(let error):
                        throw error
                    }
                }
            }
            guard reader.remaining == 8 else { throw ModelError.corrupted(path: path, reason: "unexpected length") }
            var weights = [Float](repeating: 0, count: quantised.count)
            for index in 0..<quantised.count { weights[index] = Float(quantised[index]) * scales[index % headCount] }
            return TextModel(
                metadata: metadata, keys: keys, idf: idf, weights: weights, bias: bias, denseWeights: denseWeights,
                wordVectors: wordVectors)
        } catch is BinaryReader.Failure {
            throw ModelError.corrupted(path: path, reason: "the file is truncated")
        }
    }
}
