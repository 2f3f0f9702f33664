import Fluent
import Foundation
import HeardDomain
import HeardStorage

/// The register of interests as the rules see it, read from the database.
enum BoardRegister {
    /// Members (with their board and declarations) who have not left.
    static func sittingMembers(on db: any Database) async throws -> [BoardMember] {
        try await BoardMember.query(on: db).filter(\.$leftOn == nil).with(\.$board).with(\.$declarations).all()
    }

    /// Every member, those who have left included (with their board and declarations), for the conflict check
    /// at approval: someone present at the meeting may have left the board since.
    static func allMembers(on db: any Database) async throws -> [BoardMember] {
        try await BoardMember.query(on: db).with(\.$board).with(\.$declarations).all()
    }

    /// The rules' view of the members sitting on any of `days`.
    /// `days[0]` is today: whether declarations are overdue is judged on it.
    static func registered(_ members: [BoardMember], on days: [SimpleDate]) -> [RegisteredMember] {
        members.filter { member in days.contains { member.sits(on: $0) } }.map { member in
            let current = days.first.map { status(member, today: $0) }
            return RegisteredMember(
                name: member.name, board: member.board.name, entries: member.declarations.map(\.entry),
                overdue: current?.isOverdue == true ? current?.summary : nil)
        }
    }

    /// Names among `membersPresent` that are not members of any board on the meeting day (or today, when the
    /// day is not known): `unknown` may be misspelt; `former` had left by then, said as "Sarah Whitaker left
    /// Leeds Place Committee on 1 December 2026".
    static func unrecognised(
        membersPresent: String, members: [BoardMember], today: SimpleDate, meetingOn: SimpleDate?
    ) -> (unknown: [String], former: [String]) {
        let day = meetingOn ?? today
        let entries = ConflictRules.unrecognised(
            membersPresent: membersPresent, register: registered(members, on: [today] + (meetingOn.map { [$0] } ?? [])))
        var unknown: [String] = []
        var former: [String] = []
        for entry in entries {
            let left = members.compactMap { member -> (BoardMember, SimpleDate)? in
                guard let left = member.leftOn.flatMap(SimpleDate.init(iso:)), left <= day,
                    ConflictRules.mentions(entry, name: member.name)
                else { return nil }
                return (member, left)
            }.max { $0.1 < $1.1 }
            if let (member, date) = left {
                former.append("\(member.name) left \(member.board.name) on \(date.ukText)")
            } else {
                unknown.append(entry)
            }
        }
        return (unknown, former)
    }

    static func status(_ member: BoardMember, today: SimpleDate) -> RegisterStatus {
        RegisterStatus.of(appointedOn: member.appointed, entries: member.declarations.map(\.entry), today: today)
    }

    /// Who sits on the board on `day`, each person counted once (`BoardComposition`); members who left by then
    /// and those appointed later are not counted.
    static func composition(_ members: [BoardMember], on day: SimpleDate) -> BoardComposition {
        BoardComposition(
            members.filter { $0.sits(on: day) }.map {
                .init(name: $0.name, votes: $0.votes, livedExperience: $0.livedExperience)
            })
    }

    /// How long the public register keeps an interest that ended, and a member who left: six months (NHS
    /// England, "Managing conflicts of interest in the NHS"), so readers can check the decisions of that time.
    static let keptAfterEndingMonths = 6

    /// What the public register shows of a member: declarations of the last year, interests that still stand,
    /// and interests that ended in the last six months.
    static func published(_ member: BoardMember, today: SimpleDate) -> [InterestDeclaration] {
        let endedSince = today.adding(months: -keptAfterEndingMonths)
        return entries(member).filter {
            $0.entry.isCurrentInterest(on: today) || $0.entry.declaredOn > today.adding(months: -12)
                || $0.entry.endedOn.map { $0 >= endedSince } ?? false
        }
    }

    /// Whether a member who left is still on the public register: for six months after leaving.
    static func recentlyLeft(_ member: BoardMember, today: SimpleDate) -> Bool {
        guard let left = member.leftOn.flatMap(SimpleDate.init(iso:)) else { return false }
        return left <= today && left >= today.adding(months: -keptAfterEndingMonths)
    }

    /// The member's entries declared, or whose end was recorded, more than 28 days late, with what the register
    /// says of each.
    static func late(_ member: BoardMember) -> [(declaration: InterestDeclaration, notes: [String])] {
        entries(member).map { ($0, $0.entry.lateness(appointedOn: member.appointed)) }.filter { !$0.1.isEmpty }
    }

    /// How many of the member's entries were declared, or had their end recorded, more than 28 days late in the
    /// last 12 months (the secretary's dashboard and the boards list).
    static func lateInLastYear(_ member: BoardMember, today: SimpleDate) -> Int {
        let since = today.adding(months: -RegisterEntry.lateCountedMonths)
        return member.declarations.filter {
            !$0.entry.lateness(appointedOn: member.appointed, recordedAfter: since).isEmpty
        }.count
    }

    /// Newest first, as a register is read.
    static func entries(_ member: BoardMember) -> [InterestDeclaration] {
        member.declarations.sorted {
            ($0.declaredOn, $0.createdAt ?? .distantPast) > ($1.declaredOn, $1.createdAt ?? .distantPast)
        }
    }
}
