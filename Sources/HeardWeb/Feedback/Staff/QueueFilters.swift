import Fluent
import Foundation
import HeardDomain
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

    /// `query` narrowed to the chosen place and service, with what could not be used in words. A value that
    /// names nothing, or a service outside the chosen place, matches nothing rather than quietly widening the
    /// queue to every place.
    func apply(
        to query: QueryBuilder<FeedbackItem>, on db: any Database
    ) async throws -> (query: QueryBuilder<FeedbackItem>, problems: FilterProblems) {
        var query = query
        var problems = FilterProblems()
        let chosenPlace = try await problems.lookUp(place, "place") { slug in
            try await Place.query(on: db).filter(\.$slug == slug).first()
        }
        if let chosenPlace { query = query.filter(\.$place.$id == chosenPlace.id!) }
        let chosenService = try await problems.lookUp(service, "service") { text in
            try await UUID(uuidString: text).asyncFlatMap {
                try await Service.query(on: db).filter(\.$id == $0).with(\.$place).first()
            }
        }
        if let chosenService {
            if let chosenPlace, chosenService.$place.id != chosenPlace.id {
                problems.append(
                    "\(chosenService.name) is in \(chosenService.place.name), not the place chosen, so nothing "
                        + "matches: choose a service in that place or all places.")
            }
            query = query.filter(\.$service.$id == chosenService.id!)
        }
        return (problems.narrowing(query), problems)
    }

    /// What the filter form offers.
    struct Choices {
        var places: [Place]
        var services: [Service]
        /// Organisations that run a service: only those have feedback.
        var organisations: [Organisation] = []

        static func load(on db: any Database) async throws -> Choices {
            let services = try await Service.query(on: db).with(\.$place).sort(\.$name).all()
            let running = Set(services.map { $0.$organisation.id })
            return Choices(
                places: try await Place.query(on: db).sort(\.$name).all(), services: services,
                organisations: try await Organisation.query(on: db).sort(\.$name).all().filter {
                    running.contains($0.id!)
                })
        }
    }

    /// The GET form with both selects.
    func form(action: String, choices: Choices) -> HTMLNode {
        HeardWeb.form(.action(action), .method("get"), .class("filters")) {
            FormComponents.selectField(
                name: "place", label: "Place",
                choices: choices.places.map {
                    .init(value: $0.slug, label: Retirement.label($0.name, retired: $0.isRetired))
                },
                selected: place, failure: nil, prompt: "All places")
            FormComponents.selectField(
                name: "service", label: "Service",
                choices: choices.services.map {
                    .init(
                        value: $0.id!.uuidString,
                        label: Retirement.label(
                            FeedbackItem.serviceAndPlace(service: $0.name, place: $0.place.name),
                            retired: $0.isRetired))
                },
                selected: UUID(uuidString: service)?.uuidString ?? service, failure: nil, prompt: "All services")
            button(.type("submit"), .class("button button-secondary")) { "Filter" }
        }
    }
}
