import HeardDomain
import Testing

@Suite("Boards: a person sits on a board once at a time")
struct MembershipRulesTests {
    static func date(_ iso: String) -> SimpleDate { SimpleDate(iso: iso)! }

    static func span(_ name: String, _ appointed: String, _ left: String? = nil) -> MembershipRules.Span {
        MembershipRules.Span(name: name, appointed: date(appointed), left: left.map(date))
    }

    @Test("names are the same person as the quorum check reads them: case, spaces and titles aside")
    func samePerson() {
        #expect(MembershipRules.samePerson("Sarah Whitaker", "sarah  WHITAKER"))
        #expect(MembershipRules.samePerson("Dr Amir Khan", "Amir Khan"))
        #expect(MembershipRules.samePerson("Prof. Helen Marsh", "Professor Helen Marsh"))
        #expect(MembershipRules.samePerson("Professor Helen Marsh", "Helen Marsh"))
        #expect(!MembershipRules.samePerson("Amir Khan", "Amira Khan"))
        #expect(!MembershipRules.samePerson("Sarah Jane Whitaker", "Sarah Whitaker"))
        #expect(
            MembershipRules.distinctPeople([
                "Sarah Whitaker", "Professor Helen Marsh", "sarah whitaker", "Dr Helen Marsh",
            ])
                == ["Sarah Whitaker", "Professor Helen Marsh"])
    }

    @Test("a new membership may start on or after the day the same person left, not inside their last one")
    func newMembership() {
        let tom = Self.span("Tom Brennan", "2026-01-05", "2026-12-02")
        #expect(
            MembershipRules.appointmentProblem(Self.span("Tom Brennan", "2026-11-30"), others: [tom])
                == "Tom Brennan was a member of this board from 5 January 2026 until they left on 2 December 2026, so they can be appointed again only from 2 December 2026. A person sits on a board once at a time."
        )
        // Before the first membership began, still running into it.
        #expect(MembershipRules.appointmentProblem(Self.span("tom brennan", "2025-06-01"), others: [tom]) != nil)
        #expect(MembershipRules.appointmentProblem(Self.span("Tom Brennan", "2026-12-02"), others: [tom]) == nil)
        #expect(MembershipRules.appointmentProblem(Self.span("Tom Brennan", "2026-12-03"), others: [tom]) == nil)
        #expect(MembershipRules.appointmentProblem(Self.span("Tim Brennan", "2026-11-30"), others: [tom]) == nil)
    }

    @Test("a changed appointment date may not move a membership into the same person's earlier one")
    func changedAppointment() {
        let first = Self.span("Sarah Whitaker", "2026-01-05", "2026-12-01")
        #expect(
            MembershipRules.appointmentProblem(Self.span("Sarah Whitaker", "2026-11-01"), others: [first])?.hasPrefix(
                "Sarah Whitaker was a member of this board from 5 January 2026 until they left on 1 December 2026")
                == true)
        #expect(MembershipRules.appointmentProblem(Self.span("Sarah Whitaker", "2026-12-01"), others: [first]) == nil)
        // The earlier membership, changed, may not run into the later one.
        let later = Self.span("Sarah Whitaker", "2026-12-03")
        #expect(
            MembershipRules.appointmentProblem(Self.span("Sarah Whitaker", "2026-12-04", "2026-12-05"), others: [later])
                == "Sarah Whitaker is a member of this board from 3 December 2026 and has not left, so this membership would run at the same time. A person sits on a board once at a time."
        )
        #expect(
            MembershipRules.appointmentProblem(Self.span("Sarah Whitaker", "2026-02-01", "2026-12-03"), others: [later])
                == nil)
        let closed = Self.span("Sarah Whitaker", "2026-06-01", "2026-07-01")
        #expect(
            MembershipRules.appointmentProblem(
                Self.span("Sarah Whitaker", "2026-05-01", "2026-06-15"), others: [closed])
                == "Sarah Whitaker was a member of this board from 1 June 2026 to 1 July 2026, which this membership runs into. A person sits on a board once at a time: correct the dates of one of them."
        )
    }

    @Test("the quorum counts a person once, even when two memberships of theirs are stored as running at once")
    func quorumCountsAPersonOnce() {
        let count = QuorumRules.count(
            membersPresent: "Sarah Whitaker / Professor Helen Marsh", declarations: "None declared.",
            voters: ["Sarah Whitaker", "Professor Helen Marsh", "Sarah Whitaker", "David Okafor"])
        #expect(count.counted == ["Sarah Whitaker", "Professor Helen Marsh"])
        #expect(
            QuorumRules.problem(quorum: 3, board: "Leeds Place Committee", count: count)?.contains(
                "only 2 were counted present for this item (Sarah Whitaker and Professor Helen Marsh)") == true)
    }
}
