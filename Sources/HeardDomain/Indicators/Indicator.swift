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

    /// "23%", "1,204", "18 days", "4.2 per 1,000".
    public func format(_ value: Double) -> String {
        let number =
            value == value.rounded() && abs(value) < 1e15
            ? String(Int(value)) : String(format: "%.1f", value)
        switch self {
        case .percent: return number + "%"
        case .count: return number
        case .days: return number + (value == 1 ? " day" : " days")
        case .perThousand: return number + " per 1,000"
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

    public static func of(_ points: [IndicatorPoint], direction: IndicatorDirection) -> IndicatorTrend? {
        let sorted = points.sorted { $0.periodStart < $1.periodStart }
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
        let cleaned = text.trimmingWhitespace().replacingOccurrences(of: ",", with: "")
            .replacingOccurrences(of: "%", with: "")
        let value = Double(cleaned)
        if cleaned.isEmpty {
            problems.append(FieldError("value", "Enter the figure, for example 23 or 4.5."))
        } else if value == nil || !(value!.isFinite) {
            problems.append(
                FieldError("value", "Enter the figure as a number, for example 23 or 4.5, not \"\(text)\"."))
        } else if let value {
            if value < 0 {
                problems.append(FieldError("value", "The figure cannot be negative."))
            } else if unit == .percent && value > 100 {
                problems.append(FieldError("value", "A percentage cannot be more than 100."))
            } else if unit == .count && value != value.rounded() {
                problems.append(FieldError("value", "A number of people or things is a whole number."))
            }
        }
        if let periodStart, periodStart > today {
            problems.append(FieldError("period_start", "The period has not started yet: record it once it has."))
        }
        return (problems.isEmpty ? value : nil, problems)
    }
}
