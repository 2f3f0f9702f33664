import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Vapor

/// Browsing the audit log, newest first, filtered by object, action, who and when (UK days). Read-only by design.
enum AuditController {

    struct Filters: Content {
        var objectType: String?
        var action: String?
        var actor: String?
        var from: String?
        var to: String?
        var page: Int?

        enum CodingKeys: String, CodingKey {
            case action, actor, page, from, to
            case objectType = "object_type"
        }
    }

    @Sendable static func index(_ request: Request) async throws -> Response {
        // Read field by field: a page that is not a number shows the first page rather than an error.
        let filters = Filters(
            objectType: request.query[String.self, at: "object_type"], action: request.query[String.self, at: "action"],
            actor: request.query[String.self, at: "actor"], from: request.query[String.self, at: "from"],
            to: request.query[String.self, at: "to"], page: ListPage.requested(request))
        var query = AuditEvent.query(on: request.db)
        let objectTypes = try await AuditEvent.query(on: request.db).unique().all(\.$objectType).sorted()
        let actions = try await AuditEvent.query(on: request.db).unique().all(\.$action).sorted()
        // What is offered is what has been recorded: anything else matches nothing, and says so.
        var problems = FilterProblems()
        if let type = problems.choice(
            filters.objectType ?? "", "kind of record", { objectTypes.contains($0) ? $0 : nil })
        {
            query = query.filter(\.$objectType == type)
        }
        if let action = problems.choice(filters.action ?? "", "action", { actions.contains($0) ? $0 : nil }) {
            query = query.filter(\.$action == action)
        }
        query = problems.narrowing(query)
        if let actor = filters.actor?.trimmingCharacters(in: .whitespaces), !actor.isEmpty {
            query = query.filter(ListPage.contains(actor, column: "actor_label", table: AuditEvent.schema))
        }
        var errors: [FieldError] = []
        let from = Admin.date(filters.from, field: "from", into: &errors)
        let to = Admin.date(filters.to, field: "to", into: &errors)
        if let from, let to, from > to {
            errors.append(FieldError("to", "The end of the period cannot be before its start (\(from.ukText))."))
        }
        if let from { query = query.filter(\.$occurredAt >= DecisionClock.startOfUKDay(from)) }
        if let to { query = query.filter(\.$occurredAt < DecisionClock.startOfUKDay(to.adding(days: 1))) }
        let total = try await query.count()
        let page = ListPage(requested: filters.page, total: total)
        let events = try await query.sort(\.$occurredAt, .descending).range(page.range).all()
        let html = AuditPage.render(
            .init(
                events: events, filters: filters, objectTypes: objectTypes, actions: actions, page: page.number,
                pageCount: page.count, total: total, failure: errors.isEmpty ? nil : ValidationFailure(errors),
                notice: problems.isEmpty ? nil : problems.notice(request)),
            context: PageContext(request, title: "Audit log", hasErrors: !errors.isEmpty))
        return .html(html, status: errors.isEmpty ? .ok : .unprocessableEntity)
    }
}
