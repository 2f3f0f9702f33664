/// Answers that say nothing at all ("Did not answer", "N/A", "No comment"): the engine gives them no
/// sentiment, as the labelled FFT data does (its "Did not answer" rows have no sentiment and the theme
/// "Labelling not possible"; most "N/A", "nil" and "no comment" rows have no sentiment either).
///
/// Only a whole comment counts, after normalisation ("N/A.", "n/a", "NA" and "did not answer" all match).
/// Short real answers are left alone: "Nothing" under "What could we improve?" is labelled very positive,
/// and "No" or "None" mostly carry a sentiment too.
public enum NonAnswers {
    static let phrases = [
        "did not answer", "didn't answer", "not answered", "no answer", "no response", "did not respond",
        "n/a", "na", "nil", "no comment", "no comments",
    ]

    /// Each phrase as the token hashes the tokeniser gives it.
    private static let sequences: [[UInt64]] = phrases.map { phrase in
        var source = phrase
        var tokens: [Token] = []
        var bytes: [UInt8] = []
        source.withUTF8 { Tokeniser.shared.tokenise($0, into: &tokens, bytes: &bytes) }
        return tokens.map(\.hash)
    }
    private static let longest = sequences.map(\.count).max() ?? 0

    /// Whether the tokens of a whole comment are exactly one of the non-answers.
    static func matches(_ tokens: UnsafeBufferPointer<Token>) -> Bool {
        guard tokens.count <= longest, !tokens.isEmpty else { return false }
        return sequences.contains { sequence in
            sequence.count == tokens.count && zip(sequence, tokens).allSatisfy { $0 == $1.hash }
        }
    }

    /// `matches` for a string (training, tests, and the app deciding whether feedback says anything; not the
    /// hot path).
    public static func matches(_ text: String) -> Bool {
        var source = text
        var tokens: [Token] = []
        var bytes: [UInt8] = []
        source.withUTF8 { Tokeniser.shared.tokenise($0, into: &tokens, bytes: &bytes) }
        return tokens.withUnsafeBufferPointer { matches($0) }
    }
}
