/// An answer to the Friends and Family Test question asked before April 2020: "How likely are you to recommend
/// our service to friends and family if they needed similar care or treatment?". Imported files keep it apart
/// from the current question (`FFTRating`), whose scale means something else.
///
/// The numbers are the codes NHS England's FFT returns used for that question, in this order, with 6 for
/// "Don't know"; a legacy column holding 1–6 is read with them.
public enum LegacyRecommendAnswer: Int, CaseIterable, Sendable {
    case extremelyLikely = 1
    case likely = 2
    case neitherLikelyNorUnlikely = 3
    case unlikely = 4
    case extremelyUnlikely = 5
    case dontKnow = 6

    /// The spelling stored and shown.
    public var title: String {
        switch self {
        case .extremelyLikely: "Extremely likely"
        case .likely: "Likely"
        case .neitherLikelyNorUnlikely: "Neither likely nor unlikely"
        case .unlikely: "Unlikely"
        case .extremelyUnlikely: "Extremely unlikely"
        case .dontKnow: "Don't know"
        }
    }

    /// What a legacy column may hold, for refusals: "extremely likely, likely, …, don't know, or 1–6".
    public static let accepted =
        allCases.map { $0.title.lowercased() }.joined(separator: ", ") + ", or their codes 1–6"

    /// Reads a word answer whatever its case or spacing ("EXTREMELY  likely", "extremely_likely", "Don’t know",
    /// "dont know") or its code (1–6).
    public init?(text: String) {
        let key = Self.normalised(text)
        if let number = Int(key), let answer = LegacyRecommendAnswer(rawValue: number) {
            self = answer
            return
        }
        guard
            let match = Self.allCases.first(where: { $0.title.lowercased() == key })
                ?? (key == "dont know" ? .dontKnow : nil)
        else { return nil }
        self = match
    }

    /// Lower case, "_" and runs of spaces as one space, a curly apostrophe as a straight one.
    static func normalised(_ text: String) -> String {
        String(text.trimmingWhitespace().lowercased().map { $0 == "_" ? " " : $0 == "’" ? "'" : $0 })
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
