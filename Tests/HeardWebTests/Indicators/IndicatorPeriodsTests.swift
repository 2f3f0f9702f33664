import Fluent
import Foundation
import HeardDomain
import HeardStorage
import HeardWeb
import Testing

@Suite("Indicator periods: every figure starts one of its indicator's periods, and nothing is replaced silently")
struct IndicatorPeriodsTests {
    @Test(
        "a quarterly return for a yearly indicator cannot silently replace the year's figure; a day mid-period is refused",
        arguments: TestDatabase.all)
    func yearlyIndicator(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(year: 2026, month: 12, day: 4))
            let (_, place) = try await Fixtures.service(on: app.db)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let created = try await officer.post(
                "/staff/indicators",
                form: [
                    "name": "Carers who had a social care assessment", "description": "Adult social care survey.",
                    "unit": "percent", "direction": "higher", "period": "financial_year",
                ], tokenFrom: "/staff/indicators")
            #expect(created.status == .seeOther)
            let indicator = try #require(try await Indicator.query(on: app.db).first())
            #expect(indicator.period == .financialYear)
            let path = "/staff/indicators/\(indicator.id!.uuidString.lowercased())"
            let form = try await officer.get(path)
            #expect(form.body.contains("Yearly, April to March (financial year)."))
            #expect(
                form.body.contains(
                    "This indicator&#39;s figures are for years from April to March, so a period starts on 1 April: for example, 2026-04-01 for April 2026 to March 2027."
                )
                    || form.body.contains(
                        "This indicator's figures are for years from April to March, so a period starts on 1 April: for example, 2026-04-01 for April 2026 to March 2027."
                    ))
            #expect(!form.body.contains("for a year from April, the same"))
            func record(
                _ start: String, _ value: String, _ source: String, replace: String? = nil
            ) async throws
                -> TestBrowser.Page
            {
                var fields = [
                    "place_id": place.id!.uuidString, "period_start": start, "value": value, "source": source,
                ]
                fields["replace"] = replace
                return try await officer.post(path, form: fields, tokenFrom: path)
            }
            #expect(try await record("2025-04-01", "21", "Adult social care survey 2025").status == .seeOther)
            #expect(try await record("2026-04-01", "19", "Adult social care survey 2026").status == .seeOther)

            // The QA case: a quarter's figure typed against the same first day is not taken as the year's.
            let quarterly = try await record("2026-04-01", "5", "Q1 2026/27 quarterly return")
            #expect(quarterly.status == .unprocessableEntity)
            #expect(
                quarterly.body.contains(
                    "Calderdale, year from 1 April 2026 already has a figure: 19% (source: Adult social care survey 2026). To replace it with 5%, tick"
                ))
            #expect(try await IndicatorValue.query(on: app.db).filter(\.$value == 19).count() == 1, "19% kept")
            // A confirmation naming another figure does not count: it must be the one shown.
            let wrong = try await record("2026-04-01", "5", "Q1 2026/27 quarterly return", replace: UUID().uuidString)
            #expect(wrong.status == .unprocessableEntity)
            #expect(try await IndicatorValue.query(on: app.db).filter(\.$value == 19).count() == 1)

            for start in ["2026-07-01", "2026-07-15"] {
                let midYear = try await record(start, "10", "Quarterly return")
                #expect(midYear.status == .unprocessableEntity, "\(start)")
                #expect(
                    midYear.body.contains(
                        "for the year that includes \(SimpleDate(iso: start)!.ukText), enter 2026-04-01."))
                #expect(midYear.body.contains("href=\"#field-period_start\""))
            }
            #expect(try await IndicatorValue.query(on: app.db).count() == 2)
            let detail = try await officer.get(path)
            #expect(detail.body.contains("Worse by 2 points"), "19% against 21%: a year against the year before")
            #expect(detail.body.contains("Year from 1 April 2026"))

            // Recording the same figure again changes nothing and says so.
            let same = try await record("2026-04-01", "19", "Adult social care survey 2026")
            #expect(same.status == .seeOther)
            #expect(try await officer.get(path).body.contains("That figure was already recorded"))
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "indicator.value_recorded").count() == 2)
        }
    }

    @Test(
        "a quarterly indicator takes quarter starts only, by form and by CSV, and compares quarter with quarter",
        arguments: TestDatabase.all)
    func quarterlyIndicator(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(year: 2026, month: 12, day: 4))
            let (_, place) = try await Fixtures.service(on: app.db)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let indicator = Indicator(
                name: "Delayed discharges", summary: "Quarterly discharge returns.", unit: .count,
                direction: .lowerIsBetter, period: .quarter)
            try await indicator.create(on: app.db)
            let path = "/staff/indicators/\(indicator.id!.uuidString.lowercased())"
            let july = try await officer.post(
                path,
                form: [
                    "place_id": place.id!.uuidString, "period_start": "2026-07-01", "value": "10",
                    "source": "Discharge returns",
                ], tokenFrom: path)
            #expect(july.status == .seeOther)
            let midQuarter = try await officer.post(
                path,
                form: [
                    "place_id": place.id!.uuidString, "period_start": "2026-07-15", "value": "11",
                    "source": "Discharge returns",
                ], tokenFrom: path)
            #expect(midQuarter.status == .unprocessableEntity)
            #expect(
                midQuarter.body.contains(
                    "A quarterly figure's period starts on 1 January, 1 April, 1 July or 1 October: for the quarter that includes 15 July 2026, enter 2026-07-01."
                )
                    || midQuarter.body.contains(
                        "A quarterly figure&#39;s period starts on 1 January, 1 April, 1 July or 1 October: for the quarter that includes 15 July 2026, enter 2026-07-01."
                    ))

            let csv =
                "place,period_start,value,source\nCalderdale,2026-04-01,12,Discharge returns\nCalderdale,2026-08-01,9,"
            let refused = try await officer.post(
                path + "/load", form: ["csv": csv, "csv_source": "Discharge returns"], tokenFrom: path)
            #expect(refused.status == .unprocessableEntity)
            #expect(
                refused.body.contains(
                    "Line 3: a quarterly figure's period starts on 1 January, 1 April, 1 July or 1 October: for the quarter that includes 1 August 2026, enter 2026-07-01."
                )
                    || refused.body.contains(
                        "Line 3: a quarterly figure&#39;s period starts on 1 January, 1 April, 1 July or 1 October: for the quarter that includes 1 August 2026, enter 2026-07-01."
                    ))
            #expect(try await IndicatorValue.query(on: app.db).count() == 1)
            let loaded = try await officer.post(
                path + "/load",
                form: ["csv": "place,period_start,value\nCalderdale,2026-04-01,12", "csv_source": "Discharge returns"],
                tokenFrom: path)
            #expect(loaded.status == .seeOther)
            let detail = try await officer.get(path)
            #expect(detail.body.contains("Loaded 1 figure from the CSV."))
            #expect(detail.body.contains("Better by 2"), "10 in July to September against 12 in April to June")
            #expect(detail.body.contains("Quarter from 1 July 2026"))
        }
    }

    @Test(
        "M0122 gives indicators recorded before periods the period their figures show, a financial year when none",
        arguments: TestDatabase.all)
    func migrationInfersPeriods(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (_, place) = try await Fixtures.service(on: app.db)
            var indicators: [Indicator] = []
            for (name, starts) in [
                ("Yearly from April", ["2025-04-01", "2026-04-01"]), ("Quarterly", ["2026-04-01", "2026-07-01"]),
                ("Calendar years", ["2025-01-01", "2026-01-01"]), ("None yet", []),
            ] {
                // Every one created as monthly: the migration must put the right period back.
                let indicator = Indicator(
                    name: name, summary: "Test.", unit: .count, direction: .higherIsBetter, period: .month)
                try await indicator.create(on: app.db)
                indicators.append(indicator)
                for start in starts {
                    try await IndicatorValue(
                        indicatorID: indicator.id!, placeID: place.id!, periodStart: SimpleDate(iso: start)!, value: 1,
                        source: "Returns", recordedByID: nil
                    ).create(on: app.db)
                }
            }
            let migration = try #require(
                HeardMigrations.all.first { String(describing: type(of: $0)) == "M0122_IndicatorPeriods" }
                    as? any AsyncMigration)
            // On one connection: another SQLite connection may still hold the schema with the column.
            try await app.db.transaction { db in
                try await migration.revert(on: db)
                try await migration.prepare(on: db)
            }
            var periods: [String: IndicatorPeriod] = [:]
            for indicator in try await Indicator.query(on: app.db).all() { periods[indicator.name] = indicator.period }
            #expect(
                periods == [
                    "Yearly from April": .financialYear, "Quarterly": .quarter, "Calendar years": .calendarYear,
                    "None yet": .financialYear,
                ])
        }
    }
}
