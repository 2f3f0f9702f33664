import Fluent
import Foundation
import HeardDomain
import HeardStorage

/// Two meetings of the demo's Leeds Place Committee: one held 40 days ago that took the Leeds birth centre
/// decision, with approved minutes; and one planned for next month, its agenda published.
enum MeetingsDemoData {
    static let boardName = "Leeds Place Committee"
    static let decisionTitle = "Decision: Midwife-led birth centre"

    static func seed(on db: any Database, today: SimpleDate) async throws {
        guard let board = try await Board.query(on: db).filter(\.$name == boardName).first() else { return }
        let members = try await board.$members.query(on: db).all()
        func member(_ name: String) -> UUID? { members.first { $0.name == name }?.id }
        let actor = AuditActor.system("demo seed (board secretary)")

        // Held: the birth centre decision was taken here, so its paper names this meeting, those present, and
        // what the chair decided for the GP member's interest.
        let heldOn = today.adding(days: -40)
        let held = Meeting(boardID: board.id!, heldOn: heldOn, startsAt: "14:00", place: "Leeds Civic Hall, Room 2")
        held.status = .held
        held.agendaPublished = true
        held.declarationsNotes = "The chair reminded members to declare any interest as each item began."
        try await held.create(on: db)
        if let decision = try await Decision.query(on: db).filter(\.$title == decisionTitle).first() {
            decision.meeting = "\(boardName) meeting in public"
            decision.meetingOn = heldOn.iso
            decision.membersPresent = "Professor Helen Marsh; Dr Amir Khan; Sarah Whitaker; Margaret Ellis"
            decision.declarations =
                "Dr Amir Khan: financial interest, GP partner at Chapeltown Surgery. The chair asked him to leave for the item.\nProfessor Helen Marsh: non-financial professional interest, trustee of the hospitals charity. She took part."
            try await decision.save(on: db)
            let item = MeetingItem(
                meetingID: held.id!, position: 1, title: decision.title, paper: "", decisionID: decision.id)
            item.notes = "The committee asked for a report on travel to the centre after six months."
            try await item.create(on: db)
            try await actions(
                on: db, meeting: held, item: item, [("Dr Amir Khan", .leave), ("Professor Helen Marsh", .takePart)],
                member)
        }
        let questions = MeetingItem(
            meetingID: held.id!, position: 2, title: "Questions from the public",
            paper: "Two written questions were received before the meeting.", decisionID: nil)
        questions.notes = "Both questions were answered at the meeting; the answers are on the committee's web page."
        try await questions.create(on: db)
        // The public's questions were not about Dr Khan's practice: his interest was not relevant to the item.
        try await actions(
            on: db, meeting: held, item: questions,
            [("Dr Amir Khan", .notRelevant), ("Professor Helen Marsh", .takePart)],
            member)
        for (name, attendance) in [
            ("Professor Helen Marsh", Attendance.present), ("Dr Amir Khan", .present), ("Sarah Whitaker", .present),
            ("Margaret Ellis", .present), ("David Okafor", .apologies),
        ] {
            guard let id = member(name) else { continue }
            try await MeetingAttendance(meetingID: held.id!, memberID: id, attendance: attendance).create(on: db)
        }
        held.minutesApprovedAt = Date().addingTimeInterval(-35 * 86_400)
        held.minutesApprovedBy = "Eleanor Hughes"
        try await held.save(on: db)
        try await AuditLog.record(
            on: db, actor: actor, action: "meeting.minutes_approved", objectType: "meeting",
            objectID: held.id?.uuidString, summary: "Approved and published the minutes of \(boardName)")

        // Planned: next month, online, the agenda published; the GP member will leave for the primary care item.
        let planned = Meeting(boardID: board.id!, heldOn: today.adding(days: 30), startsAt: "18:00", place: "Online")
        planned.agendaPublished = true
        try await planned.create(on: db)
        let access = MeetingItem(
            meetingID: planned.id!, position: 1, title: "Getting a GP appointment in Leeds: quarterly report",
            paper: "How long people waited, what they told us, and what practices are changing.", decisionID: nil)
        try await access.create(on: db)
        let winter = MeetingItem(
            meetingID: planned.id!, position: 2, title: "Winter plan for Leeds services",
            paper: "Extra same-day appointments and support for people leaving hospital.", decisionID: nil)
        try await winter.create(on: db)
        try await actions(on: db, meeting: planned, item: access, [("Dr Amir Khan", .leave)], member)
        if let okafor = member("David Okafor") {
            try await MeetingAttendance(meetingID: planned.id!, memberID: okafor, attendance: .apologies).create(on: db)
        }
        try await AuditLog.record(
            on: db, actor: actor, action: "meeting.agenda_published", objectType: "meeting",
            objectID: planned.id?.uuidString, summary: "Published the agenda of \(boardName)")
    }

    static func actions(
        on db: any Database, meeting: Meeting, item: MeetingItem, _ chosen: [(String, ChairAction)],
        _ member: (String) -> UUID?
    ) async throws {
        for (name, action) in chosen {
            guard let id = member(name) else { continue }
            try await MeetingDeclaration(meetingID: meeting.id!, itemID: item.id!, memberID: id, action: action)
                .create(on: db)
        }
    }
}
