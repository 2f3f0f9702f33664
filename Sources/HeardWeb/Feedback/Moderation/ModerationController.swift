import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Vapor

/// Nothing the public wrote is public before a moderator approves it; published text is always the
/// (possibly edited) redacted copy.
enum ModerationController {
    struct Form: Content {
        var decision: String?
        var publishedText: String?
        var reason: String?

        enum CodingKeys: String, CodingKey {
            case decision, reason
            case publishedText = "published_text"
        }
    }

    @Sendable static func queue(_ request: Request) async throws -> Response {
        let filters = QueueFilters(request)
        let query = try await filters.apply(
            to: FeedbackItem.query(on: request.db).filter(\.$status == .awaitingModeration), on: request.db)
        let total = try await query.count()
        // Read on its own: a page that is not a number shows the first page rather than an error.
        let page = ListPage(requested: request.query[Int.self, at: "page"], total: total)
        let items = try await query.with(\.$service).with(\.$place)
            .sort(\.$isUrgent, .descending).sort(\.$receivedAt, .ascending).sort(\.$id)
            .range(page.range).all()
        return .html(
            ModerationPages.queue(
                context: PageContext(request, title: "Moderation"), items: items, total: total, page: page,
                filters: filters, choices: try await .load(on: request.db), notice: Admin.takeFlash(request)))
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        let item = try await find(request)
        return .html(
            ModerationPages.item(
                context: PageContext(request, title: "Moderate \(item.reference)"), item: item,
                publishedText: item.publishedText ?? item.redactedText, failure: nil, csrfToken: request.csrfToken))
    }

    @Sendable static func decide(_ request: Request) async throws -> Response {
        let item = try await find(request)
        let form = try request.content.decode(Form.self)
        let text = (form.publishedText ?? "").trimmingWhitespace()
        let reason = (form.reason ?? "").trimmingWhitespace()
        let decision: ModerationDecision
        switch form.decision {
        case "approve": decision = .approve(publishedText: text)
        case "reject": decision = .reject(reason: reason)
        case "escalate": decision = .escalate(reason: reason)
        default: throw Abort(.badRequest, reason: "Choose approve, reject or escalate.")
        }
        let left = request.listeningEngine.personalDataLeft(in: text).map(\.title)
        let outcome = decision.outcome(
            currentStatus: item.status, consentToPublish: item.consentToPublish, personalDataInPublishedText: left)
        let newStatus: FeedbackStatus
        switch outcome {
        case .success(let status): newStatus = status
        case .failure(.notAwaitingModeration):
            return try await alreadyModerated(request, item: item)
        case .failure(let refusal):
            let field: String =
                switch refusal {
                case .reasonNeeded: "reason"
                default: "published_text"
                }
            let page = ModerationPages.item(
                context: PageContext(request, title: "Moderate \(item.reference)", hasErrors: true), item: item,
                publishedText: text.isEmpty ? item.redactedText : text,
                failure: ValidationFailure([FieldError(field, refusal.description)]), csrfToken: request.csrfToken,
                reason: reason)
            return .html(page, status: .unprocessableEntity)
        }
        let user = request.currentUser!
        let now = Date()
        item.moderatedAt = now
        item.moderatedByID = user.id
        item.moderationNote = reason.isEmpty ? nil : reason
        if case .approve = decision {
            item.publishedText = text
            if newStatus == .published { item.publishedAt = now }
        }
        let edited = text != item.redactedText
        do {
            try await request.db.transaction { db in
                // First, so that of two moderators deciding at once exactly one moves the item on; the other's
                // decision is rolled back whole (no complaint, no audit event).
                guard
                    try await ConditionalUpdate.set(
                        FeedbackItem.schema, id: item.id!, column: "status",
                        from: FeedbackStatus.awaitingModeration.rawValue, to: newStatus.rawValue, on: db)
                else { throw DecidedMeanwhile() }
                item.status = newStatus
                try await item.save(on: db)
                if newStatus == .escalated {
                    // The complaints clock runs from the day the person's words reached the organisation.
                    let complaint = Complaint(
                        feedbackID: item.id!, receivedOn: DecisionClock.ukDay(of: item.receivedAt), createdByID: user.id
                    )
                    try await complaint.create(on: db)
                }
                try await AuditLog.record(
                    on: db, actor: Admin.actor(request), action: "feedback.\(form.decision!)", objectType: "feedback",
                    objectID: item.id?.uuidString,
                    summary: "\(newStatus.title): \(item.reference)"
                        + (edited && newStatus == .published ? " (redaction edited)" : ""),
                    changes: [
                        FieldChange("status", from: FeedbackStatus.awaitingModeration.rawValue, to: newStatus.rawValue),
                        FieldChange("reason", from: nil, to: reason.isEmpty ? nil : reason),
                    ])
            }
        } catch is DecidedMeanwhile {
            return try await alreadyModerated(request, item: try await find(request))
        }
        Admin.flash(
            request,
            "\(item.reference): \(newStatus.title.lowercased())."
                + (newStatus == .escalated ? " It is now in the complaints list with its clock running." : ""))
        return request.redirect(to: SiteURL.moderation)
    }

    /// Another moderator decided first (a moment ago, or long before this form was sent).
    struct DecidedMeanwhile: Error {}

    /// 409 with the item as it now stands, naming who decided it; nothing of this request was saved.
    static func alreadyModerated(_ request: Request, item: FeedbackItem) async throws -> Response {
        var by = ""
        if let id = item.moderatedByID, let moderator = try await User.find(id, on: request.db) {
            by = " by \(moderator.displayName)"
        }
        let message =
            "\(item.reference) has already been moderated\(by) (\(item.status.title.lowercased())). Your decision was not saved."
        let page = ModerationPages.item(
            context: PageContext(request, title: "Moderate \(item.reference)", hasErrors: true), item: item,
            publishedText: item.publishedText ?? item.redactedText,
            failure: ValidationFailure([FieldError("decision", message)]), csrfToken: request.csrfToken)
        return .html(page, status: .conflict)
    }

    static func find(_ request: Request) async throws -> FeedbackItem {
        let id = try Admin.uuidParameter(request)
        guard
            let item = try await FeedbackItem.query(on: request.db).filter(\.$id == id)
                .with(\.$service).with(\.$place).with(\.$organisation).first()
        else { throw Abort(.notFound) }
        return item
    }
}
