import HeardDomain
import Testing

@Suite("CSV pasted into forms")
struct CSVTextTests {
    @Test("quoted commas, doubled quotes and line breaks; CRLF; blank lines skipped; each record's first line")
    func records() {
        let text =
            "\u{FEFF}place,source\r\nLeeds,\"GP Patient Survey, 2026\"\r\n\r\n\"Kirk\"\"lees\",\"two\nlines\"\nWakefield,"
        #expect(
            CSVText.records(text) == [
                .init(line: 1, fields: ["place", "source"]),
                .init(line: 2, fields: ["Leeds", "GP Patient Survey, 2026"]),
                .init(line: 4, fields: ["Kirk\"lees", "two\nlines"]),
                .init(line: 6, fields: ["Wakefield", ""]),
            ])
        #expect(CSVText.records("").isEmpty)
        #expect(
            CSVText.records("a 5\" screen,b").first?.fields == ["a 5\" screen", "b"], "a quote inside a field is kept")
    }
}
