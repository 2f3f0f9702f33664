import HeardDomain
import HeardStorage
import HeardWeb
import Testing

/// Search and filter boxes are optional: a screen reader must not announce them as required.
@Suite("Optional fields are not marked required")
struct OptionalFieldsTests {
    @Test(
        "filter and search boxes on staff lists, and the CSV source box, carry no aria-required",
        arguments: TestDatabase.all)
    func filterBoxes(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let administrator = try await app.signedInBrowser(.administrator)
            let indicator = Indicator(
                name: "Carers assessed", summary: "Carers who had a social care assessment.", unit: .percent,
                direction: .higherIsBetter)
            try await indicator.create(on: app.db)
            for (path, id) in [
                ("/staff/initiatives", "field-q"), ("/staff/users", "field-q"), ("/staff/services", "field-q"),
                ("/staff/notices", "field-to"),
                // The CSV loader's source box: a line's own source column can do without it.
                ("/staff/indicators/\(indicator.id!.uuidString.lowercased())", "field-csv_source"),
            ] {
                let page = try await administrator.get(path)
                #expect(page.status == .ok, "\(path)")
                let box = try #require(page.inputTag(id: id), "\(path)")
                #expect(!box.contains("aria-required"), "\(path)")
            }
        }
    }
}
