/// One word of a comment after normalisation.
struct Token: Sendable, Equatable {
    /// Stable hash of the normalised word (after abbreviations and spellings are unified).
    var hash: UInt64
    /// Where the word's normalised bytes sit in the tokeniser's byte buffer.
    var start: Int32
    var length: Int32
    /// Inside a negation scope ("not *helpful*", "never *listened*").
    var isNegated: Bool
    /// The first word after a clause boundary (so bigrams do not straddle sentences).
    var startsClause: Bool
}
