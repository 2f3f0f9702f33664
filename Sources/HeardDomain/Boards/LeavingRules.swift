/// When a member left a board: recorded on the day, and correctable afterwards (a wrong date, or the wrong
/// member), with a reason, because the leaving date decides who counts towards the quorum at later meetings.
public enum LeavingRules {
    /// Nil when `left` can be the day a member appointed on `appointed` left; otherwise what is wrong with it.
    /// Recording the leaving and correcting it later ask the same.
    public static func dateProblem(_ left: SimpleDate, appointed: SimpleDate, today: SimpleDate) -> String? {
        if left < appointed {
            return "They cannot leave before they were appointed (\(appointed.ukText))."
        }
        if left > today {
            return "The leaving date cannot be in the future: record it on the day."
        }
        return nil
    }

    /// Nil when `reason` says why a leaving is being corrected; otherwise what to write. A few words are enough
    /// ("Recorded against the wrong member"): it is kept in the audit log, not published. The audit log cannot
    /// be changed, so a reason repeating personal data (`personalData`: the kinds the redactor finds in it) is
    /// refused as a moderator's reason is.
    public static func reasonProblem(_ reason: String, ask: String, personalData: [String] = []) -> String? {
        RecordedReason.placeholderProblem(reason, ask: ask)
            ?? TextLimit.problem(reason.trimmingWhitespace(), limit: TextLimit.reason, what: "the reason")
            ?? (personalData.isEmpty
                ? nil : PublishedStoryChange.Refusal.personalDataInReason(personalData).description)
    }
}

extension LeavingRules {
    /// A person sits on a board once at a time. Nil when their membership ending on `left` (nil: cancelled, so
    /// not ended) does not run into their later membership of the same board, from `rejoined`; they may leave
    /// and rejoin on the same day.
    public static func overlapProblem(name: String, left: SimpleDate?, rejoined: SimpleDate) -> String? {
        guard let left else {
            return
                "\(name) was added to the board again on \(rejoined.ukText), so this membership had ended by then: correct its leaving date instead."
        }
        guard left > rejoined else { return nil }
        return "\(name) was added to the board again on \(rejoined.ukText), so they left by then."
    }
}
