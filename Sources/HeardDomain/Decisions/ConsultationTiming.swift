/// When a consultation may open, how long it may run, and extending it while it is open.
public enum ConsultationTiming {
    /// The longest a consultation may run from opening to closing: 26 weeks. Longer, and the proposal is no
    /// longer at a formative stage by the time it closes (G1); twelve weeks is the convention (G3).
    public static let maximumDays = 182
    /// The shortest a consultation can run and still give adequate time (G3), whatever the reason: two weeks.
    public static let shortestDays = 14
    /// How far ahead a consultation can be set to open: 2 years, like the other planning dates.
    public static let latestOpeningYears = 2

    /// What the consultation still lacks before people can respond to it: the questions, and the equality
    /// impact assessment that is part of the pack (G2). Empty when it is ready to open.
    public static func missingBeforeOpening(questionCount: Int, eiaStatus: EIAStatus) -> [String] {
        var missing: [String] = []
        if questionCount == 0 { missing.append("its survey questions") }
        if eiaStatus == .none { missing.append("an equality impact assessment (a draft is enough to open)") }
        return missing
    }

    /// The longest reason for an extension: it is published beside the new date.
    public static let maximumReasonLength = 500

    /// The problem with a closing date `days` after opening, or nil. `extending`: said to someone already giving
    /// an open consultation longer, who cannot extend it further.
    static func lengthProblem(opens: SimpleDate, closes: SimpleDate, extending: Bool = false) -> String? {
        // The opening and closing days are both response days, as in `ConsultationFacts.durationDays`.
        if !extending, opens.days(until: closes) + 1 < shortestDays {
            return
                "A consultation runs for at least two weeks, so people can hear of it, consider it and respond (Gunning G3): close it on \(opens.adding(days: shortestDays - 1).ukText) or later."
        }
        guard opens.days(until: closes) > maximumDays else { return nil }
        let latest = opens.adding(days: maximumDays).ukText
        return extending
            ? "A consultation can run for up to 26 weeks, so the latest it can close is \(latest)."
            : "A consultation can run for up to 26 weeks. Close it by \(latest); if people need longer, extend it while it is open."
    }

    /// Checks a new closing date for an open consultation and the reason for it; returns both.
    public static func extended(
        of consultation: ConsultationFacts, closesOn text: String, reason: String, today: SimpleDate
    ) throws(ValidationFailure) -> (closesOn: SimpleDate, reason: String) {
        if consultation.state(on: today) != .open {
            throw ValidationFailure([FieldError("closes_on", "Only an open consultation can be extended.")])
        }
        var errors: [FieldError] = []
        let closes = SimpleDate(iso: text.trimmingWhitespace())
        if let closes {
            if closes <= consultation.closesOn {
                errors.append(
                    FieldError(
                        "closes_on",
                        "Enter a date after the current closing date, \(consultation.closesOn.ukText). To finish sooner, close it early."
                    ))
            } else if let problem = lengthProblem(opens: consultation.opensOn, closes: closes, extending: true) {
                errors.append(FieldError("closes_on", problem))
            }
        } else {
            errors.append(FieldError("closes_on", "Enter the new closing date, for example 2027-03-29."))
        }
        let reason = reason.trimmingWhitespace()
        if let problem = RecordedReason.problem(reason, ask: "Say why the consultation needs longer.") {
            errors.append(FieldError("extension_reason", problem))
        } else if reason.count > maximumReasonLength {
            errors.append(
                FieldError(
                    "extension_reason",
                    "Keep the reason to \(maximumReasonLength) characters or fewer: it is published beside the new date. It is \(reason.count) now."
                ))
        }
        guard errors.isEmpty, let closes else { throw ValidationFailure(errors) }
        return (closes, reason)
    }
}
