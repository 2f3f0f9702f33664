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
        /// How to reach the person, typed by the moderator when escalating feedback that has no contact details.
        var contactName: String?
        var contactEmail: String?
        var contactPhone: String?

        enum CodingKeys: String, CodingKey {
            case decision, reason
            case publishedText = "published_text"
            case contactName = "contact_name", contactEmail = "contact_email", contactPhone = "contact_phone"
        }

        var contact: [String: String] {
            [
                "contact_name": contactName ?? "", "contact_email": contactEmail ?? "",
                "contact_phone": contactPhone ?? "",
            ]
        }
    }

    @Sendable static func queue(_ request: Request) async throws -> Response {
        let filters = QueueFilters(request)
        let (query, problems) = try await filters.apply(
            to: FeedbackItem.query(on: request.db).filter(\.$status == .awaitingModeration), on: request.db)
        let total = try await query.count()
        // Read on its own: a page that is not a number shows the first page rather than an error.
        let page = ListPage(requested: request.query[Int.self, at: "page"], total: total)
        let items = try await query.with(\.$service).with(\.$place)
            // Urgent first; then what the engine could not read, since a risk in another language raised no flag.
            .sort(\.$isUrgent, .descending).sort(\.$mayNotBeEnglish, .descending).sort(\.$receivedAt, .ascending)
            .sort(\.$id)
            .range(page.range).all()
        return .html(
            ModerationPages.queue(
                context: PageContext(request, title: "Moderation"), items: items, total: total, page: page,
                filters: filters, choices: try await .load(on: request.db),
                notice: problems.notice(request)))
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        try await render(request, item: try await find(request))
    }

    /// The item page: the decision form while it waits, what was decided after, and for a published story
    /// the forms to change or withdraw it.
    static func render(
        _ request: Request, item: FeedbackItem, failure: ValidationFailure? = nil, publishedText: String? = nil,
        reason: String = "", published: ModerationPages.PublishedForms = .init(), contact: [String: String] = [:],
        status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let ids = [item.moderatedByID, item.withdrawnByID].compactMap { $0 }
        let names =
            ids.isEmpty
            ? [:]
            : Dictionary(
                try await User.query(on: request.db).filter(\.$id ~~ ids).all().map { ($0.id!, $0.displayName) },
                uniquingKeysWith: { first, _ in first })
        let page = ModerationPages.item(
            context: PageContext(request, title: "Moderate \(item.reference)", hasErrors: failure != nil), item: item,
            publishedText: publishedText ?? item.publishedText ?? PublishedSuggestion.text(for: item), failure: failure,
            csrfToken: request.csrfToken, reason: reason, published: published, contact: contact, names: names,
            notice: failure == nil ? Admin.takeFlash(request) : nil,
            lateClock: lateClockWarning(item, today: request.today),
            complaintFile: request.currentUser.flatMap { ComplaintFile.refusal(item, for: $0.role) })
        return .html(page, status: status)
    }

    /// Escalated, this feedback becomes a complaint whose clock runs from the day it arrived (regulation 13):
    /// when that is long enough ago for the acknowledgement to be late already, the moderator is told first.
    static func lateClockWarning(_ item: FeedbackItem, today: SimpleDate) -> String? {
        let clock = ComplaintClock(receivedOn: DecisionClock.ukDay(of: item.receivedAt))
        guard clock.acknowledgementDue < today else { return nil }
        return
            "If you escalate it, the complaint's clock starts on the day it arrived, \(clock.receivedOn.ukText), so its acknowledgement (due by \(clock.acknowledgementDue.ukText)) will already be late: acknowledge it at once and say why in the reason."
    }

    @Sendable static func decide(_ request: Request) async throws -> Response {
        let item = try await find(request)
        let form = try request.content.decode(Form.self)
        // Direction controls would let the published words show in another order than they were written.
        let text = (form.publishedText ?? "").removingBidiControls().trimmingWhitespace()
        let reason = (form.reason ?? "").trimmingWhitespace()
        let decision: ModerationDecision
        switch form.decision {
        case "approve": decision = .approve(publishedText: text)
        case "reject": decision = .reject(reason: reason)
        case "escalate": decision = .escalate(reason: reason)
        case "keep_private": decision = .keepPrivate(reason: reason)
        default: throw Abort(.badRequest, reason: "Choose approve, keep private, reject or escalate.")
        }
        if case .escalate = decision, item.status == .awaitingModeration {
            // A complaint is answered in writing: refuse one there is no way to send to.
            let problems = ComplaintContact.problems(
                name: form.contactName ?? "", email: form.contactEmail ?? "", phone: form.contactPhone ?? "",
                needed: !ComplaintContact.isReachable(
                    name: item.contactName, email: item.contactEmail, phone: item.contactPhone))
            if !problems.isEmpty {
                return try await render(
                    request, item: item, failure: ValidationFailure(problems), publishedText: text, reason: reason,
                    contact: form.contact, status: .unprocessableEntity)
            }
            func typed(_ value: String?) -> String? {
                let trimmed = (value ?? "").trimmingWhitespace()
                return trimmed.isEmpty ? nil : trimmed
            }
            if let name = typed(form.contactName) { item.contactName = name }
            if let email = typed(form.contactEmail) { item.contactEmail = EmailAddress.normalised(email) }
            if let phone = typed(form.contactPhone) { item.contactPhone = phone }
        }
        let left = request.listeningEngine.personalDataFound(in: text, suggestingPlaceholder: true)
        let outcome = decision.outcome(
            currentStatus: item.status, consentToPublish: item.consentToPublish, personalDataInPublishedText: left,
            suggestedLength: PublishedSuggestion.text(for: item).count)
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
            return try await render(
                request, item: item, failure: ValidationFailure([FieldError(field, refusal.description)]),
                publishedText: text.isEmpty ? PublishedSuggestion.text(for: item) : text, reason: reason,
                status: .unprocessableEntity)
        }
        // A reason to reject or escalate is kept in the audit log, which cannot be changed: like a withdrawal's,
        // it must not repeat the personal data it is about.
        if !reason.isEmpty {
            let found = request.listeningEngine.personalDataFound(in: reason)
            if !found.isEmpty {
                return try await render(
                    request, item: item,
                    failure: ValidationFailure([
                        FieldError("reason", PublishedStoryChange.Refusal.personalDataInReason(found).description)
                    ]),
                    publishedText: text.isEmpty ? PublishedSuggestion.text(for: item) : text, reason: reason,
                    contact: form.contact, status: .unprocessableEntity)
            }
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
        let edited = text != PublishedSuggestion.text(for: item)
        do {
            try await request.db.writeTransaction { db in
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
        let by = try await displayName(item.moderatedByID, on: request.db).map { " by \($0)" } ?? ""
        return try await render(
            request, item: item,
            failure: ValidationFailure([
                FieldError(
                    "decision",
                    "\(item.reference) has already been moderated\(by) (\(item.status.title.lowercased())). Your decision was not saved."
                )
            ]), status: .conflict)
    }

    /// 409 for a change to a published story that is no longer published (withdrawn meanwhile, or never
    /// published).
    static func notPublished(_ request: Request, item: FeedbackItem) async throws -> Response {
        let who = item.status == .withdrawn ? item.withdrawnByID : item.moderatedByID
        let by = try await displayName(who, on: request.db).map { " by \($0)" } ?? ""
        return try await render(
            request, item: item,
            failure: ValidationFailure([
                FieldError(
                    "decision",
                    "\(item.reference) is not published: it was \(item.status.title.lowercased())\(by). Nothing was changed."
                )
            ]), status: .conflict)
    }

    static func displayName(_ id: UUID?, on db: any Database) async throws -> String? {
        guard let id else { return nil }
        return try await User.find(id, on: db)?.displayName
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
