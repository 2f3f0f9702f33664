/// Flesch Reading Ease and Flesch–Kincaid grade, with a UK reading age (grade + 5).
public struct Readability: Sendable, Equatable {
    public var words: Int
    public var sentences: Int
    public var syllables: Int

    public init(_ text: String) {
        let tokens = Readability.words(in: text)
        words = tokens.count
        syllables = tokens.reduce(0) { $0 + Readability.syllables(in: $1) }
        var count = 0
        var inSentence = false
        for character in text {
            // A line break ends a sentence too: a pack lists its options one a line, often without full stops.
            if ".!?\n".contains(character) {
                if inSentence { count += 1 }
                inSentence = false
            } else if character.isLetter || character.isNumber {
                inSentence = true
            }
        }
        if inSentence { count += 1 }
        sentences = max(count, words > 0 ? 1 : 0)
    }

    /// 206.835 − 1.015 × words/sentence − 84.6 × syllables/word.
    public var readingEase: Double {
        guard words > 0 else { return 100 }
        return 206.835 - 1.015 * Double(words) / Double(sentences) - 84.6 * Double(syllables) / Double(words)
    }

    /// 0.39 × words/sentence + 11.8 × syllables/word − 15.59.
    public var grade: Double {
        guard words > 0 else { return 0 }
        return 0.39 * Double(words) / Double(sentences) + 11.8 * Double(syllables) / Double(words) - 15.59
    }

    /// UK reading age ≈ US grade + 5.
    public var readingAge: Double { grade + 5 }

    static func words(in text: String) -> [String] {
        text.lowercased().split { !($0.isLetter || $0 == "'" || $0.isNumber) }.map(String.init)
            .filter { $0.contains { $0.isLetter || $0.isNumber } }
    }

    /// Vowel groups, less a silent final "e", at least one. A common heuristic, good enough for grading questions.
    public static func syllables(in word: String) -> Int {
        let letters = Array(word.lowercased().filter { $0.isLetter })
        guard !letters.isEmpty else { return word.isEmpty ? 0 : 1 }
        let vowels: Set<Character> = ["a", "e", "i", "o", "u", "y"]
        var count = 0
        var previousVowel = false
        for letter in letters {
            let isVowel = vowels.contains(letter)
            if isVowel && !previousVowel { count += 1 }
            previousVowel = isVowel
        }
        if letters.count > 2, letters.last == "e", !vowels.contains(letters[letters.count - 2]) {
            // "-le" after a consonant is its own syllable ("table"); otherwise the final e is silent ("care").
            if letters[letters.count - 2] != "l" { count -= 1 }
        }
        if letters.count > 3, letters.suffix(2) == ["e", "d"], !["t", "d"].contains(letters[letters.count - 3]) {
            count -= 1
        }
        return max(count, 1)
    }
}
