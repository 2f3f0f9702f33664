import Foundation

/// A calendar date without a time or time zone: consultations open and close on days, not instants.
public struct SimpleDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The calendar day in the UK on which `instant` fell (a form sent at 00:30 BST is filed on that day).
    public static func ukDay(of instant: Date) -> SimpleDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/London") ?? .gmt
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        return SimpleDate(year: parts.year!, month: parts.month!, day: parts.day!)
    }

    /// Reads `2026-03-31`; nil for anything else, including 31 February.
    public init?(iso text: String) {
        let parts = text.trimmingWhitespace().split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]),
            let d = Int(parts[2]),
            (1...12).contains(m), d >= 1, d <= SimpleDate.daysIn(month: m, year: y)
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Reads a date typed into a form: `2026-03-31` (what a date picker sends), or the UK's day first with a
    /// four-digit year, `31/03/2026`, `31.3.2026` or `31-03-2026` (typed where the picker is a text box). Nil
    /// for anything else, including 31 February and two-digit years.
    public init?(typed text: String) {
        let text = text.trimmingWhitespace()
        if let iso = SimpleDate(iso: text) {
            self = iso
            return
        }
        let pieces = text.split(omittingEmptySubsequences: false) { $0 == "/" || $0 == "." || $0 == "-" }
        guard pieces.count == 3, (1...2).contains(pieces[0].count), (1...2).contains(pieces[1].count),
            pieces[2].count == 4, pieces.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let d = Int(pieces[0]), let m = Int(pieces[1]), let y = Int(pieces[2]),
            (1...12).contains(m), d >= 1, d <= SimpleDate.daysIn(month: m, year: y)
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 (proleptic Gregorian).
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public init(dayNumber: Int) {
        let z = dayNumber + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    public func adding(days: Int) -> SimpleDate { SimpleDate(dayNumber: dayNumber + days) }

    public func days(until other: SimpleDate) -> Int { other.dayNumber - dayNumber }

    public static func < (lhs: SimpleDate, rhs: SimpleDate) -> Bool { lhs.dayNumber < rhs.dayNumber }

    /// `2026-03-31`, for forms and storage.
    public var iso: String {
        String(year) + "-" + (month < 10 ? "0" : "") + String(month) + "-" + (day < 10 ? "0" : "") + String(day)
    }

    public static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]

    /// `31 March 2026`, for people.
    public var ukText: String {
        "\(day) \(Self.monthNames[month - 1]) \(year)"
    }

    public var description: String { iso }
}

extension SimpleDate {
    /// "Check the year" when the date is further from `today` than any real record of this kind could be: a
    /// slip like 1926 for 2026 is refused rather than filed decades away. Nil when the date is plausible.
    public func implausibleYear(today: SimpleDate, yearsBack: Int, yearsAhead: Int? = nil) -> String? {
        if self < today.adding(months: -12 * yearsBack) {
            return "Check the year: that is more than \(yearsBack) years ago."
        }
        if let yearsAhead, self > today.adding(months: 12 * yearsAhead) {
            return "Check the year: that is more than \(yearsAhead == 1 ? "a year" : "\(yearsAhead) years") ahead."
        }
        return nil
    }
}
