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
    /// One phrase, as stored: its words live in the matcher's flat `words` and `classes` arrays, so matching
    /// touches plain values only (no array per phrase to retain and release in the hot loop).
    private struct Phrase: Sendable {
        var wordStart: Int32
        var length: Int32
        var category: UInt8
        /// 1: matches only when its first word is negated ("not safe"); 0: only when not negated; -1: either.
        var negation: Int8
        /// A veto: when it matches, phrases of its category starting at the same word are not counted
        /// ("died peacefully" keeps "died" from raising danger).
        var isVeto: Bool
    }

    /// Per first word, its phrases: `phrases[start..<start + count]`, vetoes first.
    private var phrasesByFirstWord: FlatHashMap
    private var bucketRanges: [(start: Int32, count: Int32)]
    private var phrases: [Phrase]
    /// For each word of each phrase, its hash (or 0 for a class slot) and the class it must belong to (-1: none).
    private var words: [UInt64]
    private var classes: [Int16]
    /// One bit per value of a hash's top 16 bits, set for every phrase's first word: most words of a comment
    /// start no phrase, and this answers that with one load instead of a probe into the map.
    private var firstWordFilter = [UInt64](repeating: 0, count: 1024)
    /// Every class member, keyed by `classKey(word, class)`: one set for all classes, probed only after a
    /// phrase's first word has matched.
    private var classMembers: FlatHashMap
    let categoryCount: Int

    /// `phrases[category]` lists the phrases for that category. A leading "!" means "only when negated"
    /// ("!safe" catches "did not feel safe"); a leading "~" means "only when not negated"; a leading "-" makes
    /// the phrase a veto for its category. `classes` names the word classes phrases may use (each member one
    /// word).
    init(phrases: [[String]], classes: [String: [String]] = [:]) {
        precondition(phrases.count <= 64, "at most 64 categories")
        categoryCount = phrases.count
        var classIndex: [String: Int16] = [:]
        var memberLists: [[UInt64]] = []
        var members = FlatHashMap(minimumCapacity: 64)
        func addClass(_ key: String, _ list: [String]) -> Int16 {
            if let index = classIndex[key] { return index }
            let index = Int16(memberLists.count)
            var hashes: [UInt64] = []
            for member in list {
                let tokens = Self.hashes(of: member)
                precondition(tokens.count == 1, "word class member \"\(member)\" must be one word")
                if !hashes.contains(tokens[0]) { hashes.append(tokens[0]) }
            }
            for hash in hashes { members.set(1, for: Self.classKey(hash, index)) }
            classIndex[key] = index
            memberLists.append(hashes)
            return index
        }

        struct Pending {
            var words: [UInt64]
            var classes: [Int16]
            var category: Int
            var negation: Int8
            var isVeto: Bool
        }
        var pendingByFirstWord: [UInt64: [Pending]] = [:]
        var firstWordOrder: [UInt64] = []
        var filter = [UInt64](repeating: 0, count: 1024)
        for (category, list) in phrases.enumerated() {
            for var text in list {
                var isVeto = false
                if text.hasPrefix("-") {
                    isVeto = true
                    text.removeFirst()
                }
                var negation: Int8 = -1
                if text.hasPrefix("!") {
                    negation = 1
                    text.removeFirst()
                } else if text.hasPrefix("~") {
                    negation = 0
                    text.removeFirst()
                }
                // Each variant is a list of (literal hash, class index) slots; optional classes double them.
                var variants: [[(UInt64, Int16)]] = [[]]
                for word in text.split(separator: " ").map(String.init) {
                    if word.hasPrefix("{") {
                        let optional = word.hasSuffix("?}")
                        let name = String(word.dropFirst().dropLast(optional ? 2 : 1))
                        guard let list = classes[name] else { preconditionFailure("no word class \(name)") }
                        let slot = (UInt64(0), addClass(name, list))
                        variants = variants.map { $0 + [slot] } + (optional ? variants : [])
                    } else if word.contains("|") {
                        let list = word.split(separator: "|").map(String.init)
                        let slot = (UInt64(0), addClass(word, list))
                        variants = variants.map { $0 + [slot] }
                    } else {
                        let slots = Self.hashes(of: word).map { ($0, Int16(-1)) }
                        variants = variants.map { $0 + slots }
                    }
                }
                for variant in variants {
                    guard let first = variant.first else { continue }
                    // The first word keys the map, so a class there becomes one phrase per member.
                    let firstWords = first.1 < 0 ? [first.0] : memberLists[Int(first.1)]
                    for firstWord in firstWords {
                        var words = variant.map(\.0)
                        var wordClasses = variant.map(\.1)
                        words[0] = firstWord
                        wordClasses[0] = -1
                        filter[Int(firstWord >> 54)] |= 1 << ((firstWord >> 48) & 63)
                        if pendingByFirstWord[firstWord] == nil { firstWordOrder.append(firstWord) }
                        pendingByFirstWord[firstWord, default: []].append(
                            Pending(
                                words: words, classes: wordClasses, category: category, negation: negation,
                                isVeto: isVeto))
                    }
                }
            }
        }
        var map = FlatHashMap(minimumCapacity: firstWordOrder.count)
        var ranges: [(start: Int32, count: Int32)] = []
        var stored: [Phrase] = []
        var allWords: [UInt64] = []
        var allClasses: [Int16] = []
        for firstWord in firstWordOrder {
            let bucket = pendingByFirstWord[firstWord]!
            map.set(Int32(ranges.count), for: firstWord)
            ranges.append((Int32(stored.count), Int32(bucket.count)))
            // Vetoes first, so that one pass over a bucket knows what is vetoed before it counts a match.
            for phrase in bucket.filter(\.isVeto) + bucket.filter({ !$0.isVeto }) {
                stored.append(
                    Phrase(
                        wordStart: Int32(allWords.count), length: Int32(phrase.words.count),
                        category: UInt8(phrase.category), negation: phrase.negation, isVeto: phrase.isVeto))
                allWords += phrase.words
                allClasses += phrase.classes
            }
        }
        phrasesByFirstWord = map
        bucketRanges = ranges
        self.phrases = stored
        words = allWords
        self.classes = allClasses
        firstWordFilter = filter
        classMembers = members
    }

    private static func hashes(of text: String) -> [UInt64] {
        var source = text
        var tokens: [Token] = []
        var bytes: [UInt8] = []
        source.withUTF8 { Tokeniser.shared.tokenise($0, into: &tokens, bytes: &bytes) }
        return tokens.map(\.hash)
    }

    /// A word's key in `classMembers` for one class: distinct classes give unrelated keys.
    @inline(__always) private static func classKey(_ word: UInt64, _ wordClass: Int16) -> UInt64 {
        StableHash.combine(word, UInt64(wordClass))
    }

    /// A bit set of matched categories (category `i` is bit `i`; at most 64 categories).
    func matches(_ tokens: UnsafeBufferPointer<Token>) -> UInt64 {
        var found: UInt64 = 0
        let count = tokens.count
        firstWordFilter.withUnsafeBufferPointer { filter in
            for index in 0..<count {
                let hash = tokens[index].hash
                guard filter[Int(hash >> 54)] & (1 << ((hash >> 48) & 63)) != 0,
                    let bucket = phrasesByFirstWord.value(for: hash)
                else { continue }
                found |= matched(Int(bucket), index, tokens, found)
            }
        }
        return found
    }

    /// The categories the phrases of one bucket add when they start at `index`.
    private func matched(_ bucket: Int, _ index: Int, _ tokens: UnsafeBufferPointer<Token>, _ found: UInt64) -> UInt64 {
        let range = bucketRanges[bucket]
        let count = tokens.count
        let isNegated: Int8 = tokens[index].isNegated ? 1 : 0
        var added: UInt64 = 0
        var vetoed: UInt64 = 0
        phrases.withUnsafeBufferPointer { phrases in
            words.withUnsafeBufferPointer { words in
                classes.withUnsafeBufferPointer { classes in
                    for position in Int(range.start)..<Int(range.start + range.count) {
                        let phrase = phrases[position]
                        let bit: UInt64 = 1 << UInt64(phrase.category)
                        if (found | added | vetoed) & bit != 0 { continue }
                        if phrase.negation >= 0, phrase.negation != isNegated { continue }
                        let length = Int(phrase.length)
                        guard index + length <= count else { continue }
                        let start = Int(phrase.wordStart)
                        var matched = true
                        var offset = 1
                        while offset < length {
                            let word = tokens[index + offset].hash
                            let wordClass = classes[start + offset]
                            if wordClass < 0
                                ? word != words[start + offset]
                                : classMembers.value(for: Self.classKey(word, wordClass)) == nil
                            {
                                matched = false
                                break
                            }
                            offset += 1
                        }
                        if matched {
                            if phrase.isVeto { vetoed |= bit } else { added |= bit }
                        }
                    }
                }
            }
        }
        return added
    }
}
