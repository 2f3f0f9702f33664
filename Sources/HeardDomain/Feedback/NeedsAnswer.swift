/// Whether a piece of feedback calls for a public answer. Pure thanks with nothing to improve does not;
/// anything critical, mixed or with a suggestion does. Staff can override per item.
public enum NeedsAnswer {
    /// - Parameters:
    ///   - sentiment: 1 very positive … 5 very negative; 0 for "no comment"; nil when nobody could read it
    ///     (it may not be in English).
    ///   - hasSuggestion: the person filled in "what could be better".
    public static func decide(sentiment: Int?, fftRating: FFTRating?, hasSuggestion: Bool, isNoComment: Bool) -> Bool {
        if isNoComment { return false }
        if hasSuggestion { return true }
        if let fftRating, [.neitherGoodNorPoor, .poor, .veryPoor].contains(fftRating) { return true }
        // Unread: only a good overall rating says it is thanks; anything else waits for someone to read it.
        guard let sentiment else { return !(fftRating == .good || fftRating == .veryGood) }
        return sentiment >= 3
    }
}
