import HeardDomain
import Testing

@Suite("Indicator figures from CSV")
struct IndicatorCSVTests {
    static let today = SimpleDate(iso: "2026-12-04")!

    @Test("each line is read with the typed-in rules; a default source fills lines without one")
    func reads() throws {
        let rows = try IndicatorCSV.parse(
            "Place,Period start,Value\nLeeds,2026-04-01,23\nBradford,2025-04-01,\"1,500\"\n", unit: .count,
            period: .financialYear,
            defaultSource: "GP Patient Survey", today: Self.today)
        #expect(
            rows == [
                IndicatorFigureRow(
                    line: 2, place: "Leeds", periodStart: SimpleDate(iso: "2026-04-01")!, value: 23,
                    source: "GP Patient Survey"),
                IndicatorFigureRow(
                    line: 3, place: "Bradford", periodStart: SimpleDate(iso: "2025-04-01")!, value: 1500,
                    source: "GP Patient Survey"),
            ])
    }

    @Test("an implausibly large figure is refused, naming its line")
    func tooLarge() {
        let text = "place,period_start,value\nLeeds,2026-04-01,12\nBradford,2026-04-01,99999999999999999999999\n"
        do {
            _ = try IndicatorCSV.parse(text, unit: .days, period: .month, defaultSource: "GPPS", today: Self.today)
            Issue.record("a figure of 10^23 days was loaded")
        } catch {
            #expect(
                error.errors.map(\.message) == [
                    "Line 3: that figure is too large to be right: check it (the most Heard takes for this indicator is 1,000,000,000 days)."
                ])
        }
    }

    @Test("every problem is named by its line, and any problem refuses the whole file")
    func refuses() {
        let text = """
            place,period_start,value,source
            Leeds,2026-04-01,140,GPPS
            ,2027-04-01,5,GPPS
            Leeds,April 2026,5,
            Leeds,2026-04-01,12,GPPS
            Leeds,2026-04-01,13,GPPS
            """
        #expect(throws: ValidationFailure.self) {
            try IndicatorCSV.parse(text, unit: .percent, period: .month, defaultSource: "", today: Self.today)
        }
        do {
            _ = try IndicatorCSV.parse(text, unit: .percent, period: .month, defaultSource: "", today: Self.today)
        } catch {
            #expect(
                error.errors.map(\.message) == [
                    "Line 2: a percentage cannot be more than 100.",
                    "Line 3: give the place; the period has not started yet: record it once it has.",
                    "Line 4: the period start must be a date like 2026-04-01, not \"April 2026\"; say where the figure comes from (a source column, or the source box).",
                    "Line 5: Leeds, month from 1 April 2026 is already on line 2.",
                    "Line 6: Leeds, month from 1 April 2026 is already on line 2.",
                ])
        }
        // A decimal comma splits a line into one value too many: the line is refused, not half loaded.
        do {
            _ = try IndicatorCSV.parse(
                "place,period_start,value,source\nLeeds,2026-07-01,3,5,GPPS\nLeeds,2026-05-01,\"3,5\",GPPS",
                unit: .days, period: .month, defaultSource: "", today: Self.today)
            Issue.record("a split figure was accepted")
        } catch {
            #expect(error.errors.count == 2)
            #expect(error.errors[0].message.hasPrefix("Line 2: it has 5 values where the first line names 4"))
            #expect(error.errors[1].message.hasPrefix("Line 3: use a full stop for decimals"))
        }
        // An unknown place is listed with the other lines' problems, not after they are fixed.
        do {
            _ = try IndicatorCSV.parse(
                "place,period_start,value,source\nLeeds,2026-13-01,5,GPPS\nNowhere,2026-04-01,5,GPPS\nleeds,2026-05-01,5,GPPS",
                unit: .percent, period: .month, defaultSource: "", today: Self.today,
                places: ["leeds": "Leeds", "wakefield": "Wakefield"])
            Issue.record("an unknown place was accepted")
        } catch {
            #expect(
                error.errors.map(\.message) == [
                    "Line 2: the period start must be a date like 2026-04-01, not \"2026-13-01\".",
                    "Line 3: Nowhere is not a place in Heard (places: Leeds, Wakefield).",
                ])
        }
        #expect(throws: ValidationFailure.self) {
            try IndicatorCSV.parse(
                "where,when,what\nLeeds,2026-04-01,3", unit: .count, period: .month, defaultSource: "GPPS",
                today: Self.today)
        }
        let many = "place,period_start,value,source\n" + String(repeating: "Leeds,2026-04-01,-1,GPPS\n", count: 25)
        do {
            _ = try IndicatorCSV.parse(many, unit: .count, period: .month, defaultSource: "", today: Self.today)
            Issue.record("negative figures were accepted")
        } catch {
            #expect(error.errors.count == IndicatorCSV.listedProblems + 1)
            #expect(error.errors.last?.message == "And 5 more lines with problems. Nothing was loaded.")
        }
    }

    @Test("a line whose first day does not start one of the indicator's periods is refused, saying the day to use")
    func periodStarts() {
        let text =
            "place,period_start,value,source\nLeeds,2026-07-01,10,GPPS\nLeeds,2026-07-15,11,GPPS\nLeeds,2026-05-01,9,GPPS"
        do {
            _ = try IndicatorCSV.parse(text, unit: .percent, period: .quarter, defaultSource: "", today: Self.today)
            Issue.record("a figure for a part of a quarter was loaded")
        } catch {
            #expect(
                error.errors.map(\.message) == [
                    "Line 3: a quarterly figure's period starts on 1 January, 1 April, 1 July or 1 October: for the quarter that includes 15 July 2026, enter 2026-07-01.",
                    "Line 4: a quarterly figure's period starts on 1 January, 1 April, 1 July or 1 October: for the quarter that includes 1 May 2026, enter 2026-04-01.",
                ])
        }
    }

    @Test("a source that names nothing (\"x\", \"tbc\", \".\") is refused, in a line's column or the source box")
    func placeholderSources() {
        let text = "place,period_start,value,source\nLeeds,2026-04-01,3,x\nLeeds,2025-04-01,4,tbc\nLeeds,2024-04-01,5,"
        do {
            _ = try IndicatorCSV.parse(
                text, unit: .percent, period: .financialYear, defaultSource: ".", today: Self.today)
            Issue.record("placeholder sources were loaded")
        } catch {
            #expect(
                error.errors.map(\.message) == [
                    "Line 2: say where the figure comes from, for example \"GP Patient Survey 2026\": \"x\" is a placeholder, not an answer.",
                    "Line 3: say where the figure comes from, for example \"GP Patient Survey 2026\": \"tbc\" is a placeholder, not an answer.",
                    "Line 4: say where the figure comes from, for example \"GP Patient Survey 2026\": \".\" is a placeholder, not an answer.",
                ])
        }
        #expect(IndicatorRules.sourceProblem("Census 2021") == nil)
        #expect(IndicatorRules.sourceProblem("GPPS") == nil)
        #expect(IndicatorRules.sourceProblem(String(repeating: "a", count: 201)) != nil)
    }
}
