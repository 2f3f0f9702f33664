/// Whether a board meeting is still to come, took place, or was called off.
public enum MeetingStatus: String, CaseIterable, Codable, Sendable {
    case planned, held, cancelled

    public var title: String {
        switch self {
        case .planned: "Planned"
        case .held: "Held"
        case .cancelled: "Cancelled"
        }
    }
}

/// Whether a member of the board came to a meeting. Members not recorded either way are absent.
public enum Attendance: String, CaseIterable, Codable, Sendable {
    case present, apologies, absent

    public var title: String {
        switch self {
        case .present: "Present"
        case .apologies: "Sent apologies"
        case .absent: "Absent"
        }
    }
}

/// A member of the board sitting on the meeting day, as the meeting's rules see them.
public struct MeetingMember: Sendable, Equatable {
    public var name: String
    public var votes: Bool
    /// Their register of interests (nil returns included).
    public var entries: [RegisterEntry]

    public init(name: String, votes: Bool, entries: [RegisterEntry]) {
        self.name = name
        self.votes = votes
        self.entries = entries
    }

    /// Interests standing on `day`: the ones the decision pages flag for a member present (domain rules §5).
    public func interests(on day: SimpleDate) -> [RegisterEntry] {
        entries.filter { $0.isCurrentInterest(on: day) }
    }
}

/// The rules of a board meeting: the standing declarations item, who is conflicted for an item, and whether an
/// item stays quorate without them (domain rules §5).
public enum MeetingRules {
    /// Every decision meeting opens with declarations of interest: item 1, not removable.
    public static let declarationsItemTitle = "Declarations of interest"

    /// Members with an interest on the register on the meeting day, in the order given. The decision pages flag
    /// any such interest of a member present; the agenda does the same for each item, so the chair plans an
    /// action for every one of them.
    public static func conflicted(_ members: [MeetingMember], on day: SimpleDate) -> [MeetingMember] {
        members.filter { !$0.interests(on: day).isEmpty }
    }

    /// "Financial: GP partner, Chapeltown Surgery", each interest standing on `day`, joined by "; ".
    public static func interestText(_ member: MeetingMember, on day: SimpleDate) -> String {
        member.interests(on: day).map { entry in
            let details = entry.description.last == "." ? String(entry.description.dropLast()) : entry.description
            return entry.kind.title + ": " + details
        }.joined(separator: "; ")
    }

    /// Who decides an item, and whether that meets the quorum.
    public struct ItemQuorum: Sendable, Equatable {
        /// Voting members expected (or present) who decide the item.
        public var deciding: [String]
        /// Voting members expected (or present) who do not decide it.
        public var standingAside: [String]
        /// The board's quorum; nil when it has none set.
        public var quorum: Int?

        /// Nil when the board has no quorum set.
        public var isQuorate: Bool? { quorum.map { deciding.count >= $0 } }

        /// "Quorate: 4 voting members decide it (quorum 3)." or the opposite, or a note when no quorum is set.
        public var summary: String {
            let decide = "\(QuorumRules.votingMembers(deciding.count)) \(deciding.count == 1 ? "decides" : "decide") it"
            guard let quorum else { return "The board has no quorum set: \(decide)." }
            return deciding.count >= quorum
                ? "Quorate: \(decide) (quorum \(quorum))."
                : "Not quorate: only \(decide), and the quorum is \(quorum)."
        }

        /// The summary as one sentence after a lead-in such as "If they all stand aside": "If they all stand aside,
        /// the item is not quorate: only 2 voting members decide it, and the quorum is 3."
        public func summary(after lead: String) -> String {
            let decide = "\(QuorumRules.votingMembers(deciding.count)) \(deciding.count == 1 ? "decides" : "decide") it"
            guard let quorum else { return "\(lead), \(decide) (the board has no quorum set)." }
            return deciding.count >= quorum
                ? "\(lead), the item is quorate: \(decide) (quorum \(quorum))."
                : "\(lead), the item is not quorate: only \(decide), and the quorum is \(quorum)."
        }
    }

    /// The minutes' line on whether the meeting was quorate for an item, as one plain sentence: counted from the
    /// attendance and the chair's actions and, when the decision record answers the question, its answer first.
    /// "The meeting was quorate for this item, with 3 voting members deciding it against a quorum of 2."
    public static func minutesQuorum(_ counted: ItemQuorum, recorded: Bool?) -> String {
        let count = counted.deciding.count
        let members = count == 0 ? "no voting member" : QuorumRules.votingMembers(count)
        guard let quorum = counted.quorum else {
            guard let recorded else { return "The board has no quorum set, and \(members) decided this item." }
            return "The decision record says the meeting was \(recorded ? "" : "not ")quorate for this item, and "
                + "counted from the attendance \(members) decided it (the board has no quorum set)."
        }
        let quorate = count >= quorum
        let who = (quorate || count == 0 ? "" : "only ") + members
        guard let recorded else {
            return "The meeting was \(quorate ? "" : "not ")quorate for this item, with \(who) deciding it against a "
                + "quorum of \(quorum)."
        }
        return "The decision record says the meeting was \(recorded ? "" : "not ")quorate for this item, "
            + (quorate == recorded ? "and" : "but")
            + " counted from the attendance \(who) decided it against a quorum of \(quorum)."
    }

    /// The voting members among `attending` who decide an item, less those in `notDeciding`. Each name counted
    /// once.
    public static func itemQuorum(
        quorum: Int?, attending: [MeetingMember], notDeciding: Set<String>
    ) -> ItemQuorum {
        let voters = MembershipRules.distinctPeople(attending.filter(\.votes).map(\.name))
        return ItemQuorum(
            deciding: voters.filter { !notDeciding.contains($0) },
            standingAside: voters.filter { notDeciding.contains($0) }, quorum: quorum)
    }

    /// Why a decision cannot be approved as taken at a meeting of `board` on `day`, when the board keeps its
    /// meetings in Heard (`meetings`, empty when it does not): the published record would name a meeting with no
    /// agenda, attendance or minutes behind it. Nil when a meeting that was not cancelled is recorded that day.
    public static func decisionMeetingProblem(
        board: String, day: SimpleDate, meetings: [(day: SimpleDate, status: MeetingStatus)]
    ) -> String? {
        guard !meetings.isEmpty, !meetings.contains(where: { $0.day == day && $0.status != .cancelled }) else {
            return nil
        }
        let fix =
            "Correct the meeting date on the paper, or add the meeting on the board's page and put this paper on its agenda."
        if meetings.contains(where: { $0.day == day }) {
            return "The meeting of \(board) on \(day.ukText) is recorded as cancelled, so no decision was taken at it. "
                + fix
        }
        return "\(board) keeps its meetings in Heard, and none is recorded on \(day.ukText). " + fix
    }

    /// The minutes' quorum line while nobody is recorded present.
    public static let attendanceNotRecorded =
        "Attendance is not recorded yet: record who was present to show whether the meeting was quorate for this item."

    /// How a member's attendance reads: with nobody recorded present yet, a member with nothing recorded is
    /// expected, not absent (absence is not stored, so it can only be told once attendance is taken).
    public static func attendanceText(_ said: Attendance?, anyonePresent: Bool) -> String {
        said?.title ?? (anyonePresent ? Attendance.absent.title : "Not recorded yet")
    }

    /// Who the meeting expects: those recorded present once attendance is recorded; before then, every member
    /// who has not sent apologies.
    public static func attending(
        _ members: [MeetingMember], attendance: [String: Attendance]
    ) -> [MeetingMember] {
        let recordedPresent = attendance.values.contains(.present)
        return members.filter { member in
            let said = attendance[member.name]
            return recordedPresent ? said == .present : said != .apologies && said != .absent
        }
    }

    /// What stops a meeting being marked held, or its minutes approved; empty when nothing does.
    /// `missingActions`: "Dr Amir Khan (item 2, Extended hours)" for each conflicted member present with no
    /// action recorded for an item.
    public static func minutesProblems(
        status: MeetingStatus, day: SimpleDate, today: SimpleDate, presentCount: Int, missingActions: [String]
    ) -> [String] {
        var problems: [String] = []
        if status != .held {
            problems.append("Mark the meeting as held before approving its minutes.")
        }
        if day > today {
            problems.append("The meeting is on \(day.ukText), so its minutes cannot be approved yet.")
        }
        if presentCount == 0 {
            problems.append("Record who attended: the minutes list the members present.")
        }
        if !missingActions.isEmpty {
            problems.append(
                "Record what the chair decided for each member with a declared interest, or that their interest is not relevant to the item, for every item: "
                    + EnglishList.and(missingActions) + ".")
        }
        return problems
    }

    /// Why a meeting's status cannot be `status` on `day`; nil when it can. A meeting is held on or before today.
    public static func statusProblem(_ status: MeetingStatus, day: SimpleDate, today: SimpleDate) -> String? {
        guard status == .held, day > today else { return nil }
        return "The meeting is on \(day.ukText), after today: it can be marked held on the day or after."
    }
}
