/// Why a complaint that was responded to or closed is taken up again.
public enum ReopenReason: String, CaseIterable, Codable, Sendable {
    /// Unhappy with the response: local resolution continues (a further response, a meeting).
    case notSatisfied = "not_satisfied"
    /// Closed (withdrawn, not taken on, opened in error) by mistake.
    case closedInError = "closed_in_error"

    public var title: String {
        switch self {
        case .notSatisfied: "The complainant is not satisfied with the response, so local resolution continues"
        case .closedInError: "It was closed in error"
        }
    }
}

/// The rules for reopening a complaint: only once it was responded to or closed, on a day since then, with a
/// new response date agreed with the complainant (regulation 14(4)(b)) after that day.
public enum ReopenRules {
    /// Problems with reopening on `reopenedOn` with the response now due by `newResponseBy`. `finishedOn` is
    /// the day it was responded to or closed; `wasClosed` whether it was closed without a response.
    public static func problems(
        reason: ReopenReason?, reopenedOn: SimpleDate?, newResponseBy: SimpleDate?, finishedOn: SimpleDate,
        wasClosed: Bool, today: SimpleDate
    ) -> [FieldError] {
        var errors: [FieldError] = []
        switch reason {
        case nil:
            errors.append(
                FieldError(
                    "reopen_reason",
                    "Choose why it is reopened: the complainant is not satisfied, or it was closed in error."))
        case .closedInError? where !wasClosed:
            errors.append(
                FieldError(
                    "reopen_reason",
                    "It was responded to, not closed: choose \"not satisfied\" if the complainant wants more done."))
        case .notSatisfied? where wasClosed:
            errors.append(
                FieldError(
                    "reopen_reason",
                    "It was closed without a response, so there is no response to be unhappy with: choose \"closed in error\", or open it again as a new complaint."
                ))
        default: break
        }
        if let reopenedOn {
            if reopenedOn < finishedOn || reopenedOn > today {
                errors.append(
                    FieldError(
                        "reopened_on",
                        "The date it was reopened must be between the day it was \(wasClosed ? "closed" : "responded to") (\(finishedOn.ukText)) and today."
                    ))
            }
        } else {
            errors.append(FieldError("reopened_on", "Enter the date it was reopened, like \(today.iso)."))
        }
        if let newResponseBy {
            if let reopenedOn, newResponseBy <= reopenedOn {
                errors.append(
                    FieldError("reopen_response_by", "The new response date must be after the day it was reopened."))
            } else if let reopenedOn, newResponseBy > reopenedOn.adding(months: ComplaintClock.responseMonths) {
                errors.append(
                    FieldError(
                        "reopen_response_by",
                        "The new response date must be within six months of the day it was reopened (by \(reopenedOn.adding(months: ComplaintClock.responseMonths).ukText))."
                    ))
            }
        } else {
            errors.append(
                FieldError(
                    "reopen_response_by",
                    "Enter the date agreed with the complainant for the further response, like \(today.adding(months: 1).iso)."
                ))
        }
        return errors
    }
}
