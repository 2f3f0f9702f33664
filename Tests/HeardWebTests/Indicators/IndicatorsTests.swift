import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

@Suite("Indicators per place over time, beside relational care in feedback")
struct IndicatorsTests {
    @Test(
        "an officer adds an indicator, records figures, corrects one; the place page shows the trend and the relational series",
        arguments: TestDatabase.all)
    func indicatorJourney(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(year: 2026, month: 12, day: 4))
            let (service, place) = try await Fixtures.service(on: app.db)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let moderator = try await app.signedInBrowser(.moderator)
            #expect(try await moderator.get("/staff/indicators").status == .forbidden)

            // Two comments this quarter, one about kindness and waiting; analysed by the shipped engine.
            for text in [
                "The nurses were so kind and caring but we waited six hours to be seen.",
                "The car park was full.",
            ] {
                let created = try await app.browser().postJSON(
                    "/api/v1/feedback", json: #"{"text": "\#(text)", "service_id": "\#(service.id!.uuidString)"}"#)
                #expect(created.status == .created)
            }
            for item in try await FeedbackItem.query(on: app.db).all() {
                item.receivedAt = Date(timeIntervalSince1970: 1_794_744_000)
                item.status = .published  // only feedback moderators kept is counted
                try await item.save(on: app.db)
            }

            let refused = try await officer.post(
                "/staff/indicators", form: ["name": "", "description": "", "unit": "furlongs"],
                tokenFrom: "/staff/indicators")
            #expect(refused.status == .unprocessableEntity)
            #expect(
                refused.body.contains("Enter the indicator&#39;s name")
                    || refused.body.contains("Enter the indicator's name"))
            #expect(refused.body.contains("Choose what the figure counts"))
            #expect(refused.body.contains("Say whether a higher figure is better or worse"))
            #expect(refused.body.contains("Choose how often there is a new figure: monthly, quarterly or yearly."))
            let created = try await officer.post(
                "/staff/indicators",
                form: [
                    "name": "People with a care plan",
                    "description": "GP Patient Survey, people with a long-term condition.",
                    "unit": "percent", "direction": "higher", "period": "financial_year",
                ], tokenFrom: "/staff/indicators")
            #expect(created.status == .seeOther)
            let indicator = try #require(try await Indicator.query(on: app.db).first())
            let path = "/staff/indicators/\(indicator.id!.uuidString.lowercased())"

            let bad = try await officer.post(
                path,
                form: ["place_id": place.id!.uuidString, "period_start": "2027-04-01", "value": "140", "source": ""],
                tokenFrom: path)
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.contains("A percentage cannot be more than 100."))
            #expect(bad.body.contains("The period has not started yet"))
            #expect(bad.body.contains("Say where the figure comes from"))
            #expect(bad.body.contains("140"), "what was typed is kept")
            #expect(try await IndicatorValue.query(on: app.db).count() == 0)
            for (period, value) in [("2025-04-01", "3"), ("2026-04-01", "4.5")] {
                let recorded = try await officer.post(
                    path,
                    form: ["place_id": place.id!.uuidString, "period_start": period, "value": value, "source": "GPPS"],
                    tokenFrom: path)
                #expect(recorded.status == .seeOther)
            }
            var page = try await officer.get("/staff/indicators?place=calderdale")
            #expect(page.body.contains("4.5%"))
            // A place that names nothing says which place's figures are shown instead.
            let nowhere = try await officer.get("/staff/indicators?place=no-such-place")
            #expect(nowhere.status == .ok)
            #expect(
                nowhere.body.contains(
                    "There is no place \"no-such-place\", so these are the figures for \(place.name): choose a place from the list."
                ))
            #expect(!page.body.contains("There is no place"))
            #expect(page.body.contains("Better by 1.5 points"))
            // A retired place keeps its figures, marked as retired in the list of places.
            let retired = Place(name: "Harrogate", slug: "harrogate")
            retired.retiredAt = Date()
            try await retired.create(on: app.db)
            #expect(try await officer.get("/staff/indicators?place=calderdale").body.contains("Harrogate (retired)"))
            // A correction first shows the figure it would replace and asks; confirmed, it replaces it and says so.
            let correction = [
                "place_id": place.id!.uuidString, "period_start": "2026-04-01", "value": "2%", "source": "GPPS",
            ]
            let asked = try await officer.post(path, form: correction, tokenFrom: path)
            #expect(asked.status == .unprocessableEntity)
            #expect(
                asked.body.contains(
                    "Calderdale, year from 1 April 2026 already has a figure: 4.5% (source: GPPS). To replace it with 2%, tick"
                ))
            #expect(asked.body.contains("Replace the figure already recorded (4.5%, source: GPPS)"))
            #expect(try await IndicatorValue.query(on: app.db).filter(\.$value == 4.5).count() == 1, "not replaced yet")
            let old = try #require(try await IndicatorValue.query(on: app.db).filter(\.$value == 4.5).first())
            let shownToken = IndicatorsController.replaceToken(old)
            #expect(asked.body.contains("value=\"\(shownToken)\""), "the box carries the figure it was shown for")
            let corrected = try await officer.post(
                path, form: correction.merging(["replace": shownToken]) { $1 }, tokenFrom: path)
            #expect(corrected.status == .seeOther)
            #expect(try await IndicatorValue.query(on: app.db).count() == 2)
            let detail = try await officer.get(path)
            #expect(
                detail.body.contains(
                    "Replaced the figure for Calderdale, year from 1 April 2026: 4.5% (GPPS) → 2% (GPPS)."))
            // A colleague confirmed on the same page before the correction: their confirmation was for 4.5%, which
            // is no longer the figure, so they are asked again rather than replacing 2% unseen.
            let stale = try await officer.post(
                path, form: correction.merging(["value": "3%", "replace": shownToken]) { $1 }, tokenFrom: path)
            #expect(stale.status == .unprocessableEntity)
            #expect(stale.body.contains("The figure was changed while you were confirming."))
            #expect(try await IndicatorValue.query(on: app.db).filter(\.$value == 2).count() == 1, "2% kept")
            page = try await officer.get("/staff/indicators?place=calderdale")
            #expect(page.body.contains("Worse by 1 point<"))
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "indicator.value_recorded").count() == 3)
            let publicPlace = try await app.browser().get("/you-said-we-did/places/calderdale")
            #expect(publicPlace.body.contains("How things are measured here"))
            #expect(publicPlace.body.contains("People with a care plan</th><td>2%</td>"))

            // The relational series: this quarter's 2 comments, each share counted from what the engine stored.
            let items = try await FeedbackItem.query(on: app.db).all()
            func share(_ count: Int) -> String { count == 0 ? "0%" : "\(count * 100 / 2)%" }
            let cells =
                ["compassion", "dignity", "listening", "coordination"].map { flag in
                    share(items.filter { $0.relationalList.contains(flag) }.count)
                } + [share(items.filter { $0.themeList.contains("Timeliness of care") }.count)]
            #expect(items.contains { $0.relationalList.contains("compassion") }, "the engine reads kindness")
            #expect(
                page.body.contains(
                    "October to December 2026</th><td>2</td>" + cells.map { "<td>\($0)</td>" }.joined()))
            #expect(page.body.contains("July to September 2026</th><td>0</td><td>–</td>"))

            // An FFT answer with no words, kept: it says nothing about care, so the shares stay the same.
            let ratingOnly = try await ScaleQueryTests.item(
                "HRD-RATING1", service: service, place: place, themes: [], status: .approvedPrivate,
                receivedDaysAgo: 1, on: app.db)
            (ratingOnly.story, ratingOnly.redactedText, ratingOnly.sentiment, ratingOnly.relational) = ("", "", nil, "")
            ratingOnly.fftRating = 1
            ratingOnly.receivedAt = DecisionClock.startOfUKDay(SimpleDate(year: 2026, month: 12, day: 1))
            try await ratingOnly.save(on: app.db)
            let after = try await officer.get("/staff/indicators?place=calderdale").body
            #expect(after.contains("October to December 2026</th><td>2</td>" + cells.map { "<td>\($0)</td>" }.joined()))
        }
    }

    @Test(
        "an officer loads many figures from CSV: any bad line refuses the file, listed by line; a good file loads whole",
        arguments: TestDatabase.all)
    func loadFromCSV(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(year: 2026, month: 12, day: 4))
            _ = try await Fixtures.service(on: app.db)
            try await Place(name: "Leeds", slug: "leeds").create(on: app.db)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let indicator = Indicator(
                name: "Carers assessed", summary: "Carers who had a social care assessment.", unit: .percent,
                direction: .higherIsBetter)
            try await indicator.create(on: app.db)
            let path = "/staff/indicators/\(indicator.id!.uuidString.lowercased())"
            #expect(try await officer.get(path).body.contains("Load many figures from a spreadsheet"))
            try await IndicatorValue(
                indicatorID: indicator.id!,
                placeID: try await Place.query(on: app.db).filter(\.$slug == "leeds").first()!.id!,
                periodStart: SimpleDate(iso: "2025-04-01")!, value: 20, source: "Survey 2025", recordedByID: nil
            ).create(on: app.db)

            let bad = """
                place,period_start,value,source
                Leeds,2026-04-01,23,"Adult social care survey, 2026"
                Calderdale,2026-04-01,140,
                Atlantis,2026-04-01,5,
                """
            let refused = try await officer.post(
                path + "/load", form: ["csv": bad, "csv_source": "Survey of carers"], tokenFrom: path)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("Line 3: a percentage cannot be more than 100."))
            #expect(refused.body.contains("href=\"#field-csv\""))
            #expect(refused.body.contains("Atlantis"), "what was pasted is kept")
            #expect(try await IndicatorValue.query(on: app.db).count() == 1, "nothing loaded")
            let unknown = try await officer.post(
                path + "/load",
                form: ["csv": "place,period_start,value\nAtlantis,2026-04-01,5", "csv_source": "Survey of carers"],
                tokenFrom: path)
            #expect(unknown.status == .unprocessableEntity)
            #expect(unknown.body.contains("Line 2: Atlantis is not a place in Heard (places: Calderdale, Leeds)."))

            let good = """
                place,period_start,value,source
                Leeds,2026-04-01,23,"Adult social care survey, 2026"
                leeds,2025-04-01,21,
                Calderdale,2026-04-01,19%,
                """
            // Leeds 2025 already has 20%: without "replace" the file is refused, naming the figure and its line.
            let unconfirmed = try await officer.post(
                path + "/load", form: ["csv": good, "csv_source": "Survey of carers"], tokenFrom: path)
            #expect(unconfirmed.status == .unprocessableEntity)
            #expect(
                unconfirmed.body.contains(
                    "Line 3: Leeds, year from 1 April 2025 already has 20% (source: Survey 2025); tick \"Replace figures already recorded\" to replace it with 21%."
                ))
            #expect(try await IndicatorValue.query(on: app.db).count() == 1, "nothing loaded")
            let loaded = try await officer.post(
                path + "/load", form: ["csv": good, "csv_source": "Survey of carers", "csv_replace": "yes"],
                tokenFrom: path)
            #expect(loaded.status == .seeOther)
            let page = try await officer.get(path)
            #expect(
                page.body.contains(
                    "Loaded 3 figures from the CSV, replacing 1 already recorded: Leeds, year from 1 April 2025: 20% → 21%."
                ))
            let values = try await IndicatorValue.query(on: app.db).with(\.$place).all()
            #expect(values.count == 3)
            #expect(
                Set(values.map { "\($0.place.name) \($0.periodStart) \($0.value) \($0.source)" }) == [
                    "Leeds 2026-04-01 23.0 Adult social care survey, 2026", "Leeds 2025-04-01 21.0 Survey of carers",
                    "Calderdale 2026-04-01 19.0 Survey of carers",
                ])
            let audit = try await AuditEvent.query(on: app.db).filter(\.$action == "indicator.value_recorded").all()
            #expect(audit.count == 3)
            #expect(
                audit.contains { $0.summary.contains("Leeds, period from 1 April 2025: 21% (loaded from CSV, line 3)") }
            )
            let moderator = try await app.signedInBrowser(.moderator)
            #expect(
                try await moderator.post(path + "/load", form: ["csv": good], tokenFrom: "/staff").status == .forbidden)
        }
    }

    @Test(
        "an absurd figure is refused with the most the unit takes; large figures show with thousands separated",
        arguments: TestDatabase.all)
    func implausibleFigures(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(year: 2026, month: 12, day: 4))
            let (_, place) = try await Fixtures.service(on: app.db)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let indicator = Indicator(
                name: "Bed days lost to delayed discharge",
                summary: "Days in hospital after people were ready to leave.",
                unit: .days, direction: .lowerIsBetter)
            try await indicator.create(on: app.db)
            let path = "/staff/indicators/\(indicator.id!.uuidString.lowercased())"

            let absurd = try await officer.post(
                path,
                form: [
                    "place_id": place.id!.uuidString, "period_start": "2026-04-01",
                    "value": "99999999999999999999999", "source": "Discharge returns",
                ], tokenFrom: path)
            #expect(absurd.status == .unprocessableEntity)
            #expect(
                absurd.body.contains(
                    "That figure is too large to be right: check it (the most Heard takes for this indicator is 1,000,000,000 days)."
                ))
            #expect(try await IndicatorValue.query(on: app.db).count() == 0)
            let csv = try await officer.post(
                path + "/load",
                form: [
                    "csv":
                        "place,period_start,value\n\(place.name),2026-04-01,1e999\n\(place.name),2025-04-01,2000000000",
                    "csv_source": "Discharge returns",
                ], tokenFrom: path)
            #expect(csv.status == .unprocessableEntity)
            #expect(csv.body.contains("Line 3: that figure is too large to be right"))
            #expect(try await IndicatorValue.query(on: app.db).count() == 0)

            let large = try await officer.post(
                path,
                form: [
                    "place_id": place.id!.uuidString, "period_start": "2026-04-01", "value": "12,345",
                    "source": "Discharge returns",
                ], tokenFrom: path)
            #expect(large.status == .seeOther)
            #expect(try await officer.get(path).body.contains("12,345 days"))
            let publicPlace = try await app.browser().get("/you-said-we-did/places/\(place.slug)")
            #expect(publicPlace.body.contains("<td>12,345 days</td>"))
        }
    }
}
