import HeardDomain
import Testing

@Suite("Equality impact assessment signed off before the decision")
struct EIASignOffOrderTests {
    static let today = SimpleDate(year: 2026, month: 12, day: 5)

    @Test("an assessment signed off after the meeting cannot have informed it (Brown principles)")
    func signedOffAfterMeeting() {
        let meeting = SimpleDate(year: 2025, month: 10, day: 31)
        let refusal = GunningGate.approvalRefusal(
            needsConsultation: false, consultation: nil, eiaStatus: .signedOff, alreadyApproved: false,
            today: Self.today, declarations: "None declared.", meetingOn: meeting,
            eiaSignedOffOn: SimpleDate(year: 2026, month: 10, day: 6))
        #expect(refusal?.principle == .g2)
        #expect(refusal?.message.contains("signed off on 6 October 2026, after the meeting on 31 October 2025") == true)
        #expect(refusal?.message.contains("Brown") == true)
        for signed in [meeting, meeting.adding(days: -7)] {
            #expect(
                GunningGate.approvalRefusal(
                    needsConsultation: false, consultation: nil, eiaStatus: .signedOff, alreadyApproved: false,
                    today: Self.today, declarations: "None declared.", meetingOn: meeting, eiaSignedOffOn: signed)
                    == nil, "signed off on or before the meeting day")
        }
    }
}
