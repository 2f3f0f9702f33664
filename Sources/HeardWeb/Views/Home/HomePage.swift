import Fluent
import HeardStorage
import Vapor

/// The public front page: what Heard is and what it covers here, from real counts.
enum HomePage {
    struct Model {
        var organisationCount: Int
        var serviceCount: Int
        var places: [(name: String, services: Int)]
    }

    static func query(_ db: any Database) async throws -> Model {
        let places = try await Place.query(on: db).sort(\.$name).all()
        let services = try await Service.query(on: db).all()
        var perPlace: [UUID: Int] = [:]
        for service in services { perPlace[service.$place.id, default: 0] += 1 }
        return Model(
            organisationCount: try await Organisation.query(on: db).count(),
            serviceCount: services.count,
            places: places.map { ($0.name, perPlace[$0.id!] ?? 0) })
    }

    static func render(_ model: Model, context: PageContext) -> String {
        PageLayout.render(context) {
            h1 { "Tell us about health and care where you live" }
            p(.class("lead")) {
                "Heard is how the NHS and councils here listen to patients, carers and communities, "
                "act on what you say, and show you what changed."
            }
            section(.aria("labelledby", "coverage")) {
                h2(.id("coverage")) { "What Heard covers here" }
                ul(.class("stat-list")) {
                    li {
                        strong { "\(model.places.count)" }; " places"
                    }
                    li {
                        strong { "\(model.organisationCount)" }; " organisations"
                    }
                    li {
                        strong { "\(model.serviceCount)" }; " services you can tell us about"
                    }
                }
                if model.places.isEmpty {
                    p { "No places have been set up yet." }
                } else {
                    DataTable.render(
                        caption: "Services by place", headers: ["Place", "Services"],
                        rows: model.places.map { [.text($0.name), .text(String($0.services))] })
                }
            }
        }
    }
}
