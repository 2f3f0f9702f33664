import HeardDomain

extension Admin {
    /// Reads an optional date field (`YYYY-MM-DD`, or typed the UK way, `31/03/2026`); a non-empty value that
    /// is not a date is an error.
    static func date(_ text: String?, field: String, into errors: inout [FieldError]) -> SimpleDate? {
        let trimmed = (text ?? "").trimmingWhitespace()
        guard !trimmed.isEmpty else { return nil }
        guard let date = SimpleDate(typed: trimmed) else {
            // The typed value names which field it is when two dates are wrong at once.
            errors.append(FieldError(field, "\"\(trimmed)\" is not a real date: enter it like 2026-03-31."))
            return nil
        }
        return date
    }

    /// Reads a required date field: `missing` says what to enter when it is empty (unless the field already
    /// has an error).
    static func requiredDate(
        _ text: String?, field: String, missing: String, into errors: inout [FieldError]
    ) -> SimpleDate? {
        let date = date(text, field: field, into: &errors)
        if date == nil && !errors.contains(where: { $0.field == field }) {
            errors.append(FieldError(field, missing))
        }
        return date
    }
}
