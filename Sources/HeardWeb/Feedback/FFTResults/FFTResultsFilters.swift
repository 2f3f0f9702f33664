import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Vapor

/// What the FFT results page shows: one calendar month, narrowed to an organisation, a place or a service (any of
/// them together), from the query string.
///
/// As on the dashboard, a value that names nothing is dropped with a notice rather than refused: a results page
/// that quietly showed zeros would read as "nobody answered".
struct FFTResultsFilters {
    var month: CalendarMonth
    var organisation: Organisation?
    var place: Place?
    /// With its place loaded.
    var service: Service?
    var problems: [FilterProblem] = []

    /// The month a return is made for: the last whole month.
    static func standardMonth(today: SimpleDate) -> CalendarMonth {
        CalendarMonth(containing: today).adding(months: -1)
    }

    static func read(_ request: Request) async throws -> FFTResultsFilters {
        let today = request.today
        var filters = FFTResultsFilters(month: standardMonth(today: today))
        let monthText = text(request, "month")
        if !monthText.isEmpty {
            if let month = CalendarMonth(iso: monthText) {
                if let problem = month.fftResultsProblem(today: today) {
                    filters.problems.append(.init(problem, "the page shows \(filters.month.title)"))
                } else {
                    filters.month = month
                }
            } else {
                filters.problems.append(
                    .init(
                        "\"\(monthText)\" is not a month (write it as \(filters.month.iso))",
                        "the page shows \(filters.month.title)"))
            }
        }
        let organisationText = text(request, "organisation")
        if !organisationText.isEmpty {
            if let id = UUID(uuidString: organisationText),
                let organisation = try await Organisation.find(id, on: request.db)
            {
                filters.organisation = organisation
            } else {
                filters.problems.append(
                    .init(
                        "There is no organisation \"\(organisationText)\"", "the results are for every organisation"))
            }
        }
        let scope = try await PlaceAndServiceFilter.read(request, figures: "results", problems: &filters.problems)
        filters.place = scope.place
        if let service = scope.service, let organisation = filters.organisation,
            service.$organisation.id != organisation.id
        {
            filters.problems.append(
                .init(
                    "\(service.name) is not run by \(organisation.name)",
                    "the results are not narrowed to that service"))
        } else {
            filters.service = scope.service
        }
        return filters
    }

    private static func text(_ request: Request, _ name: String) -> String {
        PlaceAndServiceFilter.text(request, name)
    }

    /// Each filter as a column and value of feedback_items (and services), all of which must hold.
    var conditions: [(column: String, id: UUID)] {
        [
            organisation?.id.map { ("organisation_id", $0) }, place?.id.map { ("place_id", $0) },
            service?.id.map { ("service_id", $0) },
        ].compactMap { $0 }
    }

    /// Whether a service, run by this organisation in this place, is one the filters cover.
    func covers(_ key: FFTResults.ServiceKey) -> Bool {
        conditions.allSatisfy { column, id in
            switch column {
            case "organisation_id": key.organisation == id
            case "place_id": key.place == id
            default: key.service == id
            }
        }
    }

    /// "Northtown Hospital Trust, Calderdale" or nil for everything.
    var scopeName: String? {
        if let service { return FeedbackItem.serviceAndPlace(service: service.name, place: service.place.name) }
        let parts = [organisation?.name, place?.name].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    /// The query string pairs that reproduce these filters, `month` replaced when given.
    func pairs(month other: CalendarMonth? = nil) -> [(String, String)] {
        [
            ("month", (other ?? month).iso), ("organisation", organisation?.id?.uuidString ?? ""),
            ("place", place?.slug ?? ""), ("service", service?.id?.uuidString ?? ""),
        ]
    }

    func path(_ base: String = SiteURL.fftResults, month other: CalendarMonth? = nil) -> String {
        ListPage.path(base, filters: pairs(month: other), page: 1)
    }
}
