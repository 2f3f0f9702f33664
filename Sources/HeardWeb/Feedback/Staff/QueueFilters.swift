import Fluent
import Foundation
import HeardStorage
import Vapor

/// The place and service filters of the staff work queues (moderation, replies): read from the query
/// string, applied in SQL, and kept in the page links.
struct QueueFilters {
    /// A place's slug, as the public stories filter takes it.
    var place = ""
    /// A service's id.
    var service = ""

    init(place: String = "", service: String = "") {
        self.place = place
        self.service = service
    }

    init(_ request: Request) {
        self.init(
            place: request.query[String.self, at: "place"] ?? "",
            service: request.query[String.self, at: "service"] ?? "")
    }

    var isSet: Bool { !place.isEmpty || !service.isEmpty }
    var pairs: [(String, String)] { [("place", place), ("service", service)] }

    /// `query` narrowed to the chosen place and service (a filter naming nothing known is left out, as on the
    /// feedback list).
    func apply(to query: QueryBuilder<FeedbackItem>, on db: any Database) async throws -> QueryBuilder<FeedbackItem> {
        var query = query
        if !place.isEmpty, let found = try await Place.query(on: db).filter(\.$slug == place).first() {
            query = query.filter(\.$place.$id == found.id!)
        }
        if let id = UUID(uuidString: service) {
            query = query.filter(\.$service.$id == id)
        }
        return query
    }

    /// What the filter form offers.
    struct Choices {
        var places: [Place]
        var services: [Service]

        static func load(on db: any Database) async throws -> Choices {
            Choices(
                places: try await Place.query(on: db).sort(\.$name).all(),
                services: try await Service.query(on: db).with(\.$place).sort(\.$name).all())
        }
    }

    /// The GET form with both selects.
    func form(action: String, choices: Choices) -> HTMLNode {
        HeardWeb.form(.action(action), .method("get"), .class("filters")) {
            FormComponents.selectField(
                name: "place", label: "Place", choices: choices.places.map { .init(value: $0.slug, label: $0.name) },
                selected: place, failure: nil, prompt: "All places")
            FormComponents.selectField(
                name: "service", label: "Service",
                choices: choices.services.map {
                    .init(
                        value: $0.id!.uuidString,
                        label: FeedbackItem.serviceAndPlace(service: $0.name, place: $0.place.name))
                },
                selected: UUID(uuidString: service)?.uuidString ?? service, failure: nil, prompt: "All services")
            button(.type("submit"), .class("button button-secondary")) { "Filter" }
        }
    }
}
