/// Finds word sequences in a tokenised comment, returning the categories that matched.
///
/// Phrases are written as plain words and go through the same tokeniser as comments, so "self-harm",
/// "Self harm" and "self harm" all match the phrase "self harm", and "didnt" matches "didn't".
///
/// A phrase word may also be a word class, so that one line covers the inflections and objects of a verb
/// without listing every combination: `{name}` is any word of the class `name` given to `init`, `{name?}`
/// the same or nothing, and `a|b|c` any of those words. "{strike} {relation?} {person}" matches "hit my dad"
/// and "smacked the patient". Classes cost nothing until a phrase's first word has matched: then each class
/// position is one probe into a small hash set, and no memory is allocated.
struct PhraseMatcher: Sendable {
    struct Phrase: Sendable {
        var words: [UInt64]
        /// For each word, the index of the class it must belong to, or -1 when it must equal `words[i]`.
        var classes: [Int16]
        var category: Int
        /// Matches only when its first word is negated ("not safe"), or only when not negated.
        var requiresNegation: Bool?
        /// A veto: when it matches, phrases of its category starting at the same word are not counted
        /// ("died peacefully" keeps "died" from raising danger).
        var isVeto: Bool
    }

    private var phrasesByFirstWord: FlatHashMap
    /// One bit per value of a hash's top 12 bits, set for every phrase's first word: most words of a comment
    /// start no phrase, and this answers that with one load instead of a probe into the map.
    private var firstWordFilter = [UInt64](repeating: 0, count: 64)
    private var buckets: [[Phrase]]
    private var wordClasses: [FlatHashMap]
    let categoryCount: Int

    /// `phrases[category]` lists the phrases for that category. A leading "!" means "only when negated"
    /// ("!safe" catches "did not feel safe"); a leading "~" means "only when not negated"; a leading "-" makes
    /// the phrase a veto for its category. `classes` names the word classes phrases may use (each member one
    /// word).
    init(phrases: [[String]], classes: [String: [String]] = [:]) {
        categoryCount = phrases.count
        var classIndex: [String: Int16] = [:]
        var classSets: [FlatHashMap] = []
        var classMembers: [[UInt64]] = []
        func addClass(_ key: String, _ members: [String]) -> Int16 {
            if let index = classIndex[key] { return index }
            var hashes: [UInt64] = []
            for member in members {
                let tokens = Self.hashes(of: member)
                precondition(tokens.count == 1, "word class member \"\(member)\" must be one word")
                if !hashes.contains(tokens[0]) { hashes.append(tokens[0]) }
            }
            var set = FlatHashMap(minimumCapacity: hashes.count)
            for hash in hashes { set.set(1, for: hash) }
            let index = Int16(classSets.count)
            classIndex[key] = index
            classSets.append(set)
            classMembers.append(hashes)
            return index
        }

        var map = FlatHashMap(minimumCapacity: 64)
        var buckets: [[Phrase]] = []
        var filter = [UInt64](repeating: 0, count: 64)
        for (category, list) in phrases.enumerated() {
            for var text in list {
                var isVeto = false
                if text.hasPrefix("-") {
                    isVeto = true
                    text.removeFirst()
                }
                var requiresNegation: Bool? = nil
                if text.hasPrefix("!") {
                    requiresNegation = true
                    text.removeFirst()
                } else if text.hasPrefix("~") {
                    requiresNegation = false
                    text.removeFirst()
                }
                // Each variant is a list of (literal hash, class index) slots; optional classes double them.
                var variants: [[(UInt64, Int16)]] = [[]]
                for word in text.split(separator: " ").map(String.init) {
                    if word.hasPrefix("{") {
                        let optional = word.hasSuffix("?}")
                        let name = String(word.dropFirst().dropLast(optional ? 2 : 1))
                        guard let members = classes[name] else { preconditionFailure("no word class \(name)") }
                        let slot = (UInt64(0), addClass(name, members))
                        variants = variants.map { $0 + [slot] } + (optional ? variants : [])
                    } else if word.contains("|") {
                        let members = word.split(separator: "|").map(String.init)
                        let slot = (UInt64(0), addClass(word, members))
                        variants = variants.map { $0 + [slot] }
                    } else {
                        let slots = Self.hashes(of: word).map { ($0, Int16(-1)) }
                        variants = variants.map { $0 + slots }
                    }
                }
                for variant in variants {
                    guard let first = variant.first else { continue }
                    // The first word keys the map, so a class there becomes one phrase per member.
                    let firstWords = first.1 < 0 ? [first.0] : classMembers[Int(first.1)]
                    for firstWord in firstWords {
                        var words = variant.map(\.0)
                        var wordClasses = variant.map(\.1)
                        words[0] = firstWord
                        wordClasses[0] = -1
                        let phrase = Phrase(
                            words: words, classes: wordClasses, category: category,
                            requiresNegation: requiresNegation, isVeto: isVeto)
                        filter[Int(firstWord >> 58)] |= 1 << ((firstWord >> 52) & 63)
                        if let bucket = map.value(for: firstWord) {
                            buckets[Int(bucket)].append(phrase)
                        } else {
                            map.set(Int32(buckets.count), for: firstWord)
                            buckets.append([phrase])
                        }
                    }
                }
            }
        }
        // Vetoes first, so that one pass over a bucket knows what is vetoed before it counts a match.
        for index in buckets.indices {
            buckets[index] = buckets[index].filter(\.isVeto) + buckets[index].filter { !$0.isVeto }
        }
        phrasesByFirstWord = map
        firstWordFilter = filter
        self.buckets = buckets
        wordClasses = classSets
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
            var vetoed: UInt64 = 0
            for phrase in buckets[Int(bucket)] {
                let bit: UInt64 = 1 << UInt64(phrase.category)
                if (found | vetoed) & bit != 0 { continue }
                if let requiresNegation = phrase.requiresNegation, tokens[index].isNegated != requiresNegation {
                    continue
                }
                let length = phrase.words.count
                guard index + length <= count else { continue }
                var matched = true
                var offset = 1
                while offset < length {
                    let word = tokens[index + offset].hash
                    let wordClass = phrase.classes[offset]
                    if wordClass < 0
                        ? word != phrase.words[offset] : wordClasses[Int(wordClass)].value(for: word) == nil
                    {
                        matched = false
                        break
                    }
                    offset += 1
                }
                if matched {
                    if phrase.isVeto { vetoed |= bit } else { found |= bit }
                }
            }
        }
        return found
    }
}
