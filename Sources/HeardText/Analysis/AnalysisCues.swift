/// Every word-sequence cue the analyser looks for, in one matcher so that each word costs one probe:
/// urgent reasons (bits 0–3), relational flags (bits 4–7), title, role or lead-in words ("my name is")
/// that may precede a name (bit 8, which tells the redactor whether the name pattern is worth trying), and
/// plain signs of poor and of good care for short comments' sentiment (bits 9 and 10, see `SentimentCues`),
/// a role or lead-in followed by a first name in any case ("called jane", bit 11), and a social media platform's
/// name or a lead-in such as "my username" ("my insta is …", bit 12), without which the redactor need not look
/// for a handle without its "@", and a spelled-out dot, "at" before a mail provider or a number spelled from its
/// zero ("dot com", "at gmail", "oh seven", bit 13), without which it need not look for contact details written
/// in words.
enum AnalysisCues {
    /// How many urgent reasons and relational flags there are. Written as numbers, not counted from the phrase
    /// lists, so that every bit below is a constant the compiler folds: a bit computed from an array's count is a
    /// lazily initialised global, and each use of one on the hot path costs a call. `matcher` checks them.
    static let urgentCount = 4
    static let relationalCount = 4
    static let urgentShift: UInt64 = 0
    static let relationalShift: UInt64 = 4
    static let nameCueBit: UInt64 = 1 << 8
    static let negativeSentimentBit: UInt64 = 1 << 9
    static let positiveSentimentBit: UInt64 = 1 << 10
    static let lowerCaseNameCueBit: UInt64 = 1 << 11
    static let socialPlatformBit: UInt64 = 1 << 12
    static let spelledContactBit: UInt64 = 1 << 13

    static let matcher: PhraseMatcher = {
        precondition(
            UrgentCues.phrases.count == urgentCount && RelationalCues.phrases.count == relationalCount
                && relationalShift == UInt64(urgentCount) && nameCueBit == 1 << UInt64(urgentCount + relationalCount),
            "the cue bits must follow the urgent and relational phrase lists")
        return PhraseMatcher(
            phrases: UrgentCues.phrases + RelationalCues.phrases + [
                NameCues.honorificWords + NameCues.roleWords + NameCues.leadInPhrases + GivenNames.words,
                SentimentCues.negative, SentimentCues.positive, NameCues.firstNameAfterCuePhrases,
                PersonalDataPatterns.handleCuePhrases, SpelledContactPatterns.cuePhrases,
            ],
            classes: UrgentCues.classes.merging(["firstname": GivenNames.words]) { first, _ in first })
    }()

    static func urgent(_ bits: UInt64) -> UInt64 { (bits >> urgentShift) & mask(urgentCount) }
    static func relational(_ bits: UInt64) -> UInt64 { (bits >> relationalShift) & mask(relationalCount) }
    private static func mask(_ count: Int) -> UInt64 { (1 << UInt64(count)) - 1 }
}
