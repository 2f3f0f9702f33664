import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Vapor

/// Indicators per place over time, beside the relational care found in feedback (domain rules §9).
enum IndicatorsController {
    /// One place at a time: each indicator's latest figure and trend, then the relational care series.
    @Sendable static func index(_ request: Request) async throws -> Response {
        try await indexPage(request, failure: nil, typed: [:])
    }

    static func indexPage(
        _ request: Request, failure: ValidationFailure?, typed: [String: String]
    ) async throws
        -> Response
    {
        let places = try await Place.query(on: request.db).sort(\.$name).all()
        let slug = (request.query[String.self, at: "place"] ?? "").trimmingWhitespace()
        let chosen = places.first { $0.slug == slug }
        let place = chosen ?? places.first
        // One place's figures are always shown, so a place that names nothing says which are shown instead, as
        // the dashboard does, rather than quietly showing another place's.
        var notice = failure == nil ? Admin.takeFlash(request) : nil
        if !slug.isEmpty, chosen == nil, let place {
            notice =
                "There is no place \"\(String(slug.prefix(60)))\", so these are the figures for \(place.name): choose a place from the list."
        }
        let indicators = try await Indicator.query(on: request.db).sort(\.$name).all()
        var points: [UUID: [IndicatorValue]] = [:]
        var series: RelationalCareSeries? = nil
        if let place {
            for value in try await IndicatorValue.query(on: request.db).filter(\.$place.$id == place.id!).all() {
                points[value.$indicator.id, default: []].append(value)
            }
            series = try await RelationalCareSeries.load(place: place.id!, today: request.today, on: request.db)
        }
        return .html(
            IndicatorPages.index(
                place: place, places: places, indicators: indicators, points: points, series: series,
                context: PageContext(request, title: "Indicators", hasErrors: failure != nil), failure: failure,
                typed: typed, notice: notice),
            status: failure == nil ? .ok : .unprocessableEntity)
    }

    /// What the details form shows, for `EditVersion`.
    static func editable(_ indicator: Indicator?) -> [String?] {
        guard let indicator else { return [] }
        return [
            indicator.name, indicator.summary, indicator.unit.rawValue, indicator.direction.rawValue,
            indicator.period.rawValue,
        ]
    }

    /// What the add and change forms say an indicator is.
    struct Details {
        var name: String
        var summary: String
        var unit: IndicatorUnit
        var direction: IndicatorDirection
        var period: IndicatorPeriod
    }

    /// Reads and checks the indicator form. `existing` is the indicator being changed: its own name is no
    /// clash, and its unit and period may only change in ways that keep its recorded figures meaningful.
    static func readDetails(
        _ request: Request, existing: Indicator? = nil
    ) async throws -> (typed: [String: String], details: Details?, errors: [FieldError]) {
        let typed = [
            "name": Admin.text(request, "name").trimmingWhitespace(),
            "description": Admin.text(request, "description").trimmingWhitespace(),
            "unit": Admin.text(request, "unit"), "direction": Admin.text(request, "direction"),
            "period": Admin.text(request, "period"),
            "period_relabel": Admin.text(request, "period_relabel"),
        ]
        var errors: [FieldError] = []
        let name = typed["name"]!
        if name.isEmpty {
            errors.append(FieldError("name", "Enter the indicator's name, for example \"People with a care plan\"."))
        } else if name.count > 150 {
            errors.append(FieldError("name", "Keep the name to 150 characters or fewer."))
        } else if try await Indicator.query(on: request.db).all().contains(where: {
            $0.id != existing?.id && $0.name.lowercased() == name.lowercased()
        }) {
            errors.append(FieldError("name", "There is already an indicator called \(name)."))
        }
        if typed["description"]!.isEmpty {
            errors.append(FieldError("description", "Say what it measures and where the figures come from."))
        } else if typed["description"]!.count > 2000 {
            errors.append(FieldError("description", "Keep the description to 2,000 characters or fewer."))
        }
        let unit = IndicatorUnit(rawValue: typed["unit"]!)
        if unit == nil { errors.append(FieldError("unit", "Choose what the figure counts.")) }
        let direction = IndicatorDirection(rawValue: typed["direction"]!)
        if direction == nil {
            errors.append(FieldError("direction", "Say whether a higher figure is better or worse."))
        }
        let period = IndicatorPeriod(rawValue: typed["period"]!)
        if period == nil {
            errors.append(
                FieldError("period", "Choose how often there is a new figure: monthly, quarterly or yearly."))
        }
        if let existing, unit != nil || period != nil {
            let figures = try await existing.$values.query(on: request.db).all()
            if let unit, unit != existing.unit, !figures.isEmpty {
                errors.append(
                    FieldError(
                        "unit",
                        "The unit cannot change: \(figures.count.formatted) \(figures.count == 1 ? "figure is" : "figures are") already recorded in \(existing.unit.title.lowercased()). Add a new indicator for figures in another unit."
                    ))
            }
            if let period, period != existing.period {
                let misfits = figures.map { SimpleDate(iso: $0.periodStart)! }.filter { !period.isStart($0) }
                    .sorted { $0.iso < $1.iso }
                if let first = misfits.first {
                    errors.append(
                        FieldError(
                            "period",
                            "\(misfits.count.formatted) of its figures \(misfits.count == 1 ? "is" : "are") for a period that does not start a \(period.noun) (the first, from \(first.ukText)). \(period.startRule), so keep its period as it is, or add a new indicator."
                        ))
                } else if let latest = figures.map({ SimpleDate(iso: $0.periodStart)! }).max(),
                    typed["period_relabel"] != "yes"
                {
                    // The figures fit the new period, but fitting is not meaning: a figure for the year from 1
                    // April is not one for the month of April. Only someone who knows the period was set wrongly
                    // may relabel them.
                    errors.append(
                        FieldError(
                            "period_relabel",
                            "This relabels the \(figures.count.formatted) \(figures.count == 1 ? "figure" : "figures") already recorded: \"\(existing.period.phrase(latest))\" would read \"\(period.phrase(latest))\", and changes would be read between \(period.noun)s. If they really are figures for each \(period.noun) and the period was set wrongly, tick the box to say so. Otherwise keep the period, or add a new indicator for figures for each \(period.noun)."
                        ))
                }
            }
        }
        guard errors.isEmpty, let unit, let direction, let period else { return (typed, nil, errors) }
        return (
            typed,
            Details(name: name, summary: typed["description"]!, unit: unit, direction: direction, period: period), []
        )
    }

    @Sendable static func create(_ request: Request) async throws -> Response {
        let (typed, details, errors) = try await readDetails(request)
        guard let details else {
            return try await indexPage(request, failure: ValidationFailure(errors), typed: typed)
        }
        let name = details.name
        let indicator = Indicator(
            name: name, summary: details.summary, unit: details.unit, direction: details.direction,
            period: details.period)
        do {
            try await request.db.writeTransaction { db in
                try await indicator.create(on: db)
                try await AuditLog.record(
                    on: db, actor: Admin.actor(request), action: "indicator.created", objectType: "indicator",
                    objectID: indicator.id?.uuidString, summary: "Added indicator \(name)")
            }
        } catch  where Admin.isUniqueViolation(error) {
            return try await indexPage(
                request,
                failure: ValidationFailure([FieldError("name", "There is already an indicator called \(name).")]),
                typed: typed)
        }
        Admin.flash(request, "\(name) added. Record its figures below.")
        return request.redirect(to: IndicatorURL.indicator(indicator.id!))
    }

    /// Changes the name, description, direction, and while its figures still fit, the unit and period.
    @Sendable static func change(_ request: Request) async throws -> Response {
        let indicator = try await find(request)
        let (typed, details, errors) = try await readDetails(request, existing: indicator)
        guard let details else {
            // A refused save keeps the version the form was opened with: correcting it is no reason to overwrite.
            return try await showPage(
                indicator, request, failure: ValidationFailure(errors),
                typed: typed.merging(["form": "details"]) { $1 }, version: EditVersion.sent(request))
        }
        let changes = [
            FieldChange("name", from: indicator.name, to: details.name),
            FieldChange("description", from: indicator.summary, to: details.summary),
            FieldChange("unit", from: indicator.unit.rawValue, to: details.unit.rawValue),
            FieldChange("direction", from: indicator.direction.rawValue, to: details.direction.rawValue),
            FieldChange("period", from: indicator.period.rawValue, to: details.period.rawValue),
        ].filter { $0.from != $0.to }
        guard !changes.isEmpty else {
            Admin.flash(request, "Nothing was changed: the details are as they were.")
            return request.redirect(to: IndicatorURL.indicator(indicator.id!))
        }
        let before = indicator.name
        indicator.name = details.name
        indicator.summary = details.summary
        indicator.unit = details.unit
        indicator.direction = details.direction
        indicator.period = details.period
        let id = indicator.id!
        do {
            try await request.db.writeTransaction { db in
                try await EditVersion.check(
                    sent: EditVersion.sent(request), stored: { editable(try await Indicator.find(id, on: $0)) },
                    schema: Indicator.schema, id: id, objectType: "indicator", noun: "indicator", on: db)
                try await indicator.save(on: db)
                try await AuditLog.record(
                    on: db, actor: Admin.actor(request), action: "indicator.changed", objectType: "indicator",
                    objectID: indicator.id?.uuidString,
                    summary: "Changed indicator \(before): \(changes.map(\.field).joined(separator: ", "))",
                    changes: changes)
            }
        } catch let stale as EditVersion.Stale {
            return try await showPage(
                try await find(request), request, failure: ValidationFailure([FieldError("name", stale.message)]),
                typed: typed.merging(["form": "details"]) { $1 }, status: .conflict)
        } catch  where Admin.isUniqueViolation(error) {
            return try await showPage(
                try await find(request), request,
                failure: ValidationFailure([
                    FieldError("name", "There is already an indicator called \(details.name).")
                ]), typed: typed.merging(["form": "details"]) { $1 }, version: EditVersion.sent(request))
        }
        Admin.flash(request, "\(details.name): details saved.")
        return request.redirect(to: IndicatorURL.indicator(indicator.id!))
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        try await showPage(try await find(request), request, failure: nil, typed: [:])
    }

    /// `replacing` is the figure a typed-in one would replace: the form then asks to confirm that. `version`: the
    /// one a refused details form was opened with; otherwise the indicator's as stored.
    static func showPage(
        _ indicator: Indicator, _ request: Request, failure: ValidationFailure?, typed: [String: String],
        replacing: IndicatorValue? = nil, version: String? = nil, status: HTTPResponseStatus? = nil
    ) async throws -> Response {
        let values = try await indicator.$values.query(on: request.db).with(\.$place).all()
        let places = try await Place.query(on: request.db).sort(\.$name).all()
        return .html(
            IndicatorPages.show(
                indicator, values: values, places: places, replacing: replacing,
                context: PageContext(request, title: indicator.name, hasErrors: failure != nil), failure: failure,
                typed: typed, notice: failure == nil ? Admin.takeFlash(request) : nil, version: version),
            status: status ?? (failure == nil ? .ok : .unprocessableEntity))
    }

    /// Records a figure. A figure for a place and period that already has a different one replaces it only when
    /// the officer has seen the old one and confirmed (the confirmation names that figure); audited with both.
    @Sendable static func record(_ request: Request) async throws -> Response {
        let indicator = try await find(request)
        let typed = [
            "place_id": Admin.text(request, "place_id"),
            "period_start": Admin.text(request, "period_start").trimmingWhitespace(),
            "value": Admin.text(request, "value").trimmingWhitespace(),
            "source": Admin.text(request, "source").trimmingWhitespace(),
            "replace": Admin.text(request, "replace"),
        ]
        var errors: [FieldError] = []
        let place = try await UUID(uuidString: typed["place_id"]!).asyncFlatMap {
            try await Place.find($0, on: request.db)
        }
        if place == nil { errors.append(FieldError("place_id", "Choose the place the figure is for.")) }
        let period = Admin.requiredDate(
            typed["period_start"], field: "period_start",
            missing: "Enter the first day of the period the figure covers, like 2026-04-01.", into: &errors)
        let checked = IndicatorRules.valueProblems(
            typed["value"]!, unit: indicator.unit, periodStart: period, today: request.today)
        errors += checked.problems
        if let period, let problem = indicator.period.startProblem(period),
            !errors.contains(where: { $0.field == "period_start" })
        {
            errors.append(FieldError("period_start", problem))
        }
        if typed["source"]!.isEmpty {
            errors.append(
                FieldError("source", "Say where the figure comes from, for example \"GP Patient Survey 2026\"."))
        } else if let problem = IndicatorRules.sourceProblem(typed["source"]!) {
            errors.append(FieldError("source", problem))
        }
        guard errors.isEmpty, let place, let period, let value = checked.value else {
            return try await showPage(indicator, request, failure: ValidationFailure(errors), typed: typed)
        }
        let existing = try await IndicatorValue.query(on: request.db).filter(\.$indicator.$id == indicator.id!)
            .filter(\.$place.$id == place.id!).filter(\.$periodStart == period.iso).first()
        let what = "\(place.name), \(indicator.period.phrase(period))"
        let format = indicator.unit.format
        if let existing, existing.value == value, existing.source == typed["source"]! {
            Admin.flash(request, "That figure was already recorded (\(what), \(format(value))): nothing changed.")
            return request.redirect(to: IndicatorURL.indicator(indicator.id!))
        }
        if let existing, typed["replace"] != replaceToken(existing) {
            // A confirmation given for what was on the page then: if someone has changed the figure since, ask again.
            let changedSince = typed["replace"]?.hasPrefix(existing.id!.uuidString) == true
            let problem = FieldError(
                "replace",
                (changedSince ? "The figure was changed while you were confirming. " : "")
                    + "\(what) already has a figure: \(format(existing.value)) (source: \(existing.source)). To replace it with \(format(value)), tick \"Replace the figure already recorded\" and record it again; otherwise check the place and the first day."
            )
            return try await showPage(
                indicator, request, failure: ValidationFailure([problem]), typed: typed, replacing: existing)
        }
        let figure =
            existing
            ?? IndicatorValue(
                indicatorID: indicator.id!, placeID: place.id!, periodStart: period, value: value,
                source: typed["source"]!, recordedByID: request.currentUser?.id)
        let previous = existing.map { (value: $0.value, source: $0.source) }
        try await request.db.writeTransaction { db in
            try await save(
                figure, of: indicator, place: place, value: value, source: typed["source"]!,
                previous: previous?.value, note: nil, request, on: db)
        }
        Admin.flash(
            request,
            previous.map {
                "Replaced the figure for \(what): \(format($0.value)) (\($0.source)) → \(format(value)) (\(typed["source"]!))."
            } ?? "Figure recorded: \(what), \(format(value)).")
        return request.redirect(to: IndicatorURL.indicator(indicator.id!))
    }

    /// Loads many figures from pasted CSV: all of them or, if any line has a problem, none. A line that would
    /// What the "replace" box carries: the figure it was shown for, as it was then, so a confirmation given for
    /// one value never replaces another recorded since.
    static func replaceToken(_ figure: IndicatorValue) -> String {
        "\(figure.id!.uuidString)|\(figure.value)|\(figure.source)"
    }

    /// change a figure already recorded is a problem unless "replace" is ticked; the flash lists what was replaced.
    @Sendable static func load(_ request: Request) async throws -> Response {
        let indicator = try await find(request)
        var typed = [
            "csv": Admin.text(request, "csv"), "csv_source": Admin.text(request, "csv_source"),
            "csv_replace": Admin.text(request, "csv_replace"),
        ]
        // Pasted from a file Excel saved as "CSV (Comma delimited)": read as Windows-1252, and say so.
        var readAsWindows1252 = false
        if typed["csv"]!.isEmpty, let legacy = PastedFormText.legacyField(request, "csv") {
            guard case .windows1252(let text) = legacy else {
                let problem = FieldError(
                    "csv",
                    "The figures are not UTF-8 text, so Heard cannot read them. In Excel, save the sheet as \"CSV UTF-8 (Comma delimited)\", then paste from that file."
                )
                return try await showPage(indicator, request, failure: ValidationFailure([problem]), typed: typed)
            }
            typed["csv"] = text
            readAsWindows1252 = true
        }
        let places = try await Place.query(on: request.db).all()
        var spellings: [String: String] = [:]
        for place in places {
            spellings[place.name.lowercased()] = place.name
            spellings[place.slug] = place.name
        }
        let parsed: [IndicatorFigureRow]
        do {
            parsed = try IndicatorCSV.parse(
                typed["csv"]!, unit: indicator.unit, period: indicator.period, defaultSource: typed["csv_source"]!,
                today: request.today, places: spellings)
        } catch {
            return try await showPage(indicator, request, failure: error, typed: typed)
        }
        // Every place is known (the parser checked): pair each row with its place.
        let rows = parsed.compactMap { row in
            places.first { $0.name.lowercased() == row.place.lowercased() || $0.slug == row.place.lowercased() }
                .map { (row: row, place: $0) }
        }
        let existing = Dictionary(
            try await indicator.$values.query(on: request.db).all().map {
                ($0.$place.id.uuidString + $0.periodStart, $0)
            },
            uniquingKeysWith: { first, _ in first })
        let format = indicator.unit.format
        func what(_ row: IndicatorFigureRow, _ place: Place) -> String {
            "\(place.name), \(indicator.period.phrase(row.periodStart))"
        }
        // What changes: new figures, and earlier ones with a different value or source (the rest stay as they are).
        let changes = rows.compactMap { row, place -> (IndicatorFigureRow, Place, IndicatorValue, Double?)? in
            guard let figure = existing[place.id!.uuidString + row.periodStart.iso] else {
                let figure = IndicatorValue(
                    indicatorID: indicator.id!, placeID: place.id!, periodStart: row.periodStart, value: row.value,
                    source: row.source, recordedByID: request.currentUser?.id)
                return (row, place, figure, nil)
            }
            guard figure.value != row.value || figure.source != row.source else { return nil }
            return (row, place, figure, figure.value)
        }
        let replacements = changes.filter { $0.3 != nil }
        if !replacements.isEmpty, typed["csv_replace"] != "yes" {
            return try await showPage(
                indicator, request,
                failure: IndicatorCSV.failure(
                    replacements.map { row, place, figure, _ in
                        "Line \(row.line): \(what(row, place)) already has \(format(figure.value)) (source: \(figure.source)); tick \"Replace figures already recorded\" to replace it with \(format(row.value))."
                    }), typed: typed)
        }
        try await request.db.writeTransaction { db in
            for (row, place, figure, previous) in changes {
                try await save(
                    figure, of: indicator, place: place, value: row.value, source: row.source, previous: previous,
                    note: "loaded from CSV, line \(row.line)", request, on: db)
            }
        }
        let listed = replacements.prefix(IndicatorCSV.listedProblems).map { row, place, _, previous in
            "\(what(row, place)): \(format(previous!)) → \(format(row.value))"
        }
        let more = replacements.count - listed.count
        Admin.flash(
            request,
            "Loaded \(rows.count) figure\(rows.count == 1 ? "" : "s") from the CSV"
                + (replacements.isEmpty
                    ? "."
                    : ", replacing \(replacements.count) already recorded: \(listed.joined(separator: "; "))"
                        + (more > 0 ? "; and \(more) more (see the audit log)." : "."))
                + (readAsWindows1252
                    ? " The figures were not UTF-8, so they were read as Windows-1252 (what Excel saves as \"CSV (Comma delimited)\"): check that accented letters in the sources look right."
                    : ""))
        return request.redirect(to: IndicatorURL.indicator(indicator.id!))
    }

    /// Saves a figure (new, or replacing `previous`) and audits it with both values.
    static func save(
        _ figure: IndicatorValue, of indicator: Indicator, place: Place, value: Double, source: String,
        previous: Double?, note: String?, _ request: Request, on db: any Database
    ) async throws {
        figure.value = value
        figure.source = source
        figure.recordedByID = request.currentUser?.id
        try await figure.save(on: db)
        let period = SimpleDate(iso: figure.periodStart)!.ukText
        try await AuditLog.record(
            on: db, actor: Admin.actor(request), action: "indicator.value_recorded", objectType: "indicator",
            objectID: indicator.id?.uuidString,
            summary: "\(indicator.name), \(place.name), period from \(period): \(indicator.unit.format(value))"
                + (note.map { " (\($0))" } ?? ""),
            changes: [
                FieldChange("value", from: previous.map { indicator.unit.format($0) }, to: indicator.unit.format(value))
            ])
    }

    static func find(_ request: Request) async throws -> Indicator {
        guard let indicator = try await Indicator.find(try Admin.uuidParameter(request), on: request.db) else {
            throw Abort(.notFound)
        }
        return indicator
    }
}

enum IndicatorURL {
    static let indicators = "/staff/indicators"
    static func indicator(_ id: UUID) -> String { "\(indicators)/\(id.uuidString.lowercased())" }
    static func load(_ id: UUID) -> String { indicator(id) + "/load" }
    static func details(_ id: UUID) -> String { indicator(id) + "/details" }
    static func place(_ slug: String) -> String { "\(indicators)?place=\(slug)" }
}
