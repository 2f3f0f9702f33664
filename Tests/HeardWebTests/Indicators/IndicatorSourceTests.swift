import Fluent
import Foundation
import HeardDomain
import HeardStorage
import HeardWeb
import Testing

@Suite("An indicator figure's source names where it comes from")
struct IndicatorSourceTests {
    @Test(
        "a source such as \"x\" or \"tbc\" is refused by the form and by the CSV load; a real one is kept",
        arguments: TestDatabase.all)
    func placeholderSource(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(year: 2026, month: 12, day: 4))
            let (_, place) = try await Fixtures.service(on: app.db)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let indicator = Indicator(
                name: "Carers assessed", summary: "Carers who had a social care assessment.", unit: .percent,
                direction: .higherIsBetter, period: .financialYear)
            try await indicator.create(on: app.db)
            let path = "/staff/indicators/\(indicator.id!.uuidString.lowercased())"
            for source in ["x", "tbc", "."] {
                let refused = try await officer.post(
                    path,
                    form: [
                        "place_id": place.id!.uuidString, "period_start": "2026-04-01", "value": "19",
                        "source": source,
                    ], tokenFrom: path)
                #expect(refused.status == .unprocessableEntity, "\(source)")
                #expect(refused.body.contains("\"\(source)\" is a placeholder, not an answer."), "\(source)")
                #expect(refused.body.contains("href=\"#field-source\""))
            }
            let csv = try await officer.post(
                path + "/load", form: ["csv": "place,period_start,value,source\nCalderdale,2026-04-01,19,x"],
                tokenFrom: path)
            #expect(csv.status == .unprocessableEntity)
            #expect(csv.body.contains("Line 2: say where the figure comes from"))
            #expect(try await IndicatorValue.query(on: app.db).count() == 0)

            let recorded = try await officer.post(
                path,
                form: [
                    "place_id": place.id!.uuidString, "period_start": "2026-04-01", "value": "19",
                    "source": "Census 2021",
                ], tokenFrom: path)
            #expect(recorded.status == .seeOther)
            #expect(try await IndicatorValue.query(on: app.db).first()?.source == "Census 2021")
        }
    }
}
