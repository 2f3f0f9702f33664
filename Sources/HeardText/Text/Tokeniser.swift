/// Splits a comment's UTF-8 bytes into normalised words with negation scopes, in one pass.
///
/// Normalisation: ASCII and Latin-1 letters are lower-cased; curly apostrophes become "'"; dots inside
/// initialisms are dropped ("G.P." → "gp"); "&" inside a word is kept ("A&E"), and "a & e" / "a and e"
/// become "a&e"; abbreviations and US spellings map to one form (see `Lexicon`); numbers become "#num"
/// except service numbers such as 111 and 999. Other non-ASCII letters are kept as they are.
///
/// Negation: a negator ("not", "never", "didn't", …) marks the next three words as negated, until a
/// clause ends (punctuation) or a contrast word ("but") intervenes.
struct Tokeniser: Sendable {
    static let shared = Tokeniser()

    /// How many words after a negator are inside its scope.
    static let negationWindow = 3

    private let canonicalHashes: [UInt64]
    /// Canonical spellings by hash, to show tokens as words (tests and summaries; not the hot path).
    private let displayNames: [UInt64: String]
    /// One probe per word answers everything the lexicon knows about it: its canonical form (low 16 bits,
    /// index + 1; 0 when it has none) and whether it (or its canonical form) opens or closes a negation scope.
    private let entries: FlatHashMap
    private static let negatorFlag: Int32 = 1 << 30
    private static let scopeBreakerFlag: Int32 = 1 << 29
    private let keptNumbers: FlatHashMap
    /// One bit per group of hashes that has a lexicon entry (4,096 bits, 512 bytes: small enough to stay in the
    /// nearest cache while the model's tables pass through it). Most words are not in the lexicon, and this
    /// settles them without touching `entries`.
    private let lexiconFilter: [UInt64]
    /// For each byte, its lower-case form when it is an ASCII letter or digit, and 0 otherwise: one load per byte
    /// in the word loop instead of three range tests.
    private let alphanumericLower: [UInt8] = (0...255).map { byte in
        let value = UInt8(byte)
        return ByteClass.isAlphanumeric(value) ? ByteClass.lower(value) : 0
    }
    let numberHash = StableHash.fnv1a("#num")
    let andHash = StableHash.fnv1a("and")
    let aHash = StableHash.fnv1a("a")
    let eHash = StableHash.fnv1a("e")
    let aAndEHash = StableHash.fnv1a("a&e")

    init() {
        canonicalHashes = Lexicon.canonicalForms.map { StableHash.fnv1a($0.canonical) }
        var names: [UInt64: String] = [StableHash.fnv1a("#num"): "#num", StableHash.fnv1a("a&e"): "a&e"]
        for pair in Lexicon.canonicalForms { names[StableHash.fnv1a(pair.canonical)] = pair.canonical }
        displayNames = names
        var flags: [UInt64: Int32] = [:]
        for word in Lexicon.negators { flags[StableHash.fnv1a(word), default: 0] |= Self.negatorFlag }
        for word in Lexicon.scopeBreakers { flags[StableHash.fnv1a(word), default: 0] |= Self.scopeBreakerFlag }
        var entries = FlatHashMap(minimumCapacity: Lexicon.canonicalForms.count + flags.count)
        for (hash, flag) in flags { entries.set(flag, for: hash) }
        for (index, pair) in Lexicon.canonicalForms.enumerated() {
            let canonicalFlags = flags[StableHash.fnv1a(pair.canonical)] ?? 0
            entries.set(Int32(index + 1) | canonicalFlags, for: StableHash.fnv1a(pair.variant))
        }
        self.entries = entries
        var filter = [UInt64](repeating: 0, count: 64)
        for (hash, _) in flags { Self.setFilterBit(&filter, hash) }
        for pair in Lexicon.canonicalForms { Self.setFilterBit(&filter, StableHash.fnv1a(pair.variant)) }
        lexiconFilter = filter
        keptNumbers = Self.set(Lexicon.keptNumbers)
    }

    private static func setFilterBit(_ filter: inout [UInt64], _ hash: UInt64) {
        filter[Int(hash >> 58)] |= 1 << ((hash >> 52) & 63)
    }

    @inline(__always) private func mayBeInLexicon(_ hash: UInt64) -> Bool {
        lexiconFilter.withUnsafeBufferPointer { $0[Int(hash >> 58)] & (1 << ((hash >> 52) & 63)) != 0 }
    }

    private static func set(_ words: [String]) -> FlatHashMap {
        var map = FlatHashMap(minimumCapacity: words.count)
        for word in words { map.set(1, for: StableHash.fnv1a(word)) }
        return map
    }

    /// Convenience for tests and summaries: the normalised words of `text`, negated ones prefixed "not_".
    func words(_ text: String) -> [String] {
        var source = text
        var tokens: [Token] = []
        var buffer: [UInt8] = []
        source.withUTF8 { tokenise($0, into: &tokens, bytes: &buffer) }
        return tokens.map { token in
            let word =
                displayNames[token.hash]
                ?? String(decoding: buffer[Int(token.start)..<Int(token.start + token.length)], as: UTF8.self)
            return token.isNegated ? "not_" + word : word
        }
    }

    /// Tokenises `input`, replacing the contents of `tokens` and writing normalised words into `buffer`
    /// (both reused to avoid allocation). Tokens index into `buffer`; bytes past the last token are scratch.
    func tokenise(_ input: UnsafeBufferPointer<UInt8>, into tokens: inout [Token], bytes buffer: inout [UInt8]) {
        _ = tokeniseNotingClues(input, into: &tokens, bytes: &buffer)
    }

    /// `tokenise`, also returning what it noticed on the way (a digit, an "@") for the redactor.
    func tokeniseNotingClues(
        _ input: UnsafeBufferPointer<UInt8>, into tokens: inout [Token], bytes buffer: inout [UInt8]
    ) -> TextClues {
        tokens.removeAll(keepingCapacity: true)
        // Normalising never more than triples the bytes ("&" becomes "and"), so the buffer is sized once and
        // written through a pointer: no capacity or uniqueness checks per byte.
        let needed = input.count * 3 + 8
        if buffer.count < needed { buffer = [UInt8](repeating: 0, count: needed) }
        return buffer.withUnsafeMutableBufferPointer { output in
            var sink = ByteSink(base: output.baseAddress!)
            return alphanumericLower.withUnsafeBufferPointer { lowerTable in
                scan(input, into: &tokens, bytes: &sink, lowerTable: lowerTable)
            }
        }
    }

    /// `lowerTable` is `alphanumericLower`'s storage.
    private func scan(
        _ input: UnsafeBufferPointer<UInt8>, into tokens: inout [Token], bytes: inout ByteSink,
        lowerTable: UnsafeBufferPointer<UInt8>
    )
        -> TextClues
    {
        var state = ScanState()
        let count = input.count
        var index = 0
        while index < count {
            let byte = input[index]
            if lowerTable[Int(byte)] != 0 {
                if state.tokenStart < 0 {
                    state.tokenStart = bytes.count
                    state.startsUpper = ByteClass.isUpper(byte)
                }
                // The whole run of letters and digits in registers: hash, output position and flags are
                // written back once per run, not once per byte.
                var hash = state.hash
                var written = bytes.count
                var digitCount = 0
                let runStart = written
                let output = bytes.base
                repeat {
                    let current = input[index]
                    let lowered = lowerTable[Int(current)]
                    guard lowered != 0 else { break }
                    output[written] = lowered
                    written += 1
                    hash = (hash ^ UInt64(lowered)) &* StableHash.prime
                    digitCount &+= ByteClass.isDigit(current) ? 1 : 0
                    index += 1
                } while index < count
                bytes.count = written
                state.hash = hash
                if digitCount > 0 { state.clues.hasDigit = true }
                if digitCount < written - runStart { state.allDigits = false }
                continue
            }
            if byte < 0x80 {
                index += 1
                switch byte {
                case UInt8(ascii: "'"), UInt8(ascii: "+"):
                    if state.tokenStart >= 0, index < count, ByteClass.isASCIILetter(input[index]) {
                        appendInner(byte, &bytes, &state)
                        continue
                    }
                case UInt8(ascii: "&"):
                    if state.tokenStart >= 0, index < count, ByteClass.isASCIILetter(input[index]) {
                        appendInner(byte, &bytes, &state)
                        continue
                    }
                    finishToken(&tokens, &bytes, &state)
                    emitWord("and", &tokens, &bytes, &state)
                    continue
                case UInt8(ascii: "@"):
                    state.clues.hasAt = true
                case UInt8(ascii: "/"):
                    if Self.endsWebAddressHost(input, before: index - 1) { state.clues.hasLinkSlash = true }
                case UInt8(ascii: "."):
                    // Initialisms: "g.p." → "gp". Only after a single letter and before a letter.
                    let runStart = state.lastDotBoundary >= 0 ? state.lastDotBoundary : state.tokenStart
                    if state.tokenStart >= 0, bytes.count - runStart == 1, index < count,
                        ByteClass.isASCIILetter(input[index])
                    {
                        state.lastDotBoundary = bytes.count
                        continue
                    }
                    // Lower case after it, as in "nhs.net": "the ward.The nurse" (a missing space) is common and
                    // would send the comment to the redactor for nothing.
                    if state.tokenStart >= 0, index < count, ByteClass.isLower(input[index]) {
                        state.clues.hasInnerDot = true
                    }
                default: break
                }
                finishToken(&tokens, &bytes, &state)
                if ByteClass.isClauseEnd(byte) { state.endClause() }
                continue
            }
            index = handleMultiByte(input, at: index, &tokens, &bytes, &state)
        }
        finishToken(&tokens, &bytes, &state)
        return state.clues
    }

    /// Whether the "/" at `slash` follows ":" ("https://"), ".com", ".net" or ".app" (any case): the start of a web
    /// address's path, which the redactor checks for a social media profile. "and/or" and "24/7" do not.
    @inline(__always)
    static func endsWebAddressHost(_ input: UnsafeBufferPointer<UInt8>, before slash: Int) -> Bool {
        guard slash >= 1 else { return false }
        if input[slash - 1] == UInt8(ascii: ":") { return true }
        guard slash >= 4, input[slash - 4] == UInt8(ascii: ".") else { return false }
        let a = ByteClass.lower(input[slash - 3])
        let b = ByteClass.lower(input[slash - 2])
        let c = ByteClass.lower(input[slash - 1])
        return (a == UInt8(ascii: "c") && b == UInt8(ascii: "o") && c == UInt8(ascii: "m"))
            || (a == UInt8(ascii: "n") && b == UInt8(ascii: "e") && c == UInt8(ascii: "t"))
            || (a == UInt8(ascii: "a") && b == UInt8(ascii: "p") && c == UInt8(ascii: "p"))  // "bsky.app/"
    }

    private struct ScanState {
        var tokenStart = -1
        var hash = StableHash.offset
        var allDigits = true
        var lastDotBoundary = -1
        var negationRemaining = 0
        var clauseStarting = true
        var startsUpper = false
        var clues = TextClues()

        mutating func endClause() {
            negationRemaining = 0
            clauseStarting = true
        }
    }

    @inline(__always)
    private func appendInner(_ byte: UInt8, _ bytes: inout ByteSink, _ state: inout ScanState) {
        bytes.append(byte)
        state.hash = (state.hash ^ UInt64(byte)) &* StableHash.prime
        state.allDigits = false
    }

    /// Multi-byte UTF-8: known punctuation acts as punctuation; anything else is part of a word.
    private func handleMultiByte(
        _ input: UnsafeBufferPointer<UInt8>, at start: Int, _ tokens: inout [Token], _ bytes: inout ByteSink,
        _ state: inout ScanState
    ) -> Int {
        let count = input.count
        let byte = input[start]
        if byte >= 0xC2, let lookalike = LookalikeFolding.fold(input, at: start) {
            // Tokenised as before; noted so the redactor folds "９４３" or a no-break space before matching.
            state.clues.hasLookalike = true
            if ByteClass.isDigit(lookalike.ascii) { state.clues.hasDigit = true }
            if lookalike.ascii == UInt8(ascii: "@") { state.clues.hasAt = true }
        }
        if byte == 0xE2, start + 2 < count, input[start + 1] == 0x80 {
            let third = input[start + 2]
            switch third {
            case 0x98, 0x99:  // ‘ ’ : apostrophe inside a word, otherwise a quote mark
                if state.tokenStart >= 0, start + 3 < count, ByteClass.isASCIILetter(input[start + 3]) {
                    appendInner(UInt8(ascii: "'"), &bytes, &state)
                } else {
                    finishToken(&tokens, &bytes, &state)
                }
                return start + 3
            case 0xA6:  // … ends a clause
                finishToken(&tokens, &bytes, &state)
                state.endClause()
                return start + 3
            case 0x8B...0x8D:  // zero-width characters join nothing and separate nothing
                return start + 3
            case 0x80...0xAF:  // dashes, quotes, bullets, special spaces
                finishToken(&tokens, &bytes, &state)
                return start + 3
            default: break
            }
        }
        if byte == 0xC2, start + 1 < count, input[start + 1] == 0xA0 || input[start + 1] == 0xA3 {
            finishToken(&tokens, &bytes, &state)  // no-break space, or £ (a symbol, not a letter)
            return start + 2
        }
        // Part of a word: copy the whole scalar, lower-casing Latin-1 capitals (À–Þ).
        var length = 1
        if byte >= 0xF0 { length = 4 } else if byte >= 0xE0 { length = 3 } else if byte >= 0xC0 { length = 2 }
        if start + length > count { length = count - start }
        if state.tokenStart < 0 { state.tokenStart = bytes.count }
        for offset in 0..<length {
            var value = input[start + offset]
            if offset == 1, byte == 0xC3, value >= 0x80, value <= 0x9E, value != 0x97 { value += 0x20 }
            bytes.append(value)
            state.hash = (state.hash ^ UInt64(value)) &* StableHash.prime
        }
        state.allDigits = false
        return start + length
    }

    private func emitWord(
        _ word: StaticString, _ tokens: inout [Token], _ bytes: inout ByteSink, _ state: inout ScanState
    ) {
        state.tokenStart = bytes.count
        word.withUTF8Buffer { buffer in
            for byte in buffer {
                bytes.append(byte)
                state.hash = (state.hash ^ UInt64(byte)) &* StableHash.prime
            }
        }
        state.allDigits = false
        finishToken(&tokens, &bytes, &state)
    }

    @inline(__always)
    private func finishToken(_ tokens: inout [Token], _ bytes: inout ByteSink, _ state: inout ScanState) {
        guard state.tokenStart >= 0 else { return }
        defer {
            state.tokenStart = -1
            state.hash = StableHash.offset
            state.allDigits = true
            state.lastDotBoundary = -1
            state.startsUpper = false
        }
        let start = state.tokenStart
        let length = bytes.count - start
        var hash = StableHash.mix(state.hash)
        var entry: Int32 = 0
        if state.allDigits && keptNumbers.value(for: hash) == nil {
            hash = numberHash
        } else if mayBeInLexicon(hash), let found = entries.value(for: hash) {
            entry = found
            let canonicalIndex = Int(found & 0xFFFF)
            if canonicalIndex > 0 { hash = canonicalHashes[canonicalIndex - 1] }
        }
        // "a and e" / "a & e" → "a&e"
        if hash == eHash, tokens.count >= 2, tokens[tokens.count - 1].hash == andHash,
            tokens[tokens.count - 2].hash == aHash
        {
            let first = tokens.removeLast()
            let previous = tokens.removeLast()
            _ = first
            tokens.append(
                Token(
                    hash: aAndEHash, start: previous.start, length: Int32(bytes.count) - previous.start,
                    isNegated: previous.isNegated, startsClause: previous.startsClause,
                    startsUpper: previous.startsUpper))
            return
        }
        let isNegator = entry & Self.negatorFlag != 0 || Self.endsWithNot(bytes, start: start, length: length)
        var negated = false
        if isNegator {
            state.negationRemaining = Self.negationWindow
        } else if entry & Self.scopeBreakerFlag != 0 {
            state.negationRemaining = 0
        } else if state.negationRemaining > 0 {
            negated = true
            state.negationRemaining -= 1
        }
        tokens.append(
            Token(
                hash: hash, start: Int32(start), length: Int32(length), isNegated: negated,
                startsClause: state.clauseStarting, startsUpper: state.startsUpper))
        state.clauseStarting = false
    }

    @inline(__always)
    private static func endsWithNot(_ bytes: ByteSink, start: Int, length: Int) -> Bool {
        guard length >= 4 else { return false }
        let end = start + length
        return bytes[end - 1] == UInt8(ascii: "t") && bytes[end - 2] == UInt8(ascii: "'")
            && bytes[end - 3] == UInt8(ascii: "n")
    }
}

/// Appends bytes through a raw pointer into a buffer already large enough.
struct ByteSink {
    let base: UnsafeMutablePointer<UInt8>
    var count = 0

    init(base: UnsafeMutablePointer<UInt8>) { self.base = base }

    @inline(__always) mutating func append(_ byte: UInt8) {
        base[count] = byte
        count += 1
    }

    @inline(__always) subscript(index: Int) -> UInt8 { base[index] }
}
