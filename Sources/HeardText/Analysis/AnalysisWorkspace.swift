/// Reusable buffers for analysing many comments on one thread without allocating per comment.
///
/// A struct passed `inout`, so the hot path pays no dynamic exclusivity checks (a class would).
struct AnalysisWorkspace {
    var tokens: [Token] = []
    var normalised: [UInt8] = []
    /// Feature hashes of the current comment at the start (the rest is scratch; see `FeatureExtractor`).
    var features: [UInt64] = []
    var scores: [Float]
    var totals: [SIMD16<Int32>]
    var hits: [Int32] = []
    var probes: [ScoringTable.Slot] = []
    var labelHeads: [Int] = []
    /// The comment's word hashes (when the model uses word vectors).
    var wordHashes: [UInt64] = []
    var redacted: [UInt8] = []

    init(headCount: Int) {
        // Scores are written a lane of 16 at a time, so they are padded to whole lanes.
        let lanes = max(1, (headCount + 15) / 16)
        scores = [Float](repeating: 0, count: lanes * 16)
        totals = [SIMD16<Int32>](repeating: SIMD16(repeating: 0), count: lanes)
        tokens.reserveCapacity(256)
        normalised.reserveCapacity(1024)
        features.reserveCapacity(1024)
        labelHeads.reserveCapacity(16)
        redacted.reserveCapacity(1024)
    }
}

/// The result of analysing one comment, as indices and bit sets (no strings), for the streaming hot path.
struct RawAnalysis {
    var isNoComment: Bool
    /// A whole comment that says nothing ("N/A", "Did not answer"; see `NonAnswers`): it has no sentiment.
    /// Never set with `isNoComment`, so a summary counts each row once.
    var isNonAnswer = false
    /// Sentiment class value, or `CommentAnalysis.noCommentSentiment`.
    var sentiment: Int
    /// Bit `i` set: `RelationalFlag.allCases[i]`.
    var relational: UInt64
    /// Bit `i` set: `UrgentCues.reasons[i]`.
    var urgent: UInt64
    var personalData: PersonalDataKinds
}
