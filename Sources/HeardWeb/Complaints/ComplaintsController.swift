import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Vapor

/// Complaints handling: the work queue by next deadline, and each case's acknowledgement, delay letter and
/// regulation 14 response. A complaint starts when a moderator escalates a feedback item.
enum ComplaintsController {

    enum Show: String, CaseIterable {
        case open, responded, all
        var title: String {
            switch self {
            case .open: "Open"
            case .responded: "Responded"
            case .all: "All"
            }
        }
    }

    @Sendable static func index(_ request: Request) async throws -> Response {
        try await listPage(request, period: ComplaintsCSV.Period(request))
    }

    /// The queue, with the figures for complaints received in `period` (and its problems, if any).
    static func listPage(_ request: Request, period: ComplaintsCSV.Period) async throws -> Response {
        let show = Show(rawValue: request.query[String.self, at: "show"] ?? "") ?? .open
        let mine = request.query[String.self, at: "handler"] == "me"
        var query = Complaint.query(on: request.db).with(\.$feedback) { $0.with(\.$service) }.with(\.$handler)
        if mine, let me = request.currentUser?.id { query = query.filter(\.$handler.$id == me) }
        switch show {
        case .open: query = query.filter(\.$respondedOn == nil).sort(\.$receivedOn, .ascending)
        case .responded: query = query.filter(\.$respondedOn != nil).sort(\.$respondedOn, .descending)
        case .all: query = query.sort(\.$receivedOn, .descending)
        }
        let total = try await query.count()
        let page = ListPage(requested: ListPage.requested(request), total: total)
        let figures = ComplaintFigures(
            try await Complaint.query(on: request.db).filter(\.$receivedOn >= period.from.iso)
                .filter(\.$receivedOn <= period.to.iso).all().map {
                    ComplaintFigures.Case(clock: $0.clock, outcome: $0.outcome)
                }, today: request.today)
        let complaints = try await query.range(page.range).all()
        // Within a page of open cases, the nearest deadline first.
        let rows =
            show == .open
            ? complaints.sorted { lhs, rhs in
                (Self.due(lhs, request) ?? lhs.clock.responseDue) < (Self.due(rhs, request) ?? rhs.clock.responseDue)
            } : complaints
        return .html(
            ComplaintPages.list(
                rows, figures: figures, period: period, today: request.today, show: show, mine: mine,
                page: page.number,
                pageCount: page.count, total: total,
                context: PageContext(request, title: "Complaints", hasErrors: period.failure != nil),
                notice: Admin.takeFlash(request)),
            status: period.failure == nil ? .ok : .unprocessableEntity)
    }

    /// Feedback a member of staff entered as a formal complaint (a letter, a call): escalated at once, with the
    /// clock running from the day it was received (regulation 13), which may be before it was typed in.
    static func openFromStaffEntry(
        feedbackID: UUID, channel: FeedbackChannel, receivedOn: SimpleDate, by user: User, _ request: Request
    )
        async throws -> Response
    {
        guard let item = try await FeedbackItem.find(feedbackID, on: request.db) else { throw Abort(.notFound) }
        let complaint = Complaint(feedbackID: feedbackID, receivedOn: receivedOn, createdByID: user.id)
        try await request.db.transaction { db in
            item.status = .escalated
            item.moderatedAt = Date()
            item.moderatedByID = user.id
            item.moderationNote = "Received as a formal complaint by \(channel.title.lowercased())."
            try await item.save(on: db)
            try await complaint.create(on: db)
            try await AuditLog.record(
                on: db, actor: Admin.actor(request), action: "complaint.opened", objectType: "complaint",
                objectID: complaint.id?.uuidString,
                summary:
                    "Opened complaint \(item.reference) received by \(channel.title.lowercased()) on \(receivedOn.ukText)",
                changes: [FieldChange("status", from: FeedbackStatus.awaitingModeration.rawValue, to: "escalated")])
        }
        let due = complaint.clock.acknowledgementDue.ukText
        Admin.flash(request, "Complaint saved: \(item.reference). Acknowledge it by \(due).")
        return request.redirect(
            to: StaffArea.complaints.allows(user.role)
                ? ComplaintURL.complaint(complaint.id!) : SiteURL.staffFeedbackNew)
    }

    static func due(_ complaint: Complaint, _ request: Request) -> SimpleDate? {
        complaint.clock.step(today: request.today).due
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        let complaint = try await find(request)
        return .html(try await page(complaint, request, notice: Admin.takeFlash(request), failure: nil, typed: [:]))
    }

    static func page(
        _ complaint: Complaint, _ request: Request, notice: String?, failure: ValidationFailure?,
        typed: [String: String]
    ) async throws -> String {
        ComplaintPages.show(
            complaint, today: request.today, handlers: try await handlers(on: request.db),
            context: PageContext(
                request, title: "Complaint \(complaint.feedback.reference)", hasErrors: failure != nil),
            notice: notice, failure: failure, typed: typed)
    }

    /// Who can handle a complaint: active staff whose role may use the complaints pages.
    static func handlers(on db: any Database) async throws -> [User] {
        try await User.query(on: db).filter(\.$isActive == true).sort(\.$displayName).all()
            .filter { StaffArea.complaints.allows($0.role) }
    }

    /// Gives the case to a handler (or takes it back to nobody), audited.
    @Sendable static func assign(_ request: Request) async throws -> Response {
        let complaint = try await find(request)
        let chosen = Admin.text(request, "handler_id")
        let handler = try await handlers(on: request.db).first { $0.id?.uuidString == chosen }
        guard handler != nil || chosen.isEmpty else {
            return try await refused(
                complaint, request, [FieldError("handler_id", "Choose a complaints handler from the list.")],
                typed: ["handler_id": chosen])
        }
        let before = complaint.$handler.id
        guard before != handler?.id else { return request.redirect(to: ComplaintURL.complaint(complaint.id!)) }
        complaint.$handler.id = handler?.id
        try await save(
            complaint, request, action: "complaint.assigned",
            summary: handler.map { "Gave \(complaint.feedback.reference) to \($0.displayName)" }
                ?? "Took \(complaint.feedback.reference) back to nobody",
            changes: [FieldChange("handler_id", from: before?.uuidString, to: handler?.id?.uuidString)])
        Admin.flash(
            request,
            handler.map { "\($0.displayName) is handling this complaint." } ?? "Nobody is handling this complaint now.")
        return request.redirect(to: ComplaintURL.complaint(complaint.id!))
    }

    struct AcknowledgementForm: Content {
        var acknowledgedOn: String?
        var acknowledgementNote: String?
        var agreedResponseBy: String?
        var eventOn: String?
        var lateReason: String?

        enum CodingKeys: String, CodingKey {
            case acknowledgedOn = "acknowledged_on", acknowledgementNote = "acknowledgement_note"
            case agreedResponseBy = "agreed_response_by", eventOn = "event_on", lateReason = "late_reason"
        }
    }

    @Sendable static func acknowledge(_ request: Request) async throws -> Response {
        let complaint = try await find(request)
        let form = try request.content.decode(AcknowledgementForm.self)
        let today = request.today
        let clock = complaint.clock
        let typed = [
            "acknowledged_on": form.acknowledgedOn ?? "", "acknowledgement_note": form.acknowledgementNote ?? "",
            "agreed_response_by": form.agreedResponseBy ?? "", "event_on": form.eventOn ?? "",
            "late_reason": form.lateReason ?? "",
        ]
        let note = (form.acknowledgementNote ?? "").trimmingWhitespace()
        let lateReason = (form.lateReason ?? "").trimmingWhitespace()
        var errors: [FieldError] = []
        if complaint.acknowledgedOn != nil {
            errors.append(FieldError("acknowledged_on", "The acknowledgement is already recorded."))
        }
        let acknowledgedOn = Admin.date(form.acknowledgedOn, field: "acknowledged_on", into: &errors)
        let agreed = Admin.date(form.agreedResponseBy, field: "agreed_response_by", into: &errors)
        let eventOn = Admin.date(form.eventOn, field: "event_on", into: &errors)
        if !errors.contains(where: { $0.field == "acknowledged_on" }) {
            errors += clock.acknowledgementProblems(on: acknowledgedOn, agreedResponseBy: agreed, today: today)
        }
        if note.isEmpty {
            errors.append(
                FieldError(
                    "acknowledgement_note",
                    "Say how the complaint will be handled and how long it is likely to take, as offered to the complainant (regulation 13)."
                ))
        }
        if let eventOn {
            if eventOn > clock.receivedOn {
                errors.append(FieldError("event_on", "The event cannot be after the complaint arrived."))
            } else if ComplaintClock.isOutsideTimeLimit(eventOn: eventOn, receivedOn: clock.receivedOn)
                && lateReason.isEmpty
            {
                errors.append(
                    FieldError(
                        "late_reason",
                        "This is more than 12 months after the event: say why it is still taken on (for example, the person could not complain sooner)."
                    ))
            }
        }
        guard errors.isEmpty, let acknowledgedOn else {
            return try await refused(complaint, request, errors, typed: typed)
        }
        complaint.acknowledgedOn = acknowledgedOn.iso
        complaint.acknowledgementNote = note
        complaint.agreedResponseBy = agreed?.iso
        complaint.eventOn = eventOn?.iso
        complaint.lateReason = lateReason
        // Whoever acknowledges a case nobody has taken on is handling it from now on.
        if complaint.$handler.id == nil { complaint.$handler.id = request.currentUser?.id }
        try await save(
            complaint, request, action: "complaint.acknowledged",
            summary: "Acknowledged \(complaint.feedback.reference) on \(acknowledgedOn.ukText)",
            changes: [
                FieldChange("acknowledged_on", from: nil, to: acknowledgedOn.iso),
                FieldChange("agreed_response_by", from: nil, to: agreed?.iso),
            ])
        Admin.flash(request, "Acknowledgement recorded. The response is due by \(complaint.clock.responseDue.ukText).")
        return request.redirect(to: ComplaintURL.complaint(complaint.id!))
    }

    struct DelayForm: Content {
        var delayExplainedOn: String?
        var delayReason: String?
        enum CodingKeys: String, CodingKey {
            case delayExplainedOn = "delay_explained_on", delayReason = "delay_reason"
        }
    }

    @Sendable static func explainDelay(_ request: Request) async throws -> Response {
        let complaint = try await find(request)
        let form = try request.content.decode(DelayForm.self)
        let typed = ["delay_explained_on": form.delayExplainedOn ?? "", "delay_reason": form.delayReason ?? ""]
        let reason = (form.delayReason ?? "").trimmingWhitespace()
        var errors: [FieldError] = []
        let date = Admin.date(form.delayExplainedOn, field: "delay_explained_on", into: &errors)
        if errors.isEmpty,
            let problem = complaint.clock.dateProblem(
                date, field: "delay_explained_on", sent: "letter", today: request.today)
        {
            errors.append(problem)
        }
        if let problem = RecordedReason.problem(reason, ask: "Say why the response is late.") {
            errors.append(FieldError("delay_reason", problem))
        }
        if let acknowledged = complaint.acknowledgedOn.flatMap(SimpleDate.init(iso:)) {
            if let date, date < acknowledged {
                errors.append(
                    FieldError(
                        "delay_explained_on",
                        "The delay letter cannot be dated before the acknowledgement (\(acknowledged.ukText))."))
            }
        } else {
            errors.append(
                FieldError("delay_explained_on", "Acknowledge the complaint first, then explain any delay."))
        }
        if complaint.respondedOn != nil {
            errors.append(FieldError("delay_explained_on", "The response has already been sent."))
        }
        guard errors.isEmpty, let date else {
            return try await refused(complaint, request, errors, typed: typed)
        }
        complaint.delayExplainedOn = date.iso
        complaint.delayReason = reason
        try await save(
            complaint, request, action: "complaint.delay_explained",
            summary: "Told the complainant why \(complaint.feedback.reference) is late",
            changes: [FieldChange("delay_explained_on", from: nil, to: date.iso)])
        Admin.flash(request, "Delay letter recorded.")
        return request.redirect(to: ComplaintURL.complaint(complaint.id!))
    }

    struct ResponseForm: Content {
        var respondedOn: String?
        var howConsidered: String?
        var conclusions: String?
        var remedialAction: String?
        var ombudsmanRightGiven: String?
        var outcome: String?
        enum CodingKeys: String, CodingKey {
            case respondedOn = "responded_on", howConsidered = "how_considered", conclusions, outcome
            case remedialAction = "remedial_action", ombudsmanRightGiven = "ombudsman_right_given"
        }
    }

    @Sendable static func respond(_ request: Request) async throws -> Response {
        let complaint = try await find(request)
        let form = try request.content.decode(ResponseForm.self)
        let typed = [
            "responded_on": form.respondedOn ?? "", "how_considered": form.howConsidered ?? "",
            "conclusions": form.conclusions ?? "", "remedial_action": form.remedialAction ?? "",
            "ombudsman_right_given": form.ombudsmanRightGiven ?? "", "outcome": form.outcome ?? "",
        ]
        // Once responded, the record stands: nothing else on the form is worth checking.
        if let respondedOn = complaint.respondedOn {
            let already = FieldError(
                "responded_on",
                "The response is already recorded (sent on \(SimpleDate(iso: respondedOn)?.ukText ?? respondedOn)).")
            return try await refused(complaint, request, [already], typed: typed)
        }
        var errors: [FieldError] = []
        let date = Admin.date(form.respondedOn, field: "responded_on", into: &errors)
        let response = ComplaintResponse(
            respondedOn: date, howConsidered: form.howConsidered ?? "", conclusions: form.conclusions ?? "",
            remedialAction: form.remedialAction ?? "", ombudsmanRightGiven: form.ombudsmanRightGiven == "yes",
            outcome: ComplaintOutcome(rawValue: form.outcome ?? ""))
        errors += response.problems(clock: complaint.clock, today: request.today).filter { problem in
            // A date that did not parse is already reported once.
            !(problem.field == "responded_on" && date == nil && errors.contains { $0.field == "responded_on" })
        }
        guard errors.isEmpty, let date else {
            return try await refused(complaint, request, errors, typed: typed)
        }
        complaint.respondedOn = date.iso
        complaint.howConsidered = response.howConsidered
        complaint.conclusions = response.conclusions
        complaint.remedialAction = response.remedialAction
        complaint.ombudsmanRightGiven = true
        complaint.outcome = response.outcome
        try await save(
            complaint, request, action: "complaint.responded",
            summary: "Responded to \(complaint.feedback.reference) on \(date.ukText)",
            changes: [
                FieldChange("responded_on", from: nil, to: date.iso),
                FieldChange("outcome", from: nil, to: response.outcome?.rawValue),
            ])
        Admin.flash(request, "Response recorded. Raise an action if the complaint showed something to change.")
        return request.redirect(to: ComplaintURL.complaint(complaint.id!))
    }

    /// The case page again with every problem listed and what was typed kept; nothing saved.
    static func refused(
        _ complaint: Complaint, _ request: Request, _ errors: [FieldError], typed: [String: String]
    ) async throws
        -> Response
    {
        .html(
            try await page(complaint, request, notice: nil, failure: ValidationFailure(errors), typed: typed),
            status: .unprocessableEntity)
    }

    static func save(
        _ complaint: Complaint, _ request: Request, action: String, summary: String, changes: [FieldChange]
    ) async throws {
        try await request.db.transaction { db in
            try await complaint.save(on: db)
            try await AuditLog.record(
                on: db, actor: Admin.actor(request), action: action, objectType: "complaint",
                objectID: complaint.id?.uuidString, summary: summary, changes: changes)
        }
    }

    static func find(_ request: Request) async throws -> Complaint {
        let id = try Admin.uuidParameter(request)
        guard
            let complaint = try await Complaint.query(on: request.db).filter(\.$id == id)
                .with(\.$feedback, { $0.with(\.$service) }).with(\.$handler).first()
        else { throw Abort(.notFound) }
        return complaint
    }
}

enum ComplaintURL {
    static let complaints = "/staff/complaints"
    static func complaint(_ id: UUID) -> String { "\(complaints)/\(id.uuidString.lowercased())" }
}
