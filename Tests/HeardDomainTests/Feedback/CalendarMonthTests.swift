import HeardDomain
import Testing

@Suite("Calendar months and FFT tallies")
struct CalendarMonthTests {
    @Test("reads 2026-11 and nothing looser")
    func reading() {
        #expect(CalendarMonth(iso: "2026-11") == CalendarMonth(year: 2026, month: 11))
        #expect(CalendarMonth(iso: " 2026-01 ")?.title == "January 2026")
        for bad in ["2026-13", "2026-00", "2026-1", "26-11", "2026/11", "2026-11-01", "November 2026", "", "２０２６-11"] {
            #expect(CalendarMonth(iso: bad) == nil, "\(bad)")
        }
    }

    @Test("a month's days, and months across a new year")
    func days() {
        let february = CalendarMonth(year: 2028, month: 2)
        #expect(february.firstDay.iso == "2028-02-01" && february.lastDay.iso == "2028-02-29")
        #expect(CalendarMonth(year: 2026, month: 2).lastDay.iso == "2026-02-28")
        #expect(CalendarMonth(year: 2026, month: 12).adding(months: 1).iso == "2027-01")
        #expect(CalendarMonth(year: 2026, month: 1).adding(months: -1).iso == "2025-12")
        #expect(CalendarMonth(year: 2026, month: 11).adding(months: -23).iso == "2024-12")
        #expect(CalendarMonth(containing: SimpleDate(iso: "2026-12-07")!).iso == "2026-12")
        #expect(CalendarMonth(year: 2025, month: 12) < CalendarMonth(year: 2026, month: 1))
        // Before year 0 the month stays 1 to 12 (a title must never index outside the month names).
        #expect(CalendarMonth(year: 0, month: 1).adding(months: -1) == CalendarMonth(year: -1, month: 12))
        #expect(CalendarMonth(year: 0, month: 3).adding(months: -14) == CalendarMonth(year: -1, month: 1))
        #expect(CalendarMonth(iso: "0000-01")!.adding(months: -11).title == "February -1")
    }

    @Test("a tally counts each answer and gives NHS England's shares out of every answer")
    func tally() {
        var tally = FFTTally()
        for (rating, count) in [
            (FFTRating.veryGood, 6), (.good, 2), (.neitherGoodNorPoor, 1), (.poor, 1), (.dontKnow, 2),
        ] {
            tally.add(rating, count: count)
        }
        var other = FFTTally()
        other.add(.veryPoor)
        tally.add(other)
        #expect(tally.cells == [6, 2, 1, 1, 1, 2])
        #expect(tally.total == 13 && tally[.veryPoor] == 1)
        // 8 of 13 is 61.5%, rounded to 62; 2 of 13 is 15.4%, to 15. "Don't know" counts in the 13.
        #expect(tally.score.percentPositive == 62 && tally.score.percentNegative == 15)
        #expect(FFTTally().score.percentPositive == nil)
    }
}
