import HeardDomain
import Testing

@Suite("Dates typed into forms")
struct SimpleDateTypedTests {
    @Test(
        "what a date picker sends, or the UK's day first with a four-digit year",
        arguments: ["2025-12-31", "31/12/2025", " 31/12/2025 ", "31.12.2025", "31-12-2025"])
    func read(text: String) {
        #expect(SimpleDate(typed: text) == SimpleDate(year: 2025, month: 12, day: 31))
    }

    @Test("single digits are read day first, as in the UK")
    func dayFirst() {
        #expect(SimpleDate(typed: "3/4/2026") == SimpleDate(year: 2026, month: 4, day: 3))
        #expect(SimpleDate(typed: "29/02/2028") == SimpleDate(year: 2028, month: 2, day: 29))
    }

    @Test(
        "not a date: impossible days, month first, two-digit years, words",
        arguments: ["31/02/2026", "12/31/2025", "31/12/25", "29/02/2027", "soon", "", "31/12/2025/1", "٣١/١٢/٢٠٢٥"])
    func refused(text: String) {
        #expect(SimpleDate(typed: text) == nil)
    }
}
