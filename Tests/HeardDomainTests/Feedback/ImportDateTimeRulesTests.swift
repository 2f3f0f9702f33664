import Foundation
import Testing

@testable import HeardDomain

@Suite("Import rules: blank dates, times of day, response IDs")
struct ImportDateTimeRulesTests {
    func check(_ date: String?) -> Result<Date?, FeedbackImportRules.RowErrors> {
        FeedbackImportRules.check(
            line: 7, text: "Kind staff", rating: "Good", consent: nil, date: date, good: nil, better: nil,
            today: SimpleDate(year: 2026, month: 12, day: 1)
        ).map(\.at)
    }

    @Test("a mapped date column left blank is refused, naming the line and field; no date column is still fine")
    func blankDate() throws {
        for blank in ["", "   "] {
            guard case .failure(let refusal) = check(blank) else {
                Issue.record("'\(blank)' accepted")
                continue
            }
            #expect(
                refusal.errors.map(\.description) == [
                    "line 7, date: The date is empty: give the day the feedback was received, or the answer would be counted in the month it was imported."
                ])
        }
        guard case .success(let at) = check(nil) else {
            Issue.record("a row with no date column refused")
            return
        }
        #expect(at == nil, "no date column: the import's own time, as before")
    }

    @Test("a valid time of day is kept as UK time; an impossible one is refused; a date alone has none")
    func timesOfDay() throws {
        #expect(FeedbackImportRules.timeOfDay(in: "30/09/2026 23:30") == .local(seconds: 84_600))
        #expect(FeedbackImportRules.timeOfDay(in: "2026-09-30T09:05:07.250") == .local(seconds: 32_707))
        #expect(FeedbackImportRules.timeOfDay(in: "30/09/2026 11:30 pm") == .local(seconds: 84_600))
        #expect(FeedbackImportRules.timeOfDay(in: "30/09/2026 12:05 AM") == .local(seconds: 300))
        #expect(FeedbackImportRules.timeOfDay(in: "30/09/2026") == .none)
        #expect(FeedbackImportRules.timeOfDay(in: "30/09/2026 (Wed)") == .none)
        #expect(FeedbackImportRules.timeOfDay(in: "2026-09-30T23:30:00Z") == .zoned)
        for impossible in [
            "31/08/2026 25:00", "31/08/2026 23:60", "31/08/2026 13:00 pm", "31/08/2026 12:30:75", "31/08/2026 1230",
            "2026-08-31T24:00:00Z",
        ] {
            #expect(FeedbackImportRules.timeOfDay(in: impossible) == .impossible, "\(impossible)")
            guard case .failure(let refusal) = check(impossible) else {
                Issue.record("'\(impossible)' accepted")
                continue
            }
            #expect(refusal.errors.map(\.field) == ["date"])
            #expect(refusal.errors[0].message.hasPrefix("'\(impossible)' has a time of day that cannot be"))
        }
        // 23:30 on 30 September 2026 in London (summer time) is 22:30 UTC; in winter, London is UTC.
        #expect(try check("30/09/2026 23:30").get() == Date(timeIntervalSince1970: 1_790_807_400))
        #expect(try check("01/11/2026 09:00").get() == Date(timeIntervalSince1970: 1_793_523_600))
        #expect(try check("2026-09-30T23:30:00Z").get() == Date(timeIntervalSince1970: 1_790_811_000))
        #expect(try check("30/09/2026").get() == nil, "a date alone: the importer gives it midday")
    }

    @Test("a response ID is trimmed; blank is none; a long one is refused")
    func responseIDs() throws {
        #expect(try FeedbackImportRules.checkResponseID(" R-1 ").get() == "R-1")
        #expect(try FeedbackImportRules.checkResponseID("  ").get() == nil)
        #expect(try FeedbackImportRules.checkResponseID(nil).get() == nil)
        guard case .failure(let refusal) = FeedbackImportRules.checkResponseID(String(repeating: "x", count: 101))
        else {
            Issue.record("a 101-character ID accepted")
            return
        }
        #expect(refusal.description.hasPrefix("The response ID is 101 characters long; IDs are at most 100."))
    }
}
