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
                activityOn: day, today: Self.today, reply: .declined, accessNeeds: String(repeating: "a", count: 1001)
            ).first?.message
                == "Keep what you need to 1,000 characters or fewer: it is 1,001 now. Put the most important first; we will e-mail you to ask about the rest."
        )
        #expect(
            InvitationRules.replyProblems(
                activityOn: Self.today.adding(days: -1), today: Self.today, reply: .accepted, accessNeeds: ""
            ).first?.message.contains("replies are closed") == true)
    }

    @Test("inviting someone without an account: a name, an address like one, limits on both and on the note")
    func invitingAGuest() {
        let day = Self.today.adding(days: 10)
        func problems(
            on date: SimpleDate? = nil, name: String = "Maya Patel", email: String = "maya@example.org",
            contact: String = ""
        ) -> [String] {
            InvitationRules.guestProblems(
                activityOn: date ?? day, today: Self.today, name: name, email: email, contactPreference: contact
            ).map { "\($0.field): \($0.message)" }
        }
        #expect(problems().isEmpty)
        #expect(problems(on: Self.today).isEmpty, "the day itself is still open")
        #expect(problems(contact: String(repeating: "a", count: 500)).isEmpty)
        #expect(problems(name: String(repeating: "a", count: 100)).isEmpty)
        #expect(
            problems(on: Self.today.adding(days: -1))
                == ["guest_name: This activity has already happened: invite people to a future one."])
        #expect(
            problems(name: "", email: "")
                == [
                    "guest_name: Enter the name of the person to invite.",
                    "guest_email: Enter their e-mail address: the invitation is sent to it.",
                ])
        #expect(
            problems(email: "maya@example")
                == ["guest_email: Enter their e-mail address in the correct format, like name@example.com."])
        #expect(
            problems(name: String(repeating: "a", count: 101))
                == ["guest_name: Keep the name to 100 characters or fewer: it is 101 now."])
        #expect(
            problems(contact: String(repeating: "a", count: 501))
                == ["guest_contact: Keep how they like to be contacted to 500 characters or fewer: it is 501 now."])
    }
}
