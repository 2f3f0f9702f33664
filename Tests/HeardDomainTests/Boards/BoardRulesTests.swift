import Testing

@testable import HeardDomain

@Suite("Boards: register of interests, composition, conflicts")
struct BoardRulesTests {
    static func date(_ iso: String) -> SimpleDate { SimpleDate(iso: iso)! }

    @Test("declarations are due within 28 days of appointment, then every year; a nil return counts")
    func registerStatus() {
        let appointed = Self.date("2026-03-02")
        #expect(
            RegisterStatus.of(appointedOn: appointed, entries: [], today: Self.date("2026-03-30"))
                == .dueOnAppointment(due: Self.date("2026-03-30"), overdue: false))
        #expect(
            RegisterStatus.of(appointedOn: appointed, entries: [], today: Self.date("2026-03-31"))
                == .dueOnAppointment(due: Self.date("2026-03-30"), overdue: true))
        let nilReturn = RegisterEntry(kind: .none, description: "", declaredOn: Self.date("2026-03-10"))
        #expect(
            RegisterStatus.of(appointedOn: appointed, entries: [nilReturn], today: Self.date("2027-03-10"))
                == .upToDate(lastDeclared: Self.date("2026-03-10"), nextDue: Self.date("2027-03-10")))
        let overdue = RegisterStatus.of(appointedOn: appointed, entries: [nilReturn], today: Self.date("2027-03-11"))
        #expect(overdue == .annualOverdue(lastDeclared: Self.date("2026-03-10"), due: Self.date("2027-03-10")))
        #expect(overdue.isOverdue)
        // A declaration made with the application, shortly before appointment, counts; one from years before does not.
        let withApplication = RegisterEntry(kind: .none, description: "", declaredOn: Self.date("2026-02-20"))
        #expect(!RegisterStatus.of(appointedOn: appointed, entries: [withApplication], today: appointed).isOverdue)
        let old = RegisterEntry(kind: .financial, description: "Shares", declaredOn: Self.date("2020-01-01"))
        #expect(
            RegisterStatus.of(appointedOn: appointed, entries: [old], today: Self.date("2026-04-01"))
                == .dueOnAppointment(due: Self.date("2026-03-30"), overdue: true))
    }

    @Test("an interest is current from its declaration until it ends; nil returns are not interests")
    func currentInterests() {
        let partner = RegisterEntry(
            kind: .financial, description: "Partner, Chapeltown Surgery", declaredOn: Self.date("2026-01-05"),
            endedOn: Self.date("2026-06-30"))
        #expect(!partner.isCurrentInterest(on: Self.date("2026-01-04")))
        #expect(partner.isCurrentInterest(on: Self.date("2026-06-30")))
        #expect(!partner.isCurrentInterest(on: Self.date("2026-07-01")))
        #expect(
            !RegisterEntry(kind: .none, description: "", declaredOn: Self.date("2026-01-05"))
                .isCurrentInterest(on: Self.date("2026-02-01")))
    }

    @Test("composition says when there are hardly any members with lived experience, or none with a vote")
    func composition() {
        typealias M = BoardComposition.Member
        #expect(BoardComposition([]).concern == "Nobody is recorded as a member yet.")
        let staffOnly = BoardComposition(Array(repeating: M(votes: true, livedExperience: false), count: 6))
        #expect(staffOnly.concern?.contains("No member has lived experience") == true)
        let one = BoardComposition(
            Array(repeating: M(votes: true, livedExperience: false), count: 5) + [M(votes: true, livedExperience: true)]
        )
        #expect(one.livedExperience == 1)
        #expect(one.concern == "Only 1 of 6 members has lived experience: fewer than one in five.")
        let observers = BoardComposition(
            Array(repeating: M(votes: true, livedExperience: false), count: 3)
                + Array(repeating: M(votes: false, livedExperience: true), count: 2))
        #expect(observers.concern == "Members with lived experience sit on it, but none of them has a vote.")
        let balanced = BoardComposition(
            Array(repeating: M(votes: true, livedExperience: false), count: 4) + [M(votes: true, livedExperience: true)]
        )
        #expect(balanced.concern == nil)
        #expect(balanced.voting == 5 && balanced.livedExperienceVoting == 1)
        // Adding members without a vote does not hide that those who decide hardly include anyone with lived
        // experience: 2 of 7 members, but 1 of 6 voters.
        let padded = BoardComposition(
            Array(repeating: M(votes: true, livedExperience: false), count: 5) + [
                M(votes: true, livedExperience: true), M(votes: false, livedExperience: true),
            ])
        #expect(padded.livedExperience == 2 && padded.members == 7)
        #expect(
            padded.concern
                == "Only 1 of 6 voting members has lived experience: fewer than one in five of those who decide.")
    }

    @Test("composition counts people, not memberships: one person's two memberships count once")
    func compositionCountsPeople() {
        typealias M = BoardComposition.Member
        let composition = BoardComposition([
            M(name: "Sarah Whitaker", votes: true, livedExperience: false),
            M(name: "Dr Amir Khan", votes: true, livedExperience: false),
            // The same people again, as the quorum reads names: case, spaces and titles aside.
            M(name: "sarah  WHITAKER", votes: false, livedExperience: true),
            M(name: "Amir Khan", votes: true, livedExperience: false),
            M(name: "Gwen Lister", votes: false, livedExperience: true),
        ])
        #expect(composition.members == 3)
        #expect(composition.voting == 2)
        #expect(composition.livedExperience == 2, "Sarah Whitaker once, and Gwen Lister")
        #expect(composition.livedExperienceVoting == 1, "Sarah Whitaker has a vote and lived experience")
        #expect(composition.concern == nil)
        // Memberships without a name stay one person each.
        #expect(BoardComposition(Array(repeating: M(votes: true, livedExperience: false), count: 3)).members == 3)
        #expect(
            BoardComposition([
                M(name: "", votes: true, livedExperience: false), M(name: "", votes: true, livedExperience: false),
            ])
            .members == 2)
    }

    @Test("names are found with or without titles, as the full name or title and surname, and not inside other words")
    func mentions() {
        #expect(ConflictRules.mentions("Chair; Dr Amir Khan; two lay members", name: "Dr Amir Khan"))
        #expect(ConflictRules.mentions("Present: the chair, Dr Khan and Ms Shaw", name: "Amir Khan"))
        #expect(ConflictRules.mentions("amir khan (GP member)", name: "Dr Amir Khan"))
        #expect(!ConflictRules.mentions("Present: Khanh Nguyen, Amira Shah", name: "Amir Khan"))
        #expect(!ConflictRules.mentions("Present: Amir Patel", name: "Amir Khan"))
        // Minutes in short: a list entry that is only the surname (or first name) may be them, so it counts;
        // a missed conflict costs more than asking the secretary to write the name in full.
        #expect(ConflictRules.mentions("Marsh\nKhan", name: "Amir Khan"))
        #expect(!ConflictRules.mentions("Khan Academy trustees", name: "Amir Khan"), "not inside a longer entry")
        // Initials, as minutes often write them.
        #expect(ConflictRules.mentions("Prof. H. Marsh (chair), A. Khan (GP member)", name: "Dr Amir Khan"))
        #expect(ConflictRules.mentions("Prof. H. Marsh (chair)", name: "Professor Helen Marsh"))
        #expect(!ConflictRules.mentions("B. Khan", name: "Amir Khan"), "another initial is another person")

        // A line that names two outcomes decides neither.
        let both = DeclarationRules.problem(
            "Dr Khan, Prof Marsh: we forgot to ask whether they would take part or leave.")
        #expect(both?.contains("Line 1 gives more than one outcome (take part, leave)") == true)
        #expect(DeclarationRules.problem("Dr Khan: GP partner at Moor Lane: leave for the item") == nil)
        #expect(!ConflictRules.mentions("anything", name: "Dr"))
    }

    @Test("names in members present that match nobody on the register are picked out; roles are not names")
    func unrecognisedMembers() {
        let register = [
            RegisteredMember(name: "Dr Amir Khan", board: "Leeds Place Committee", entries: []),
            RegisteredMember(name: "Joanne Shaw", board: "Leeds Place Committee", entries: []),
        ]
        #expect(
            ConflictRules.unrecognised(
                membersPresent:
                    "Chair; Dr Amir Kahn; Joanne Shaw, Chief Executive\nthree lay members\nProf Helen Marsh",
                register: register) == ["Dr Amir Kahn", "Prof Helen Marsh"])
        #expect(
            ConflictRules.unrecognised(
                membersPresent: "Dr Khan; Ms Shaw; Director of Nursing; Vice Chair", register: register
            ).isEmpty)
        #expect(
            ConflictRules.unrecognised(membersPresent: "Khan\nShaw\nWhitaker\nCEO", register: register) == ["Whitaker"],
            "a surname on its own is matched, or flagged when it matches nobody")
    }

    @Test("a declaration names the interest by what it is, not by a place or proper name in it")
    func tellingWords() {
        #expect(ConflictRules.tellingWords("Trustee, Leeds Teaching Hospitals Charity") == ["trustee"])
        #expect(ConflictRules.tellingWords("GP partner, Chapeltown Surgery") == ["partner"])
        let marsh = RegisteredMember(
            name: "Professor Helen Marsh", board: "Leeds Place Committee",
            entries: [
                RegisterEntry(
                    kind: .professional, description: "Trustee, Leeds Teaching Hospitals Charity",
                    declaredOn: SimpleDate(year: 2026, month: 4, day: 1))
            ])
        let today = SimpleDate(year: 2026, month: 11, day: 20)
        #expect(
            ConflictRules.problem(
                membersPresent: "Professor Helen Marsh",
                declarations: "Professor Helen Marsh: lives in Leeds; take part",
                register: [marsh], on: today) != nil, "a place is not the interest")
        #expect(
            ConflictRules.problem(
                membersPresent: "Professor Helen Marsh",
                declarations: "Professor Helen Marsh: trustee of the hospitals charity; take part", register: [marsh],
                on: today) == nil)
        // Minutes need not repeat the register's word: "trusteeship" for "trustee", "partnership" for "partner".
        #expect(
            ConflictRules.problem(
                membersPresent: "Professor Helen Marsh",
                declarations: "Professor Helen Marsh declared her trusteeship of the charity and took part",
                register: [marsh], on: today) == nil)
        let khan = RegisteredMember(
            name: "Dr Amir Khan", board: "Leeds Place Committee",
            entries: [
                RegisterEntry(
                    kind: .financial, description: "GP partner, Chapeltown Surgery",
                    declaredOn: SimpleDate(year: 2026, month: 4, day: 1))
            ])
        #expect(
            ConflictRules.problem(
                membersPresent: "Dr Amir Khan",
                declarations: "Dr Khan declared his GP partnership; the chair agreed he would not take part",
                register: [khan], on: today) == nil)
        // A shorter word that only begins alike is not the interest: "part" (4 letters) is not "partner".
        #expect(!ConflictRules.sameStem("part", "partner"))
        #expect(ConflictRules.sameStem("shares", "shareholder") && ConflictRules.sameStem("directorship", "director"))
    }

    @Test("minutes written in short (a surname or first name alone) still bring a registered interest to light")
    func shortNames() {
        let khan = RegisteredMember(
            name: "Dr Amir Khan", board: "Leeds Place Committee",
            entries: [
                RegisterEntry(
                    kind: .financial, description: "GP partner, Chapeltown Surgery",
                    declaredOn: SimpleDate(year: 2026, month: 4, day: 1))
            ])
        let today = SimpleDate(year: 2026, month: 11, day: 20)
        for present in ["Marsh\nKhan\nWhitaker", "Helen; Amir", "Chair, Khan, two lay members"] {
            #expect(
                ConflictRules.problem(
                    membersPresent: present, declarations: "None declared", register: [khan], on: today) != nil,
                "\(present)")
        }
        #expect(
            ConflictRules.problem(
                membersPresent: "Chair; Khanh Nguyen; Amira Shah", declarations: "None declared", register: [khan],
                on: today) == nil, "other names that contain his are not him")
    }

    @Test("an out-of-date register and an unrecorded conflict are both given at once, each its own problem")
    func bothConflictProblems() {
        let today = Self.date("2026-11-20")
        let nair = RegisteredMember(
            name: "Dr Priya Nair", board: "Leeds Place Committee",
            entries: [
                RegisterEntry(
                    kind: .financial, description: "Shares in a pharmacy", declaredOn: Self.date("2026-11-01"))
            ])
        let brennan = RegisteredMember(
            name: "Tom Brennan", board: "Leeds Place Committee", entries: [],
            overdue: "Overdue: due on appointment, by 1 March 2026")
        let problems = ConflictRules.problems(
            membersPresent: "Dr Priya Nair; Tom Brennan", declarations: "None declared.", register: [nair, brennan],
            on: today)
        #expect(problems.count == 2)
        #expect(
            problems.first?.hasPrefix("The register of interests is not up to date for members present: Tom Brennan")
                == true)
        #expect(problems.last?.contains("Dr Priya Nair (Leeds Place Committee) has declared financial") == true)
        let refusals = GunningGate.approvalRefusals(
            needsConsultation: false, consultation: nil, eiaStatus: .signedOff, alreadyApproved: false, today: today,
            declarations: "None declared.", membersPresent: "Dr Priya Nair; Tom Brennan", register: [nair, brennan],
            meetingOn: today)
        #expect(
            refusals.filter { $0.message.contains("Tom Brennan") || $0.message.contains("Dr Priya Nair") }.count == 2)
    }

    @Test("a member present with a current interest must be named in the declarations with the chair's action")
    func conflicts() {
        let today = Self.date("2026-11-20")
        let khan = RegisteredMember(
            name: "Dr Amir Khan", board: "Leeds Place Committee",
            entries: [
                RegisterEntry(
                    kind: .financial, description: "GP partner, Chapeltown Surgery", declaredOn: Self.date("2026-04-01")
                )
            ])
        let shaw = RegisteredMember(
            name: "Joanne Shaw", board: "Leeds Place Committee",
            entries: [RegisterEntry(kind: .none, description: "", declaredOn: Self.date("2026-04-01"))])
        let register = [khan, shaw]
        let present = "Chair; Dr Amir Khan; Joanne Shaw"
        let problem = ConflictRules.problem(
            membersPresent: present, declarations: "None declared.", register: register, on: today)
        #expect(
            problem?.contains(
                "Dr Amir Khan (Leeds Place Committee) has declared financial: GP partner, Chapeltown Surgery") == true)
        #expect(problem?.contains("Joanne Shaw") == false, "a nil return is not a conflict")
        var stopped = khan
        stopped.entries[0].description = "GP partner, Chapeltown Surgery."
        #expect(
            ConflictRules.problem(membersPresent: present, declarations: "None.", register: [stopped], on: today)?
                .contains("Chapeltown Surgery. Add a line") == true, "one full stop, not two")
        #expect(
            ConflictRules.problem(
                membersPresent: present,
                declarations: "Dr Khan: GP partner. The chair decided he would leave for the item.",
                register: register, on: today) == nil)
        #expect(
            ConflictRules.problem(
                membersPresent: present,
                declarations: "Dr Khan declared his interest as a GP partner and left the meeting for the item.",
                register: register, on: today) == nil, "the past tense of the minutes records the action too")
        #expect(
            ConflictRules.problem(
                membersPresent: present, declarations: "Dr Khan (on leave next week): GP partner.",
                register: register, on: today) != nil, "being on leave is not leaving for the item")
        #expect(
            ConflictRules.problem(
                membersPresent: present, declarations: "Joanne Shaw: none. Dr Khan: GP partner.", register: register,
                on: today) != nil, "naming the interest without the chair's action is not enough")
        #expect(
            ConflictRules.problem(
                membersPresent: present, declarations: "Dr Khan: take part. Joanne Shaw: take part.",
                register: register, on: today) != nil, "the chair's action without the interest is not a record")
        #expect(
            ConflictRules.problem(
                membersPresent: present, declarations: "Dr Khan, financial interest: take part.", register: register,
                on: today) == nil, "the kind of interest names it")
        #expect(
            ConflictRules.problem(
                membersPresent: "Chair; Joanne Shaw", declarations: "None", register: register, on: today)
                == nil, "members not present do not count")
        // A member present who has never declared at all cannot take part unrecorded either.
        let brennan = RegisteredMember(
            name: "Tom Brennan", board: "Leeds Place Committee", entries: [],
            overdue: "Overdue: nothing declared since appointment (due 29 October 2026)")
        let silent = ConflictRules.problem(
            membersPresent: "Chair; T. Brennan", declarations: "None declared", register: [brennan], on: today)
        #expect(
            silent
                == "The register of interests is not up to date for members present: Tom Brennan (Leeds Place Committee): overdue: nothing declared since appointment (due 29 October 2026). Record their declarations, or a nil return, before the decision is approved."
        )
        // Through the approval gate: everything else in order, the conflict still refuses approval.
        let refusal = GunningGate.approvalRefusal(
            needsConsultation: false, consultation: nil, eiaStatus: .signedOff, alreadyApproved: false, today: today,
            declarations: "None declared", membersPresent: present, register: register)
        #expect(refusal?.principle == .conflictsOfInterest)
        #expect(refusal?.message.contains("Chapeltown Surgery") == true)
    }

    @Test("an interest that stood at the meeting counts even if it ended before approval")
    func conflictAtTheMeeting() {
        let meeting = Self.date("2026-10-01")
        let approval = Self.date("2026-11-20")
        let khan = RegisteredMember(
            name: "Dr Amir Khan", board: "Leeds Place Committee",
            entries: [
                RegisterEntry(
                    kind: .financial, description: "GP partner, Chapeltown Surgery",
                    declaredOn: Self.date("2026-04-01"),
                    endedOn: Self.date("2026-10-31"))
            ])
        let present = "Chair; Dr Amir Khan"
        #expect(
            ConflictRules.problem(membersPresent: present, declarations: "None.", register: [khan], on: approval)
                == nil,
            "on the approval day alone the interest has ended")
        let problem = ConflictRules.problem(
            membersPresent: present, declarations: "None.", register: [khan], on: approval, meetingOn: meeting)
        #expect(problem?.contains("GP partner, Chapeltown Surgery") == true)
        let refusal = GunningGate.approvalRefusal(
            needsConsultation: false, consultation: nil, eiaStatus: .signedOff, alreadyApproved: false, today: approval,
            declarations: "None declared", membersPresent: present, register: [khan], meetingOn: meeting)
        #expect(refusal?.principle == .conflictsOfInterest)
    }

    @Test("an interest that ended up to 6 months before its declaration may be declared; the end may be ahead")
    func endDates() {
        let declared = Self.date("2026-08-31")
        #expect(RegisterEntry.endDateProblem(endedOn: Self.date("2026-02-28"), declaredOn: declared) == nil)
        #expect(RegisterEntry.endDateProblem(endedOn: Self.date("2026-08-30"), declaredOn: declared) == nil)
        #expect(RegisterEntry.endDateProblem(endedOn: Self.date("2027-03-31"), declaredOn: declared) == nil)
        #expect(RegisterEntry.endDateProblem(endedOn: Self.date("2031-08-31"), declaredOn: declared) == nil)
        #expect(
            RegisterEntry.endDateProblem(endedOn: Self.date("2035-01-01"), declaredOn: declared)?.hasPrefix(
                "Check the year: an end date can be up to 5 years after the declaration (31 August 2031).") == true)
        #expect(
            RegisterEntry.endDateProblem(endedOn: Self.date("2026-02-27"), declaredOn: declared)
                == "An interest that ended more than 6 months before the declaration (before 28 February 2026) need not be declared: check the date, or leave the interest out."
        )
        // Ended before it was declared: not a current interest on any day, but in the register with its end.
        let ended = RegisterEntry(
            kind: .financial, description: "Shares", declaredOn: declared, endedOn: Self.date("2026-07-01"))
        #expect(!ended.isCurrentInterest(on: declared))
    }

    @Test("a text limit names the limit and the length, with thousands separated")
    func textLimits() {
        #expect(TextLimit.problem(String(repeating: "a", count: 150), limit: 150, what: "the role") == nil)
        #expect(
            TextLimit.problem(String(repeating: "a", count: 200_000), limit: TextLimit.memberRole, what: "the role")
                == "Keep the role to 150 characters or fewer: it is 200,000 now.")
    }
}

@Suite("Boards: quorum, declaring within 28 days, recently ended interests")
struct QuorumAndTimelinessTests {
    static func date(_ iso: String) -> SimpleDate { SimpleDate(iso: iso)! }
    static let voters = ["Dr Amir Khan", "Sarah Whitaker", "David Okafor", "Joanne Shaw"]

    @Test("members who left for the item, did not get the papers or only discussed it do not count")
    func quorumCount() {
        let count = QuorumRules.count(
            membersPresent: "Dr Khan; Sarah Whitaker; David Okafor; Joanne Shaw; Mickey Mouse",
            declarations: """
                Dr Khan: GP partner, Chapeltown Surgery. Left the meeting for the item.
                Sarah Whitaker: trustee of a local charity; discussed but did not decide.
                Joanne Shaw: spouse works for the provider; did not receive the papers.
                """,
            voters: Self.voters)
        #expect(count.counted == ["David Okafor"])
        #expect(count.standingAside == ["Dr Amir Khan", "Sarah Whitaker", "Joanne Shaw"])
        let problem = QuorumRules.problem(quorum: 2, board: "Leeds Place Committee", count: count)
        #expect(problem?.contains("The quorum of Leeds Place Committee is 2 voting members") == true)
        #expect(problem?.contains("only 1 was counted present for this item (David Okafor)") == true)
        #expect(problem?.contains("Dr Amir Khan, Sarah Whitaker and Joanne Shaw did not count") == true)
        #expect(QuorumRules.problem(quorum: 1, board: "Leeds Place Committee", count: count) == nil)
        // Taking part still counts; an absent member never does.
        let tookPart = QuorumRules.count(
            membersPresent: "Dr Khan, Sarah Whitaker",
            declarations: "Dr Khan: GP partner, Chapeltown Surgery. The chair decided he would take part.",
            voters: Self.voters)
        #expect(tookPart.counted == ["Dr Amir Khan", "Sarah Whitaker"])
        #expect(QuorumRules.problem(quorum: 2, board: "B", count: tookPart) == nil)
        #expect(
            QuorumRules.problem(quorum: 3, board: "B", count: tookPart)?.contains(
                "only 2 were counted present for this item (Dr Amir Khan and Sarah Whitaker)") == true)
        let nobody = QuorumRules.count(membersPresent: "Chair", declarations: "None declared.", voters: Self.voters)
        #expect(
            QuorumRules.problem(quorum: 1, board: "B", count: nobody)?.contains("none of them was counted present")
                == true)
    }

    @Test("a quorum above the voting members left on the board says no decision can be approved, and what to do")
    func unreachableQuorum() {
        #expect(QuorumRules.unreachable(quorum: 3, votingMembers: 3) == nil)
        let message = QuorumRules.unreachable(quorum: 3, votingMembers: 2)
        #expect(
            message
                == "The quorum (3 voting members) is more than the number of voting members the board has (2), so no decision of this board can be approved. Lower the quorum, or add a voting member."
        )
        let two = QuorumRules.Count(counted: ["A", "B"], standingAside: [])
        #expect(
            QuorumRules.problem(quorum: 3, board: "B", count: two, votingMembers: 2)
                == "The meeting was not quorate for this item. " + message!)
        #expect(QuorumRules.problem(quorum: 3, board: "B", count: two)?.contains("only 2 were counted") == true)
    }

    @Test("a quorum is a whole number from 1 to the number of voting members, or empty for none")
    func quorumInput() {
        #expect(QuorumRules.read(" 3 ", votingMembers: 4) == .success(3))
        #expect(QuorumRules.read("", votingMembers: 4) == .success(nil))
        #expect(QuorumRules.read("4", votingMembers: 4) == .success(4))
        for bad in ["0", "-1", "2.5", "three", "5", "٣"] {
            guard case .failure = QuorumRules.read(bad, votingMembers: 4) else {
                Issue.record("\(bad) was accepted")
                continue
            }
        }
        #expect(
            QuorumRules.read("5", votingMembers: 4)
                == .failure(QuorumInputError("The board has only 4 voting members, so the quorum can be at most 4.")))
        // A number too big to hold is still a whole number: the board's size is what to fix, not the typing.
        #expect(
            QuorumRules.read("99999999999999999999", votingMembers: 4)
                == .failure(QuorumInputError("The board has only 4 voting members, so the quorum can be at most 4.")))
        if case .failure(let error) = QuorumRules.read("1", votingMembers: 0) {
            #expect(error.message.contains("no voting members yet"))
        } else {
            Issue.record("a quorum was accepted for a board with no voting members")
        }
    }

    @Test("an interest is declared within 28 days of beginning, or of appointment if it began before")
    func declaredWithin28Days() {
        let appointed = Self.date("2026-01-05")
        func entry(heldFrom: String?, declared: String) -> RegisterEntry {
            RegisterEntry(
                kind: .financial, description: "Shares in Leeds Care Ltd", declaredOn: Self.date(declared),
                heldFrom: heldFrom.map(Self.date))
        }
        #expect(entry(heldFrom: "2026-03-01", declared: "2026-03-29").daysDeclaredLate(appointedOn: appointed) == nil)
        #expect(entry(heldFrom: "2026-03-01", declared: "2026-03-30").daysDeclaredLate(appointedOn: appointed) == 29)
        #expect(
            entry(heldFrom: "2026-03-01", declared: "2026-04-10").lateness(appointedOn: appointed)
                == ["declared late (40 days after it began)"])
        // Held for years before appointment: due on appointment, 28 days from then.
        #expect(entry(heldFrom: "2015-06-01", declared: "2026-02-01").daysDeclaredLate(appointedOn: appointed) == nil)
        #expect(
            entry(heldFrom: "2015-06-01", declared: "2026-03-01").lateness(appointedOn: appointed)
                == ["declared late (55 days after appointment)"])
        #expect(entry(heldFrom: nil, declared: "2026-12-01").daysDeclaredLate(appointedOn: appointed) == nil)
        // An end recorded on its own, more than 28 days after it.
        var ended = entry(heldFrom: nil, declared: "2026-02-01")
        ended.endedOn = Self.date("2026-05-01")
        ended.endRecordedOn = Self.date("2026-05-29")
        #expect(ended.daysEndRecordedLate == nil)
        ended.endRecordedOn = Self.date("2026-06-15")
        #expect(ended.lateness(appointedOn: appointed) == ["end recorded late (45 days after it ended)"])
    }

    @Test("lateness recorded after a day: the declaration made after it, or the end recorded after it")
    func latenessRecordedAfter() {
        let appointed = Self.date("2024-01-05")
        var entry = RegisterEntry(
            kind: .financial, description: "Adviser, Yorkshire Health Ltd", declaredOn: Self.date("2024-09-01"),
            heldFrom: Self.date("2024-07-01"))
        entry.endedOn = Self.date("2025-10-01")
        entry.endRecordedOn = Self.date("2026-01-15")
        #expect(entry.lateness(appointedOn: appointed).count == 2)
        #expect(
            entry.lateness(appointedOn: appointed, recordedAfter: Self.date("2024-08-31")) == [
                "declared late (62 days after it began)", "end recorded late (106 days after it ended)",
            ])
        #expect(
            entry.lateness(appointedOn: appointed, recordedAfter: Self.date("2024-09-01")) == [
                "end recorded late (106 days after it ended)"
            ], "declared on the day itself: not after it")
        #expect(entry.lateness(appointedOn: appointed, recordedAfter: Self.date("2026-01-15")).isEmpty)
        #expect(RegisterEntry.lateCountedMonths == 12)
    }

    @Test("the day an interest began cannot be in the future or after it ended")
    func heldFromChecks() {
        let today = Self.date("2026-11-20")
        #expect(RegisterEntry.heldFromProblem(Self.date("2026-11-20"), endedOn: nil, today: today) == nil)
        #expect(
            RegisterEntry.heldFromProblem(Self.date("2026-11-21"), endedOn: nil, today: today)?.contains("future")
                == true)
        #expect(
            RegisterEntry.heldFromProblem(Self.date("2026-10-02"), endedOn: Self.date("2026-10-01"), today: today)?
                .contains("cannot begin after it ended") == true)
        #expect(RegisterEntry.heldFromProblem(Self.date("1926-01-01"), endedOn: nil, today: today) != nil)
    }

    @Test("an interest declared after the meeting but held on its day is still a conflict at it")
    func lateDeclarationStillConflicts() {
        // Began before the meeting of 10 November, ended 15 November, declared 18 November, approval on 20th.
        let entry = RegisterEntry(
            kind: .financial, description: "Shares in Leeds Care Ltd", declaredOn: Self.date("2026-11-18"),
            endedOn: Self.date("2026-11-15"), heldFrom: Self.date("2026-09-01"))
        let register = [RegisteredMember(name: "Dr Amir Khan", board: "Leeds Place Committee", entries: [entry])]
        let missing = ConflictRules.unrecorded(
            membersPresent: "Dr Khan", declarations: "None declared.", register: register,
            on: Self.date("2026-11-20"), meetingOn: Self.date("2026-11-10"))
        #expect(missing.map(\.name) == ["Dr Amir Khan"])
        var undated = entry
        undated.heldFrom = nil
        #expect(
            ConflictRules.unrecorded(
                membersPresent: "Dr Khan", declarations: "None declared.",
                register: [RegisteredMember(name: "Dr Amir Khan", board: "L", entries: [undated])],
                on: Self.date("2026-11-20"), meetingOn: Self.date("2026-11-10")
            ).isEmpty, "without the day it began, it counts from its declaration")
    }

    @Test("interests of members present that ended in the 6 months before the meeting are listed")
    func recentlyEnded() {
        let register = [
            RegisteredMember(
                name: "Dr Amir Khan", board: "Leeds Place Committee",
                entries: [
                    RegisterEntry(
                        kind: .financial, description: "GP partner, Chapeltown Surgery",
                        declaredOn: Self.date("2026-01-05"), endedOn: Self.date("2026-10-01")),
                    RegisterEntry(
                        kind: .personal, description: "Trustee, a charity", declaredOn: Self.date("2025-01-05"),
                        endedOn: Self.date("2026-04-01")),
                    RegisterEntry(
                        kind: .professional, description: "Adviser, a provider", declaredOn: Self.date("2026-01-05"),
                        endedOn: Self.date("2026-12-01")),
                ]),
            RegisteredMember(
                name: "Sarah Whitaker", board: "Leeds Place Committee",
                entries: [
                    RegisterEntry(
                        kind: .financial, description: "Shares", declaredOn: Self.date("2026-01-05"),
                        endedOn: Self.date("2026-10-01"))
                ]),
        ]
        #expect(
            ConflictRules.recentlyEnded(membersPresent: "Dr Khan", register: register, on: Self.date("2026-11-10"))
                == [
                    "Dr Amir Khan (Leeds Place Committee): financial: GP partner, Chapeltown Surgery (ended 1 October 2026)"
                ])
    }
}
