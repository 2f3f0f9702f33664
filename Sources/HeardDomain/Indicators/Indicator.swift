/// What an indicator counts, so values can be checked and shown with their unit.
public enum IndicatorUnit: String, CaseIterable, Codable, Sendable {
    case percent
    case count
    case days
    case perThousand = "per_thousand"

    public var title: String {
        switch self {
        case .percent: "Per cent"
        case .count: "Number"
        case .days: "Days"
        case .perThousand: "Rate per 1,000 people"
        }
    }

    /// "23%", "1,204", "18 days", "4.2 per 1,000", "12,345.5 days": thousands separated the UK way.
    public func format(_ value: Double) -> String {
        let number =
            value == value.rounded() && abs(value) < 1e15
            ? Int(value).formatted : Self.separatingThousands(String(format: "%.1f", value))
        switch self {
        case .percent: return number + "%"
        case .count: return number
        case .days: return number + (value == 1 ? " day" : " days")
        case .perThousand: return number + " per 1,000"
        }
    }

    /// "12345.5" as "12,345.5"; left as it is when the whole part is beyond an Int.
    static func separatingThousands(_ text: String) -> String {
        let negative = text.hasPrefix("-")
        let unsigned = negative ? text.dropFirst() : text[...]
        let whole = unsigned.prefix { $0 != "." }
        guard let number = Int(whole) else { return text }
        return (negative ? "-" : "") + number.formatted + unsigned.dropFirst(whole.count)
    }

    /// The largest figure that could be real for this unit: a percentage is at most 100, and no place has more
    /// than a thousand events per person; larger figures are a slip of the keyboard or a broken file.
    public var largestValue: Double {
        switch self {
        case .percent: 100
        case .perThousand: 1_000_000
        case .count, .days: 1_000_000_000
        }
    }
}

/// Whether a rising figure is good news ("people with a care plan") or bad ("days waiting").
public enum IndicatorDirection: String, CaseIterable, Codable, Sendable {
    case higherIsBetter = "higher"
    case lowerIsBetter = "lower"

    public var title: String {
        switch self {
        case .higherIsBetter: "Higher is better"
        case .lowerIsBetter: "Lower is better"
        }
    }
}

/// One figure for one place and period.
public struct IndicatorPoint: Sendable, Equatable {
    public var periodStart: SimpleDate
    public var value: Double

    public init(periodStart: SimpleDate, value: Double) {
        self.periodStart = periodStart
        self.value = value
    }
}

/// How a place's figure moved from its previous period to its latest, read with the indicator's direction.
public enum IndicatorTrend: Sendable, Equatable {
    case first
    case better(by: Double)
    case worse(by: Double)
    case same

    /// Only figures that start one of the indicator's periods are compared, so a quarter is never read against a
    /// year (figures recorded before indicators had a period may not).
    public static func of(
        _ points: [IndicatorPoint], direction: IndicatorDirection, period: IndicatorPeriod
    ) -> IndicatorTrend? {
        let sorted = points.filter { period.isStart($0.periodStart) }.sorted { $0.periodStart < $1.periodStart }
        guard let latest = sorted.last else { return nil }
        guard sorted.count > 1 else { return .first }
        let change = latest.value - sorted[sorted.count - 2].value
        if change == 0 { return .same }
        let improved = direction == .higherIsBetter ? change > 0 : change < 0
        return improved ? .better(by: abs(change)) : .worse(by: abs(change))
    }

    public func describe(unit: IndicatorUnit) -> String {
        // A change in a percentage is in percentage points.
        func amount(_ by: Double) -> String {
            guard unit == .percent else { return unit.format(by) }
            return IndicatorUnit.count.format(by.rounded() == by ? by : (by * 10).rounded() / 10)
                .replacingOccurrences(of: "%", with: "") + (by == 1 ? " point" : " points")
        }
        switch self {
        case .first: return "First figure"
        case .same: return "No change"
        case .better(let by): return "Better by \(amount(by))"
        case .worse(let by): return "Worse by \(amount(by))"
        }
    }
}

/// What a recorded figure must be: a real number the unit allows, for a period that has started.
public enum IndicatorRules {
    public static func valueProblems(
        _ text: String, unit: IndicatorUnit, periodStart: SimpleDate?, today: SimpleDate
    ) -> (value: Double?, problems: [FieldError]) {
        var problems: [FieldError] = []
        let trimmed = text.trimmingWhitespace().replacingOccurrences(of: "%", with: "")
        let cleaned = trimmed.replacingOccurrences(of: ",", with: "")
        let value = Double(cleaned)
        if cleaned.isEmpty {
            problems.append(FieldError("value", "Enter the figure, for example 23 or 4.5."))
        } else if !trimmed.allSatisfy({ $0.isASCIIDigit || $0 == "." || $0 == "," || $0 == "-" }) {
            problems.append(
                FieldError("value", "Enter the figure as a number, for example 23 or 4.5, not \"\(text)\"."))
        } else if trimmed.contains(","), !hasThousandsSeparators(trimmed) {
            // "3,5" is three and a half in much of Europe and thirty-five with the comma dropped: never guess.
            problems.append(
                FieldError(
                    "value",
                    "Use a full stop for decimals (\(trimmed.replacingOccurrences(of: ",", with: "."))), and commas only between thousands (1,204)."
                ))
        } else if value == nil || !(value!.isFinite) {
            problems.append(
                FieldError("value", "Enter the figure as a number, for example 23 or 4.5, not \"\(text)\"."))
        } else if let value {
            if value < 0 {
                problems.append(FieldError("value", "The figure cannot be negative."))
            } else if unit == .percent && value > 100 {
                problems.append(FieldError("value", "A percentage cannot be more than 100."))
            } else if value > unit.largestValue {
                problems.append(
                    FieldError(
                        "value",
                        "That figure is too large to be right: check it (the most Heard takes for this indicator is \(unit.format(unit.largestValue)))."
                    ))
            } else if unit == .count && value != value.rounded() {
                problems.append(FieldError("value", "A number of people or things is a whole number."))
            }
        }
        if let periodStart, periodStart > today {
            problems.append(FieldError("period_start", "The period has not started yet: record it once it has."))
        } else if let periodStart, periodStart < today.adding(months: -12 * 30) {
            problems.append(FieldError("period_start", "Check the year: that period started more than 30 years ago."))
        }
        return (problems.isEmpty ? value : nil, problems)
    }

    /// The source is shown to the public beside the figure, so it must name something: "x", "tbc" or "." is
    /// refused as elsewhere (`RecordedReason.placeholderProblem`). Nil when `text` will do; empty is the caller's.
    public static func sourceProblem(_ text: String) -> String? {
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty else { return nil }
        return RecordedReason.placeholderProblem(
            trimmed, ask: "Say where the figure comes from, for example \"GP Patient Survey 2026\".")
            ?? TextLimit.problem(trimmed, limit: TextLimit.title, what: "the source")
    }

    /// "1,204" or "12,345.5": commas only between groups of three digits before any decimal point.
    static func hasThousandsSeparators(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        // "1.234,5" is a European decimal comma, not thousands: commas only before a single decimal point.
        guard parts.count <= 2, !(parts.count == 2 && parts[1].contains(",")) else { return false }
        let whole = parts[0]
        let groups = whole.split(separator: ",", omittingEmptySubsequences: false)
        guard let first = groups.first?.drop(while: { $0 == "-" }), (1...3).contains(first.count) else { return false }
        return groups.dropFirst().allSatisfy { $0.count == 3 && $0.allSatisfy(\.isASCIIDigit) }
            && first.allSatisfy(\.isASCIIDigit)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
