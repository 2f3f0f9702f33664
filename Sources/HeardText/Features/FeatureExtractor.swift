/// Turns tokens into feature hashes. The same code runs at training and analysis time, so a model
/// always sees features built exactly as they were when it learned.
struct FeatureExtractor: Sendable {
    let settings: FeatureSettings

    private static let negatedSalt: UInt64 = 0x6e65_6761_7465_6421
    private static let bigramSalt: UInt64 = 0x6269_6772_616d_2121
    private static let characterSalt: UInt64 = 0x6368_6172_6e67_7221
    private static let questionSalt: UInt64 = 0x7175_6573_7469_6f6e
    private static let lengthSalt: UInt64 = 0x6c65_6e67_7468_2121
    private static let crossSalt: UInt64 = 0x6372_6f73_7321_2121

    init(settings: FeatureSettings) { self.settings = settings }

    /// The stable identity of a question text (its normalised words), or nil when there is none.
    static func questionHash(_ question: String) -> UInt64? {
        var source = question
        var tokens: [Token] = []
        var bytes: [UInt8] = []
        source.withUTF8 { Tokeniser.shared.tokenise($0, into: &tokens, bytes: &bytes) }
        guard !tokens.isEmpty else { return nil }
        var hash = questionSalt
        for token in tokens { hash = StableHash.combine(hash, token.hash) }
        return hash
    }

    /// Appends every feature hash of one comment to `features` (cleared first).
    func extract(
        tokens: UnsafeBufferPointer<Token>, bytes: UnsafeBufferPointer<UInt8>, question: UInt64?,
        into features: inout [UInt64]
    ) {
        features.removeAll(keepingCapacity: true)
        let count = tokens.count
        var previous: UInt64 = 0
        for index in 0..<count {
            let token = tokens[index]
            let unigram = token.isNegated ? StableHash.combine(token.hash, Self.negatedSalt) : token.hash
            features.append(unigram)
            if settings.wordBigrams, index > 0, !token.startsClause {
                features.append(StableHash.combine(previous ^ Self.bigramSalt, token.hash))
            }
            if settings.questionCrossWords, let question {
                features.append(StableHash.combine(question ^ Self.crossSalt, unigram))
            }
            previous = token.hash
            if settings.characterNGramMinimum > 0 {
                appendCharacterNGrams(
                    bytes: bytes, start: Int(token.start), length: Int(token.length), into: &features)
            }
        }
        if settings.questionFeature, let question { features.append(question) }
        if settings.lengthFeature { features.append(StableHash.combine(Self.lengthSalt, Self.lengthBucket(count))) }
    }

    /// N-grams of the word padded with boundary marks ("<ok>"), as fastText does for sub-words.
    @inline(__always)
    private func appendCharacterNGrams(
        bytes: UnsafeBufferPointer<UInt8>, start: Int, length: Int, into features: inout [UInt64]
    ) {
        let padded = length + 2
        let minimum = settings.characterNGramMinimum
        let maximum = settings.characterNGramMaximum
        guard padded >= minimum else { return }
        @inline(__always) func byte(at position: Int) -> UInt8 {
            position == 0 ? UInt8(ascii: "<") : position == padded - 1 ? UInt8(ascii: ">") : bytes[start + position - 1]
        }
        for first in 0..<padded {
            var hash = StableHash.offset ^ Self.characterSalt
            var size = 0
            var position = first
            while position < padded, size < maximum {
                hash = (hash ^ UInt64(byte(at: position))) &* StableHash.prime
                size += 1
                position += 1
                // Whole short words are already unigrams; skip the n-gram that equals the padded word.
                if size >= minimum, !(first == 0 && position == padded) { features.append(StableHash.mix(hash)) }
            }
        }
    }

    @inline(__always) static func lengthBucket(_ count: Int) -> UInt64 {
        switch count {
        case 0: 0
        case 1: 1
        case 2: 2
        case 3...5: 3
        case 6...10: 4
        case 11...20: 5
        case 21...40: 6
        case 41...80: 7
        default: 8
        }
    }
}
