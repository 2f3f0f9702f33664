import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Vapor

/// `GET /api/v1/actions` (public): "you said, we did" as data, the same actions as the public pages and the
/// open-data file, with the area filters of `/api/v1/loop-closure`. No owner, no linked feedback text.
enum ActionsAPI {
    struct Item: Content {
        var id: UUID
        var youSaid: String
        var weWillOrDid: String
        var status: ActionStatus
        /// What changed, or why it was not possible; empty while open.
        var outcome: String
        var organisation: APIRef.Named
        @NullEncoded var place: APIRef.Place?
        @NullEncoded var service: APIRef.Named?
        @NullEncoded var theme: String?
        var dueOn: String
        @NullEncoded var closedOn: String?
        var feedbackLinked: Int
        var updates: Int

        enum CodingKeys: String, CodingKey {
            case id, status, outcome, organisation, place, service, theme, updates
            case youSaid = "you_said", weWillOrDid = "we_will_or_did", dueOn = "due_on", closedOn = "closed_on"
            case feedbackLinked = "feedback_linked"
        }
    }

    /// Oldest due first (the order of the open-data file), so pages stay stable while actions are updated.
    @Sendable static func list(_ request: Request) async throws -> PagedList<Item> {
        let status = request.query[String.self, at: "status"] ?? "all"
        let statuses: [ActionStatus]
        switch status {
        case "", "all": statuses = ActionStatus.allCases
        case "open": statuses = ActionStatus.allCases.filter { !$0.isClosed }
        case "closed": statuses = ActionStatus.allCases.filter(\.isClosed)
        default:
            throw APIError(
                .unprocessableEntity, "'status' must be open, closed or all, not '\(status)'.", field: "status")
        }
        let (scope, _) = try await FeedbackAPIController.scope(of: request)
        let page = try APIPage(request)
        var query = ActionItem.query(on: request.db).filter(\.$status ~~ statuses)
        switch scope {
        case .everywhere: break
        case .organisation(let id): query = query.filter(\.$organisation.$id == id)
        case .place(let id): query = query.filter(\.$place.$id == id)
        case .service(let id): query = query.filter(\.$service.$id == id)
        }
        let total = try await query.copy().count()
        let actions = try await query.with(\.$organisation).with(\.$place).with(\.$service)
            .sort(\.$dueOn).sort(\.$id).range(page.range).all()
        let ids = actions.compactMap(\.id)
        let linked = try await RowCounts.grouped(
            in: ActionFeedbackLink.schema, by: "action_id", only: ids, on: request.db)
        let updates = try await RowCounts.grouped(in: ActionUpdate.schema, by: "action_id", only: ids, on: request.db)
        return page.list(
            actions.map { action in
                Item(
                    id: action.id!, youSaid: action.youSaid, weWillOrDid: action.title, status: action.status,
                    outcome: action.outcome,
                    organisation: APIRef.Named(id: action.organisation.id!, name: action.organisation.name),
                    place: action.place.map { APIRef.Place(slug: $0.slug, name: $0.name) },
                    service: action.service.map { APIRef.Named(id: $0.id!, name: $0.name) }, theme: action.theme,
                    dueOn: DecisionClock.ukDay(of: action.dueOn).iso,
                    closedOn: action.closedAt.map { DecisionClock.ukDay(of: $0).iso },
                    feedbackLinked: linked[action.id!] ?? 0, updates: updates[action.id!] ?? 0)
            }, total: total)
    }
}
