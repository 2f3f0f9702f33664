import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Vapor

/// Complaints handling: the work queue by next deadline, and each case's acknowledgement, delay letter and
/// regulation 14 response. A complaint starts when a moderator escalates a feedback item.
enum ComplaintsController {

    @Sendable static func index(_ request: Request) async throws -> Response {
        try await listPage(request, period: ComplaintsCSV.Period(request))
    }

    /// The queue, with the figures for complaints received in `period` (and its problems, if any).
    static func listPage(_ request: Request, period: ComplaintsCSV.Period) async throws -> Response {
        let list = ComplaintsList(request)
        let ordered = try await list.ordered(
            today: request.today, user: request.currentUser?.id, received: period.listRange, on: request.db)
        let page = ListPage(requested: ListPage.requested(request), total: ordered.count)
        let figures = ComplaintFigures(
            try await Complaint.query(on: request.db).filter(\.$receivedOn >= period.from.iso)
                .filter(\.$receivedOn <= period.to.iso).with(\.$reopenings).all().map {
                    // The first response as sent: reopening later does not change past figures.
                    ComplaintFigures.Case(
                        clock: $0.reportedClock, outcome: $0.reportedOutcome, reopened: !$0.reopenings.isEmpty,
                        ombudsmanReferred: $0.ombudsmanReferredOn != nil, ombudsmanOutcome: $0.ombudsmanOutcome)
                }, today: request.today)
        let rows = try await ComplaintsList.loaded(
            Array(ordered[page.range.clamped(to: 0..<ordered.count)]), on: request.db)
        return .html(
            ComplaintPages.list(
                rows, figures: figures, period: period, today: request.today, list: list, page: page.number,
                pageCount: page.count, total: ordered.count,
                context: PageContext(request, title: "Complaints", hasErrors: period.failure != nil),
                notice: list.problems.notice(request)),
            status: period.failure == nil ? .ok : .unprocessableEntity)
    }

    /// Feedback a member of staff entered as a formal complaint (a letter, a call): escalated at once, with the
    /// clock running from the day it was received (regulation 13), which may be before it was typed in.
    /// Opens a complaint on feedback just received: typed in by staff (`user`), or sent by the person on the
    /// public form, when the complaints team is told by e-mail at once (the 3-day clock has started).
    @discardableResult
    static func open(
        feedbackID: UUID, channel: FeedbackChannel, receivedOn: SimpleDate, by user: User?,
        standing: ComplainantStanding = .personAffected, _ request: Request
    ) async throws -> (FeedbackItem, Complaint) {
        guard let item = try await FeedbackItem.find(feedbackID, on: request.db) else { throw Abort(.notFound) }
        let complaint = Complaint(feedbackID: feedbackID, receivedOn: receivedOn, createdByID: user?.id)
        complaint.record(standing)
        let siteURL = request.heardConfiguration.publicURL
        try await request.db.writeTransaction { db in
            item.status = .escalated
            item.moderatedAt = Date()
            item.moderatedByID = user?.id
            item.moderationNote =
                user == nil
                ? "Sent as a formal complaint on the feedback form."
                : "Received as a formal complaint by \(channel.title.lowercased())."
            try await item.save(on: db)
            try await complaint.create(on: db)
            try await AuditLog.record(
                on: db, actor: user == nil ? AuditActor(id: nil, label: "public") : Admin.actor(request),
                action: "complaint.opened", objectType: "complaint", objectID: complaint.id?.uuidString,
                summary:
                    "Opened complaint \(item.reference) received by \(channel.title.lowercased()) on \(receivedOn.ukText)",
                changes: [
                    FieldChange("status", from: FeedbackStatus.awaitingModeration.rawValue, to: "escalated"),
                    FieldChange("complainant_type", from: nil, to: complaint.complainantType),
                    FieldChange("representative_basis", from: nil, to: complaint.representativeBasis),
                ])
            guard user == nil else { return }
            let handlers = try await User.query(on: db).filter(\.$role == .complaintsHandler)
                .filter(\.$isActive == true).all()
            for handler in handlers {
                // The reference, not the words: e-mail is not the place for what a complaint says.
                try await Notice(
                    to: handler.email, subject: "New complaint: \(item.reference)",
                    body: """
                        A formal complaint (\(item.reference)) was sent on the feedback form on \(receivedOn.ukText).

                        Acknowledge it by \(complaint.clock.acknowledgementDue.ukText) (3 working days): \(siteURL + ComplaintURL.complaint(complaint.id!))
                        """,
                    kind: "complaint_received", feedbackID: item.id
                ).create(on: db)
            }
        }
        return (item, complaint)
    }

    static func openFromStaffEntry(
        feedbackID: UUID, channel: FeedbackChannel, receivedOn: SimpleDate, by user: User,
        standing: ComplainantStanding, _ request: Request
    )
        async throws -> Response
    {
        let (item, complaint) = try await open(
            feedbackID: feedbackID, channel: channel, receivedOn: receivedOn, by: user, standing: standing, request)
        let due = complaint.clock.acknowledgementDue.ukText
        Admin.flash(request, "Complaint saved: \(item.reference). Acknowledge it by \(due).")
        return request.redirect(
            to: StaffArea.complaints.allows(user.role)
                ? ComplaintURL.complaint(complaint.id!) : SiteURL.staffFeedbackNew)
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

    /// Changes who is complaining (regulation 5): most often, that the person affected has now agreed to the
    /// representative complaining for them, so their records may be shared. Audited with each answer changed.
    @Sendable static func changeStanding(_ request: Request) async throws -> Response {
        let complaint = try await find(request)
        let typed = [
            "complainant_type": Admin.text(request, "complainant_type"),
            "representative_relationship": Admin.text(request, "representative_relationship"),
            "representative_basis": Admin.text(request, "representative_basis"),
        ]
        // No answer at all is a form that lost its fields, not "the person affected".
        guard !typed["complainant_type"]!.isEmpty else {
            return try await refused(
                complaint, request,
                [
                    FieldError(
                        "complainant_type",
                        "Say whether the complainant is the person affected or complaining for someone else.")
                ],
                typed: typed)
        }
        let (read, problems) = ComplainantStanding.read(
            type: typed["complainant_type"], relationship: typed["representative_relationship"],
            basis: typed["representative_basis"], you: false)
        guard let standing = read else { return try await refused(complaint, request, problems, typed: typed) }
        let before = complaint.standing
        guard standing != before else {
            Admin.flash(request, "Nothing changed: who is complaining is as it was.")
            return request.redirect(to: ComplaintURL.complaint(complaint.id!))
        }
        complaint.record(standing)
        let reference = complaint.feedback.reference
        try await save(
            complaint, request, action: "complaint.complainant_changed",
            // How they know the person stays on the case, not in the audit log, like when the case was opened.
            summary: "Changed who is complaining on \(reference): "
                + (standing.basis.map { "for someone else, \($0.caseText)" } ?? "the person affected"),
            changes: [
                FieldChange("complainant_type", from: before.type.rawValue, to: standing.type.rawValue),
                FieldChange("representative_basis", from: before.basis?.rawValue, to: standing.basis?.rawValue),
            ].filter { $0.from != $0.to })
        Admin.flash(
            request,
            before.basis?.needsConsent == true && standing.basis?.needsConsent != true
                ? "Recorded: \(standing.summary). Their records may now be shared with the complainant."
                : "Who is complaining is now: \(standing.summary).")
        return request.redirect(to: ComplaintURL.complaint(complaint.id!))
    }

    struct AcknowledgementForm: Content {
        var acknowledgedOn: String?
        var acknowledgementNote: String?
        var agreedResponseBy: String?
        var eventOn: String?
        var lateReason: String?
        var lateStillFair: String?

        enum CodingKeys: String, CodingKey {
            case acknowledgedOn = "acknowledged_on", acknowledgementNote = "acknowledgement_note"
            case agreedResponseBy = "agreed_response_by", eventOn = "event_on", lateReason = "late_reason"
            case lateStillFair = "late_still_fair"
        }
    }

    @Sendable static func acknowledge(_ request: Request) async throws -> Response {
        let complaint = try await find(request)
        // A stale tab: the acknowledgement form is no longer on the page, so say so plainly.
        if complaint.acknowledgedOn != nil || complaint.respondedOn != nil || complaint.closedOn != nil {
            return try await ComplaintStepRecording.alreadyRecorded(request)
        }
        let form = try request.content.decode(AcknowledgementForm.self)
        let today = request.today
        let clock = complaint.clock
        let typed = [
            "acknowledged_on": form.acknowledgedOn ?? "", "acknowledgement_note": form.acknowledgementNote ?? "",
            "agreed_response_by": form.agreedResponseBy ?? "", "event_on": form.eventOn ?? "",
            "late_reason": form.lateReason ?? "", "late_still_fair": form.lateStillFair ?? "",
        ]
        let note = (form.acknowledgementNote ?? "").trimmingWhitespace()
        let late = LateComplaint(reason: form.lateReason ?? "", stillFair: form.lateStillFair == "yes")
        let lateReason = late.reason
        var errors: [FieldError] = []
        let acknowledgedOn = Admin.date(form.acknowledgedOn, field: "acknowledged_on", into: &errors)
        let agreed = Admin.date(form.agreedResponseBy, field: "agreed_response_by", into: &errors)
        let eventOn = Admin.date(form.eventOn, field: "event_on", into: &errors)
        if !errors.contains(where: { $0.field == "acknowledged_on" }) {
            errors += clock.acknowledgementProblems(
                on: acknowledgedOn, agreedResponseBy: agreed, today: today,
                furtherResponseAgreed: !complaint.reopenings.isEmpty)
        }
        if note.isEmpty {
            errors.append(
                FieldError(
                    "acknowledgement_note",
                    "Say how the complaint will be handled and how long it is likely to take, as offered to the complainant (regulation 13)."
                ))
        } else if let problem = TextLimit.problem(note, limit: TextLimit.complaintRecord, what: "the note") {
            errors.append(FieldError("acknowledgement_note", problem))
        }
        if let problem = TextLimit.problem(lateReason, limit: TextLimit.reason, what: "the reason") {
            errors.append(FieldError("late_reason", problem))
        }
        errors += late.problems(eventOn: eventOn, receivedOn: clock.receivedOn)
            .filter { problem in !errors.contains { $0.field == problem.field } }
        guard errors.isEmpty, let acknowledgedOn else {
            return try await refused(complaint, request, errors, typed: typed)
        }
        complaint.acknowledgedOn = acknowledgedOn.iso
        complaint.acknowledgementNote = note
        // Never cleared here: a complaint reopened before it was acknowledged keeps its further response date.
        if let agreed { complaint.agreedResponseBy = agreed.iso }
        complaint.eventOn = eventOn?.iso
        complaint.lateReason = lateReason
        // The confirmation goes with the reason: without one there is nothing late to confirm.
        complaint.lateStillFair = late.stillFair && !lateReason.isEmpty
        // Whoever acknowledges a case nobody has taken on is handling it from now on.
        if complaint.$handler.id == nil { complaint.$handler.id = request.currentUser?.id }
        do {
            try await ComplaintStepRecording.record(
                .acknowledgement, value: acknowledgedOn.iso, complaint: complaint, request,
                summary: "Acknowledged \(complaint.feedback.reference) on \(acknowledgedOn.ukText)",
                changes: [
                    FieldChange("acknowledged_on", from: nil, to: acknowledgedOn.iso),
                    FieldChange("agreed_response_by", from: nil, to: agreed?.iso),
                    FieldChange("event_on", from: nil, to: eventOn?.iso),
                    // Regulation 12(4)(b): that a late complaint was taken on with a reason, and confirmed as
                    // still fair to investigate. The reason's own words stay on the case, as they may say why
                    // the person could not complain (their health).
                    FieldChange("late_reason_given", from: nil, to: lateReason.isEmpty ? nil : "yes"),
                    FieldChange("late_still_fair", from: nil, to: complaint.lateStillFair ? "yes" : nil),
                ].filter { $0.to != nil })
        } catch is ComplaintStepRecording.RecordedMeanwhile {
            return try await ComplaintStepRecording.alreadyRecorded(request)
        }
        Admin.flash(
            request,
            "Acknowledgement recorded. The \(complaint.reopenings.isEmpty ? "response" : "further response") is due by \(complaint.clock.responseDue.ukText)."
        )
        return request.redirect(to: ComplaintURL.complaint(complaint.id!))
    }

    struct DelayForm: Content {
        var delayExplainedOn: String?
        var delayReason: String?
        var responseExpectedBy: String?
        /// The latest delay letter's date when the form was shown (empty for none), so a letter recorded
        /// meanwhile by someone else is not overwritten.
        var previousLetter: String?
        enum CodingKeys: String, CodingKey {
            case delayExplainedOn = "delay_explained_on", delayReason = "delay_reason"
            case responseExpectedBy = "response_expected_by", previousLetter = "previous_letter"
        }
    }

    /// Records a letter telling the complainant why the response is late and when they can now expect it
    /// (regulation 14). Each letter is kept; the clock then runs to the new date.
    @Sendable static func explainDelay(_ request: Request) async throws -> Response {
        let complaint = try await find(request)
        let form = try request.content.decode(DelayForm.self)
        let previous = form.previousLetter.map { $0.isEmpty ? nil : $0 } ?? complaint.delayExplainedOn
        if complaint.respondedOn != nil || complaint.closedOn != nil || previous != complaint.delayExplainedOn {
            return try await ComplaintStepRecording.alreadyRecorded(request)
        }
        let typed = [
            "delay_explained_on": form.delayExplainedOn ?? "", "delay_reason": form.delayReason ?? "",
            "response_expected_by": form.responseExpectedBy ?? "",
        ]
        let reason = (form.delayReason ?? "").trimmingWhitespace()
        var errors: [FieldError] = []
        let date = Admin.date(form.delayExplainedOn, field: "delay_explained_on", into: &errors)
        let expectedBy = Admin.date(form.responseExpectedBy, field: "response_expected_by", into: &errors)
        errors += complaint.clock.delayLetterProblems(on: date, expectedBy: expectedBy, today: request.today)
            .filter { problem in !errors.contains { $0.field == problem.field } }
        if let problem = RecordedReason.problem(reason, ask: "Say why the response is late.") {
            errors.append(FieldError("delay_reason", problem))
        }
        guard errors.isEmpty, let date, let expectedBy else {
            return try await refused(complaint, request, errors, typed: typed)
        }
        let dueBefore = complaint.clock.responseDue
        complaint.delayExplainedOn = date.iso
        complaint.delayReason = reason
        complaint.responseExpectedBy = expectedBy.iso
        let letter = ComplaintDelayLetter(
            complaintID: complaint.id!, sentOn: date.iso, reason: reason, responseExpectedBy: expectedBy.iso,
            recordedByID: request.currentUser?.id)
        do {
            try await ComplaintStepRecording.record(
                .delayLetter(previous: previous), value: date.iso, complaint: complaint, request,
                summary:
                    "Told the complainant why \(complaint.feedback.reference) is late; response now expected by \(expectedBy.ukText)",
                changes: [
                    FieldChange("delay_explained_on", from: previous, to: date.iso),
                    FieldChange("response_due", from: dueBefore.iso, to: expectedBy.iso),
                ],
                also: { db in try await letter.create(on: db) })
        } catch is ComplaintStepRecording.RecordedMeanwhile {
            return try await ComplaintStepRecording.alreadyRecorded(request)
        }
        Admin.flash(request, "Delay letter recorded. The response is now due by \(expectedBy.ukText).")
        return request.redirect(to: ComplaintURL.complaint(complaint.id!))
    }

    struct ExtensionForm: Content {
        var newResponseBy: String?
        var agreedOn: String?
        var reason: String?
        enum CodingKeys: String, CodingKey {
            case newResponseBy = "new_response_by", agreedOn = "agreed_on", reason
        }
    }

    /// A later response date agreed with the complainant before the current one passed (regulation 14(4)(b)):
    /// the response is then judged against it, as against a date agreed at acknowledgement.
    @Sendable static func extend(_ request: Request) async throws -> Response {
        let complaint = try await find(request)
        guard complaint.respondedOn == nil, complaint.closedOn == nil else {
            return try await ComplaintStepRecording.alreadyRecorded(request)
        }
        let form = try request.content.decode(ExtensionForm.self)
        let typed = [
            "new_response_by": form.newResponseBy ?? "", "agreed_on": form.agreedOn ?? "", "reason": form.reason ?? "",
        ]
        var errors: [FieldError] = []
        let agreedOn = Admin.date(form.agreedOn, field: "agreed_on", into: &errors)
        let newDate = Admin.date(form.newResponseBy, field: "new_response_by", into: &errors)
        errors += complaint.clock.extensionProblems(agreedOn: agreedOn, newDate: newDate, today: request.today)
            .filter { problem in !errors.contains { $0.field == problem.field } }
        let reason = (form.reason ?? "").trimmingWhitespace()
        // Kept in the audit log with the new date: never published, and not sent to the complainant.
        if let problem = RecordedReason.problem(
            reason, ask: "Say why more time was agreed.", reader: RecordedReason.recordReader)
        {
            errors.append(FieldError("reason", problem))
        }
        guard errors.isEmpty, let agreedOn, let newDate else {
            return try await refused(complaint, request, errors, typed: typed)
        }
        let before = complaint.clock.originalResponseDue
        complaint.agreedResponseBy = newDate.iso
        let agreement = ComplaintExtension(
            complaintID: complaint.id!, agreedOn: agreedOn.iso, fromDate: before.iso, toDate: newDate.iso,
            reason: reason, recordedByID: request.currentUser?.id)
        try await request.db.writeTransaction { db in
            try await complaint.update(on: db)
            try await agreement.create(on: db)
            try await AuditLog.record(
                on: db, actor: Admin.actor(request), action: "complaint.response_date_agreed", objectType: "complaint",
                objectID: complaint.id?.uuidString,
                summary:
                    "Agreed with the complainant on \(agreedOn.ukText) to respond to \(complaint.feedback.reference) by \(newDate.ukText): \(reason)",
                changes: [FieldChange("response_due", from: before.iso, to: newDate.iso)])
        }
        Admin.flash(request, "New response date recorded. The response is now due by \(newDate.ukText).")
        return request.redirect(to: ComplaintURL.complaint(complaint.id!))
    }

    struct ResponseForm: Content {
        var respondedOn: String?
        var howConsidered: String?
        var conclusions: String?
        var remedialAction: String?
        var ombudsmanRightGiven: String?
        var outcome: String?
        /// While the person affected has not agreed (regulation 5), the handler's confirmation that the
        /// response shares nothing about them.
        var sharesNothing: String?
        enum CodingKeys: String, CodingKey {
            case respondedOn = "responded_on", howConsidered = "how_considered", conclusions, outcome
            case remedialAction = "remedial_action", ombudsmanRightGiven = "ombudsman_right_given"
            case sharesNothing = "shares_nothing"
        }
    }

    @Sendable static func respond(_ request: Request) async throws -> Response {
        let complaint = try await find(request)
        let form = try request.content.decode(ResponseForm.self)
        let typed = [
            "responded_on": form.respondedOn ?? "", "how_considered": form.howConsidered ?? "",
            "conclusions": form.conclusions ?? "", "remedial_action": form.remedialAction ?? "",
            "ombudsman_right_given": form.ombudsmanRightGiven ?? "", "outcome": form.outcome ?? "",
            "shares_nothing": form.sharesNothing ?? "",
        ]
        // Once responded or closed, the record stands: nothing else on the form is worth checking.
        if complaint.respondedOn != nil || complaint.closedOn != nil {
            return try await ComplaintStepRecording.alreadyRecorded(request)
        }
        var errors: [FieldError] = []
        let date = Admin.date(form.respondedOn, field: "responded_on", into: &errors)
        let response = ComplaintResponse(
            respondedOn: date, howConsidered: form.howConsidered ?? "", conclusions: form.conclusions ?? "",
            remedialAction: form.remedialAction ?? "", ombudsmanRightGiven: form.ombudsmanRightGiven == "yes",
            outcome: ComplaintOutcome(rawValue: form.outcome ?? ""))
        errors += response.problems(clock: complaint.clock, today: request.today, ombudsman: complaint.ombudsman)
            .filter { problem in
                // A date that did not parse is already reported once.
                !(problem.field == "responded_on" && date == nil && errors.contains { $0.field == "responded_on" })
            }
        // Regulation 5: until the person affected agrees, nothing about them goes to the representative. The
        // response goes to the complainant, so it waits for their agreement unless it shares nothing about them.
        let waitingForConsent = complaint.standing.basis?.needsConsent == true
        let confirmedSharesNothing = waitingForConsent && form.sharesNothing == "yes"
        if waitingForConsent && !confirmedSharesNothing {
            errors.append(
                FieldError(
                    "shares_nothing",
                    "The person affected has not agreed to the complainant having their information (regulation 5), and the complaint page says their records must not be shared. Record their agreement under “Record that the person affected has agreed” first, or, if the response says nothing about them, tick “The response shares nothing about the person affected”."
                ))
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
        do {
            try await ComplaintStepRecording.record(
                .response, value: date.iso, complaint: complaint, request,
                summary: "Responded to \(complaint.feedback.reference) on \(date.ukText)"
                    + (confirmedSharesNothing
                        ? "; the person affected has not agreed yet, and the handler confirmed the response shares nothing about them"
                        : ""),
                changes: [
                    FieldChange("responded_on", from: nil, to: date.iso),
                    FieldChange("outcome", from: nil, to: response.outcome?.rawValue),
                ]
                    + (confirmedSharesNothing
                        ? [FieldChange("shares_nothing_about_person_affected", from: nil, to: "confirmed")] : []))
        } catch is ComplaintStepRecording.RecordedMeanwhile {
            return try await ComplaintStepRecording.alreadyRecorded(request)
        }
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
        try await request.db.writeTransaction { db in
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
                .with(\.$feedback, { $0.with(\.$service) { $0.with(\.$organisation) } }).with(\.$handler)
                .with(\.$delayLetters).with(\.$extensions)
                .with(\.$reopenings).first()
        else { throw Abort(.notFound) }
        return complaint
    }
}

enum ComplaintURL {
    static let complaints = "/staff/complaints"
    /// The open complaints with a step overdue: what the dashboard counts.
    static let overdue = complaints + "?overdue=yes"
    static func complaint(_ id: UUID) -> String { "\(complaints)/\(id.uuidString.lowercased())" }
}
