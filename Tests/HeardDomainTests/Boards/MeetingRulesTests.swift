import HeardDomain
import Testing

@Suite("Boards: meetings, the standing declarations item, quorum without the conflicted, minutes")
struct MeetingRulesTests {
    static func date(_ iso: String) -> SimpleDate { SimpleDate(iso: iso)! }
    static let day = date("2026-11-10")

    static let khan = MeetingMember(
        name: "Dr Amir Khan", votes: true,
        entries: [
            RegisterEntry(
                kind: .financial, description: "GP partner, Chapeltown Surgery.", declaredOn: date("2026-01-10"))
        ])
    static let marsh = MeetingMember(
        name: "Professor Helen Marsh", votes: true,
        entries: [
            RegisterEntry(
                kind: .professional, description: "Trustee, hospitals charity", declaredOn: date("2026-01-10"),
                endedOn: date("2026-10-01"))
        ])
    static let whitaker = MeetingMember(
        name: "Sarah Whitaker", votes: true,
        entries: [RegisterEntry(kind: .none, description: "", declaredOn: date("2026-01-10"))])
    static let okafor = MeetingMember(name: "David Okafor", votes: true, entries: [])
    static let lister = MeetingMember(
        name: "Gwen Lister", votes: false,
        entries: [
            RegisterEntry(kind: .personal, description: "Volunteer, carers' group", declaredOn: date("2026-02-01"))
        ])
    static let board = [khan, marsh, whitaker, okafor, lister]

    @Test("the conflicted are those with an interest standing on the meeting day; nil returns and ended ones are not")
    func conflicted() {
        #expect(MeetingRules.conflicted(Self.board, on: Self.day).map(\.name) == ["Dr Amir Khan", "Gwen Lister"])
        // Before Professor Marsh's interest ended, she was conflicted too.
        #expect(
            MeetingRules.conflicted(Self.board, on: Self.date("2026-09-30")).map(\.name)
                == ["Dr Amir Khan", "Professor Helen Marsh", "Gwen Lister"])
        #expect(
            MeetingRules.interestText(Self.khan, on: Self.day) == "Financial: GP partner, Chapeltown Surgery",
            "the member's own full stop is not doubled")
    }

    @Test("an item stays quorate without the conflicted only if enough other voting members decide it")
    func quorumWithoutConflicted() {
        let aside: Set<String> = ["Dr Amir Khan", "Gwen Lister"]
        let three = MeetingRules.itemQuorum(quorum: 3, attending: Self.board, notDeciding: aside)
        #expect(three.deciding == ["Professor Helen Marsh", "Sarah Whitaker", "David Okafor"])
        #expect(three.standingAside == ["Dr Amir Khan"], "a non-voting member is not counted either way")
        #expect(three.isQuorate == true)
        #expect(three.summary == "Quorate: 3 voting members decide it (quorum 3).")
        let four = MeetingRules.itemQuorum(quorum: 4, attending: Self.board, notDeciding: aside)
        #expect(four.isQuorate == false)
        #expect(four.summary == "Not quorate: only 3 voting members decide it, and the quorum is 4.")
        let none = MeetingRules.itemQuorum(quorum: nil, attending: [Self.khan], notDeciding: [])
        #expect(none.isQuorate == nil)
        #expect(none.summary == "The board has no quorum set: 1 voting member decides it.")
        #expect(
            three.summary(after: "If they all stand aside")
                == "If they all stand aside, the item is quorate: 3 voting members decide it (quorum 3).")
        #expect(
            four.summary(after: "With the chair's actions chosen below")
                == "With the chair's actions chosen below, the item is not quorate: only 3 voting members decide it, and the quorum is 4."
        )
        #expect(
            none.summary(after: "If they all stand aside")
                == "If they all stand aside, 1 voting member decides it (the board has no quorum set).")
    }

    @Test("before attendance is taken everyone without apologies is expected; afterwards only those present")
    func attending() {
        let apologies: [String: Attendance] = ["David Okafor": .apologies]
        #expect(!MeetingRules.attending(Self.board, attendance: apologies).map(\.name).contains("David Okafor"))
        #expect(MeetingRules.attending(Self.board, attendance: apologies).count == 4)
        let taken: [String: Attendance] = ["Dr Amir Khan": .present, "Sarah Whitaker": .present]
        #expect(
            MeetingRules.attending(Self.board, attendance: taken).map(\.name) == ["Dr Amir Khan", "Sarah Whitaker"])
    }

    @Test("minutes are approved only for a held meeting in the past with attendance and every action recorded")
    func minutesProblems() {
        let today = Self.date("2026-11-20")
        #expect(
            MeetingRules.minutesProblems(
                status: .held, day: Self.day, today: today, presentCount: 3, missingActions: []
            ).isEmpty)
        let problems = MeetingRules.minutesProblems(
            status: .planned, day: Self.date("2026-12-01"), today: today, presentCount: 0,
            missingActions: ["Dr Amir Khan (item 2)"])
        #expect(problems.count == 4)
        #expect(problems[0] == "Mark the meeting as held before approving its minutes.")
        #expect(problems[3].contains("Dr Amir Khan (item 2)"))
        #expect(MeetingRules.statusProblem(.held, day: Self.date("2026-12-01"), today: today) != nil)
        #expect(MeetingRules.statusProblem(.planned, day: Self.date("2026-12-01"), today: today) == nil)
        #expect(MeetingRules.statusProblem(.held, day: today, today: today) == nil)
    }

    @Test("the minutes record attendance, each declaration with the action per item, outcomes and quorum")
    func minutes() {
        let attendance: [String: Attendance] = [
            "Dr Amir Khan": .present, "Professor Helen Marsh": .present, "Sarah Whitaker": .present,
            "David Okafor": .apologies,
        ]
        let minutes = MeetingMinutes.compose(
            board: "Leeds Place Committee", when: "10 November 2026", place: "Civic Hall", day: Self.day, quorum: 2,
            members: Self.board, attendance: attendance, declarationsNotes: "Reminder given.",
            items: [
                MinutesItemFacts(
                    title: "Extended hours", paper: "", actions: ["Dr Amir Khan": .leave],
                    decision: .init(outcome: "Fund evening appointments", approved: true, quorate: true),
                    notes: "Agreed."),
                MinutesItemFacts(
                    title: "Questions from the public", paper: "Two questions", actions: [:], decision: nil, notes: ""),
            ])
        #expect(minutes.present == ["Dr Amir Khan", "Professor Helen Marsh", "Sarah Whitaker"])
        #expect(minutes.apologies == ["David Okafor"])
        // Gwen Lister has an interest but was not there, so the minutes do not list her declaration.
        #expect(minutes.declarations.map(\.person) == ["Dr Amir Khan"])
        #expect(
            minutes.declarations[0].actions == [
                "Item 2 (Extended hours): leave", "Item 3 (Questions from the public): not recorded",
            ])
        #expect(minutes.items.map(\.number) == [2, 3])
        #expect(minutes.items[0].outcome == "Fund evening appointments")
        #expect(
            minutes.items[0].quorum
                == "The decision record says the meeting was quorate for this item, and counted from the attendance 2 voting members decided it against a quorum of 2."
        )
        #expect(minutes.items[1].outcome == nil)
        #expect(
            minutes.items[1].quorum
                == "The meeting was quorate for this item, with 3 voting members deciding it against a quorum of 2.")
        let text = minutes.plainText
        #expect(text.hasPrefix("Minutes of Leeds Place Committee, 10 November 2026, Civic Hall\n"))
        #expect(text.contains("1. Declarations of interest\nDr Amir Khan declared: Financial: GP partner"))
        #expect(text.contains("Apologies: David Okafor."))
        #expect(text.contains("2. Extended hours\nDecided: Fund evening appointments"))
        #expect(text.contains("3. Questions from the public\nPaper: Two questions"))
    }

    @Test("a decision at a board that keeps its meetings here must be at one of them, and not a cancelled one")
    func decisionMeeting() {
        let day = Self.date("2026-12-07")
        let other = Self.date("2026-10-28")
        #expect(MeetingRules.decisionMeetingProblem(board: "Leeds Place Committee", day: day, meetings: []) == nil)
        #expect(
            MeetingRules.decisionMeetingProblem(
                board: "Leeds Place Committee", day: day, meetings: [(other, .held), (day, .planned)]) == nil)
        #expect(
            MeetingRules.decisionMeetingProblem(board: "Leeds Place Committee", day: day, meetings: [(other, .held)])
                == "Leeds Place Committee keeps its meetings in Heard, and none is recorded on 7 December 2026. Correct the meeting date on the paper, or add the meeting on the board's page and put this paper on its agenda."
        )
        #expect(
            MeetingRules.decisionMeetingProblem(
                board: "Leeds Place Committee", day: day, meetings: [(day, .cancelled)])?
                .hasPrefix("The meeting of Leeds Place Committee on 7 December 2026 is recorded as cancelled") == true)
    }

    @Test("before attendance is taken, the minutes and the attendance say so rather than 'not quorate' and 'absent'")
    func attendanceNotTaken() {
        let draft = MeetingMinutes.compose(
            board: "Leeds Place Committee", when: "6 January 2027", place: "Civic Hall", day: Self.day, quorum: 2,
            members: Self.board, attendance: ["David Okafor": .apologies], declarationsNotes: "",
            items: [MinutesItemFacts(title: "Extended hours", paper: "", actions: [:], decision: nil, notes: "")])
        #expect(draft.items[0].quorum == MeetingRules.attendanceNotRecorded)
        #expect(!draft.items[0].quorum.contains("not quorate"))
        #expect(MeetingRules.attendanceText(nil, anyonePresent: false) == "Not recorded yet")
        #expect(MeetingRules.attendanceText(.apologies, anyonePresent: false) == "Sent apologies")
        // Once anyone is recorded present, a member with nothing recorded was absent.
        #expect(MeetingRules.attendanceText(nil, anyonePresent: true) == "Absent")
        #expect(MeetingRules.attendanceText(.present, anyonePresent: true) == "Present")
    }

    @Test("each quorum line of the minutes is one plain sentence: quorate, not quorate, and no quorum set")
    func minutesQuorumSentences() {
        let attending = [Self.khan, Self.whitaker, Self.okafor]
        let quorate = MeetingRules.itemQuorum(quorum: 2, attending: attending, notDeciding: ["Dr Amir Khan"])
        #expect(
            MeetingRules.minutesQuorum(quorate, recorded: nil)
                == "The meeting was quorate for this item, with 2 voting members deciding it against a quorum of 2.")
        let short = MeetingRules.itemQuorum(quorum: 3, attending: attending, notDeciding: ["Dr Amir Khan"])
        #expect(
            MeetingRules.minutesQuorum(short, recorded: nil)
                == "The meeting was not quorate for this item, with only 2 voting members deciding it against a quorum of 3."
        )
        let nobody = MeetingRules.itemQuorum(quorum: 1, attending: [Self.khan], notDeciding: ["Dr Amir Khan"])
        #expect(
            MeetingRules.minutesQuorum(nobody, recorded: nil)
                == "The meeting was not quorate for this item, with no voting member deciding it against a quorum of 1."
        )
        let unset = MeetingRules.itemQuorum(quorum: nil, attending: [Self.khan], notDeciding: [])
        #expect(
            MeetingRules.minutesQuorum(unset, recorded: nil)
                == "The board has no quorum set, and 1 voting member decided this item.")
        // With the decision record's own answer: said first, then whether the attendance bears it out.
        #expect(
            MeetingRules.minutesQuorum(short, recorded: true)
                == "The decision record says the meeting was quorate for this item, but counted from the attendance only 2 voting members decided it against a quorum of 3."
        )
        #expect(
            MeetingRules.minutesQuorum(short, recorded: false)
                == "The decision record says the meeting was not quorate for this item, and counted from the attendance only 2 voting members decided it against a quorum of 3."
        )
        #expect(
            MeetingRules.minutesQuorum(unset, recorded: true)
                == "The decision record says the meeting was quorate for this item, and counted from the attendance 1 voting member decided it (the board has no quorum set)."
        )
        // One sentence each: no colon, and a single full stop at the end.
        for line in [
            MeetingRules.minutesQuorum(quorate, recorded: nil), MeetingRules.minutesQuorum(short, recorded: nil),
            MeetingRules.minutesQuorum(unset, recorded: nil), MeetingRules.minutesQuorum(short, recorded: true),
            MeetingRules.minutesQuorum(unset, recorded: true),
        ] {
            #expect(!line.contains(":"), "\(line)")
            #expect(line.filter { $0 == "." }.count == 1 && line.hasSuffix("."), "\(line)")
        }
    }

    @Test("an interest recorded as not relevant to an item: no action asked, counted as deciding, said plainly")
    func notRelevant() {
        let attendance: [String: Attendance] = [
            "Dr Amir Khan": .present, "Sarah Whitaker": .present, "David Okafor": .present,
        ]
        let minutes = MeetingMinutes.compose(
            board: "Leeds Place Committee", when: "10 November 2026", place: "Civic Hall", day: Self.day, quorum: 3,
            members: Self.board, attendance: attendance, declarationsNotes: "",
            items: [
                MinutesItemFacts(
                    title: "Extended hours", paper: "", actions: ["Dr Amir Khan": .leave], decision: nil, notes: ""),
                MinutesItemFacts(
                    title: "Questions from the public", paper: "", actions: ["Dr Amir Khan": .notRelevant],
                    decision: nil, notes: ""),
            ])
        #expect(
            minutes.declarations[0].actions == [
                "Item 2 (Extended hours): leave",
                "Item 3 (Questions from the public): interest not relevant to this item",
            ])
        #expect(
            minutes.declarations[0].chairActions == [
                .init(item: 2, action: .leave), .init(item: 3, action: .notRelevant),
            ])
        // He left item 2, short of the quorum of 3; on item 3 he decides, so it is quorate.
        #expect(minutes.items[0].quorum.hasPrefix("The meeting was not quorate for this item"))
        #expect(
            minutes.items[1].quorum
                == "The meeting was quorate for this item, with 3 voting members deciding it against a quorum of 3.")
        #expect(
            minutes.plainText.contains(
                "Dr Amir Khan declared: Financial: GP partner, Chapeltown Surgery.\n  Item 2 (Extended hours): leave\n  Item 3 (Questions from the public): interest not relevant to this item\n"
            ))
        #expect(!QuorumRules.notDeciding.contains(.notRelevant))
    }
}
