import Foundation

/// A report-ready summary of a set of comments: theme counts with their sentiment split, the phrases that
/// set each theme apart, and representative quotes (redacted).
public struct CommentSummary: Sendable, Codable, Equatable {
    public struct SentimentSplit: Sendable, Codable, Equatable {
        /// Sentiment 1–2.
        public var positive = 0
        /// Sentiment 3 (mixed).
        public var neutral = 0
        /// Sentiment 4–5.
        public var negative = 0
        /// The model has no sentiment head.
        public var unknown = 0
    }

    public struct ThemeSummary: Sendable, Codable, Equatable {
        public var theme: String
        public var count: Int
        public var sentiment: SentimentSplit
        /// Words and word pairs far more frequent in this theme's comments than in the rest, best first.
        public var distinctivePhrases: [String]
        /// Redacted comments that use the theme's distinctive phrases most densely.
        public var quotes: [String]
    }

    public var totalComments: Int
    public var noCommentCount: Int
    public var urgentCount: Int
    /// Themes by descending count.
    public var themes: [ThemeSummary]
}

/// Collects comments one at a time and builds a `CommentSummary`.
public struct CommentSummaryBuilder: Sendable {
    public let phrasesPerTheme: Int
    public let quotesPerTheme: Int
    /// How many candidate quotes are kept per theme (the first ones seen).
    public let quoteCandidatesPerTheme: Int

    private var total = 0
    private var noComment = 0
    private var urgent = 0
    private var themeOrder: [String] = []
    private var themeIndex: [String: Int] = [:]
    private var counts: [Int] = []
    private var splits: [CommentSummary.SentimentSplit] = []
    private var phraseCountsByTheme: [[String: Int]] = []
    private var phraseCountsOverall: [String: Int] = [:]
    private var candidates: [[String]] = []

    public init(phrasesPerTheme: Int = 8, quotesPerTheme: Int = 3, quoteCandidatesPerTheme: Int = 200) {
        self.phrasesPerTheme = phrasesPerTheme
        self.quotesPerTheme = quotesPerTheme
        self.quoteCandidatesPerTheme = quoteCandidatesPerTheme
    }

    /// Adds one analysed comment (`text` is the original; only its redacted copy is ever quoted).
    public mutating func add(_ analysis: CommentAnalysis, text: String) {
        total += 1
        if analysis.isNoComment {
            noComment += 1
            return
        }
        if analysis.isUrgent { urgent += 1 }
        let phrases = Set(Self.phrases(of: analysis.redactedText))
        for phrase in phrases { phraseCountsOverall[phrase, default: 0] += 1 }
        for theme in analysis.themes {
            let index = indexOf(theme)
            counts[index] += 1
            switch analysis.sentiment {
            case 1, 2: splits[index].positive += 1
            case 3: splits[index].neutral += 1
            case 4, 5: splits[index].negative += 1
            default: splits[index].unknown += 1
            }
            for phrase in phrases { phraseCountsByTheme[index][phrase, default: 0] += 1 }
            if candidates[index].count < quoteCandidatesPerTheme { candidates[index].append(analysis.redactedText) }
        }
    }

    public func build() -> CommentSummary {
        var themes: [CommentSummary.ThemeSummary] = []
        let analysed = max(total - noComment, 1)
        for (index, theme) in themeOrder.enumerated() {
            let inTheme = counts[index]
            let outside = max(analysed - inTheme, 1)
            // Smoothed log-odds of a phrase inside versus outside the theme, weighted towards frequent phrases.
            var scored: [(String, Double)] = []
            for (phrase, count) in phraseCountsByTheme[index] where count >= 2 {
                let rest = (phraseCountsOverall[phrase] ?? count) - count
                let inside = (Double(count) + 0.5) / (Double(inTheme) + 1)
                let elsewhere = (Double(rest) + 0.5) / (Double(outside) + 1)
                let score = log(inside / elsewhere) * Double(count).squareRoot()
                if score > 0 { scored.append((phrase, score)) }
            }
            scored.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
            let top = Array(scored.prefix(phrasesPerTheme))
            let weights = Dictionary(top, uniquingKeysWith: { first, _ in first })
            var quoteScores: [(String, Double)] = []
            for quote in Set(candidates[index]) {
                let words = Self.phrases(of: quote)
                let wordCount = words.filter { !$0.contains(" ") }.count
                guard wordCount >= 4 else { continue }
                let hits = Set(words).reduce(0.0) { $0 + (weights[$1] ?? 0) }
                let lengthPenalty = wordCount > 60 ? Double(wordCount) / 60 : 1
                quoteScores.append((quote, hits / Double(wordCount).squareRoot() / lengthPenalty))
            }
            quoteScores.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
            themes.append(
                CommentSummary.ThemeSummary(
                    theme: theme, count: inTheme, sentiment: splits[index], distinctivePhrases: top.map(\.0),
                    quotes: quoteScores.prefix(quotesPerTheme).map(\.0)))
        }
        themes.sort { $0.count != $1.count ? $0.count > $1.count : $0.theme < $1.theme }
        return CommentSummary(totalComments: total, noCommentCount: noComment, urgentCount: urgent, themes: themes)
    }

    private mutating func indexOf(_ theme: String) -> Int {
        if let index = themeIndex[theme] { return index }
        let index = themeOrder.count
        themeOrder.append(theme)
        themeIndex[theme] = index
        counts.append(0)
        splits.append(CommentSummary.SentimentSplit())
        phraseCountsByTheme.append([:])
        candidates.append([])
        return index
    }

    /// Content words and word pairs of a comment (stop words and placeholders dropped).
    static func phrases(of text: String) -> [String] {
        let words = Tokeniser.shared.words(text)
        var result: [String] = []
        var previous: String? = nil
        for word in words {
            let content = !SummaryStopWords.words.contains(word) && word.count > 1 && !word.hasPrefix("#")
            if content { result.append(word) }
            if let before = previous, content { result.append(before + " " + word) }
            previous = content ? word : nil
        }
        return result
    }
}

enum SummaryStopWords {
    static let words: Set<String> = [
        "the", "and", "a", "an", "to", "of", "in", "it", "is", "was", "i", "me", "my", "we", "our", "you", "your",
        "they", "them", "their", "he", "she", "his", "her", "for", "on", "at", "with", "be", "been", "were", "are",
        "that", "this", "there", "as", "so", "but", "or", "if", "had", "have", "has", "do", "did", "very", "all",
        "just", "from", "by", "which", "who", "what", "when", "would", "could", "will", "can", "about", "also",
        "am", "us", "up", "out", "no", "not", "more", "some", "any", "than", "then", "too", "get", "got", "being",
        "name", "email", "phone", "postcode", "nhs", "number",
    ]
}
