/// How often an indicator has a new figure. Every figure of an indicator covers one such period, starting on
/// the period's first day, so a change is always read between like periods: a quarter beside the quarter
/// before, never beside a year that happens to start on the same day.
public enum IndicatorPeriod: String, CaseIterable, Codable, Sendable {
    case month
    /// Calendar quarters, as NHS and council quarterly returns are: from 1 January, 1 April, 1 July, 1 October.
    case quarter
    /// April to March, as NHS and council annual returns are.
    case financialYear = "financial_year"
    /// January to December, as some surveys are.
    case calendarYear = "calendar_year"

    public var title: String {
        switch self {
        case .month: "Monthly"
        case .quarter: "Quarterly (quarters start on 1 January, 1 April, 1 July and 1 October)"
        case .financialYear: "Yearly, April to March (financial year)"
        case .calendarYear: "Yearly, January to December (calendar year)"
        }
    }

    /// "quarter", as in "the quarter from 1 April 2026".
    public var noun: String {
        switch self {
        case .month: "month"
        case .quarter: "quarter"
        case .financialYear, .calendarYear: "year"
        }
    }

    /// "quarter from 1 April 2026", to go inside a sentence.
    public func phrase(_ start: SimpleDate) -> String { noun + " from " + start.ukText }

    /// "Quarter from 1 April 2026", to stand alone.
    public func label(_ start: SimpleDate) -> String {
        phrase(start).prefix(1).uppercased() + phrase(start).dropFirst()
    }

    /// The first day of the period that includes `day`.
    public func start(including day: SimpleDate) -> SimpleDate {
        switch self {
        case .month: return SimpleDate(year: day.year, month: day.month, day: 1)
        case .quarter: return SimpleDate(year: day.year, month: (day.month - 1) / 3 * 3 + 1, day: 1)
        case .financialYear: return SimpleDate(year: day.month >= 4 ? day.year : day.year - 1, month: 4, day: 1)
        case .calendarYear: return SimpleDate(year: day.year, month: 1, day: 1)
        }
    }

    public func isStart(_ day: SimpleDate) -> Bool { start(including: day) == day }

    /// For the form hint: which first days this indicator takes.
    public var startRule: String {
        switch self {
        case .month: "A monthly figure's period starts on the 1st of the month"
        case .quarter: "A quarterly figure's period starts on 1 January, 1 April, 1 July or 1 October"
        case .financialYear: "This indicator's figures are for years from April to March, so a period starts on 1 April"
        case .calendarYear: "This indicator's figures are for calendar years, so a period starts on 1 January"
        }
    }

    /// Nil when `day` starts a period; otherwise the rule, and the first day to use for the period including `day`.
    public func startProblem(_ day: SimpleDate) -> String? {
        guard !isStart(day) else { return nil }
        return "\(startRule): for the \(noun) that includes \(day.ukText), enter \(start(including: day).iso)."
    }

    /// For indicators recorded before they had a period: the longest period every figure starts, or else the one
    /// most of them start (a figure that starts none is kept, but not compared). With no figures, a financial year,
    /// as the national indicators are.
    public static func inferred(from starts: [SimpleDate]) -> IndicatorPeriod {
        let longestFirst: [IndicatorPeriod] = [.financialYear, .calendarYear, .quarter, .month]
        if let fitsAll = longestFirst.first(where: { period in starts.allSatisfy(period.isStart) }) { return fitsAll }
        let fits = longestFirst.map { period in starts.filter(period.isStart).count }
        return longestFirst[fits.firstIndex(of: fits.max()!)!]
    }
}
