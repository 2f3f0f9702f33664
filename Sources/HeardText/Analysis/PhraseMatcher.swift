/// Finds fixed word sequences in a tokenised comment, returning the categories that matched.
///
/// Phrases are written as plain words and go through the same tokeniser as comments, so "self-harm",
/// "Self harm" and "self harm" all match the phrase "self harm", and "didnt" matches "didn't".
struct PhraseMatcher: Sendable {
    struct Phrase: Sendable {
        var words: [UInt64]
        var category: Int
        /// Matches only when its first word is negated ("not safe"), or only when not negated.
        var requiresNegation: Bool?
    }

    private var phrasesByFirstWord: FlatHashMap
    /// One bit per value of a hash's top 12 bits, set for every phrase's first word: most words of a comment
    /// start no phrase, and this answers that with one load instead of a probe into the map.
    private var firstWordFilter = [UInt64](repeating: 0, count: 64)
    private var buckets: [[Phrase]]
    let categoryCount: Int

    /// `phrases[category]` lists the phrases for that category. A leading "!" means "only when negated"
    /// ("!safe" catches "did not feel safe"); a leading "~" means "only when not negated".
    init(phrases: [[String]]) {
        categoryCount = phrases.count
        var map = FlatHashMap(minimumCapacity: 64)
        var buckets: [[Phrase]] = []
        for (category, list) in phrases.enumerated() {
            for var text in list {
                var requiresNegation: Bool? = nil
                if text.hasPrefix("!") {
                    requiresNegation = true
                    text.removeFirst()
                } else if text.hasPrefix("~") {
                    requiresNegation = false
                    text.removeFirst()
                }
                let words = Self.hashes(of: text)
                guard let first = words.first else { continue }
                let phrase = Phrase(words: words, category: category, requiresNegation: requiresNegation)
                firstWordFilter[Int(first >> 58)] |= 1 << ((first >> 52) & 63)
                if let bucket = map.value(for: first) {
                    buckets[Int(bucket)].append(phrase)
                } else {
                    map.set(Int32(buckets.count), for: first)
                    buckets.append([phrase])
                }
            }
        }
        phrasesByFirstWord = map
        self.buckets = buckets
    }

    private static func hashes(of text: String) -> [UInt64] {
        var source = text
        var tokens: [Token] = []
        var bytes: [UInt8] = []
        source.withUTF8 { Tokeniser.shared.tokenise($0, into: &tokens, bytes: &bytes) }
        return tokens.map(\.hash)
    }

    /// A bit set of matched categories (category `i` is bit `i`; at most 64 categories).
    func matches(_ tokens: UnsafeBufferPointer<Token>) -> UInt64 {
        var found: UInt64 = 0
        let count = tokens.count
        for index in 0..<count {
            let hash = tokens[index].hash
            guard firstWordFilter[Int(hash >> 58)] & (1 << ((hash >> 52) & 63)) != 0,
                let bucket = phrasesByFirstWord.value(for: hash)
            else { continue }
            for phrase in buckets[Int(bucket)] where found & (1 << UInt64(phrase.category)) == 0 {
                if let requiresNegation = phrase.requiresNegation, tokens[index].isNegated != requiresNegation {
                    continue
                }
                let length = phrase.words.count
                guard index + length <= count else { continue }
                var matched = true
                var offset = 1
                while offset < length {
                    if tokens[index + offset].hash != phrase.words[offset] {
                        matched = false
                        break
                    }
                    offset += 1
                }
                if matched { found |= 1 << UInt64(phrase.category) }
            }
        }
        return found
    }
}
