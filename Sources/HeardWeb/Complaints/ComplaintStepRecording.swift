import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Vapor

/// Each step of a complaint (acknowledgement, delay letter, response, closure) is recorded once. Two handlers
/// sending the same form at once, or a stale tab sent later, must not both succeed with the last one winning:
/// the step's column is set with a compare-and-set (`ConditionalUpdate`, as moderation does) first in the
/// transaction, and whoever comes second gets 409 with a plain notice of who recorded it and when.
enum ComplaintStepRecording {
    /// A step that can only be recorded once, with the columns that must still be as read for it to go in.
    enum Step {
        case acknowledgement, delayLetter(previous: String?), response, closure

        var column: String {
            switch self {
            case .acknowledgement: "acknowledged_on"
            case .delayLetter: "delay_explained_on"
            case .response: "responded_on"
            case .closure: "closed_on"
            }
        }

        var action: String {
            switch self {
            case .acknowledgement: "complaint.acknowledged"
            case .delayLetter: "complaint.delay_explained"
            case .response: "complaint.responded"
            case .closure: "complaint.closed"
            }
        }

        var title: String {
            switch self {
            case .acknowledgement: "The acknowledgement"
            case .delayLetter: "A delay letter"
            case .response: "The response"
            case .closure: "The closure"
            }
        }

        /// Nothing may be recorded on a complaint once it is responded to or closed; the step's own column
        /// must still hold what the form was based on.
        var expected: [String: String?] {
            var columns: [String: String?] = ["responded_on": nil, "closed_on": nil]
            switch self {
            case .acknowledgement: columns["acknowledged_on"] = .some(nil)
            case .delayLetter(let previous): columns["delay_explained_on"] = .some(previous)
            case .response, .closure: break
            }
            return columns
        }
    }

    /// Raised inside the transaction when someone else recorded the step first; rolls everything back.
    struct RecordedMeanwhile: Error {}

    /// Sets the step's column to `value`, then saves the rest of `complaint`, anything `also` writes, and the
    /// audit event, all or nothing. Throws `RecordedMeanwhile` when the step was recorded meanwhile.
    static func record(
        _ step: Step, value: String, complaint: Complaint, _ request: Request, summary: String,
        changes: [FieldChange], also: @escaping @Sendable (any Database) async throws -> Void = { _ in }
    ) async throws {
        let complaintID = complaint.id!
        try await request.db.writeTransaction { db in
            guard
                try await ConditionalUpdate.set(
                    Complaint.schema, id: complaintID, column: step.column, to: value, where: step.expected, on: db)
            else { throw RecordedMeanwhile() }
            try await complaint.save(on: db)
            try await also(db)
            try await AuditLog.record(
                on: db, actor: Admin.actor(request), action: step.action, objectType: "complaint",
                objectID: complaintID.uuidString, summary: summary, changes: changes)
        }
    }

    /// 409: the case page as it now stands, with a plain notice (not field errors: the form the handler sent
    /// may no longer be on the page) naming who recorded what and when. Nothing of the request was saved.
    static func alreadyRecorded(_ request: Request) async throws -> Response {
        let complaint = try await ComplaintsController.find(request)
        let notice = try await alreadyRecordedNotice(complaint, on: request.db)
        return .html(
            try await ComplaintsController.page(complaint, request, notice: notice, failure: nil, typed: [:]),
            status: .conflict)
    }

    /// "Already recorded by … on … (what was recorded)", from the latest audit event that moved the case on.
    static func alreadyRecordedNotice(_ complaint: Complaint, on db: any Database) async throws -> String {
        let actions = [
            Step.acknowledgement.action, Step.delayLetter(previous: nil).action, Step.response.action,
            Step.closure.action,
        ]
        guard
            let event = try await AuditEvent.query(on: db).filter(\.$objectType == "complaint")
                .filter(\.$objectID == complaint.id!.uuidString).filter(\.$action ~~ actions)
                .sort(\.$occurredAt, .descending).first()
        else { return "Already recorded on this complaint. Nothing you sent was saved." }
        var name = event.actorLabel
        if let id = event.actorID, let user = try await User.find(id, on: db) { name = user.displayName }
        return "Already recorded by \(name) on \(DecisionClock.ukDay(of: event.occurredAt).ukText) "
            + "(\(event.summary)). Nothing you sent was saved."
    }
}
