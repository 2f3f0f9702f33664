import Fluent
import Foundation
import HeardDomain
import HeardStorage
import HeardWeb
import Testing

@Suite("Changing an indicator's details: a typo can be mended, and recorded figures keep their meaning")
struct IndicatorDetailsTests {
    static func create(
        _ name: String, period: String, on officer: TestBrowser
    ) async throws -> TestBrowser.Page {
        try await officer.post(
            "/staff/indicators",
            form: [
                "name": name, "description": "From the practice records.", "unit": "percent", "direction": "higher",
                "period": period,
            ], tokenFrom: "/staff/indicators")
    }

    @Test(
        "name, description and direction change with an audit entry; clashes and blanks are refused",
        arguments: TestDatabase.all)
    func changeDetails(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let officer = try await app.signedInBrowser(.engagementOfficer)
            #expect(try await Self.create("People with a care plam", period: "month", on: officer).status == .seeOther)
            #expect(try await Self.create("Carers assessed", period: "month", on: officer).status == .seeOther)
            let indicator = try #require(
                try await Indicator.query(on: app.db).filter(\.$name == "People with a care plam").first())
            let path = "/staff/indicators/\(indicator.id!.uuidString.lowercased())"
            let page = try await officer.get(path)
            #expect(
                page.body.contains("Change the indicator&#39;s details")
                    || page.body.contains("Change the indicator's details"))
            #expect(page.body.contains("action=\"\(path)/details\""))
            #expect(page.body.contains("value=\"People with a care plam\""))

            func change(_ fields: [String: String]) async throws -> TestBrowser.Page {
                var form = [
                    "name": "People with a care plan", "description": "From the practice records.", "unit": "percent",
                    "direction": "lower", "period": "month",
                ]
                form.merge(fields) { $1 }
                return try await officer.post(path + "/details", form: form, tokenFrom: path)
            }

            let clash = try await change(["name": "carers ASSESSED"])
            #expect(clash.status == .unprocessableEntity)
            #expect(clash.body.contains("There is already an indicator called carers ASSESSED."))
            #expect(clash.body.contains("<details class=\"details\" open"), "the refused form is open")
            #expect(clash.body.contains("href=\"#field-name\""))
            let blank = try await change(["name": "  ", "description": ""])
            #expect(blank.status == .unprocessableEntity)
            #expect(
                blank.body.contains("Enter the indicator&#39;s name")
                    || blank.body.contains("Enter the indicator's name"))
            #expect(blank.body.contains("Say what it measures and where the figures come from."))
            let unchanged = try await Indicator.find(indicator.id, on: app.db)
            #expect(unchanged?.name == "People with a care plam" && unchanged?.direction == .higherIsBetter)

            let saved = try await change([:])
            #expect(saved.status == .seeOther)
            let after = try #require(try await Indicator.find(indicator.id, on: app.db))
            #expect(after.name == "People with a care plan")
            #expect(after.direction == .lowerIsBetter)
            #expect(try await officer.get(path).body.contains("People with a care plan: details saved."))
            let audit = try #require(
                try await AuditEvent.query(on: app.db).filter(\.$action == "indicator.changed").first())
            #expect(audit.summary == "Changed indicator People with a care plam: name, direction")
            let admin = try await app.signedInBrowser(.administrator)
            #expect(try await admin.get("/staff/audit?action=indicator.changed").body.contains("<p>1 entry</p>"))

            // The same details again change nothing and say so, with no second audit entry.
            #expect(try await change([:]).status == .seeOther)
            #expect(try await officer.get(path).body.contains("Nothing was changed"))
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "indicator.changed").count() == 1)

            // Only those who work on indicators may change them.
            let moderator = try await app.signedInBrowser(.moderator)
            let refused = try await moderator.post(
                path + "/details",
                form: [
                    "name": "Hijacked", "description": "x", "unit": "count", "direction": "higher", "period": "month",
                ],
                tokenFrom: "/staff")
            #expect(refused.status == .forbidden)
            #expect(try await Indicator.find(indicator.id, on: app.db)?.name == "People with a care plan")
        }
    }

    @Test(
        "the unit cannot change once figures exist; the period only to one every figure starts",
        arguments: TestDatabase.all)
    func unitAndPeriod(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(year: 2026, month: 12, day: 4))
            let (_, place) = try await Fixtures.service(on: app.db)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            #expect(try await Self.create("Care plans", period: "month", on: officer).status == .seeOther)
            let indicator = try #require(try await Indicator.query(on: app.db).first())
            let path = "/staff/indicators/\(indicator.id!.uuidString.lowercased())"
            func change(
                unit: String = "percent", period: String, relabel: Bool = false
            ) async throws
                -> TestBrowser.Page
            {
                try await officer.post(
                    path + "/details",
                    form: [
                        "name": "Care plans", "description": "From the practice records.", "unit": unit,
                        "direction": "higher", "period": period,
                    ].merging(relabel ? ["period_relabel": "yes"] : [:]) { $1 }, tokenFrom: path)
            }
            // With no figures yet, anything may change.
            #expect(try await change(unit: "count", period: "quarter").status == .seeOther)
            #expect(try await change(unit: "percent", period: "month").status == .seeOther)

            for (start, value) in [("2026-04-01", "40"), ("2026-05-01", "42"), ("2026-07-01", "45")] {
                let recorded = try await officer.post(
                    path,
                    form: [
                        "place_id": place.id!.uuidString, "period_start": start, "value": value,
                        "source": "Practice records",
                    ],
                    tokenFrom: path)
                #expect(recorded.status == .seeOther, "\(start)")
            }
            let unit = try await change(unit: "count", period: "month")
            #expect(unit.status == .unprocessableEntity)
            #expect(
                unit.body.contains("The unit cannot change: 3 figures are already recorded in per cent."),
                "\(unit.body)")
            let quarter = try await change(period: "quarter")
            #expect(quarter.status == .unprocessableEntity)
            #expect(
                quarter.body.contains(
                    "1 of its figures is for a period that does not start a quarter (the first, from 1 May 2026)."))
            let stored = try #require(try await Indicator.find(indicator.id, on: app.db))
            #expect(stored.unit == .percent && stored.period == .month)
            #expect(try await IndicatorValue.query(on: app.db).count() == 3, "no figure lost")

            // Once the odd month is gone (here, straight from the database), the figures all start quarters,
            // but a monthly figure is not a quarter's: the change waits for the officer to say they are.
            try await IndicatorValue.query(on: app.db).filter(\.$periodStart == "2026-05-01").delete()
            let relabel = try await change(period: "quarter")
            #expect(relabel.status == .unprocessableEntity)
            #expect(
                relabel.body.contains(
                    "This relabels the 2 figures already recorded: &quot;month from 1 July 2026&quot; would read &quot;quarter from 1 July 2026&quot;"
                )
                    || relabel.body.contains(
                        "This relabels the 2 figures already recorded: \"month from 1 July 2026\" would read \"quarter from 1 July 2026\""
                    ),
                "\(relabel.body)")
            #expect(relabel.body.contains("href=\"#field-period_relabel\""))
            #expect(try await Indicator.find(indicator.id, on: app.db)?.period == .month)
            #expect(try await change(period: "quarter", relabel: true).status == .seeOther)
            #expect(try await Indicator.find(indicator.id, on: app.db)?.period == .quarter)
            #expect(try await officer.get(path).body.contains("Quarter from 1 July 2026"))
        }
    }
}
