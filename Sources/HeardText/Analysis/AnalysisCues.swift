/// Every word-sequence cue the analyser looks for, in one matcher so that each word costs one probe:
/// urgent reasons (bits 0–3), relational flags (bits 4–7), title, role or lead-in words ("my name is")
/// that may precede a name (bit 8, which tells the redactor whether the name pattern is worth trying), and
/// plain signs of poor and of good care for short comments' sentiment (bits 9 and 10, see `SentimentCues`),
/// a role or lead-in followed by a first name in any case ("called jane", bit 11), and a social media platform's
/// name or a lead-in such as "my username" ("my insta is …", bit 12), without which the redactor need not look
/// for a handle without its "@".
enum AnalysisCues {
    static let urgentShift: UInt64 = 0
    static let relationalShift: UInt64 = UInt64(UrgentCues.phrases.count)
    static let nameCueBit: UInt64 = 1 << UInt64(UrgentCues.phrases.count + RelationalCues.phrases.count)
    static let negativeSentimentBit: UInt64 = nameCueBit << 1
    static let positiveSentimentBit: UInt64 = nameCueBit << 2
    static let lowerCaseNameCueBit: UInt64 = nameCueBit << 3
    static let socialPlatformBit: UInt64 = nameCueBit << 4

    static let matcher = PhraseMatcher(
        phrases: UrgentCues.phrases + RelationalCues.phrases + [
            NameCues.honorificWords + NameCues.roleWords + NameCues.leadInPhrases + GivenNames.words,
            SentimentCues.negative, SentimentCues.positive, NameCues.firstNameAfterCuePhrases,
            PersonalDataPatterns.handleCuePhrases,
        ],
        classes: UrgentCues.classes.merging(["firstname": GivenNames.words]) { first, _ in first })

    static func urgent(_ bits: UInt64) -> UInt64 { (bits >> urgentShift) & mask(UrgentCues.phrases.count) }
    static func relational(_ bits: UInt64) -> UInt64 {
        (bits >> relationalShift) & mask(RelationalCues.phrases.count)
    }
    private static func mask(_ count: Int) -> UInt64 { (1 << UInt64(count)) - 1 }
}
