import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Vapor

/// Administrators load their own places' population figures from a CSV; the representation tables compare
/// respondents with them. The demo places start with Census 2021.
enum PopulationController {
    static let path = "/staff/population"

    @Sendable static func show(_ request: Request) async throws -> Response {
        try await render(request, csv: "", source: "", failure: nil, status: .ok)
    }

    static func render(
        _ request: Request, csv: String, source: String, failure: ValidationFailure?, status: HTTPResponseStatus
    ) async throws -> Response {
        let places = try await Place.query(on: request.db).sort(\.$name).all()
        var rows: [(Place, Int, String)] = []
        for place in places {
            let figures = try await PopulationFigure.query(on: request.db).filter(\.$place.$id == place.id!).all()
            rows.append((place, figures.count, figures.first?.source ?? "–"))
        }
        return .html(
            PopulationViews.page(
                request, rows: rows, csv: csv, source: source, failure: failure, notice: Admin.takeFlash(request)),
            status: status)
    }

    /// Replaces the figures of every place named in the file; other places are left alone.
    @Sendable static func load(_ request: Request) async throws -> Response {
        let csv = Admin.text(request, "csv")
        let source = Admin.text(request, "source").trimmingWhitespace()
        do {
            var errors: [FieldError] = []
            if source.isEmpty {
                errors.append(
                    FieldError("source", "Say where the figures come from, for example \"Census 2021, ONS\"."))
            }
            let rows = try PopulationCSV.parse(csv)
            if rows.isEmpty { errors.append(FieldError("csv", "The file has no figures in it.")) }
            let places = try await Place.query(on: request.db).all()
            let byName = Dictionary(places.map { ($0.name.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
            let unknown = Set(rows.map(\.place).filter { byName[$0.lowercased()] == nil })
            if !unknown.isEmpty {
                errors.append(
                    FieldError(
                        "csv",
                        "These places are not in Heard: \(unknown.sorted().joined(separator: ", ")). Add them first, or remove their lines."
                    ))
            }
            guard errors.isEmpty else { throw ValidationFailure(errors) }
            let placeIDs = Set(rows.compactMap { byName[$0.place.lowercased()]?.id })
            try await request.db.writeTransaction { db in
                try await PopulationFigure.query(on: db).filter(\.$place.$id ~~ placeIDs).delete()
                for row in rows {
                    try await PopulationFigure(
                        placeID: byName[row.place.lowercased()]!.id!, characteristic: row.characteristic,
                        category: row.category, percent: row.percent, source: source
                    ).create(on: db)
                }
                try await AuditLog.record(
                    on: db, actor: Admin.actor(request), action: "population.loaded", objectType: "place",
                    objectID: nil,
                    summary: "Loaded \(rows.count) population figures for \(placeIDs.count) places from \(source)")
            }
            Admin.flash(request, "Loaded \(rows.count) figures for \(placeIDs.count) places.")
            return request.redirect(to: path)
        } catch let failure as ValidationFailure {
            return try await render(request, csv: csv, source: source, failure: failure, status: .unprocessableEntity)
        }
    }
}

enum PopulationViews {
    static func page(
        _ request: Request, rows: [(Place, Int, String)], csv: String, source: String, failure: ValidationFailure?,
        notice: String?
    ) -> String {
        PageLayout.render(PageContext(request, title: "Population figures", hasErrors: failure != nil)) {
            FormComponents.errorSummary(failure)
            if let notice { div(.class("notice"), .role("status")) { notice } }
            h1 { "Population figures" }
            p(.class("lead")) {
                "Representation tables compare who responded with who lives in each place. Load each place's figures here."
            }
            DataTable.render(
                caption: "Figures held for each place", headers: ["Place", "Figures", "Source"],
                rows: rows.map { [.text($0.0.name), .text(String($0.1)), .text($0.2)] })
            HeardWeb.form(.action(PopulationController.path), .method("post"), .novalidate) {
                FormComponents.csrfField(request.csrfToken)
                FormComponents.textField(
                    name: "source", label: "Where the figures come from", value: source, failure: failure,
                    hint: "For example, \"Census 2021, Office for National Statistics (Open Government Licence v3.0)\"."
                )
                FormComponents.textArea(
                    name: "csv", label: "Figures as CSV", value: csv, failure: failure,
                    hint:
                        "Columns: place, characteristic, category, percent. Characteristics: age, sex, ethnic group, religion, disability, unpaid care, main language. Loading a place replaces its figures.",
                    rows: 12)
                FormComponents.submitButton("Load figures")
            }
        }
    }
}
