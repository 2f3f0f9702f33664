import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Vapor

/// The place (by slug) and service (by id) a page of figures is narrowed to, read from the query string, and the
/// two selects that send them. A value that names nothing, or a service in another place, is dropped with a
/// sentence for the page's notice: figures that quietly showed zeros would read as "nothing came in".
struct PlaceAndServiceFilter {
    var place: Place?
    /// With its place loaded.
    var service: Service?

    /// - Parameter figures: what the page shows, for the notice: "so the figures are for every place".
    static func read(
        _ request: Request, figures: String, problems: inout [FilterProblem]
    ) async throws
        -> PlaceAndServiceFilter
    {
        var filter = PlaceAndServiceFilter()
        let slug = text(request, "place")
        if !slug.isEmpty {
            if let place = try await Place.query(on: request.db).filter(\.$slug == slug).first() {
                filter.place = place
            } else {
                problems.append(.init("There is no place \"\(slug)\"", "the \(figures) are for every place"))
            }
        }
        let serviceText = text(request, "service")
        if !serviceText.isEmpty {
            var found: Service?
            if let id = UUID(uuidString: serviceText) {
                found = try await Service.query(on: request.db).filter(\.$id == id).with(\.$place).first()
            }
            if let service = found {
                if let place = filter.place, service.$place.id != place.id {
                    problems.append(
                        .init(
                            "\(service.name) is in \(service.place.name), not \(place.name)",
                            "the \(figures) are for every service in \(place.name)"))
                } else {
                    filter.service = service
                }
            } else {
                problems.append(.init("There is no service \"\(serviceText)\"", "the \(figures) are for every service"))
            }
        }
        return filter
    }

    static func text(_ request: Request, _ name: String) -> String {
        (request.query[String.self, at: name] ?? "").trimmingWhitespace()
    }

    /// The place and service selects of a GET filter form, retired ones marked.
    static func selects(places: [Place], services: [Service], place: Place?, service: Service?) -> HTMLNode {
        .fragment([
            FormComponents.selectField(
                name: "place", label: "Place",
                choices: places.map { .init(value: $0.slug, label: Retirement.label($0.name, retired: $0.isRetired)) },
                selected: place?.slug ?? "", failure: nil, prompt: "All places"),
            FormComponents.selectField(
                name: "service", label: "Service",
                choices: services.map {
                    .init(
                        value: $0.id!.uuidString,
                        label: Retirement.label(
                            FeedbackItem.serviceAndPlace(service: $0.name, place: $0.place.name),
                            retired: $0.isRetired))
                },
                selected: service?.id?.uuidString ?? "", failure: nil, prompt: "All services"),
        ])
    }
}

/// A filter value that could not be used: what was wrong, and what the page shows instead.
struct FilterProblem {
    /// "There is no place \"nowhere\"".
    var what: String
    /// "the figures are for every place".
    var fallback: String

    init(_ what: String, _ fallback: String) {
        self.what = what
        self.fallback = fallback
    }

    /// For the page's notice.
    var sentence: String { what + ", so " + fallback + "." }
}
