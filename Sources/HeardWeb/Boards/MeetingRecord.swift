import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Vapor

/// Everything known about one meeting, loaded together for its pages, its minutes and the API.
struct MeetingRecord {
    var meeting: Meeting
    var board: Board
    /// The board's members sitting on the meeting day, with their declarations, by name.
    var members: [BoardMember]
    /// The agenda after the standing declarations item, in order, each with its decision when it has one.
    var items: [MeetingItem]
    var attendance: [UUID: Attendance]
    /// The chair's action for a member on an item: `actions[itemID][memberID]`.
    var actions: [UUID: [UUID: ChairAction]]
    /// Every board's name, to read a joint meeting on a decision paper.
    var boardNames: [String]

    static func load(_ id: UUID, on db: any Database) async throws -> MeetingRecord {
        guard let meeting = try await Meeting.find(id, on: db) else { throw Abort(.notFound) }
        return try await load(meeting, on: db)
    }

    static func load(_ meeting: Meeting, on db: any Database) async throws -> MeetingRecord {
        let id = try meeting.requireID()
        guard let board = try await Board.find(meeting.$board.id, on: db) else { throw Abort(.notFound) }
        let day = meeting.day
        let members = try await board.$members.query(on: db).with(\.$declarations).sort(\.$name).all()
            .filter { $0.sits(on: day) }
        let items = try await MeetingItem.query(on: db).filter(\.$meeting.$id == id).with(\.$decision)
            .sort(\.$position).all()
        var attendance: [UUID: Attendance] = [:]
        for row in try await MeetingAttendance.query(on: db).filter(\.$meeting.$id == id).all() {
            attendance[row.$member.id] = row.attendance
        }
        var actions: [UUID: [UUID: ChairAction]] = [:]
        for row in try await MeetingDeclaration.query(on: db).filter(\.$meeting.$id == id).all() {
            if let action = row.chairAction { actions[row.$item.id, default: [:]][row.$member.id] = action }
        }
        return MeetingRecord(
            meeting: meeting, board: board, members: members, items: items, attendance: attendance, actions: actions,
            boardNames: try await Board.query(on: db).all().map(\.name))
    }

    /// "Tuesday 20 January 2027, 6pm", or the date alone when no time is set.
    var when: String { ActivityTime.when(meeting.day, starts: meeting.startsAt, ends: nil) }

    /// "Leeds Place Committee, 20 January 2027".
    var title: String { "\(board.name), \(meeting.day.ukText)" }

    func domainMember(_ member: BoardMember) -> MeetingMember {
        MeetingMember(name: member.name, votes: member.votes, entries: member.declarations.map(\.entry))
    }

    /// Members with an interest on the register on the meeting day.
    var conflicted: [BoardMember] {
        members.filter { !domainMember($0).interests(on: meeting.day).isEmpty }
    }

    /// Members with an interest on the register, less those whose interest the secretary recorded as not
    /// relevant to this item: the ones the chair must decide about for it.
    func conflicted(on item: MeetingItem) -> [BoardMember] {
        conflicted.filter { actions[item.id!]?[$0.id!] != .notRelevant }
    }

    /// Members whose interest is recorded as not relevant to this item.
    func notRelevant(on item: MeetingItem) -> [BoardMember] {
        conflicted.filter { actions[item.id!]?[$0.id!] == .notRelevant }
    }

    /// Whether attendance has been taken: anyone recorded present.
    var anyonePresent: Bool { attendance.values.contains(.present) }

    /// "Present", "Sent apologies", "Absent", or "Not recorded yet" before attendance is taken.
    func attendanceText(_ member: BoardMember) -> String {
        MeetingRules.attendanceText(attendance[member.id!], anyonePresent: anyonePresent)
    }

    var attendanceByName: [String: Attendance] {
        Dictionary(
            members.compactMap { member in attendance[member.id!].map { (member.name, $0) } },
            uniquingKeysWith: { first, _ in first })
    }

    /// Who the meeting expects for planning: those recorded present, or before then everyone without apologies.
    var expected: [MeetingMember] {
        MeetingRules.attending(members.map(domainMember), attendance: attendanceByName)
    }

    /// Whether the item stays quorate if every member conflicted on it who is expected stands aside.
    func quorumWithoutConflicted(_ item: MeetingItem) -> MeetingRules.ItemQuorum {
        MeetingRules.itemQuorum(
            quorum: board.quorum, attending: expected, notDeciding: Set(conflicted(on: item).map(\.name)))
    }

    /// Whether the item is quorate with the actions the chair recorded for it.
    func quorumWithActions(_ item: MeetingItem) -> MeetingRules.ItemQuorum {
        let aside = (actions[item.id!] ?? [:]).filter { QuorumRules.notDeciding.contains($0.value) }.keys
        let names = Set(members.filter { aside.contains($0.id!) }.map(\.name))
        return MeetingRules.itemQuorum(quorum: board.quorum, attending: expected, notDeciding: names)
    }

    /// Conflicted members present with nothing recorded for an item, neither an action nor that their interest
    /// is not relevant to it: "Dr Amir Khan (item 2)".
    var missingActions: [String] {
        let present = conflicted.filter { attendance[$0.id!] == .present }
        return items.enumerated().flatMap { index, item in
            present.filter { actions[item.id!]?[$0.id!] == nil }.map { "\($0.name) (item \(index + 2))" }
        }
    }

    /// Whether the decision paper's meeting is this board's, alone or meeting jointly with others.
    func paperNamesBoard(_ decision: Decision) -> Bool {
        BoardNameMatch.boards(named: decision.meeting, among: boardNames).contains(board.name)
    }

    /// Where a decision item's paper names another meeting or date than this one: the published decision gives
    /// the paper's, so the secretary is asked to correct it.
    func mismatch(_ item: MeetingItem) -> String? {
        guard let decision = item.decision else { return nil }
        guard !paperNamesBoard(decision) || decision.meetingOn != meeting.heldOn else { return nil }
        let paperDay = SimpleDate(iso: decision.meetingOn)?.ukText ?? decision.meetingOn
        return
            "The decision paper says \"\(decision.meeting)\" on \(paperDay), but this is \(board.name) on \(meeting.day.ukText). The published decision shows the paper's meeting: put this meeting on the paper, or take the item off this agenda."
    }

    /// The minutes as composed from the record now.
    var minutes: MeetingMinutes {
        MeetingMinutes.compose(
            board: board.name, when: when, place: meeting.place, day: meeting.day, quorum: board.quorum,
            members: members.map(domainMember), attendance: attendanceByName,
            declarationsNotes: meeting.declarationsNotes,
            items: items.map { item in
                var byName: [String: ChairAction] = [:]
                for member in members {
                    if let action = actions[item.id!]?[member.id!] { byName[member.name] = action }
                }
                return MinutesItemFacts(
                    title: item.title, paper: item.paper, actions: byName,
                    decision: item.decision.map {
                        .init(outcome: $0.outcome, approved: $0.isApproved, quorate: $0.quorate)
                    }, notes: item.notes)
            })
    }

    /// Whether the public may see the meeting: its agenda is published or its minutes approved.
    var isPublic: Bool { meeting.agendaPublished || meeting.minutesApproved }
}
