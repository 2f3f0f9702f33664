import Fluent
import Foundation
import HeardDomain
import HeardStorage
import HeardWeb
import Testing

@Suite("Indicator figures pasted from a CSV that is not UTF-8")
struct IndicatorCSVEncodingTests {
    @Test(
        "figures pasted as Windows-1252 (Excel's \"CSV (Comma delimited)\") load with their accents, and say how they were read",
        arguments: TestDatabase.all)
    func windows1252(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(year: 2026, month: 12, day: 4))
            _ = try await Fixtures.service(on: app.db)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let indicator = Indicator(
                name: "Carers assessed", summary: "Carers who had a social care assessment.", unit: .percent,
                direction: .higherIsBetter, period: .financialYear)
            try await indicator.create(on: app.db)
            let path = "/staff/indicators/\(indicator.id!.uuidString.lowercased())"

            // "Café survey" in Latin-1: é is the one byte E9, which is not UTF-8.
            let latin1 =
                Array("place,period_start,value,source\nCalderdale,2026-04-01,23,Caf".utf8) + [0xE9]
                + Array(" survey".utf8)
            let loaded = try await postRaw(officer, path: path, csv: latin1)
            #expect(loaded.status == .seeOther)
            let figure = try #require(try await IndicatorValue.query(on: app.db).first())
            #expect(figure.source == "Café survey")
            #expect(figure.value == 23)
            let page = try await officer.get(path)
            #expect(page.body.contains("Loaded 1 figure from the CSV."))
            #expect(page.body.contains("The figures were not UTF-8, so they were read as Windows-1252"))

            // UTF-16 (zero bytes throughout) is not text Heard can read: say what to do, not "name the columns".
            let utf16: [UInt8] =
                [0xFF, 0xFE] + Array("place,period_start,value".utf16).flatMap { [UInt8($0 & 0xFF), 0] }
            let refused = try await postRaw(officer, path: path, csv: utf16)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("The figures are not UTF-8 text, so Heard cannot read them."))
            #expect(!refused.body.contains("The first line must name the columns"))
        }
    }

    /// Posts the form as a browser would, with the CSV's own bytes percent-encoded.
    func postRaw(_ browser: TestBrowser, path: String, csv: [UInt8]) async throws -> TestBrowser.Page {
        let token = try await browser.get(path).csrfToken ?? ""
        let encoded = csv.map { byte in
            (byte.isASCIIAlphanumeric ? String(UnicodeScalar(byte)) : String(format: "%%%02X", byte))
        }.joined()
        return try await browser.send(
            .POST, path + "/load", headers: [],
            body: "_csrf=\(TestBrowser.encode(token))&csv=\(encoded)&csv_source=",
            contentType: "application/x-www-form-urlencoded")
    }
}

extension UInt8 {
    fileprivate var isASCIIAlphanumeric: Bool {
        (0x30...0x39).contains(self) || (0x41...0x5A).contains(self) || (0x61...0x7A).contains(self)
    }
}
