import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Vapor

/// "Put this meeting on the decision paper": when a decision item's paper names another meeting or date, the
/// secretary sets the paper's meeting to this board and its date to this meeting's, from the meeting page.
extension MeetingsController {
    /// The error summary links here: the warning about the item's paper.
    static func paperMeetingField(_ item: UUID) -> String { "paper-meeting-\(MeetingURL.id(item))" }

    @Sendable static func putMeetingOnPaper(_ request: Request) async throws -> Response {
        let record = try await MeetingRecord.load(try Admin.uuidParameter(request), on: request.db)
        let item = try findItem(record, request)
        guard let decision = item.decision else { throw Abort(.notFound) }
        let field = paperMeetingField(item.id!)
        let day = record.meeting.day
        let paperDay = SimpleDate(iso: decision.meetingOn)?.ukText ?? decision.meetingOn
        // A published record is not rewritten behind its readers' backs: say what to do instead.
        if decision.isApproved {
            return try await page(
                record, request,
                failure: ValidationFailure([
                    FieldError(
                        field,
                        "\(decision.title) is approved and published, so its decision paper cannot be changed: it says the decision was taken at \"\(decision.meeting)\" on \(paperDay). If it was, take the item off this agenda; if it was taken at this meeting, say so in the item's notes for the minutes."
                    )
                ]))
        }
        let problems = try await consultationProblems(day, decisions: [decision], on: request.db)
        if !problems.isEmpty {
            return try await page(
                record, request,
                failure: ValidationFailure(
                    problems.map {
                        FieldError(field, "This meeting cannot go on the decision paper. \($0)")
                    }))
        }
        // A joint meeting's name already names this board, and stays.
        let meetingName = record.paperNamesBoard(decision) ? decision.meeting : record.board.name
        let changes = [
            FieldChange("meeting", from: decision.meeting, to: meetingName),
            FieldChange("meeting_on", from: decision.meetingOn, to: day.iso),
        ].filter { $0.from != $0.to }
        guard !changes.isEmpty else {
            Admin.flash(request, "The decision paper already names this meeting. Nothing changed.")
            return request.redirect(to: MeetingURL.meeting(record.meeting.id!))
        }
        decision.meeting = meetingName
        decision.meetingOn = day.iso
        try await request.db.writeTransaction { db in
            try await decision.save(on: db)
            // Recorded as the paper's own edits are, so its history shows who moved it and from where.
            try await AuditLog.record(
                on: db, actor: Admin.actor(request), action: "decision.updated", objectType: "decision",
                objectID: decision.id?.uuidString,
                summary: "Changed decision paper \(decision.title): put on the agenda of \(record.title)",
                changes: changes)
        }
        Admin.flash(
            request, "The decision paper for \(decision.title) now names \(meetingName) on \(day.ukText).")
        return request.redirect(to: MeetingURL.meeting(record.meeting.id!))
    }
}
