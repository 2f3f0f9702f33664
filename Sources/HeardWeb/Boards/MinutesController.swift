import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Vapor

/// A meeting's minutes: composed from its record, with the secretary's notes; a draft until approved, then
/// published on the public board page.
enum MinutesController {
    static func notesField(_ item: UUID) -> String { "notes-\(MeetingURL.id(item))" }
    static let declarationsNotesField = "notes-declarations"

    @Sendable static func show(_ request: Request) async throws -> Response {
        try await page(try await MeetingRecord.load(try Admin.uuidParameter(request), on: request.db), request)
    }

    static func page(
        _ record: MeetingRecord, _ request: Request, failure: ValidationFailure? = nil, typed: [String: String] = [:],
        status: HTTPResponseStatus? = nil
    ) async throws -> Response {
        .html(
            MeetingPages.minutes(
                record, today: request.today,
                context: PageContext(request, title: "Minutes: " + record.title, hasErrors: failure != nil),
                failure: failure, typed: typed, notice: failure == nil ? Admin.takeFlash(request) : nil),
            status: status ?? (failure == nil ? .ok : .unprocessableEntity))
    }

    @Sendable static func saveNotes(_ request: Request) async throws -> Response {
        let record = try await MeetingRecord.load(try Admin.uuidParameter(request), on: request.db)
        var typed = [declarationsNotesField: Admin.text(request, declarationsNotesField).trimmingWhitespace()]
        for item in record.items {
            typed[notesField(item.id!)] = Admin.text(request, notesField(item.id!)).trimmingWhitespace()
        }
        var errors: [FieldError] = []
        if record.meeting.minutesApproved {
            errors.append(
                FieldError(
                    declarationsNotesField, "These minutes are approved and published, so they cannot be changed."))
        }
        for (field, text) in typed.sorted(by: { $0.key < $1.key }) {
            if let problem = TextLimit.problem(text, limit: TextLimit.reason, what: "the notes") {
                errors.append(FieldError(field, problem))
            }
        }
        guard errors.isEmpty else {
            return try await page(record, request, failure: ValidationFailure(errors), typed: typed)
        }
        var changes: [FieldChange] = []
        if record.meeting.declarationsNotes != typed[declarationsNotesField]! {
            changes.append(
                FieldChange(
                    "declarations notes", from: record.meeting.declarationsNotes, to: typed[declarationsNotesField]!))
            record.meeting.declarationsNotes = typed[declarationsNotesField]!
        }
        var changedItems: [MeetingItem] = []
        for item in record.items where item.notes != typed[notesField(item.id!)]! {
            changes.append(FieldChange("notes: \(item.title)", from: item.notes, to: typed[notesField(item.id!)]!))
            item.notes = typed[notesField(item.id!)]!
            changedItems.append(item)
        }
        let meetingID = record.meeting.id!
        guard !changes.isEmpty else {
            Admin.flash(request, "Nothing changed.")
            return request.redirect(to: MeetingURL.minutes(meetingID))
        }
        let meeting = record.meeting
        let items = changedItems
        let recorded = changes
        try await request.db.writeTransaction { db in
            try await meeting.save(on: db)
            for item in items { try await item.save(on: db) }
            try await AuditLog.record(
                on: db, actor: Admin.actor(request), action: "meeting.minutes_edited", objectType: "meeting",
                objectID: meetingID.uuidString, summary: "Edited the draft minutes of \(record.title)",
                changes: recorded)
        }
        Admin.flash(request, "Draft minutes saved.")
        return request.redirect(to: MeetingURL.minutes(meetingID))
    }

    @Sendable static func approve(_ request: Request) async throws -> Response {
        let record = try await MeetingRecord.load(try Admin.uuidParameter(request), on: request.db)
        let meeting = record.meeting
        if meeting.minutesApproved {
            Admin.flash(request, "These minutes were already approved. Nothing was changed.")
            return request.redirect(to: MeetingURL.minutes(meeting.id!))
        }
        let problems = MeetingRules.minutesProblems(
            status: meeting.status, day: meeting.day, today: request.today,
            presentCount: record.attendance.values.filter { $0 == .present }.count,
            missingActions: record.missingActions)
        guard problems.isEmpty else {
            try await AuditLog.record(
                on: request.db, actor: Admin.actor(request), action: "meeting.minutes_approval_refused",
                objectType: "meeting", objectID: meeting.id?.uuidString,
                summary: "Refused approval of the minutes of \(record.title): " + problems.joined(separator: " "))
            return try await page(
                record, request, failure: ValidationFailure(problems.map { FieldError("approve", $0) }),
                status: .conflict)
        }
        meeting.minutesApprovedAt = Date()
        meeting.minutesApprovedBy = request.currentUser?.displayName ?? Admin.actor(request).label
        try await request.db.writeTransaction { db in
            try await meeting.save(on: db)
            try await AuditLog.record(
                on: db, actor: Admin.actor(request), action: "meeting.minutes_approved", objectType: "meeting",
                objectID: meeting.id?.uuidString, summary: "Approved and published the minutes of \(record.title)",
                changes: [FieldChange("minutes", from: "draft", to: "approved")])
        }
        Admin.flash(request, "Minutes approved and published on the public board page.")
        return request.redirect(to: MeetingURL.minutes(meeting.id!))
    }

    // MARK: Downloads

    @Sendable static func staffText(_ request: Request) async throws -> Response {
        text(try await MeetingRecord.load(try Admin.uuidParameter(request), on: request.db))
    }

    @Sendable static func staffHTML(_ request: Request) async throws -> Response {
        html(try await MeetingRecord.load(try Admin.uuidParameter(request), on: request.db))
    }

    /// The approved minutes of a board's meeting, for the public; not found while a draft.
    static func publicRecord(_ request: Request) async throws -> MeetingRecord {
        let record = try await MeetingRecord.load(try Admin.uuidParameter(request, "meeting"), on: request.db)
        guard try record.board.id == Admin.uuidParameter(request), record.meeting.minutesApproved else {
            throw Abort(.notFound)
        }
        return record
    }

    @Sendable static func publicText(_ request: Request) async throws -> Response {
        text(try await publicRecord(request))
    }

    @Sendable static func publicHTML(_ request: Request) async throws -> Response {
        html(try await publicRecord(request))
    }

    static func fileName(_ record: MeetingRecord, _ ext: String) -> String {
        let board = Slug.make(record.board.name)
        return "minutes-\(board)-\(record.meeting.heldOn).\(ext)"
    }

    static func text(_ record: MeetingRecord) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .plainText
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(fileName(record, "txt"))\"")
        let draft = record.meeting.minutesApproved ? "" : "DRAFT: not yet approved.\n\n"
        return Response(status: .ok, headers: headers, body: .init(string: draft + record.minutes.plainText))
    }

    /// A stand-alone HTML file of the minutes: no site navigation, its own print-friendly style.
    static func html(_ record: MeetingRecord) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .html
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(fileName(record, "html"))\"")
        let document = element("html", .lang("en-GB")) {
            element("head") {
                HTMLNode.void("meta", [HTMLAttribute("charset", "utf-8")])
                element("title") { "Minutes: " + record.title }
                element("style") {
                    "body{font-family:Arial,sans-serif;max-width:45rem;margin:2rem auto;line-height:1.5}table{border-collapse:collapse}th,td{border:1px solid #999;padding:.25rem .5rem;text-align:left}"
                }
            }
            element("body") {
                mainElement { MeetingPages.minutesBody(record.minutes, approved: record.meeting.minutesApproved) }
            }
        }
        return Response(status: .ok, headers: headers, body: .init(string: "<!doctype html>\n" + document.render()))
    }
}
