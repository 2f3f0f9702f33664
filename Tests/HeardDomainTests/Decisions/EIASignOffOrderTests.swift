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

    @Test("a meeting before the analysis was published could not consider the responses (Gunning G4)")
    func meetingBeforeAnalysis() throws {
        var consultation = ConsultationFacts(
            opensOn: SimpleDate(year: 2027, month: 1, day: 4), closesOn: SimpleDate(year: 2027, month: 3, day: 29),
            background: "Why we are asking.", options: "A. Keep. B. Move.",
            discardedAlternatives: "C. Close: set aside because of travel times.", reasons: "Staffing.",
            eiaStatus: .signedOff, questionCount: 3, analysisPublished: true,
            analysisPublishedOn: SimpleDate(year: 2027, month: 4, day: 5),
            themes: [ThemeResponseFacts(theme: "Travel", response: .proposalChanged, reason: "Added a shuttle bus.")])
        func refusal(meeting: SimpleDate) -> ApprovalRefusal? {
            GunningGate.approvalRefusal(
                needsConsultation: true, consultation: consultation, eiaStatus: .signedOff, alreadyApproved: false,
                today: SimpleDate(year: 2027, month: 4, day: 6), declarations: "None declared.", meetingOn: meeting,
                eiaSignedOffOn: SimpleDate(year: 2027, month: 3, day: 1))
        }
        let early = try #require(refusal(meeting: SimpleDate(year: 2027, month: 3, day: 30)))
        #expect(early.principle == .g4)
        #expect(
            early.message
                == "The meeting on 30 March 2027 was before the analysis was published (5 April 2027), so it could not consider the responses (Gunning G4). Take the decision at a meeting on or after 5 April 2027."
        )
        #expect(
            refusal(meeting: SimpleDate(year: 2027, month: 4, day: 5)) == nil, "a meeting on the day it was published")
        consultation.analysisPublishedOn = nil
        #expect(refusal(meeting: SimpleDate(year: 2027, month: 3, day: 30)) == nil, "no publication day known")
    }
}
