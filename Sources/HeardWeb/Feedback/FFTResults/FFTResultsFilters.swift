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
    var problems: [String] = []

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
                if month > CalendarMonth(containing: today) {
                    filters.problems.append(
                        "\(month.title) has not started yet, so the page shows \(filters.month.title).")
                } else {
                    filters.month = month
                }
            } else {
                filters.problems.append(
                    "\"\(monthText)\" is not a month (write it as 2026-11), so the page shows \(filters.month.title)."
                )
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
                    "There is no organisation \"\(organisationText)\", so the results are for every organisation.")
            }
        }
        let slug = text(request, "place")
        if !slug.isEmpty {
            if let place = try await Place.query(on: request.db).filter(\.$slug == slug).first() {
                filters.place = place
            } else {
                filters.problems.append("There is no place \"\(slug)\", so the results are for every place.")
            }
        }
        let serviceText = text(request, "service")
        if !serviceText.isEmpty {
            var found: Service?
            if let id = UUID(uuidString: serviceText) {
                found = try await Service.query(on: request.db).filter(\.$id == id).with(\.$place).first()
            }
            if let service = found {
                if let place = filters.place, service.$place.id != place.id {
                    filters.problems.append(
                        "\(service.name) is in \(service.place.name), not \(place.name), so the results are for every service in \(place.name)."
                    )
                } else if let organisation = filters.organisation, service.$organisation.id != organisation.id {
                    filters.problems.append(
                        "\(service.name) is not run by \(organisation.name), so the results are for every service \(organisation.name) runs."
                    )
                } else {
                    filters.service = service
                }
            } else {
                filters.problems.append(
                    "There is no service \"\(serviceText)\", so the results are for every service.")
            }
        }
        return filters
    }

    private static func text(_ request: Request, _ name: String) -> String {
        (request.query[String.self, at: name] ?? "").trimmingWhitespace()
    }

    /// Each filter as a column and value of feedback_items (and services), all of which must hold.
    var conditions: [(column: String, id: UUID)] {
        [
            organisation?.id.map { ("organisation_id", $0) }, place?.id.map { ("place_id", $0) },
            service?.id.map { ("service_id", $0) },
        ].compactMap { $0 }
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
