/// Which themes of a taxonomy raise which relational flag.
///
/// Matched on words in the theme's name so that an organisation's own taxonomy ("Dignity",
/// "Transition/coordination") is mapped as well as framework v6.
enum RelationalRules {
    static func flag(forTheme name: String) -> RelationalFlag? {
        let lowered = name.lowercased()
        if lowered.contains("staff manner") || lowered.contains("compassion") || lowered.contains("kindness") {
            return .compassion
        }
        if lowered.contains("dignity") || lowered.contains("respect") || lowered.contains("equality") {
            return .dignity
        }
        if lowered.contains("listening") || lowered.contains("involv") { return .listening }
        if lowered.contains("coordination") || lowered.contains("continuity") || lowered.contains("referal")
            || lowered.contains("referral") || lowered.contains("discharge") || lowered.contains("care plan")
            || lowered.contains("transition")
        {
            return .coordination
        }
        return nil
    }
}
