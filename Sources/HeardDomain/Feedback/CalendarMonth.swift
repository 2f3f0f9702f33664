/// A calendar month, as the Friends and Family Test is returned to NHS England: each month's answers are counted
/// from its first UK day to its last.
public struct CalendarMonth: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var year: Int
    /// 1 to 12.
    public var month: Int

    public init(year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    /// The month `day` falls in.
    public init(containing day: SimpleDate) {
        self.init(year: day.year, month: day.month)
    }

    /// Reads `2026-11`, as the month select and the query string send it; nil for anything else.
    public init?(iso text: String) {
        let parts = text.trimmingWhitespace().split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month)
        else { return nil }
        self.init(year: year, month: month)
    }

    public var firstDay: SimpleDate { SimpleDate(year: year, month: month, day: 1) }

    public var lastDay: SimpleDate {
        SimpleDate(year: year, month: month, day: SimpleDate.daysIn(month: month, year: year))
    }

    /// The month `count` months later (earlier when negative).
    public func adding(months count: Int) -> CalendarMonth {
        let index = year * 12 + (month - 1) + count
        // Floored, so a month before year 0 still has a month from 1 to 12.
        let (years, months) = (index.quotientAndRemainder(dividingBy: 12))
        return months < 0
            ? CalendarMonth(year: years - 1, month: months + 13) : CalendarMonth(year: years, month: months + 1)
    }

    /// The first month of the Friends and Family Test's current question ("Overall, how was your experience of our
    /// service?"), April 2020. Answers to the earlier "likely to recommend" question are kept apart, so no month
    /// before it has answers to count.
    public static let firstOfCurrentFFT = CalendarMonth(year: 2020, month: 4)

    /// `2026-11`.
    public var iso: String {
        String(year) + "-" + (month < 10 ? "0" : "") + String(month)
    }

    /// "November 2026".
    public var title: String { SimpleDate.monthNames[month - 1] + " " + String(year) }

    public var description: String { iso }

    public static func < (lhs: CalendarMonth, rhs: CalendarMonth) -> Bool {
        (lhs.year, lhs.month) < (rhs.year, rhs.month)
    }
}

extension CalendarMonth {
    /// Why there can be no Friends and Family Test results for this month, or nil: it has not started, or it is
    /// before the current question, so "no answers" would read as nobody answering.
    public func fftResultsProblem(today: SimpleDate) -> String? {
        if self > CalendarMonth(containing: today) { return "\(title) has not started yet" }
        if self < Self.firstOfCurrentFFT {
            return
                "\(title) is before April 2020, when the FFT's current question began (answers to the old \"likely to recommend\" question are kept apart)"
        }
        return nil
    }
}
