import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Vapor

/// A board secretary's meetings: planning one, its agenda, the chair's actions for declared interests, who
/// attended, and its minutes.
enum MeetingsController {
    /// How far from today a meeting can be, before or after, as for decision papers.
    static let meetingYears = DecisionsController.meetingYears

    // MARK: Creating and changing a meeting

    /// The when and where typed on the board page or the meeting page.
    struct Details {
        var typed: [String: String]
        var errors: [FieldError] = []
        var day: SimpleDate?

        static func read(_ request: Request, withStatus: Bool) -> Details {
            var details = Details(typed: [
                "held_on": Admin.text(request, "held_on").trimmingWhitespace(),
                "starts_at": Admin.text(request, "starts_at").trimmingWhitespace(),
                "place": Admin.text(request, "place").collapsingWhitespace(),
            ])
            if withStatus { details.typed["status"] = Admin.text(request, "status") }
            details.day = Admin.requiredDate(
                details.typed["held_on"], field: "held_on", missing: "Enter the meeting date, like 2027-01-20.",
                into: &details.errors)
            if let day = details.day,
                let problem = day.implausibleYear(
                    today: request.today, yearsBack: meetingYears, yearsAhead: meetingYears)
            {
                details.errors.append(FieldError("held_on", problem))
                details.day = nil
            }
            if let time = details.typed["starts_at"], !time.isEmpty, ActivityTime(time) == nil {
                details.errors.append(
                    FieldError("starts_at", "Enter the start time as 24-hour hours and minutes, like 18:00."))
            }
            let place = details.typed["place"]!
            if place.isEmpty {
                details.errors.append(FieldError("place", "Enter where the meeting is, or \"Online\"."))
            } else if let problem = TextLimit.problem(place, limit: TextLimit.title, what: "the place") {
                details.errors.append(FieldError("place", problem))
            }
            if withStatus {
                if let status = MeetingStatus(rawValue: details.typed["status"]!) {
                    if let day = details.day,
                        let problem = MeetingRules.statusProblem(status, day: day, today: request.today)
                    {
                        details.errors.append(FieldError("status", problem))
                    }
                } else {
                    details.errors.append(
                        FieldError("status", "Say whether the meeting is planned, held or cancelled."))
                }
            }
            return details
        }

        var startsAt: String? { typed["starts_at"].flatMap(ActivityTime.init)?.text }
    }

    /// A meeting date on or before a linked consultation's close is refused, as on the decision paper.
    static func consultationProblems(
        _ day: SimpleDate, decisions: [Decision], on db: any Database
    ) async throws
        -> [String]
    {
        var problems: [String] = []
        for decision in decisions {
            let bundle = try await InitiativeBundle.load(decision.$initiative.id, on: db)
            if let facts = bundle.consultationFacts,
                let problem = GunningGate.meetingDateProblem(day, consultation: facts)
            {
                problems.append("\(decision.title): \(problem)")
            }
        }
        return problems
    }

    @Sendable static func create(_ request: Request) async throws -> Response {
        guard let board = try await Board.find(try Admin.uuidParameter(request), on: request.db) else {
            throw Abort(.notFound)
        }
        let details = Details.read(request, withStatus: false)
        guard details.errors.isEmpty, let day = details.day else {
            return try await BoardsController.boardPage(
                board, request, failure: ValidationFailure(details.errors), typed: details.typed)
        }
        let meeting = Meeting(
            boardID: board.id!, heldOn: day, startsAt: details.startsAt, place: details.typed["place"]!)
        try await request.db.writeTransaction { db in
            try await meeting.create(on: db)
            try await AuditLog.record(
                on: db, actor: Admin.actor(request), action: "meeting.created", objectType: "meeting",
                objectID: meeting.id?.uuidString, summary: "Planned a meeting of \(board.name) on \(day.ukText)",
                changes: [
                    FieldChange("held_on", from: nil, to: day.iso), FieldChange("place", from: nil, to: meeting.place),
                ])
        }
        Admin.flash(request, "Meeting planned. Now add its agenda.")
        return request.redirect(to: MeetingURL.meeting(meeting.id!))
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        try await page(try await MeetingRecord.load(try Admin.uuidParameter(request), on: request.db), request)
    }

    static func page(
        _ record: MeetingRecord, _ request: Request, failure: ValidationFailure? = nil, typed: [String: String] = [:]
    ) async throws -> Response {
        let onAgendas = Set(
            try await MeetingItem.query(on: request.db).filter(\.$decision.$id != nil).all().compactMap {
                $0.$decision.id
            })
        let boards = try await Board.query(on: request.db).all().map(\.name)
        let choices = try await Decision.query(on: request.db).sort(\.$meetingOn, .descending).all()
            .filter {
                BoardNameMatch.boards(named: $0.meeting, among: boards).contains(record.board.name)
                    && !onAgendas.contains($0.id!)
                    && (!$0.isApproved || $0.meetingOn == record.meeting.heldOn)
            }
        return .html(
            MeetingPages.meeting(
                record, decisions: choices, today: request.today,
                context: PageContext(request, title: record.title, hasErrors: failure != nil), failure: failure,
                typed: typed, notice: failure == nil ? Admin.takeFlash(request) : nil),
            status: failure == nil ? .ok : .unprocessableEntity)
    }

    /// Refuses changes to the agenda and attendance once the minutes are approved: the published record stands.
    static func approvedProblem(_ record: MeetingRecord, field: String) -> ValidationFailure? {
        guard record.meeting.minutesApproved else { return nil }
        return ValidationFailure([
            FieldError(
                field, "The minutes of this meeting are approved and published, so its record cannot be changed.")
        ])
    }

    @Sendable static func update(_ request: Request) async throws -> Response {
        let record = try await MeetingRecord.load(try Admin.uuidParameter(request), on: request.db)
        var details = Details.read(request, withStatus: true)
        if let refused = approvedProblem(record, field: "held_on") {
            return try await page(record, request, failure: refused, typed: details.typed)
        }
        if let day = details.day {
            for problem in try await consultationProblems(
                day, decisions: record.items.compactMap(\.decision), on: request.db)
            {
                details.errors.append(FieldError("held_on", problem))
            }
        }
        guard details.errors.isEmpty, let day = details.day,
            let status = MeetingStatus(rawValue: details.typed["status"] ?? "")
        else {
            return try await page(record, request, failure: ValidationFailure(details.errors), typed: details.typed)
        }
        let meeting = record.meeting
        let changes = [
            FieldChange("held_on", from: meeting.heldOn, to: day.iso),
            FieldChange("starts_at", from: meeting.startsAt, to: details.startsAt),
            FieldChange("place", from: meeting.place, to: details.typed["place"]!),
            FieldChange("status", from: meeting.status.rawValue, to: status.rawValue),
        ].filter { $0.from != $0.to }
        guard !changes.isEmpty else {
            Admin.flash(request, "Nothing changed.")
            return request.redirect(to: MeetingURL.meeting(meeting.id!))
        }
        meeting.heldOn = day.iso
        meeting.startsAt = details.startsAt
        meeting.place = details.typed["place"]!
        meeting.status = status
        try await request.db.writeTransaction { db in
            try await meeting.save(on: db)
            try await AuditLog.record(
                on: db, actor: Admin.actor(request), action: "meeting.updated", objectType: "meeting",
                objectID: meeting.id?.uuidString, summary: "Changed the meeting of \(record.board.name)",
                changes: changes)
        }
        Admin.flash(request, "Meeting saved.")
        return request.redirect(to: MeetingURL.meeting(meeting.id!))
    }

    // MARK: The agenda

    @Sendable static func addItem(_ request: Request) async throws -> Response {
        let record = try await MeetingRecord.load(try Admin.uuidParameter(request), on: request.db)
        let typed = [
            "decision_id": Admin.text(request, "decision_id").trimmingWhitespace(),
            "title": Admin.text(request, "title").collapsingWhitespace(),
            "paper": Admin.text(request, "paper").trimmingWhitespace(),
        ]
        if let refused = approvedProblem(record, field: "title") {
            return try await page(record, request, failure: refused, typed: typed)
        }
        var errors: [FieldError] = []
        var decision: Decision?
        if !typed["decision_id"]!.isEmpty {
            if let id = UUID(uuidString: typed["decision_id"]!) {
                decision = try await Decision.find(id, on: request.db)
            }
            let boards = try await Board.query(on: request.db).all().map(\.name)
            if let found = decision {
                if !BoardNameMatch.boards(named: found.meeting, among: boards).contains(record.board.name) {
                    errors.append(
                        FieldError(
                            "decision_id",
                            "\(found.title) is for \"\(found.meeting)\", not \(record.board.name). Add it to a meeting of that board, or correct the meeting on its decision paper first."
                        ))
                } else if found.isApproved, found.meetingOn != record.meeting.heldOn {
                    // Published as taken on its own day: on another meeting's agenda, the public pages would
                    // list it as still to come there while its decision page says it was decided.
                    let day = SimpleDate(iso: found.meetingOn)?.ukText ?? found.meetingOn
                    errors.append(
                        FieldError(
                            "decision_id",
                            "\(found.title) is approved and published as decided on \(day), so it can only go on the agenda of the meeting that day."
                        ))
                } else if let other = try await MeetingItem.query(on: request.db).filter(\.$decision.$id == found.id!)
                    .with(\.$meeting).first()
                {
                    errors.append(
                        FieldError(
                            "decision_id",
                            "\(found.title) is already on the agenda of the meeting on \(other.meeting.day.ukText). Take it off that agenda first."
                        ))
                } else {
                    for problem in try await consultationProblems(
                        record.meeting.day, decisions: [found], on: request.db)
                    {
                        errors.append(FieldError("decision_id", problem))
                    }
                }
            } else {
                errors.append(FieldError("decision_id", "Choose a decision from the list, or none for a plain item."))
            }
        }
        let title = typed["title"]!.isEmpty ? (decision?.title ?? "") : typed["title"]!
        if title.isEmpty {
            errors.append(FieldError("title", "Enter the item's title, or choose a decision."))
        } else if let problem = TextLimit.problem(title, limit: TextLimit.title, what: "the title") {
            errors.append(FieldError("title", problem))
        }
        if let problem = TextLimit.problem(typed["paper"]!, limit: TextLimit.meetingList, what: "the paper") {
            errors.append(FieldError("paper", problem))
        }
        guard errors.isEmpty else {
            return try await page(record, request, failure: ValidationFailure(errors), typed: typed)
        }
        let meetingID = record.meeting.id!
        let item = MeetingItem(
            meetingID: meetingID, position: (record.items.map(\.position).max() ?? 0) + 1, title: title,
            paper: typed["paper"]!, decisionID: decision?.id)
        try await request.db.writeTransaction { db in
            try await item.create(on: db)
            try await AuditLog.record(
                on: db, actor: Admin.actor(request), action: "meeting.item_added", objectType: "meeting",
                objectID: meetingID.uuidString, summary: "Added \(title) to the agenda of \(record.title)",
                changes: [FieldChange("item", from: nil, to: title)])
        }
        Admin.flash(request, "Item added to the agenda.")
        return request.redirect(to: MeetingURL.meeting(meetingID))
    }

    static func findItem(_ record: MeetingRecord, _ request: Request) throws -> MeetingItem {
        let id = try Admin.uuidParameter(request, "item")
        guard let item = record.items.first(where: { $0.id == id }) else { throw Abort(.notFound) }
        return item
    }

    @Sendable static func moveUp(_ request: Request) async throws -> Response {
        let record = try await MeetingRecord.load(try Admin.uuidParameter(request), on: request.db)
        let item = try findItem(record, request)
        if let refused = approvedProblem(record, field: "title") {
            return try await page(record, request, failure: refused)
        }
        guard let index = record.items.firstIndex(where: { $0.id == item.id }), index > 0 else {
            return request.redirect(to: MeetingURL.meeting(record.meeting.id!))
        }
        let above = record.items[index - 1]
        let (upper, lower) = (above.position, item.position)
        try await request.db.writeTransaction { db in
            item.position = upper
            above.position = lower
            try await item.save(on: db)
            try await above.save(on: db)
            try await AuditLog.record(
                on: db, actor: Admin.actor(request), action: "meeting.item_moved", objectType: "meeting",
                objectID: record.meeting.id?.uuidString, summary: "Moved \(item.title) up the agenda of \(record.title)"
            )
        }
        return request.redirect(to: MeetingURL.meeting(record.meeting.id!))
    }

    @Sendable static func removeItem(_ request: Request) async throws -> Response {
        let record = try await MeetingRecord.load(try Admin.uuidParameter(request), on: request.db)
        let item = try findItem(record, request)
        if let refused = approvedProblem(record, field: "title") {
            return try await page(record, request, failure: refused)
        }
        let itemID = item.id!
        try await request.db.writeTransaction { db in
            try await MeetingDeclaration.query(on: db).filter(\.$item.$id == itemID).delete()
            try await item.delete(on: db)
            try await AuditLog.record(
                on: db, actor: Admin.actor(request), action: "meeting.item_removed", objectType: "meeting",
                objectID: record.meeting.id?.uuidString,
                summary: "Took \(item.title) off the agenda of \(record.title)",
                changes: [FieldChange("item", from: item.title, to: nil)])
        }
        Admin.flash(request, "\(item.title) taken off the agenda.")
        return request.redirect(to: MeetingURL.meeting(record.meeting.id!))
    }

    // MARK: Declarations, attendance, publishing

    static func actionField(_ item: UUID, _ member: UUID) -> String {
        "action-\(MeetingURL.id(item))-\(MeetingURL.id(member))"
    }

    static func attendanceField(_ member: UUID) -> String { "attendance-\(MeetingURL.id(member))" }

    /// The chair's action for each conflicted member on each item; an empty choice clears it.
    @Sendable static func saveDeclarations(_ request: Request) async throws -> Response {
        let record = try await MeetingRecord.load(try Admin.uuidParameter(request), on: request.db)
        var typed: [String: String] = [:]
        var errors: [FieldError] = []
        var chosen: [(item: MeetingItem, member: BoardMember, action: ChairAction?)] = []
        for item in record.items {
            for member in record.conflicted {
                let field = actionField(item.id!, member.id!)
                let value = Admin.text(request, field)
                typed[field] = value
                if value.isEmpty {
                    chosen.append((item, member, nil))
                } else if let action = ChairAction(rawValue: value) {
                    chosen.append((item, member, action))
                } else {
                    errors.append(
                        FieldError(
                            field,
                            "Choose what the chair decided for \(member.name) on \(item.title): take part, discuss but not decide, leave for the item or not receive the papers, or that their interest is not relevant to this item."
                        ))
                }
            }
        }
        if let refused = approvedProblem(record, field: "declarations") {
            return try await page(record, request, failure: refused, typed: typed)
        }
        guard errors.isEmpty else {
            return try await page(record, request, failure: ValidationFailure(errors), typed: typed)
        }
        let meetingID = record.meeting.id!
        let changes = chosen.compactMap { choice -> FieldChange? in
            let before = record.actions[choice.item.id!]?[choice.member.id!]?.rawValue
            guard before != choice.action?.rawValue else { return nil }
            return FieldChange("\(choice.member.name), \(choice.item.title)", from: before, to: choice.action?.rawValue)
        }
        guard !changes.isEmpty else {
            Admin.flash(request, "Nothing changed.")
            return request.redirect(to: MeetingURL.meeting(meetingID))
        }
        let rows = chosen.map { ($0.item.id!, $0.member.id!, $0.action) }
        try await request.db.writeTransaction { db in
            try await MeetingDeclaration.query(on: db).filter(\.$meeting.$id == meetingID).delete()
            for (item, member, action) in rows {
                guard let action else { continue }
                try await MeetingDeclaration(meetingID: meetingID, itemID: item, memberID: member, action: action)
                    .create(on: db)
            }
            try await AuditLog.record(
                on: db, actor: Admin.actor(request), action: "meeting.declarations_recorded", objectType: "meeting",
                objectID: meetingID.uuidString, summary: "Recorded the chair's actions for \(record.title)",
                changes: changes)
        }
        Admin.flash(request, "The chair's actions are saved.")
        return request.redirect(to: MeetingURL.meeting(meetingID))
    }

    /// Who attended and who sent apologies: apologies may come before the meeting, attendance only from its day.
    @Sendable static func saveAttendance(_ request: Request) async throws -> Response {
        let record = try await MeetingRecord.load(try Admin.uuidParameter(request), on: request.db)
        var typed: [String: String] = [:]
        var errors: [FieldError] = []
        var chosen: [(BoardMember, Attendance)] = []
        for member in record.members {
            let field = attendanceField(member.id!)
            let value = Admin.text(request, field)
            typed[field] = value
            guard let attendance = Attendance(rawValue: value.isEmpty ? "absent" : value) else {
                errors.append(
                    FieldError(field, "Say whether \(member.name) was present, sent apologies or was absent."))
                continue
            }
            if attendance == .present && record.meeting.day > request.today {
                errors.append(
                    FieldError(
                        field,
                        "The meeting is on \(record.meeting.day.ukText): record \(member.name) as present on the day or after. Apologies can be recorded before."
                    ))
            }
            chosen.append((member, attendance))
        }
        if let refused = approvedProblem(record, field: "attendance") {
            return try await page(record, request, failure: refused, typed: typed)
        }
        guard errors.isEmpty else {
            return try await page(record, request, failure: ValidationFailure(errors), typed: typed)
        }
        let meetingID = record.meeting.id!
        let changes = chosen.compactMap { member, attendance -> FieldChange? in
            let before = record.attendance[member.id!] ?? .absent
            return before == attendance ? nil : FieldChange(member.name, from: before.rawValue, to: attendance.rawValue)
        }
        guard !changes.isEmpty else {
            Admin.flash(request, "Nothing changed.")
            return request.redirect(to: MeetingURL.meeting(meetingID))
        }
        let rows = chosen.map { ($0.0.id!, $0.1) }
        try await request.db.writeTransaction { db in
            try await MeetingAttendance.query(on: db).filter(\.$meeting.$id == meetingID).delete()
            for (member, attendance) in rows where attendance != .absent {
                try await MeetingAttendance(meetingID: meetingID, memberID: member, attendance: attendance).create(
                    on: db)
            }
            try await AuditLog.record(
                on: db, actor: Admin.actor(request), action: "meeting.attendance_recorded", objectType: "meeting",
                objectID: meetingID.uuidString, summary: "Recorded attendance at \(record.title)", changes: changes)
        }
        Admin.flash(request, "Attendance saved.")
        return request.redirect(to: MeetingURL.meeting(meetingID))
    }

    /// Publishes the agenda on the public board page, or takes it off.
    @Sendable static func publish(_ request: Request) async throws -> Response {
        let record = try await MeetingRecord.load(try Admin.uuidParameter(request), on: request.db)
        let publish = Admin.text(request, "publish") == "yes"
        let meeting = record.meeting
        guard publish != meeting.agendaPublished else {
            Admin.flash(request, "Nothing changed.")
            return request.redirect(to: MeetingURL.meeting(meeting.id!))
        }
        meeting.agendaPublished = publish
        try await request.db.writeTransaction { db in
            try await meeting.save(on: db)
            try await AuditLog.record(
                on: db, actor: Admin.actor(request),
                action: publish ? "meeting.agenda_published" : "meeting.agenda_withdrawn", objectType: "meeting",
                objectID: meeting.id?.uuidString,
                summary: (publish ? "Published the agenda of " : "Took down the agenda of ") + record.title)
        }
        Admin.flash(
            request, publish ? "The agenda is published on the public board page." : "The agenda is no longer public.")
        return request.redirect(to: MeetingURL.meeting(meeting.id!))
    }
}
