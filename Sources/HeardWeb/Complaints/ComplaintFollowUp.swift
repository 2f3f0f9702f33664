import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Vapor

/// What can happen after a complaint's response or closure: reopening it (the complainant is not satisfied and
/// local resolution continues, or it was closed in error) and the complainant going to the Ombudsman.
enum ComplaintFollowUp {
    struct ReopenForm: Content {
        var reason: String?
        var reopenedOn: String?
        var newResponseBy: String?
        var note: String?
        enum CodingKeys: String, CodingKey {
            case reason = "reopen_reason", reopenedOn = "reopened_on", newResponseBy = "reopen_response_by"
            case note = "reopen_note"
        }
    }

    /// Takes the case up again: the response or closure is cleared (kept on the reopening row and in the audit
    /// log), the new agreed date becomes the one due, and the case is back in the open and overdue lists.
    @Sendable static func reopen(_ request: Request) async throws -> Response {
        let complaint = try await ComplaintsController.find(request)
        guard let finished = (complaint.respondedOn ?? complaint.closedOn).flatMap(SimpleDate.init(iso:)) else {
            return try await ComplaintStepRecording.alreadyRecorded(request)
        }
        let form = try request.content.decode(ReopenForm.self)
        let typed = [
            "reopen_reason": form.reason ?? "", "reopened_on": form.reopenedOn ?? "",
            "reopen_response_by": form.newResponseBy ?? "", "reopen_note": form.note ?? "",
        ]
        var errors: [FieldError] = []
        let reopenedOn = Admin.date(form.reopenedOn, field: "reopened_on", into: &errors)
        let newDate = Admin.date(form.newResponseBy, field: "reopen_response_by", into: &errors)
        let reason = ReopenReason(rawValue: form.reason ?? "")
        let wasClosed = complaint.respondedOn == nil
        errors += ReopenRules.problems(
            reason: reason, reopenedOn: reopenedOn, newResponseBy: newDate, finishedOn: finished,
            wasClosed: wasClosed, today: request.today
        ).filter { problem in !errors.contains { $0.field == problem.field } }
        let note = (form.note ?? "").trimmingWhitespace()
        if let problem = RecordedReason.problem(
            note, ask: "Say why it is reopened and what happens next.", reader: RecordedReason.recordReader)
        {
            errors.append(FieldError("reopen_note", problem))
        }
        guard errors.isEmpty, let reason, let reopenedOn, let newDate else {
            return try await ComplaintsController.refused(complaint, request, errors, typed: typed)
        }
        // Everything of the response or closure it replaces is kept on the reopening, text and all.
        let reopening = ComplaintReopening(
            replacing: complaint, reopenedOn: reopenedOn.iso, reason: reason.rawValue, note: note,
            newResponseBy: newDate.iso, recordedByID: request.currentUser?.id)
        // The first response stands in the figures, whatever follows (kept on the reopening): say which.
        let firstKept = (complaint.firstResponseReopening?.previousRespondedOn ?? complaint.respondedOn)
            .flatMap(SimpleDate.init(iso:))
        let changes = [
            FieldChange("responded_on", from: complaint.respondedOn, to: nil),
            FieldChange("closed_on", from: complaint.closedOn, to: nil),
            FieldChange("outcome", from: complaint.outcome?.rawValue, to: nil),
            FieldChange("response_due", from: complaint.clock.responseDue.iso, to: newDate.iso),
        ].filter { $0.from != $0.to }
        complaint.respondedOn = nil
        complaint.howConsidered = ""
        complaint.conclusions = ""
        complaint.remedialAction = ""
        complaint.closedOn = nil
        complaint.closedReason = nil
        complaint.outcome = nil
        complaint.agreedResponseBy = newDate.iso
        // A delay letter's date belonged to the first response; the new agreed date replaces it.
        complaint.responseExpectedBy = nil
        try await request.db.writeTransaction { db in
            try await complaint.update(on: db)
            try await reopening.create(on: db)
            try await AuditLog.record(
                on: db, actor: Admin.actor(request), action: "complaint.reopened", objectType: "complaint",
                objectID: complaint.id?.uuidString,
                summary:
                    "Reopened \(complaint.feedback.reference) on \(reopenedOn.ukText) (\(reason.title.lowercased())); response now due by \(newDate.ukText): \(note)"
                    + (firstKept.map { ". The first response (\($0.ukText)) is kept as sent" } ?? ""),
                changes: changes)
        }
        Admin.flash(request, "Complaint reopened. The further response is due by \(newDate.ukText).")
        return request.redirect(to: ComplaintURL.complaint(complaint.id!))
    }

    struct ReferralForm: Content {
        var referredOn: String?
        var earlyReason: String?
        enum CodingKeys: String, CodingKey {
            case referredOn = "ombudsman_referred_on", earlyReason = "ombudsman_early_reason"
        }
    }

    /// Records the day the complainant went to the Ombudsman (the one that names this service).
    @Sendable static func referToOmbudsman(_ request: Request) async throws -> Response {
        let complaint = try await ComplaintsController.find(request)
        guard complaint.ombudsmanReferredOn == nil else {
            return try await ComplaintStepRecording.alreadyRecorded(request)
        }
        let form = try request.content.decode(ReferralForm.self)
        let typed = [
            "ombudsman_referred_on": form.referredOn ?? "", "ombudsman_early_reason": form.earlyReason ?? "",
        ]
        var errors: [FieldError] = []
        let referredOn = Admin.date(form.referredOn, field: "ombudsman_referred_on", into: &errors)
        let earlyReason = (form.earlyReason ?? "").trimmingWhitespace()
        let clock = complaint.clock
        if errors.isEmpty {
            errors += OmbudsmanReferral.referralProblems(
                referredOn: referredOn, receivedOn: clock.receivedOn, today: request.today,
                endedOn: clock.respondedOn ?? clock.closedOn, responseDue: clock.originalResponseDue,
                earlyReason: earlyReason)
        }
        if let problem = TextLimit.problem(earlyReason, limit: TextLimit.reason, what: "the reason") {
            errors.append(FieldError("ombudsman_early_reason", problem))
        }
        let early = referredOn.map { day in (clock.respondedOn ?? clock.closedOn).map { day < $0 } ?? true } ?? false
        guard errors.isEmpty, let referredOn else {
            return try await ComplaintsController.refused(complaint, request, errors, typed: typed)
        }
        complaint.ombudsmanReferredOn = referredOn.iso
        let ombudsman = complaint.ombudsman
        try await ComplaintsController.save(
            complaint, request, action: "complaint.ombudsman_referred",
            summary:
                "The complainant took \(complaint.feedback.reference) to the \(ombudsman.name) on \(referredOn.ukText)"
                + (early && !earlyReason.isEmpty ? ", before local resolution ended: \(earlyReason)" : ""),
            changes: [FieldChange("ombudsman_referred_on", from: nil, to: referredOn.iso)])
        Admin.flash(request, "Recorded that they went to the \(ombudsman.shortName) on \(referredOn.ukText).")
        return request.redirect(to: ComplaintURL.complaint(complaint.id!))
    }

    struct OutcomeForm: Content {
        var outcome: String?
        var decidedOn: String?
        var note: String?
        enum CodingKeys: String, CodingKey {
            case outcome = "ombudsman_outcome", decidedOn = "ombudsman_outcome_on", note = "ombudsman_note"
        }
    }

    /// Records what the Ombudsman decided, when, and a note of why or what they asked for.
    @Sendable static func recordOmbudsmanOutcome(_ request: Request) async throws -> Response {
        let complaint = try await ComplaintsController.find(request)
        guard let referredOn = complaint.ombudsmanReferredOn.flatMap(SimpleDate.init(iso:)),
            complaint.ombudsmanOutcome == nil
        else { return try await ComplaintStepRecording.alreadyRecorded(request) }
        let form = try request.content.decode(OutcomeForm.self)
        let typed = [
            "ombudsman_outcome": form.outcome ?? "", "ombudsman_outcome_on": form.decidedOn ?? "",
            "ombudsman_note": form.note ?? "",
        ]
        var errors: [FieldError] = []
        let decidedOn = Admin.date(form.decidedOn, field: "ombudsman_outcome_on", into: &errors)
        let outcome = OmbudsmanOutcome(rawValue: form.outcome ?? "")
        errors += OmbudsmanReferral.outcomeProblems(
            outcome: outcome, decidedOn: decidedOn, referredOn: referredOn, today: request.today
        ).filter { problem in !errors.contains { $0.field == problem.field } }
        let note = (form.note ?? "").trimmingWhitespace()
        if let problem = RecordedReason.problem(
            note, ask: "Say what the Ombudsman found or asked for.", reader: RecordedReason.recordReader)
        {
            errors.append(FieldError("ombudsman_note", problem))
        }
        guard errors.isEmpty, let outcome, let decidedOn else {
            return try await ComplaintsController.refused(complaint, request, errors, typed: typed)
        }
        complaint.ombudsmanOutcome = outcome
        complaint.ombudsmanOutcomeOn = decidedOn.iso
        complaint.ombudsmanNote = note
        try await ComplaintsController.save(
            complaint, request, action: "complaint.ombudsman_outcome",
            summary:
                "The \(complaint.ombudsman.name) decided on \(decidedOn.ukText) about \(complaint.feedback.reference): \(outcome.title.lowercased())",
            changes: [
                FieldChange("ombudsman_outcome", from: nil, to: outcome.rawValue),
                FieldChange("ombudsman_outcome_on", from: nil, to: decidedOn.iso),
            ])
        Admin.flash(request, "The Ombudsman's decision is recorded: \(outcome.title.lowercased()).")
        return request.redirect(to: ComplaintURL.complaint(complaint.id!))
    }
}
