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
        let slug = request.query[String.self, at: "place"]
        let place = places.first { $0.slug == slug } ?? places.first
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
                typed: typed, notice: failure == nil ? Admin.takeFlash(request) : nil),
            status: failure == nil ? .ok : .unprocessableEntity)
    }

    @Sendable static func create(_ request: Request) async throws -> Response {
        let typed = [
            "name": Admin.text(request, "name").trimmingWhitespace(),
            "description": Admin.text(request, "description").trimmingWhitespace(),
            "unit": Admin.text(request, "unit"), "direction": Admin.text(request, "direction"),
        ]
        var errors: [FieldError] = []
        let name = typed["name"]!
        if name.isEmpty {
            errors.append(FieldError("name", "Enter the indicator's name, for example \"People with a care plan\"."))
        } else if name.count > 150 {
            errors.append(FieldError("name", "Keep the name to 150 characters or fewer."))
        } else if try await Indicator.query(on: request.db).all().contains(where: {
            $0.name.lowercased() == name.lowercased()
        }) {
            errors.append(FieldError("name", "There is already an indicator called \(name)."))
        }
        if typed["description"]!.isEmpty {
            errors.append(FieldError("description", "Say what it measures and where the figures come from."))
        }
        let unit = IndicatorUnit(rawValue: typed["unit"]!)
        if unit == nil { errors.append(FieldError("unit", "Choose what the figure counts.")) }
        let direction = IndicatorDirection(rawValue: typed["direction"]!)
        if direction == nil {
            errors.append(FieldError("direction", "Say whether a higher figure is better or worse."))
        }
        guard errors.isEmpty, let unit, let direction else {
            return try await indexPage(request, failure: ValidationFailure(errors), typed: typed)
        }
        let indicator = Indicator(name: name, summary: typed["description"]!, unit: unit, direction: direction)
        do {
            try await request.db.transaction { db in
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

    @Sendable static func show(_ request: Request) async throws -> Response {
        try await showPage(try await find(request), request, failure: nil, typed: [:])
    }

    static func showPage(
        _ indicator: Indicator, _ request: Request, failure: ValidationFailure?, typed: [String: String]
    ) async throws -> Response {
        let values = try await indicator.$values.query(on: request.db).with(\.$place).all()
        let places = try await Place.query(on: request.db).sort(\.$name).all()
        return .html(
            IndicatorPages.show(
                indicator, values: values, places: places, today: request.today,
                context: PageContext(request, title: indicator.name, hasErrors: failure != nil), failure: failure,
                typed: typed, notice: failure == nil ? Admin.takeFlash(request) : nil),
            status: failure == nil ? .ok : .unprocessableEntity)
    }

    /// Records a figure; a second figure for the same place and period replaces the first, audited with both.
    @Sendable static func record(_ request: Request) async throws -> Response {
        let indicator = try await find(request)
        let typed = [
            "place_id": Admin.text(request, "place_id"),
            "period_start": Admin.text(request, "period_start").trimmingWhitespace(),
            "value": Admin.text(request, "value").trimmingWhitespace(),
            "source": Admin.text(request, "source").trimmingWhitespace(),
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
        if typed["source"]!.isEmpty {
            errors.append(
                FieldError("source", "Say where the figure comes from, for example \"GP Patient Survey 2026\"."))
        }
        guard errors.isEmpty, let place, let period, let value = checked.value else {
            return try await showPage(indicator, request, failure: ValidationFailure(errors), typed: typed)
        }
        let existing = try await IndicatorValue.query(on: request.db).filter(\.$indicator.$id == indicator.id!)
            .filter(\.$place.$id == place.id!).filter(\.$periodStart == period.iso).first()
        let figure =
            existing
            ?? IndicatorValue(
                indicatorID: indicator.id!, placeID: place.id!, periodStart: period, value: value,
                source: typed["source"]!, recordedByID: request.currentUser?.id)
        let previous = existing?.value
        try await request.db.transaction { db in
            try await save(
                figure, of: indicator, place: place, value: value, source: typed["source"]!, previous: previous,
                note: nil, request, on: db)
        }
        Admin.flash(
            request,
            previous.map {
                "Figure for \(place.name), period from \(period.ukText), changed from \(indicator.unit.format($0)) to \(indicator.unit.format(value))."
            } ?? "Figure recorded: \(place.name), period from \(period.ukText), \(indicator.unit.format(value)).")
        return request.redirect(to: IndicatorURL.indicator(indicator.id!))
    }

    /// Loads many figures from pasted CSV: all of them or, if any line has a problem, none.
    @Sendable static func load(_ request: Request) async throws -> Response {
        let indicator = try await find(request)
        let typed = ["csv": Admin.text(request, "csv"), "csv_source": Admin.text(request, "csv_source")]
        let places = try await Place.query(on: request.db).all()
        var spellings: [String: String] = [:]
        for place in places {
            spellings[place.name.lowercased()] = place.name
            spellings[place.slug] = place.name
        }
        let parsed: [IndicatorFigureRow]
        do {
            parsed = try IndicatorCSV.parse(
                typed["csv"]!, unit: indicator.unit, defaultSource: typed["csv_source"]!, today: request.today,
                places: spellings)
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
        let corrected = changes.filter { $0.3 != nil }.count
        try await request.db.transaction { db in
            for (row, place, figure, previous) in changes {
                try await save(
                    figure, of: indicator, place: place, value: row.value, source: row.source, previous: previous,
                    note: "loaded from CSV, line \(row.line)", request, on: db)
            }
        }
        Admin.flash(
            request,
            "Loaded \(rows.count) figure\(rows.count == 1 ? "" : "s") from the CSV"
                + (corrected > 0 ? ", \(corrected) of them replacing an earlier figure." : "."))
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
    static func place(_ slug: String) -> String { "\(indicators)?place=\(slug)" }
}
