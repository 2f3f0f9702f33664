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

    /// Every feature hash of one comment, in `features` (replaced).
    func extract(
        tokens: UnsafeBufferPointer<Token>, bytes: UnsafeBufferPointer<UInt8>, question: UInt64?,
        into features: inout [UInt64]
    ) {
        var buffer: [UInt64] = []
        swap(&buffer, &features)
        let count = extract(tokens: tokens, bytes: bytes, question: question, buffer: &buffer)
        buffer.removeSubrange(count...)
        swap(&buffer, &features)
    }

    /// Hot-path form: writes the comment's feature hashes to the start of `buffer` (grown when too small, never
    /// shrunk) through a pointer, and returns how many there are.
    func extract(
        tokens: UnsafeBufferPointer<Token>, bytes: UnsafeBufferPointer<UInt8>, question: UInt64?,
        buffer: inout [UInt64]
    ) -> Int {
        let count = tokens.count
        // At most three word features per token (unigram, bigram, question cross), two per comment, and the
        // character n-grams: at most (length + 2) × (sizes) per word.
        var bound = count * 3 + 2
        if settings.characterNGramMinimum > 0 {
            var letters = 0
            for token in tokens { letters += Int(token.length) + 2 }
            bound += letters * (settings.characterNGramMaximum - settings.characterNGramMinimum + 1)
        }
        if buffer.count < bound { buffer.append(contentsOf: repeatElement(0, count: bound - buffer.count)) }
        return buffer.withUnsafeMutableBufferPointer { output in
            var written = 0
            @inline(__always) func emit(_ feature: UInt64) {
                output[written] = feature
                written += 1
            }
            var previous: UInt64 = 0
            let crossQuestion = settings.questionCrossWords ? question : nil
            for index in 0..<count {
                let token = tokens[index]
                let unigram = token.isNegated ? StableHash.combine(token.hash, Self.negatedSalt) : token.hash
                emit(unigram)
                if settings.wordBigrams, index > 0, !token.startsClause {
                    emit(StableHash.combine(previous ^ Self.bigramSalt, token.hash))
                }
                if let crossQuestion { emit(StableHash.combine(crossQuestion ^ Self.crossSalt, unigram)) }
                previous = token.hash
                if settings.characterNGramMinimum > 0 {
                    appendCharacterNGrams(
                        bytes: bytes, start: Int(token.start), length: Int(token.length), emit: emit)
                }
            }
            if settings.questionFeature, let question { emit(question) }
            if settings.lengthFeature { emit(StableHash.combine(Self.lengthSalt, Self.lengthBucket(count))) }
            return written
        }
    }

    /// N-grams of the word padded with boundary marks ("<ok>"), as fastText does for sub-words.
    @inline(__always)
    private func appendCharacterNGrams(
        bytes: UnsafeBufferPointer<UInt8>, start: Int, length: Int, emit: (UInt64) -> Void
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
                if size >= minimum, !(first == 0 && position == padded) { emit(StableHash.mix(hash)) }
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
