/// Every word-sequence cue the analyser looks for, in one matcher so that each word costs one probe:
/// urgent reasons (bits 0–3), relational flags (bits 4–7) and title, role or lead-in words ("my name is")
/// that may precede a name (bit 8, which tells the redactor whether the name pattern is worth trying).
enum AnalysisCues {
    static let urgentShift: UInt64 = 0
    static let relationalShift: UInt64 = UInt64(UrgentCues.phrases.count)
    static let nameCueBit: UInt64 = 1 << UInt64(UrgentCues.phrases.count + RelationalCues.phrases.count)

    static let matcher = PhraseMatcher(
        phrases: UrgentCues.phrases + RelationalCues.phrases + [
            NameCues.honorificWords + NameCues.roleWords + NameCues.leadInPhrases + GivenNames.words
        ],
        classes: UrgentCues.classes)

    static func urgent(_ bits: UInt64) -> UInt64 { (bits >> urgentShift) & mask(UrgentCues.phrases.count) }
    static func relational(_ bits: UInt64) -> UInt64 {
        (bits >> relationalShift) & mask(RelationalCues.phrases.count)
    }
    private static func mask(_ count: Int) -> UInt64 { (1 << UInt64(count)) - 1 }
}
