import HeardDomain

/// Finding a service by what people call it: its name, its organisation and its place, word by word, with the
/// NHS names people use for the same thing ("A&E", "A and E", "casualty" and "emergency department"; "GP",
/// "doctor", "surgery" and "practice"). The text engine's lexicon (`HeardText`) folds some of the same
/// variants but is internal to the engine, so the few a service search needs are listed here.
struct ServiceSearch {
    /// Phrases (as words) that all mean one thing, and the token that stands for it.
    static let synonyms: [(phrase: [String], concept: String)] = {
        let emergency = [
            ["a", "&", "e"], ["a", "and", "e"], ["a&e"], ["ae"], ["ane"], ["accident", "and", "emergency"],
            ["accident", "&", "emergency"], ["emergency", "department"], ["emergency", "departments"], ["casualty"],
            ["ed"],
        ]
        let gp = [
            ["gp"], ["gps"], ["doctor"], ["doctors"], ["dr"], ["surgery"], ["surgeries"], ["practice"], ["practices"],
            ["general", "practice"], ["general", "practitioner"], ["family", "doctor"],
        ]
        // Longest first, so "accident and emergency" is folded before "a and e" could be.
        return (emergency.map { ($0, "#emergency") } + gp.map { ($0, "#gp") }).sorted {
            $0.0.count > $1.0.count
        }
    }()

    /// Words too common to narrow a search.
    static let ignored: Set<String> = ["and", "&", "the", "of", "in", "at", "for", "a", "an", "to", "my", "service"]

    let terms: [String]

    init(_ query: String) {
        terms = Self.fold(Self.words(query)).filter { !Self.ignored.contains($0) }
    }

    /// Whether the search has anything to look for.
    var isEmpty: Bool { terms.isEmpty }

    /// Every term matches a word of the name, organisation or place (from the start of the word: "leed" finds
    /// Leeds) or, for the NHS names above, the same thing called another way.
    func matches(name: String, organisation: String, place: String) -> Bool {
        let words = Self.words(name + " " + organisation + " " + place)
        let haystack = Set(words + Self.fold(words).filter { $0.hasPrefix("#") })
        return terms.allSatisfy { term in
            if term.hasPrefix("#") { return haystack.contains(term) }
            let singular = term.count > 3 && term.hasSuffix("s") ? String(term.dropLast()) : term
            return haystack.contains { $0.hasPrefix(term) || $0.hasPrefix(singular) }
        }
    }

    /// For when nothing matches as typed: every term matches as above, or is a small slip away from a whole word
    /// of the name or place, or from one of the NHS names above that it has ("emergancy" finds the emergency
    /// department, "casulty" too). The organisation is left out: its long names would find too much.
    /// `CloseSpelling` (HeardDomain) says what a small slip is.
    func matchesClosely(name: String, place: String) -> Bool {
        let words = Self.words(name + " " + place)
        let concepts = Set(Self.fold(words).filter { $0.hasPrefix("#") })
        return terms.allSatisfy { term in
            if term.hasPrefix("#") { return concepts.contains(term) }
            if words.contains(where: { $0.hasPrefix(term) || CloseSpelling.isClose(term, to: $0) }) { return true }
            return Self.synonyms.contains { phrase, concept in
                phrase.count == 1 && concepts.contains(concept) && CloseSpelling.isClose(term, to: phrase[0])
            }
        }
    }

    /// Lower-case words; dots and apostrophes dropped ("G.P." is "gp", "children's" is "childrens"), "+" read
    /// as "&", and "&" kept inside a word ("a&e") or as a word of its own ("a & e").
    static func words(_ text: String) -> [String] {
        let cleaned = text.lowercased().replacingOccurrences(of: "+", with: "&")
            .filter { $0 != "." && $0 != "'" && $0 != "’" }
        return cleaned.split { !($0.isLetter || $0.isNumber || $0 == "&") }.map(String.init)
    }

    /// The words with each synonym phrase replaced by its concept token.
    static func fold(_ words: [String]) -> [String] {
        var result: [String] = []
        var index = 0
        outer: while index < words.count {
            for (phrase, concept) in synonyms
            where index + phrase.count <= words.count && Array(words[index..<index + phrase.count]) == phrase {
                result.append(concept)
                index += phrase.count
                continue outer
            }
            result.append(words[index])
            index += 1
        }
        return result
    }
}
