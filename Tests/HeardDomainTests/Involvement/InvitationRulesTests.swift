import HeardDomain
import Testing

@Suite("Invitations: future activities only; a reply says yes or no, with what the person needs")
struct InvitationRulesTests {
    static let today = SimpleDate(year: 2026, month: 12, day: 4)

    @Test("inviting")
    func inviting() {
        #expect(InvitationRules.inviteProblems(activityOn: Self.today, today: Self.today, chosen: 2).isEmpty)
        #expect(
            InvitationRules.inviteProblems(activityOn: Self.today, today: Self.today, chosen: 0).map(\.message)
                == ["Tick at least one person to invite."])
        #expect(
            InvitationRules.inviteProblems(activityOn: Self.today.adding(days: -1), today: Self.today, chosen: 1).first?
                .message.contains("already happened") == true)
    }

    @Test("replying")
    func replying() {
        let day = Self.today.adding(days: 10)
        #expect(
            InvitationRules.replyProblems(activityOn: day, today: Self.today, reply: .accepted, accessNeeds: "").isEmpty
        )
        #expect(
            InvitationRules.replyProblems(activityOn: day, today: Self.today, reply: nil, accessNeeds: "").map(\.field)
                == ["reply"])
        #expect(
            InvitationRules.replyProblems(activityOn: day, today: Self.today, reply: .invited, accessNeeds: "").map(
                \.field) == ["reply"])
        #expect(
            InvitationRules.replyProblems(
                activityOn: day, today: Self.today, reply: .declined, accessNeeds: String(repeating: "a", count: 1001)
            ).map(\.field) == ["access_needs"])
        #expect(
            InvitationRules.replyProblems(
                activityOn: Self.today.adding(days: -1), today: Self.today, reply: .accepted, accessNeeds: ""
            ).first?.message.contains("replies are closed") == true)
    }
}
