import Fluent
import HeardDomain
import HeardStorage
import Vapor

/// The public front page: share your experience, the consultations open now, the latest "you said, we did",
/// and what Heard covers here, from real counts.
enum HomePage {
    struct Model {
        var organisationCount: Int
        var serviceCount: Int
        var places: [(name: String, services: Int)]
        /// Open today, closing soonest first, with the last day people can respond.
        var openConsultations: [(consultation: Consultation, lastDay: SimpleDate)] = []
        /// The most recently closed actions (done or not possible, with the reason), one card for an action
        /// taken alike in several places.
        var latestActions: [ActionGroup] = []
    }

    /// One action, and every place or organisation that closed the same action (same words, same outcome).
    struct ActionGroup {
        var action: ActionItem
        var areas: [String]
    }

    /// The newest `limit` distinct actions: the same action closed in three places is one card naming all three,
    /// not three cards in a row saying the same thing. The places are named in alphabetical order (the same on
    /// every load), or as "all places" when the action was taken in each of `placeNames`.
    static func grouped(_ actions: [ActionItem], limit: Int, placeNames: [String]) -> [ActionGroup] {
        var groups: [ActionGroup] = []
        var positions: [[String]: Int] = [:]
        for action in actions {
            let key = [action.title, action.youSaid, action.status.rawValue, action.outcome]
            let area = action.place?.name ?? action.organisation.name
            if let position = positions[key] {
                if !groups[position].areas.contains(area) { groups[position].areas.append(area) }
            } else if groups.count < limit {
                positions[key] = groups.count
                groups.append(ActionGroup(action: action, areas: [area]))
            }
        }
        return groups.map { ActionGroup(action: $0.action, areas: named($0.areas, placeNames: placeNames)) }
    }

    /// "Bradford, Calderdale and Leeds", or "all places" (and any organisation named for an action with no place).
    static func named(_ areas: [String], placeNames: [String]) -> [String] {
        let sorted = areas.sorted { $0.localizedStandardCompare($1) == .orderedAscending }
        let places = Set(placeNames)
        guard places.count > 1, places.isSubset(of: Set(areas)) else { return sorted }
        return ["all places"] + sorted.filter { !places.contains($0) }
    }

    /// How many of the latest actions the home page shows before linking to the full page.
    static let latestActionCount = 3

    static func query(_ db: any Database, today: SimpleDate) async throws -> Model {
        let openConsultations = try await Consultation.query(on: db).filter(\.$opensOn <= today.iso).all()
            .compactMap { consultation -> (Consultation, SimpleDate)? in
                let facts = ConsultationFacts(
                    opensOn: consultation.opens, closesOn: consultation.closes,
                    closedEarlyOn: consultation.closedEarlyOn.flatMap(SimpleDate.init(iso:)),
                    analysisPublished: consultation.analysisPublishedAt != nil)
                return facts.state(on: today) == .open ? (consultation, facts.lastDay) : nil
            }
            .sorted { ($0.1, $0.0.title) < ($1.1, $1.0.title) }
        // A few more than are shown, so that copies of one action in several places can be folded together.
        let latestActions = try await ActionItem.query(on: db)
            .filter(\.$status ~~ [.done, .notPossible])
            .with(\.$updates).with(\.$place).with(\.$organisation)
            .sort(\.$closedAt, .descending).sort(\.$id).limit(latestActionCount * 10).all()
        // What people can tell us about now: retired places and services are left out of the counts.
        let places = try await Place.query(on: db).filter(\.$retiredAt == nil).sort(\.$name).all()
        let services = try await Service.query(on: db).filter(\.$retiredAt == nil).all()
        var perPlace: [UUID: Int] = [:]
        for service in services { perPlace[service.$place.id, default: 0] += 1 }
        return Model(
            organisationCount: try await Organisation.query(on: db).count(),
            serviceCount: services.count,
            places: places.map { ($0.name, perPlace[$0.id!] ?? 0) },
            openConsultations: openConsultations.map { (consultation: $0.0, lastDay: $0.1) },
            latestActions: grouped(latestActions, limit: latestActionCount, placeNames: places.map(\.name)))
    }

    static func render(_ model: Model, context: PageContext) -> String {
        PageLayout.render(context) {
            h1 { "Tell us about health and care where you live" }
            p(.class("lead")) {
                "Heard is how the NHS and councils here listen to patients, carers and communities, "
                "act on what you say, and show you what changed."
            }
            section(.class("panel"), .aria("labelledby", "share")) {
                h2(.id("share")) { "Share your experience" }
                p {
                    "Tell us about care you or someone close to you had: what was good and what could be better. "
                    "It takes about 5 minutes and you do not need an account."
                }
                p { a(.class("button"), .href(SiteURL.share)) { "Share your experience" } }
            }
            section(.aria("labelledby", "open-consultations")) {
                h2(.id("open-consultations")) { "Have your say: open consultations" }
                if model.openConsultations.isEmpty {
                    p { "There are no open consultations at the moment." }
                } else {
                    ul(.class("list-plain")) {
                        for (consultation, lastDay) in model.openConsultations {
                            li {
                                a(.href(DecisionURL.publicConsultation(consultation.id!))) { consultation.title }
                                span(.class("choice-meta")) { "Closes on \(lastDay.ukText)" }
                            }
                        }
                    }
                }
                p { a(.href(DecisionURL.consultationHub)) { "All consultations, past and future" } }
            }
            section(.aria("labelledby", "latest-we-did")) {
                h2(.id("latest-we-did")) { "You said, we did" }
                if model.latestActions.isEmpty {
                    p { "Nothing has been completed yet. This is where you will see what changed because of feedback." }
                } else {
                    ul(.class("action-list")) {
                        for group in model.latestActions {
                            li { YouSaidWeDidPage.actionCard(group.action, areas: group.areas) }
                        }
                    }
                }
                p { a(.href(SiteURL.youSaidWeDid)) { "Everything we have done because of what people said" } }
            }
            section(.aria("labelledby", "coverage")) {
                h2(.id("coverage")) { "What Heard covers here" }
                ul(.class("stat-list")) {
                    li {
                        strong { "\(model.places.count)" }; model.places.count == 1 ? " place" : " places"
                    }
                    li {
                        strong { "\(model.organisationCount)" }
                        model.organisationCount == 1 ? " organisation" : " organisations"
                    }
                    li {
                        strong { "\(model.serviceCount)" }
                        model.serviceCount == 1 ? " service you can tell us about" : " services you can tell us about"
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
