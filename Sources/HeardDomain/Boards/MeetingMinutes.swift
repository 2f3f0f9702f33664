/// One item of a meeting's agenda as the minutes need it.
public struct MinutesItemFacts: Sendable, Equatable {
    public var title: String
    /// The paper's link or text, as on the agenda.
    public var paper: String
    /// The chair's action for each conflicted member, by member name.
    public var actions: [String: ChairAction]
    /// A decision item: the decision record's outcome, and its own answer on whether the meeting was quorate.
    public var decision: DecisionFacts?
    /// What the secretary wrote for the item.
    public var notes: String

    public struct DecisionFacts: Sendable, Equatable {
        public var outcome: String
        public var approved: Bool
        /// The decision record's answer; nil when it has none yet.
        public var quorate: Bool?

        public init(outcome: String, approved: Bool, quorate: Bool?) {
            self.outcome = outcome
            self.approved = approved
            self.quorate = quorate
        }
    }

    public init(
        title: String, paper: String, actions: [String: ChairAction], decision: DecisionFacts?, notes: String
    ) {
        self.title = title
        self.paper = paper
        self.actions = actions
        self.decision = decision
        self.notes = notes
    }
}

/// The minutes of a board meeting, composed from its record (domain rules §5): attendance and apologies, the
/// standing declarations item (person, interest and the chair's action for each item), then each item's outcome
/// and whether it was quorate, with the secretary's notes.
public struct MeetingMinutes: Sendable, Equatable {
    public struct Declaration: Sendable, Equatable {
        public var person: String
        public var interest: String
        /// "Item 2 (Extended hours): leave", or "…: interest not relevant to this item", one per item.
        public var actions: [String]
        /// The same, as data: the item's number and the chair's action, nil when not recorded.
        public var chairActions: [ItemAction]
    }

    public struct ItemAction: Sendable, Equatable {
        public var item: Int
        public var action: ChairAction?

        public init(item: Int, action: ChairAction?) {
            self.item = item
            self.action = action
        }
    }

    public struct Item: Sendable, Equatable {
        public var number: Int
        public var title: String
        public var paper: String
        /// The decision record's outcome for a decision item; nil for a plain item.
        public var outcome: String?
        /// Whether the meeting was quorate for the item, one sentence: the decision record's answer, if it has one,
        /// and the count from the attendance (`MeetingRules.minutesQuorum`).
        public var quorum: String
        public var notes: String
    }

    public var heading: String
    public var present: [String]
    public var apologies: [String]
    public var declarations: [Declaration]
    public var declarationsNotes: String
    public var items: [Item]

    /// Composes the minutes. `members`: the board's members sitting on `day`; `attendance` by member name.
    public static func compose(
        board: String, when: String, place: String, day: SimpleDate, quorum: Int?, members: [MeetingMember],
        attendance: [String: Attendance], declarationsNotes: String, items: [MinutesItemFacts]
    ) -> MeetingMinutes {
        let present = members.filter { attendance[$0.name] == .present }
        let declarations = MeetingRules.conflicted(present, on: day).map { member in
            Declaration(
                person: member.name, interest: MeetingRules.interestText(member, on: day),
                actions: items.enumerated().map { index, item in
                    "Item \(index + 2) (\(item.title)): " + (item.actions[member.name]?.minutesText ?? "not recorded")
                },
                chairActions: items.enumerated().map { index, item in
                    ItemAction(item: index + 2, action: item.actions[member.name])
                })
        }
        let composed = items.enumerated().map { index, item in
            let aside = Set(
                item.actions.filter { QuorumRules.notDeciding.contains($0.value) }.map(\.key))
            let counted = MeetingRules.itemQuorum(quorum: quorum, attending: present, notDeciding: aside)
            // With nobody recorded present the attendance is not taken yet (a draft before the meeting), not a
            // meeting nobody came to: saying "not quorate" would contradict the agenda's own count.
            let quorumText =
                present.isEmpty
                ? MeetingRules.attendanceNotRecorded
                : MeetingRules.minutesQuorum(counted, recorded: item.decision?.quorate)
            return Item(
                number: index + 2, title: item.title, paper: item.paper,
                outcome: item.decision.map { $0.approved ? $0.outcome : $0.outcome + " (not yet approved)" },
                quorum: quorumText, notes: item.notes)
        }
        return MeetingMinutes(
            heading: "Minutes of \(board), \(when), \(place)", present: present.map(\.name),
            apologies: members.filter { attendance[$0.name] == .apologies }.map(\.name), declarations: declarations,
            declarationsNotes: declarationsNotes, items: composed)
    }

    /// The minutes as plain text, for download and for pasting into the board's papers.
    public var plainText: String {
        var lines = [heading, ""]
        lines.append("Present: " + (present.isEmpty ? "none recorded" : EnglishList.and(present)) + ".")
        lines.append("Apologies: " + (apologies.isEmpty ? "none" : EnglishList.and(apologies)) + ".")
        lines.append("")
        lines.append("1. " + MeetingRules.declarationsItemTitle)
        if declarations.isEmpty {
            lines.append("No member present has an interest on the register.")
        }
        for declaration in declarations {
            lines.append("\(declaration.person) declared: \(declaration.interest).")
            lines.append(contentsOf: declaration.actions.map { "  " + $0 })
        }
        if !declarationsNotes.isEmpty { lines.append(declarationsNotes) }
        for item in items {
            lines.append("")
            lines.append("\(item.number). \(item.title)")
            if !item.paper.isEmpty { lines.append("Paper: " + item.paper) }
            if let outcome = item.outcome { lines.append("Decided: " + outcome) }
            lines.append(item.quorum)
            if !item.notes.isEmpty { lines.append(item.notes) }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
