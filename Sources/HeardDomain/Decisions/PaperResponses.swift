/// When a response on paper may be typed in: it counts only if it reached the organisation while the
/// consultation was open, and not once the outcome is published, whose figures the decision relied on.
public enum PaperResponses {
    /// The last day a consultation took responses: its closing date, or the day before it was closed early
    /// (closing early takes effect on the day it is recorded).
    public static func lastResponseDay(closesOn: SimpleDate, closedEarlyOn: SimpleDate?) -> SimpleDate {
        closedEarlyOn.map { min($0.adding(days: -1), closesOn) } ?? closesOn
    }

    /// Why no paper response can be typed in for this consultation today, or nil.
    public static func closedProblem(opensOn: SimpleDate, outcomePublished: Bool, today: SimpleDate) -> String? {
        if outcomePublished {
            return
                "The outcome of this consultation is published, and the decision relies on its figures, so no more responses can be added. Keep any paper response that arrives now with the consultation's papers."
        }
        if today < opensOn {
            return
                "This consultation opens on \(opensOn.ukText), so there are no paper responses to type in yet."
        }
        return nil
    }

    /// The date a paper response was received, checked: it must be a real date, not after today, and while the
    /// consultation was open.
    public static func receivedOn(
        _ text: String, opensOn: SimpleDate, lastDay: SimpleDate, today: SimpleDate
    ) -> Result<SimpleDate, FieldError> {
        let trimmed = text.trimmingWhitespace()
        guard let day = SimpleDate(iso: trimmed) else {
            return .failure(
                FieldError(
                    "received_on",
                    trimmed.isEmpty
                        ? "Enter the date the response was received, like \(today.iso)."
                        : "\"\(trimmed)\" is not a date: enter it like \(today.iso)."))
        }
        if day > today {
            return .failure(FieldError("received_on", "The date received cannot be after today."))
        }
        if day < opensOn {
            return .failure(
                FieldError(
                    "received_on",
                    "The consultation opened on \(opensOn.ukText): a response received before then is not part of it."
                ))
        }
        if day > lastDay {
            return .failure(
                FieldError(
                    "received_on",
                    "The last day for responses was \(lastDay.ukText), so a response received on \(day.ukText) came too late to count. Keep it with the consultation's papers."
                ))
        }
        return .success(day)
    }
}
