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

    @Test("a theme response changed after the meeting was not considered by it as recorded (Gunning G4)")
    func themeResponseChangedAfterMeeting() throws {
        let meeting = SimpleDate(year: 2027, month: 4, day: 12)
        var consultation = ConsultationFacts(
            opensOn: SimpleDate(year: 2027, month: 1, day: 4), closesOn: SimpleDate(year: 2027, month: 3, day: 29),
            background: "Why we are asking.", options: "A. Keep. B. Move.",
            discardedAlternatives: "C. Close: set aside because of travel times.", reasons: "Staffing.",
            eiaStatus: .signedOff, questionCount: 3, analysisPublished: true,
            analysisPublishedOn: SimpleDate(year: 2027, month: 4, day: 5),
            themes: [
                ThemeResponseFacts(
                    theme: "Travel", response: .proposalChanged, reason: "Added a shuttle bus.",
                    respondedOn: SimpleDate(year: 2027, month: 4, day: 6)),
                ThemeResponseFacts(
                    theme: "Parking", response: .notAccepted, reason: "No land to build on.", respondedOn: nil),
            ])
        func refusal() -> ApprovalRefusal? {
            GunningGate.approvalRefusal(
                needsConsultation: true, consultation: consultation, eiaStatus: .signedOff, alreadyApproved: false,
                today: SimpleDate(year: 2027, month: 4, day: 20), declarations: "None declared.", meetingOn: meeting,
                eiaSignedOffOn: SimpleDate(year: 2027, month: 3, day: 1))
        }
        #expect(refusal() == nil, "written before the meeting, or on a day not known")
        consultation.themes[0].respondedOn = meeting
        #expect(refusal() == nil, "written on the meeting day")
        consultation.themes[0].respondedOn = SimpleDate(year: 2027, month: 4, day: 14)
        let one = try #require(refusal())
        #expect(one.principle == .g4)
        #expect(
            one.message
                == "The paper's response to Travel (changed on 14 April 2027) was changed after the meeting on 12 April 2027, so the meeting did not consider it as recorded (Gunning G4). Take the decision at a meeting on or after 14 April 2027 that considers the responses as they now stand, and record that meeting."
        )
        consultation.themes[1].respondedOn = SimpleDate(year: 2027, month: 4, day: 13)
        let two = try #require(refusal())
        #expect(
            two.message.hasPrefix(
                "The paper's responses to Parking (changed on 13 April 2027) and Travel (changed on 14 April 2027) were changed after the meeting on 12 April 2027, so the meeting did not consider them"
            ))
        #expect(two.message.contains("on or after 14 April 2027"))
    }
}
