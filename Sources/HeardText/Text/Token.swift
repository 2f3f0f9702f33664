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
    /// The word began with an ASCII capital in the comment ("Jane"): lets the redactor skip comments where no
    /// role word is followed by a capitalised word.
    var startsUpper = false
}

/// What the tokeniser noticed in passing about a comment's raw bytes, so later passes need not look again.
struct TextClues: Sendable, Equatable {
    var hasDigit = false
    var hasAt = false
    /// A "/" after ":", ".com", ".net" or ".app" (`Tokeniser.endsWebAddressHost`): a link to a social media profile
    /// may be in the comment.
    var hasLinkSlash = false
    /// A fullwidth form or Unicode space that the redactor must fold to ASCII before matching (a fullwidth
    /// digit or "@" also sets `hasDigit` or `hasAt`).
    var hasLookalike = false
    /// A full stop between a letter and a lower-case letter with no space ("nhs.net", "jo.bloggs", not "g.p." or
    /// "ward.The"): an e-mail address written with "at" may be in the comment.
    var hasInnerDot = false
}
