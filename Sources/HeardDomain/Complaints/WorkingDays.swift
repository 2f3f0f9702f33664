/// Working days for the NHS complaints clock in England: every day but Saturdays, Sundays and the bank
/// holidays of England and Wales (which include Christmas Day and Good Friday).
public enum WorkingDays {
    /// Bank holidays that break the usual rules, by year: the day a regular holiday moved from, and the days
    /// added by proclamation. Later proclamations are added here.
    static let moved: [SimpleDate: SimpleDate] = [
        // Early May holiday moved to VE Day (2020), spring holidays moved for jubilees (2002, 2012, 2022).
        SimpleDate(year: 2020, month: 5, day: 4): SimpleDate(year: 2020, month: 5, day: 8),
        SimpleDate(year: 2002, month: 5, day: 27): SimpleDate(year: 2002, month: 6, day: 4),
        SimpleDate(year: 2012, month: 5, day: 28): SimpleDate(year: 2012, month: 6, day: 4),
        SimpleDate(year: 2022, month: 5, day: 30): SimpleDate(year: 2022, month: 6, day: 2),
    ]
    static let added: Set<SimpleDate> = [
        SimpleDate(year: 2002, month: 6, day: 3),  // Golden Jubilee
        SimpleDate(year: 2011, month: 4, day: 29),  // royal wedding
        SimpleDate(year: 2012, month: 6, day: 5),  // Diamond Jubilee
        SimpleDate(year: 2022, month: 6, day: 3),  // Platinum Jubilee
        SimpleDate(year: 2022, month: 9, day: 19),  // state funeral of Queen Elizabeth II
        SimpleDate(year: 2023, month: 5, day: 8),  // coronation of King Charles III
    ]

    /// Monday is 1 … Sunday is 7 (1970-01-01 was a Thursday).
    public static func weekday(_ date: SimpleDate) -> Int {
        let remainder = (date.dayNumber + 3) % 7
        return (remainder < 0 ? remainder + 7 : remainder) + 1
    }

    public static func isWorkingDay(_ date: SimpleDate) -> Bool {
        weekday(date) <= 5 && !bankHolidays(in: date.year).contains(date)
    }

    /// The bank holidays of England and Wales in `year`, with substitute days for those on a weekend.
    public static func bankHolidays(in year: Int) -> Set<SimpleDate> {
        let easter = easterSunday(year)
        var days: [SimpleDate] = [
            substituteForWeekend(SimpleDate(year: year, month: 1, day: 1)),
            easter.adding(days: -2),  // Good Friday
            easter.adding(days: 1),  // Easter Monday
            monday(in: 5, of: year, last: false),  // early May
            monday(in: 5, of: year, last: true),  // spring
            monday(in: 8, of: year, last: true),  // summer
        ]
        // Christmas Day and Boxing Day: a weekend day moves to the next weekday not already a holiday.
        let christmas = SimpleDate(year: year, month: 12, day: 25)
        let boxingDay = SimpleDate(year: year, month: 12, day: 26)
        let christmasObserved = substituteForWeekend(christmas)
        var boxingObserved = substituteForWeekend(boxingDay)
        if boxingObserved <= christmasObserved { boxingObserved = christmasObserved.adding(days: 1) }
        days += [christmasObserved, boxingObserved]
        days = days.map { moved[$0] ?? $0 }
        return Set(days).union(added.filter { $0.year == year })
    }

    /// The date `count` working days after `date` (the day itself does not count).
    public static func adding(_ count: Int, to date: SimpleDate) -> SimpleDate {
        var day = date
        var left = count
        while left > 0 {
            day = day.adding(days: 1)
            if isWorkingDay(day) { left -= 1 }
        }
        return day
    }

    static func substituteForWeekend(_ date: SimpleDate) -> SimpleDate {
        switch weekday(date) {
        case 6: date.adding(days: 2)
        case 7: date.adding(days: 1)
        default: date
        }
    }

    static func monday(in month: Int, of year: Int, last: Bool) -> SimpleDate {
        if last {
            let end = SimpleDate(year: year, month: month, day: SimpleDate.daysIn(month: month, year: year))
            return end.adding(days: -(weekday(end) - 1))
        }
        let start = SimpleDate(year: year, month: month, day: 1)
        return start.adding(days: (8 - weekday(start)) % 7)
    }

    /// Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm).
    static func easterSunday(_ year: Int) -> SimpleDate {
        let a = year % 19
        let b = year / 100
        let c = year % 100
        let d = b / 4
        let e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4
        let k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return SimpleDate(year: year, month: month, day: day)
    }
}
