import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Vapor

/// Closing a complaint without a response: withdrawn by the complainant, not taken on (made more than 12
/// months after the event, or after they first knew of it if later, with no good reason, regulation 12), or
/// opened in error. The reason is kept and
/// audited; a closed complaint leaves the queue and the "responded in time" figures.
enum ComplaintClosure {
    struct Form: Content {
        var closure: String?
        var closedReason: String?
        var eventOn: String?
        enum CodingKeys: String, CodingKey {
            case closure, closedReason = "closed_reason", eventOn = "closure_event_on"
        }
    }

    @Sendable static func close(_ request: Request) async throws -> Response {
        let complaint = try await ComplaintsController.find(request)
        if complaint.respondedOn != nil || complaint.closedOn != nil {
            return try await ComplaintStepRecording.alreadyRecorded(request)
        }
        let form = try request.content.decode(Form.self)
        let reason = (form.closedReason ?? "").trimmingWhitespace()
        let typed = [
            "closure": form.closure ?? "", "closed_reason": form.closedReason ?? "",
            "closure_event_on": form.eventOn ?? "",
        ]
        var errors: [FieldError] = []
        let eventOn = Admin.date(form.eventOn, field: "closure_event_on", into: &errors)
        let outcome = ComplaintOutcome(rawValue: form.closure ?? "").flatMap { $0.isClosure ? $0 : nil }
        if outcome == nil {
            errors.append(
                FieldError("closure", "Choose why it is closed: withdrawn, not taken on, or opened in error."))
        }
        // Kept with the complaint and in the audit log: never published, and not sent to the complainant.
        if let problem = RecordedReason.problem(
            reason, ask: "Say why the complaint is closed without a response.", reader: RecordedReason.recordReader)
        {
            errors.append(FieldError("closed_reason", problem))
        }
        if outcome == .notTakenOn, !errors.contains(where: { $0.field == "closure_event_on" }),
            let problem = complaint.clock.notTakenOnProblem(
                eventOn: eventOn ?? complaint.eventOn.flatMap(SimpleDate.init(iso:)), lateReason: complaint.lateReason)
        {
            errors.append(
                FieldError(problem.field == "event_on" ? "closure_event_on" : problem.field, problem.message))
        }
        guard errors.isEmpty, let outcome else {
            return try await ComplaintsController.refused(complaint, request, errors, typed: typed)
        }
        let today = request.today
        complaint.closedOn = today.iso
        complaint.closedReason = reason
        complaint.outcome = outcome
        let eventBefore = complaint.eventOn
        if let eventOn { complaint.eventOn = eventOn.iso }
        do {
            try await ComplaintStepRecording.record(
                .closure, value: today.iso, complaint: complaint, request,
                summary: "Closed \(complaint.feedback.reference) without a response: \(outcome.title.lowercased())",
                changes: [
                    FieldChange("closed_on", from: nil, to: today.iso),
                    FieldChange("outcome", from: nil, to: outcome.rawValue),
                    FieldChange("closed_reason", from: nil, to: reason),
                ]
                    + (eventOn != nil && eventOn?.iso != eventBefore
                        ? [FieldChange("event_on", from: eventBefore, to: eventOn!.iso)] : []))
        } catch is ComplaintStepRecording.RecordedMeanwhile {
            return try await ComplaintStepRecording.alreadyRecorded(request)
        }
        Admin.flash(request, "Complaint closed: \(outcome.title.lowercased()).")
        return request.redirect(to: ComplaintURL.complaint(complaint.id!))
    }
}
