import HeardDomain
import Testing

@Suite("Indicators: values fit their unit; trends read with the direction")
struct IndicatorRulesTests {
    static let today = SimpleDate(year: 2026, month: 12, day: 4)

    @Test("values are checked against the unit and the period")
    func values() {
        let april = SimpleDate(year: 2026, month: 4, day: 1)
        #expect(IndicatorRules.valueProblems("23%", unit: .percent, periodStart: april, today: Self.today).value == 23)
        #expect(
            IndicatorRules.valueProblems("1,204", unit: .count, periodStart: april, today: Self.today).value == 1204)
        #expect(
            IndicatorRules.valueProblems("12,345.5", unit: .days, periodStart: april, today: Self.today).value
                == 12345.5)
        // A decimal comma is never read as thousands: "3,5" is not 35.
        for text in ["3,5", "12,5%", "1,20", "1234,567", ",5", "1.234,5"] {
            let checked = IndicatorRules.valueProblems(text, unit: .percent, periodStart: april, today: Self.today)
            #expect(checked.value == nil, "\(text)")
            #expect(checked.problems.first?.message.hasPrefix("Use a full stop for decimals") == true, "\(text)")
        }
        #expect(
            IndicatorRules.valueProblems("101", unit: .percent, periodStart: april, today: Self.today).problems.first?
                .message == "A percentage cannot be more than 100.")
        #expect(
            IndicatorRules.valueProblems("2.5", unit: .count, periodStart: april, today: Self.today).problems.first?
                .message == "A number of people or things is a whole number.")
        #expect(
            IndicatorRules.valueProblems("-3", unit: .days, periodStart: april, today: Self.today).problems.first?
                .message == "The figure cannot be negative.")
        #expect(
            IndicatorRules.valueProblems("lots", unit: .days, periodStart: april, today: Self.today).problems.first?
                .message.contains("as a number") == true)
        #expect(
            IndicatorRules.valueProblems("nan", unit: .days, periodStart: april, today: Self.today).problems.first?
                .field == "value")
        #expect(
            IndicatorRules.valueProblems("", unit: .days, periodStart: april, today: Self.today).problems.first?
                .message == "Enter the figure, for example 23 or 4.5.")
        let future = IndicatorRules.valueProblems(
            "4", unit: .days, periodStart: SimpleDate(year: 2027, month: 1, day: 1), today: Self.today)
        #expect(future.value == nil)
        #expect(future.problems.map(\.field) == ["period_start"])
        #expect(
            IndicatorRules.valueProblems("1e2", unit: .days, periodStart: april, today: Self.today).problems.first?
                .message.contains("as a number") == true)
        for (text, unit, largest) in [
            ("99999999999999999999999", IndicatorUnit.days, "1,000,000,000 days"),
            ("1,000,000,001", .count, "1,000,000,000"), ("1000000.5", .perThousand, "1,000,000 per 1,000"),
        ] {
            let checked = IndicatorRules.valueProblems(text, unit: unit, periodStart: april, today: Self.today)
            #expect(checked.value == nil, "\(text)")
            #expect(
                checked.problems.map(\.message) == [
                    "That figure is too large to be right: check it (the most Heard takes for this indicator is \(largest))."
                ])
        }
        #expect(
            IndicatorRules.valueProblems("1,000,000,000", unit: .count, periodStart: april, today: Self.today).value
                == 1_000_000_000)
        let battle = IndicatorRules.valueProblems(
            "4", unit: .days, periodStart: SimpleDate(year: 1066, month: 10, day: 14), today: Self.today)
        #expect(battle.problems.map(\.message) == ["Check the year: that period started more than 30 years ago."])
    }

    @Test("a trend is better or worse according to the direction")
    func trends() {
        let q1 = SimpleDate(year: 2026, month: 1, day: 1)
        let q2 = SimpleDate(year: 2026, month: 4, day: 1)
        let rising = [IndicatorPoint(periodStart: q2, value: 5), IndicatorPoint(periodStart: q1, value: 3)]
        #expect(IndicatorTrend.of(rising, direction: .higherIsBetter, period: .quarter) == .better(by: 2))
        #expect(IndicatorTrend.of(rising, direction: .lowerIsBetter, period: .quarter) == .worse(by: 2))
        #expect(IndicatorTrend.of([rising[0]], direction: .higherIsBetter, period: .quarter) == .first)
        #expect(IndicatorTrend.of([], direction: .higherIsBetter, period: .quarter) == nil)
        #expect(IndicatorTrend.better(by: 2).describe(unit: .percent) == "Better by 2 points")
        #expect(IndicatorTrend.worse(by: 1).describe(unit: .days) == "Worse by 1 day")
        #expect(IndicatorTrend.worse(by: 1).describe(unit: .percent) == "Worse by 1 point")
        #expect(IndicatorTrend.better(by: 1.5).describe(unit: .percent) == "Better by 1.5 points")
        #expect(IndicatorUnit.count.format(1_204) == "1,204")
        #expect(IndicatorUnit.days.format(12_345.5) == "12,345.5 days")
        #expect(IndicatorUnit.days.format(999.5) == "999.5 days")
        #expect(IndicatorUnit.perThousand.format(-1_234.5) == "-1,234.5 per 1,000")
        #expect(IndicatorUnit.percent.format(23) == "23%")
        #expect(
            IndicatorUnit.perThousand.format(4.25) == "4.2 per 1,000"
                || IndicatorUnit.perThousand.format(4.25) == "4.3 per 1,000")
    }

    @Test("a figure's first day must start one of the indicator's periods; only such figures are compared")
    func periods() {
        let april = SimpleDate(year: 2026, month: 4, day: 1)
        let july15 = SimpleDate(year: 2026, month: 7, day: 15)
        #expect(IndicatorPeriod.quarter.startProblem(april) == nil)
        #expect(
            IndicatorPeriod.quarter.startProblem(july15)
                == "A quarterly figure's period starts on 1 January, 1 April, 1 July or 1 October: for the quarter that includes 15 July 2026, enter 2026-07-01."
        )
        #expect(IndicatorPeriod.quarter.startProblem(SimpleDate(year: 2026, month: 5, day: 1)) != nil)
        #expect(IndicatorPeriod.month.startProblem(SimpleDate(year: 2026, month: 5, day: 1)) == nil)
        #expect(IndicatorPeriod.month.startProblem(july15)?.hasSuffix("enter 2026-07-01.") == true)
        #expect(
            IndicatorPeriod.financialYear.startProblem(SimpleDate(year: 2026, month: 1, day: 1))?.hasSuffix(
                "for the year that includes 1 January 2026, enter 2025-04-01.") == true)
        #expect(IndicatorPeriod.calendarYear.startProblem(april)?.hasSuffix("enter 2026-01-01.") == true)
        #expect(IndicatorPeriod.quarter.label(april) == "Quarter from 1 April 2026")

        // A year and a quarter from the same day are never compared: the odd one out is left out.
        let mixed = [
            IndicatorPoint(periodStart: SimpleDate(year: 2025, month: 4, day: 1), value: 21),
            IndicatorPoint(periodStart: april, value: 19), IndicatorPoint(periodStart: july15, value: 5),
        ]
        #expect(IndicatorTrend.of(mixed, direction: .higherIsBetter, period: .financialYear) == .worse(by: 2))

        // Indicators from before periods: the longest period all figures start, else the one most start.
        #expect(IndicatorPeriod.inferred(from: []) == .financialYear)
        #expect(IndicatorPeriod.inferred(from: [april, april.adding(months: -12)]) == .financialYear)
        #expect(IndicatorPeriod.inferred(from: [SimpleDate(year: 2026, month: 1, day: 1)]) == .calendarYear)
        #expect(IndicatorPeriod.inferred(from: [april, SimpleDate(year: 2026, month: 7, day: 1)]) == .quarter)
        #expect(IndicatorPeriod.inferred(from: [april, SimpleDate(year: 2026, month: 5, day: 1)]) == .month)
        #expect(IndicatorPeriod.inferred(from: [april, april.adding(months: -12), july15]) == .financialYear)
    }
}
