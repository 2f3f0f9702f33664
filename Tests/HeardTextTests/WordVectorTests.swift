import Foundation
import Testing

@testable import HeardText

@Suite struct WordVectorTests {
    static func vector(_ text: String, _ vectors: WordVectors) -> [Float] {
        var tokens: [Token] = []
        var bytes: [UInt8] = []
        var source = text
        source.withUTF8 { Tokeniser.shared.tokenise($0, into: &tokens, bytes: &bytes) }
        var output = [Float](repeating: 0, count: vectors.dimensions)
        tokens.withUnsafeBufferPointer { tokens in
            output.withUnsafeMutableBufferPointer { vectors.documentVector(tokens, weight: 1, into: $0) }
        }
        return output
    }

    static func dot(_ first: [Float], _ second: [Float]) -> Float { zip(first, second).map { $0 * $1 }.reduce(0, +) }

    static func cosine(_ first: [Float], _ second: [Float]) -> Float {
        dot(first, second) / (dot(first, first) * dot(second, second)).squareRoot()
    }

    @Test func theShippedVectorsLoadAndKnowCommonWords() throws {
        let vectors = try WordVectors.loadBundled()
        #expect(vectors.dimensions == 64)
        #expect(vectors.count > 4000)
        for word in ["kind", "rude", "appointment", "ambulance", "a&e", "111", "didn't"] {
            #expect(vectors.contains(word: word), "no vector for \(word)")
        }
        // Abbreviations the tokeniser unifies share the full word's vector.
        #expect(vectors.contains(word: "appt"))
        #expect(!vectors.contains(word: "zzzqqq"))
    }

    @Test func commentVectorsPlaceSimilarMeaningsClose() throws {
        let vectors = try WordVectors.loadBundled()
        let kind = Self.vector("the nurse was kind", vectors)
        let caring = Self.vector("the nurse was caring", vectors)
        let parking = Self.vector("there was nowhere to park the car", vectors)
        // One word gives a unit vector (the normaliser is the root of the words' squared lengths).
        #expect(abs(Self.dot(Self.vector("kind", vectors), Self.vector("kind", vectors)) - 1) < 0.001)
        #expect(Self.cosine(kind, caring) > Self.cosine(kind, parking) + 0.2)
        let rude = Self.vector("rude", vectors)
        let abrupt = Self.vector("abrupt", vectors)
        let ambulance = Self.vector("ambulance", vectors)
        #expect(Self.cosine(rude, abrupt) > Self.cosine(rude, ambulance))
        // No known word: the zero vector, not NaN.
        #expect(Self.vector("zzzqqq", vectors).allSatisfy { $0 == 0 })
    }

    @Test func aModelRecordsItsVectorsAndScoresWithThem() throws {
        let vectors = try WordVectors.loadBundled()
        let model = Trainer(options: TinyCorpus.options()).train(TinyCorpus.comments()).model
        #expect(model.metadata.features.wordVectors?.identity == vectors.identity)
        #expect(model.denseWeights.count == model.headCount * vectors.dimensions)
        #expect(model.denseWeights.contains { $0 != 0 })
        var without = TinyCorpus.options()
        without.wordVectorWeight = 0
        let plain = Trainer(options: without).train(TinyCorpus.comments()).model
        #expect(plain.metadata.features.wordVectors == nil)
        #expect(plain.denseWeights.isEmpty)
        #expect(CommentAnalyser(model: plain).analyse("the nurse was kind").themes == ["Staff"])
    }

    @Test func refusesAModelTrainedWithOtherVectors() throws {
        let model = Trainer(options: TinyCorpus.options()).train(TinyCorpus.comments()).model
        var metadata = model.metadata
        metadata.features.wordVectors?.identity = "0123abcd"
        let other = TextModel(
            metadata: metadata, keys: model.keys, idf: model.idf, weights: model.weights, bias: model.bias,
            denseWeights: model.denseWeights, wordVectors: model.wordVectors)
        let url = TinyCorpus.temporaryURL("other-vectors.heardmodel")
        defer { try? FileManager.default.removeItem(at: url) }
        try other.write(to: url)
        let identity = try WordVectors.loadBundled().identity
        #expect(throws: ModelError.wordVectorsMismatch(path: url.path, expected: "0123abcd", found: identity)) {
            try TextModel(contentsOf: url)
        }
    }

    @Test func stillReadsVersionOneModelFiles() throws {
        var options = TinyCorpus.options()
        options.wordVectorWeight = 0
        let model = Trainer(options: options).train(TinyCorpus.comments()).model
        let url = TinyCorpus.temporaryURL("v1.heardmodel")
        defer { try? FileManager.default.removeItem(at: url) }
        try model.write(to: url)
        // A version 1 file is a version 2 file without the word-vector section (a zero dimension count).
        var bytes = [UInt8](try Data(contentsOf: url))
        bytes.removeLast(8 + 4)
        bytes[8] = 1
        let checksum = TextModel.checksum(bytes[...])
        withUnsafeBytes(of: checksum.littleEndian) { bytes.append(contentsOf: $0) }
        try Data(bytes).write(to: url)
        let loaded = try TextModel(contentsOf: url)
        #expect(loaded.wordVectors == nil)
        let analyser = CommentAnalyser(model: loaded)
        for text in TinyCorpus.comments(count: 20).texts {
            #expect(analyser.analyse(text) == CommentAnalyser(model: model).analyse(text))
        }
    }

    @Test func refusesADamagedVectorFile() throws {
        let url = try #require(WordVectors.bundledURL)
        var bytes = [UInt8](try Data(contentsOf: url))
        bytes[bytes.count / 2] ^= 0x5A
        let damaged = TinyCorpus.temporaryURL("damaged.heardvec")
        defer { try? FileManager.default.removeItem(at: damaged) }
        try Data(bytes).write(to: damaged)
        #expect(throws: ModelError.corrupted(path: damaged.path, reason: "checksum mismatch")) {
            try WordVectors(contentsOf: damaged)
        }
        let truncated = TinyCorpus.temporaryURL("truncated.heardvec")
        defer { try? FileManager.default.removeItem(at: truncated) }
        try Data(bytes.prefix(20)).write(to: truncated)
        #expect(throws: ModelError.self) { try WordVectors(contentsOf: truncated) }
    }
}
