/// The kinds of survey question Heard can ask.
public enum QuestionKind: String, CaseIterable, Sendable, Codable {
    case singleChoice = "single_choice"
    case multipleChoice = "multiple_choice"
    case scale
    case ranking
    case freeText = "free_text"
    case preferredOption = "preferred_option"

    public var title: String {
        switch self {
        case .singleChoice: "Single choice"
        case .multipleChoice: "Multiple choice"
        case .scale: "Scale (1 to 5)"
        case .ranking: "Ranking"
        case .freeText: "Free text"
        case .preferredOption: "Preferred option, with a reason"
        }
    }

    /// Choice-based kinds need a list of choices.
    public var needsChoices: Bool { [.singleChoice, .multipleChoice, .ranking, .preferredOption].contains(self) }
}

/// A problem with how a question is worded.
public enum QuestionProblem: String, CaseIterable, Sendable, Codable {
    case leading, loaded, doubleBarrelled = "double_barrelled", absolute, jargon, acronym, doubleNegative =
        "double_negative"
    case hardToRead = "hard_to_read", openWhenOptionsKnown = "open_when_options_known"

    public var title: String {
        switch self {
        case .leading: "Leading"
        case .loaded: "Loaded or emotive"
        case .doubleBarrelled: "Asks two things at once"
        case .absolute: "Absolute word"
        case .jargon: "Jargon"
        case .acronym: "Unexplained abbreviation"
        case .doubleNegative: "Double negative"
        case .hardToRead: "Hard to read"
        case .openWhenOptionsKnown: "Open question where the choices are known"
        }
    }
}

public struct QuestionWarning: Sendable, Equatable {
    public var problem: QuestionProblem
    /// Why it is a problem, naming the words found.
    public var explanation: String
    /// How to rewrite it.
    public var hint: String

    public init(_ problem: QuestionProblem, _ explanation: String, hint: String) {
        self.problem = problem
        self.explanation = explanation
        self.hint = hint
    }
}

/// One glossary entry: a term people may not know and the plain words to use instead.
public struct GlossaryEntry: Sendable, Equatable {
    public var term: String
    public var plainWords: String

    public init(term: String, plainWords: String) {
        self.term = term
        self.plainWords = plainWords
    }
}

/// Flags survey questions that are leading, loaded, double-barrelled, absolute, full of jargon or
/// unexplained acronyms, double negatives, too hard to read, or open where the choices are known
/// (domain rules §8). Warnings never block saving.
public struct QuestionChecker: Sendable {
    public var glossary: [GlossaryEntry]
    /// Text whose reading age is above this is flagged. NHS content aims at a reading age of 9 to 11
    /// (domain rules §8), so the default is 11 (configurable).
    public var targetReadingAge: Double

    public static let defaultGlossary: [GlossaryEntry] = [
        .init(term: "CCG", plainWords: "the local NHS body that used to plan services"),
        .init(term: "ICB", plainWords: "the local NHS board that plans and pays for services"),
        .init(term: "ICS", plainWords: "the local NHS and council partnership"),
        .init(term: "EIA", plainWords: "the check of how this affects different groups of people"),
        .init(term: "PCN", plainWords: "a group of GP practices working together"),
        .init(term: "MDT", plainWords: "a team of different professionals"),
        .init(term: "commissioning", plainWords: "planning and paying for services"),
        .init(term: "reconfiguration", plainWords: "changing where or how services are run"),
        .init(term: "pathway", plainWords: "the steps of your care"),
        .init(term: "stakeholder", plainWords: "people and groups affected"),
        .init(term: "acute", plainWords: "hospital"),
        .init(term: "tertiary", plainWords: "specialist hospital"),
        .init(term: "step-down", plainWords: "care after leaving hospital"),
        .init(term: "footprint", plainWords: "area"),
    ]

    /// Abbreviations almost everyone knows.
    static let knownAbbreviations: Set<String> = ["NHS", "GP", "GPS", "A&E", "UK", "OK", "TV", "I"]

    public init(glossary: [GlossaryEntry] = QuestionChecker.defaultGlossary, targetReadingAge: Double = 11) {
        self.glossary = glossary
        self.targetReadingAge = targetReadingAge
    }

    static let leadingPhrases = [
        "don't you", "do not you", "wouldn't you", "would you not", "isn't it", "aren't you", "surely",
        "do you agree that", "don't you agree", "how much do you like", "how good", "how great", "how excellent",
        "won't you", "shouldn't we", "should we not", "the best option", "the right choice", "wouldn't it be",
    ]
    /// A question that opens with a negative ("Isn't…", "Wouldn't…", "Is not…", "Would it not…") expects
    /// the answer yes.
    static func opensNegatively(_ words: [String]) -> Bool {
        guard let first = words.first else { return false }
        if first.hasSuffix("n't") { return true }
        guard auxiliaries.contains(first), words.count > 1 else { return false }
        return words[1] == "not" || (words.count > 2 && subjects.contains(words[1]) && words[2] == "not")
    }
    /// The negative opening as written, capitalised: "Isn't", "Is not", "Would it not".
    static func negativeOpening(_ words: [String]) -> String {
        let opening = words.first?.hasSuffix("n't") == true ? [words[0]] : Array(words.prefix { $0 != "not" }) + ["not"]
        let text = opening.joined(separator: " ")
        return text.prefix(1).uppercased() + text.dropFirst()
    }
    static let auxiliaries: Set<String> = [
        "is", "are", "was", "were", "would", "should", "could", "can", "will", "shall", "do", "does", "did", "has",
        "have", "must",
    ]
    static let subjects: Set<String> = ["it", "this", "that", "you", "we", "they", "he", "she", "there", "i"]
    static let questionWords: Set<String> = ["how", "what", "which", "when", "where", "who", "why"]
    static let loadedWords = [
        "wasteful", "failing", "disastrous", "disaster", "shameful", "scandal", "scandalous", "cruel", "vital",
        "fantastic", "excellent", "terrible", "awful", "dangerous", "reckless", "outrageous", "cuts", "slashing",
        "axe", "axing", "selfish", "brilliant", "amazing", "broken", "crisis",
    ]
    static let absoluteWords = ["always", "never", "every", "everyone", "everybody", "nobody", "all", "none", "ever"]
    /// "All" that names a span of time ("open all night", "all day") or follows "at" ("do you use it at all?")
    /// claims nothing absolute.
    static let allSpans: Set<String> = [
        "night", "day", "days", "week", "weeks", "weekend", "year", "morning", "afternoon", "evening", "hours",
    ]

    static func hasAbsoluteAll(_ words: [String]) -> Bool {
        words.indices.contains { index in
            guard words[index] == "all" else { return false }
            let next = index + 1 < words.count ? words[index + 1] : ""
            let previous = index > 0 ? words[index - 1] : ""
            return !allSpans.contains(next) && previous != "at"
        }
    }
    static let negators = ["not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "without"]
    static let openWantPhrases = [
        "what do you want", "what would you like", "what should we do", "what do you think we should do",
        "what would you want", "tell us what you want", "what do you need", "what do you think should happen",
        "what should happen",
    ]

    /// Warnings for one question. `optionsKnown` is true when the consultation pack lists the options.
    public func check(_ text: String, kind: QuestionKind, optionsKnown: Bool) -> [QuestionWarning] {
        var warnings: [QuestionWarning] = []
        let lower = " " + text.lowercased().replacingOccurrences(of: "’", with: "'") + " "
        let words = Readability.words(in: text)
        let wordSet = Set(words)

        if let phrase = Self.leadingPhrases.first(where: { lower.contains(" " + $0) }) {
            warnings.append(
                QuestionWarning(
                    .leading, "\"\(phrase)\" suggests the answer you want.",
                    hint: "Ask neutrally, for example \"How much do you agree or disagree that…\"."))
        } else if case let straight = Readability.words(in: lower), Self.opensNegatively(straight) {
            warnings.append(
                QuestionWarning(
                    .leading,
                    "A question that starts \"\(Self.negativeOpening(straight))\" expects the answer yes.",
                    hint: "Ask neutrally, for example \"How much do you agree or disagree that…\"."))
        }
        let loaded = Self.loadedWords.filter { wordSet.contains($0) }
        if !loaded.isEmpty {
            warnings.append(
                QuestionWarning(
                    .loaded, "Emotive words (\(loaded.joined(separator: ", "))) can push people towards one answer.",
                    hint: "Describe the change in neutral, factual words."))
        }
        let joins = words.enumerated().filter { index, word in
            guard word == "and" || word == "or" else { return false }
            let next = index + 1 < words.count ? words[index + 1] : ""
            // "Or" mostly offers alternatives within one question ("at home or in hospital"); it joins two
            // questions only when a second one starts after it ("or would you rather…", "or how…").
            if word == "or" { return Self.auxiliaries.contains(next) || Self.questionWords.contains(next) }
            return !(next == "why" || next == "disagree")
        }
        if !joins.isEmpty && kind != .preferredOption && kind != .multipleChoice {
            warnings.append(
                QuestionWarning(
                    .doubleBarrelled,
                    "\"\(joins[0].element)\" may join two questions, so one answer cannot say which part it means.",
                    hint: "Split it into two questions, one for each thing."))
        }
        let absolutes = Self.absoluteWords.filter { $0 == "all" ? Self.hasAbsoluteAll(words) : wordSet.contains($0) }
        if !absolutes.isEmpty {
            warnings.append(
                QuestionWarning(
                    .absolute,
                    "Absolute words (\(absolutes.joined(separator: ", "))) are rarely true, so people struggle to answer honestly.",
                    hint: "Ask how often instead, for example \"How often…\" with a scale."))
        }
        warnings += jargonWarnings(text)
        var negatives = 0
        for word in words {
            if Self.negators.contains(word) || word.hasSuffix("n't") { negatives += 1 }
        }
        let notUn = words.indices.contains { index in
            (words[index] == "not" || words[index].hasSuffix("n't")) && index + 1 < words.count
                && ["un", "in", "dis", "im"].contains(where: {
                    words[index + 1].hasPrefix($0) && words[index + 1].count > 5
                })
                && !["into", "interested", "information", "involved", "included"].contains(words[index + 1])
        }
        if negatives >= 2 || notUn {
            warnings.append(
                QuestionWarning(
                    .doubleNegative, "Two negatives in one question are easy to misread.",
                    hint:
                        "Say it positively, for example \"Is it acceptable…\" rather than \"Is it not unacceptable…\".")
            )
        }
        let readability = Readability(text)
        if isHardToRead(readability) {
            warnings.append(
                QuestionWarning(
                    .hardToRead,
                    "Reading age \(readingAgeText(readability)) (Flesch–Kincaid grade \(String(format1: readability.grade))), above the target of \(Int(targetReadingAge)).",
                    hint: "Use shorter sentences and shorter, everyday words."))
        }
        if optionsKnown && (kind == .freeText) && Self.openWantPhrases.contains(where: { lower.contains(" " + $0) }) {
            warnings.append(
                QuestionWarning(
                    .openWhenOptionsKnown,
                    "The options are already known, but the question asks people to start from nothing.",
                    hint:
                        "Say what the choices are and ask which people prefer and why (\"Which option do you prefer, and why?\")."
                ))
        }
        return warnings
    }

    /// Jargon from the glossary and abbreviations that are not explained where they are used.
    public func jargonWarnings(_ text: String) -> [QuestionWarning] {
        var warnings: [QuestionWarning] = []
        for entry in glossary where Self.contains(term: entry.term, in: text) {
            let isAcronym = entry.term == entry.term.uppercased() && entry.term.count <= 6
            if isAcronym && Self.isExplained(acronym: entry.term, in: text) { continue }
            warnings.append(
                QuestionWarning(
                    isAcronym ? .acronym : .jargon, "\"\(entry.term)\" may not be understood.",
                    hint: "Say \"\(entry.plainWords)\" instead, or explain it in brackets."))
        }
        let glossaryTerms = Set(glossary.map { $0.term.uppercased() })
        var named: Set<String> = []
        for token in text.split(whereSeparator: { !($0.isLetter || $0 == "&") }) {
            let word = String(token)
            // Once per abbreviation, however often a longer text uses it.
            guard word.count >= 2, word == word.uppercased(), word.contains(where: \.isLetter),
                !Self.knownAbbreviations.contains(word), !glossaryTerms.contains(word), named.insert(word).inserted
            else { continue }
            if Self.isExplained(acronym: word, in: text) { continue }
            warnings.append(
                QuestionWarning(
                    .acronym, "\"\(word)\" is an abbreviation that is not explained.",
                    hint: "Write it out in full, or explain it in brackets the first time."))
        }
        return warnings
    }

    /// Above the target reading age. Under four words the formula says nothing useful.
    public func isHardToRead(_ readability: Readability) -> Bool {
        readability.words >= 4 && readability.readingAge > targetReadingAge
    }

    /// "about 14", "a little over 11" when rounding would give the target itself, or "over 18" past the ages the
    /// formula is meant for (a 90-word sentence scores 43, which tells staff nothing more).
    public func readingAgeText(_ readability: Readability) -> String {
        let age = Int(readability.readingAge.rounded())
        if age > Self.highestReadingAgeSaid { return "over \(Self.highestReadingAgeSaid)" }
        return age > Int(targetReadingAge) ? "about \(age)" : "a little over \(Int(targetReadingAge))"
    }

    static let highestReadingAgeSaid = 18

    static func contains(term: String, in text: String) -> Bool {
        let isAcronym = term == term.uppercased()
        return !wholeWordRanges(of: isAcronym ? term : term.lowercased(), in: isAcronym ? text : text.lowercased())
            .isEmpty
    }

    /// Where `needle` stands as a whole word in `haystack` (not inside a longer word or number).
    static func wholeWordRanges(of needle: String, in haystack: String) -> [Range<String.Index>] {
        var ranges: [Range<String.Index>] = []
        var searchStart = haystack.startIndex
        while let range = haystack.range(of: needle, range: searchStart..<haystack.endIndex) {
            let before =
                range.lowerBound == haystack.startIndex ? nil : haystack[haystack.index(before: range.lowerBound)]
            let after = range.upperBound == haystack.endIndex ? nil : haystack[range.upperBound]
            let boundaryBefore = before.map { !($0.isLetter || $0.isNumber) } ?? true
            let boundaryAfter = after.map { !($0.isLetter || $0.isNumber) } ?? true
            if boundaryBefore && boundaryAfter { ranges.append(range) }
            searchStart = range.upperBound
        }
        return ranges
    }

    /// Whether an acronym is explained where it is used: a bracket right after it ("UTC (urgent treatment
    /// centre)"), or it is itself in brackets right after its expansion ("urgent treatment centre (UTC)").
    /// A bracket elsewhere in the question explains nothing about it.
    static func isExplained(acronym: String, in text: String) -> Bool {
        wholeWordRanges(of: acronym, in: text).contains { range in
            let after = text[range.upperBound...].drop(while: { $0 == " " })
            if after.first == "(" { return true }
            let before = text[..<range.lowerBound].reversed().drop(while: { $0 == " " })
            guard before.first == "(", after.first == ")" else { return false }
            // Something written out must come before the bracket for it to be an expansion.
            return before.dropFirst().drop(while: { $0 == " " }).first?.isLetter ?? false
        }
    }
}

extension String {
    /// One decimal place without Foundation: 6.73 → "6.7".
    public init(format1 value: Double) {
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let magnitude = abs(tenths)
        self = sign + String(magnitude / 10) + "." + String(magnitude % 10)
    }
}
