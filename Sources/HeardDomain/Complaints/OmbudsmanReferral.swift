/// What the Ombudsman decided about a complaint taken to them after local resolution.
public enum OmbudsmanOutcome: String, CaseIterable, Codable, Sendable {
    case notInvestigated = "not_investigated"
    case notUpheld = "not_upheld"
    case partlyUpheld = "partly_upheld"
    case upheld

    public var title: String {
        switch self {
        case .notInvestigated: "Not investigated"
        case .notUpheld: "Not upheld"
        case .partlyUpheld: "Partly upheld"
        case .upheld: "Upheld"
        }
    }

    /// Upheld in whole or in part: what a board report counts against the organisation.
    public var foundFault: Bool { self == .upheld || self == .partlyUpheld }
}

/// The rules for recording that a complainant went to the Ombudsman, and what the Ombudsman decided.
public enum OmbudsmanReferral {
    /// Problems with the day the complainant went to the Ombudsman: between the complaint's arrival and today,
    /// and not before local resolution ended (`endedOn`, the response or closure) unless the response was late by
    /// then (after `responseDue`, six months or the date agreed) or `earlyReason` says why the Ombudsman took it
    /// on early.
    public static func referralProblems(
        referredOn: SimpleDate?, receivedOn: SimpleDate, today: SimpleDate, endedOn: SimpleDate? = nil,
        responseDue: SimpleDate? = nil, earlyReason: String = ""
    ) -> [FieldError] {
        guard let referredOn else {
            return [
                FieldError(
                    "ombudsman_referred_on",
                    "Enter the date they went to the Ombudsman (or the Ombudsman told you), like \(today.iso).")
            ]
        }
        if referredOn < receivedOn || referredOn > today {
            return [
                FieldError(
                    "ombudsman_referred_on",
                    "The date they went to the Ombudsman must be between the day the complaint arrived (\(receivedOn.ukText)) and today."
                )
            ]
        }
        // Only judged when the date the response was due is known.
        guard let responseDue else { return [] }
        let beforeEnd = endedOn.map { referredOn < $0 } ?? true
        if beforeEnd, referredOn <= responseDue, earlyReason.trimmingWhitespace().isEmpty {
            return [
                FieldError(
                    "ombudsman_early_reason",
                    "That is before local resolution ended"
                        + (endedOn.map { " (\($0.ukText))" } ?? "")
                        + ", and the response was not late then"
                        + " (it was due by \(responseDue.ukText))"
                        + ": the Ombudsman usually looks at a complaint only after the response. Check the date, or say why they went early (for example, the Ombudsman agreed to look at it at once)."
                )
            ]
        }
        return []
    }

    /// Problems with the Ombudsman's decision: one of the outcomes, dated between the referral and today.
    public static func outcomeProblems(
        outcome: OmbudsmanOutcome?, decidedOn: SimpleDate?, referredOn: SimpleDate, today: SimpleDate
    ) -> [FieldError] {
        var errors: [FieldError] = []
        if outcome == nil {
            errors.append(
                FieldError(
                    "ombudsman_outcome",
                    "Choose what the Ombudsman decided: not investigated, not upheld, partly upheld or upheld."))
        }
        if let decidedOn {
            if decidedOn < referredOn || decidedOn > today {
                errors.append(
                    FieldError(
                        "ombudsman_outcome_on",
                        "The date of the Ombudsman's decision must be between the day they went to the Ombudsman (\(referredOn.ukText)) and today."
                    ))
            }
        } else {
            errors.append(
                FieldError("ombudsman_outcome_on", "Enter the date of the Ombudsman's decision, like \(today.iso)."))
        }
        return errors
    }
}
