import HeardDomain
import Testing

@Suite("Gunning gate")
struct GunningGateTests {
    static let today = SimpleDate(year: 2026, month: 11, day: 25)

    static func complete(opens: SimpleDate, closes: SimpleDate) -> ConsultationFacts {
        ConsultationFacts(
            opensOn: opens, closesOn: closes, background: "Why we are asking.", options: "A. Keep. B. Move.",
            discardedAlternatives: "C. Close — set aside because of travel times.", reasons: "Staffing.",
            eiaStatus: .draft, questionCount: 3)
    }

    static var closedAndAnswered: ConsultationFacts {
        var facts = complete(opens: today.adding(days: -120), closes: today.adding(days: -20))
        facts.analysisPublished = true
        facts.themes = [ThemeResponseFacts(theme: "Travel", response: .proposalChanged, reason: "Added a shuttle bus.")]
        return facts
    }

    @Test("the seed case: approval while the consultation is open is refused naming G1 and G4")
    func seedCase() {
        let open = Self.complete(opens: Self.today.adding(days: -30), closes: Self.today.adding(days: 60))
        let refusal = GunningGate.approvalRefusal(
            needsConsultation: true, consultation: open, eiaStatus: .signedOff, alreadyApproved: false,
            today: Self.today)
        #expect(refusal?.principle == .g4)
        #expect(refusal?.message.contains("G1") == true)
        #expect(refusal?.message.contains("G4") == true)
        #expect(refusal?.message.contains("still open") == true)
    }

    @Test("approval before the consultation opens says it has not opened yet, with both dates")
    func notOpenedYet() {
        let forthcoming = Self.complete(
            opens: SimpleDate(year: 2027, month: 2, day: 8), closes: SimpleDate(year: 2027, month: 5, day: 2))
        let refusal = GunningGate.approvalRefusal(
            needsConsultation: true, consultation: forthcoming, eiaStatus: .signedOff, alreadyApproved: false,
            today: SimpleDate(year: 2027, month: 1, day: 20))
        #expect(refusal?.principle == .g4)
        #expect(
            refusal?.message.hasPrefix(
                "The consultation has not opened yet; it opens on 8 February 2027 and closes on 2 May 2027. A decision made now would break G1"
            ) == true)
        #expect(refusal?.message.contains("still open") == false)
    }

    @Test("a decision meeting must come after the consultation closes (G1 and G4), as the approval gate says")
    func meetingAfterClosing() {
        var facts = Self.complete(
            opens: SimpleDate(year: 2027, month: 2, day: 8), closes: SimpleDate(year: 2027, month: 5, day: 2))
        let before = GunningGate.meetingDateProblem(SimpleDate(year: 2026, month: 12, day: 13), consultation: facts)
        #expect(
            before
                == "The meeting on 13 December 2026 is before the consultation closes on 2 May 2027. Responses must be considered before the decision is made, while the proposal can still change (Gunning G1 and G4), so hold the meeting after 2 May 2027, leaving time to analyse the responses."
        )
        #expect(
            GunningGate.meetingDateProblem(SimpleDate(year: 2027, month: 5, day: 2), consultation: facts)?.hasPrefix(
                "The meeting on 2 May 2027 is the day the consultation closes.") == true)
        #expect(GunningGate.meetingDateProblem(SimpleDate(year: 2027, month: 5, day: 3), consultation: facts) == nil)
        // The same date fails the approval gate's G1 check.
        facts.decisionTargetDate = SimpleDate(year: 2027, month: 5, day: 2)
        #expect(GunningGate.check(.g1, facts, today: SimpleDate(year: 2027, month: 6, day: 1))?.status == .notMet)
        // Closed early: the meeting may follow the day it was closed.
        facts.closedEarlyOn = SimpleDate(year: 2027, month: 4, day: 1)
        #expect(GunningGate.meetingDateProblem(SimpleDate(year: 2027, month: 4, day: 20), consultation: facts) == nil)
    }

    @Test("every reason a decision cannot be approved is given at once, the first being the refusal itself")
    func everyReasonAtOnce() {
        var facts = Self.closedAndAnswered
        facts.analysisPublished = false
        let refusals = GunningGate.approvalRefusals(
            needsConsultation: true, consultation: facts, eiaStatus: .draft, alreadyApproved: false,
            today: Self.today, declarations: "", meetingOn: Self.today.adding(days: 7))
        #expect(refusals.map(\.principle) == [.g4, .g2, .g4, .conflictsOfInterest])
        #expect(
            refusals.first
                == GunningGate.approvalRefusal(
                    needsConsultation: true, consultation: facts, eiaStatus: .draft, alreadyApproved: false,
                    today: Self.today, declarations: "", meetingOn: Self.today.adding(days: 7)))
        #expect(refusals.contains { $0.message.hasPrefix("The meeting is on") })
        #expect(
            GunningGate.approvalRefusals(
                needsConsultation: true, consultation: Self.closedAndAnswered, eiaStatus: .signedOff,
                alreadyApproved: false, today: Self.today, declarations: "None declared.",
                meetingOn: Self.today.adding(days: -1)
            ).isEmpty)
    }

    @Test("approval on the closing day itself is still refused; the day after it is allowed")
    func closingDayCounts() {
        var facts = Self.closedAndAnswered
        facts.closesOn = Self.today
        facts.opensOn = Self.today.adding(days: -90)
        #expect(
            GunningGate.approvalRefusal(
                needsConsultation: true, consultation: facts, eiaStatus: .signedOff, alreadyApproved: false,
                today: Self.today)?.principle == .g4)
        #expect(
            GunningGate.approvalRefusal(
                needsConsultation: true, consultation: facts, eiaStatus: .signedOff, alreadyApproved: false,
                today: Self.today.adding(days: 1)) == nil)
    }

    @Test("the minutes must say the meeting stayed quorate for the item; an inquorate meeting cannot decide")
    func quorum() {
        #expect(DeclarationRules.quorumRefusal(true) == nil)
        #expect(DeclarationRules.quorumRefusal(nil)?.principle == .conflictsOfInterest)
        #expect(
            DeclarationRules.quorumRefusal(nil)?.message.hasPrefix("Record whether the meeting stayed quorate") == true)
        #expect(DeclarationRules.quorumRefusal(false)?.message.contains("was not quorate for this item") == true)
    }

    @Test("a meeting held before the consultation closed, or not held yet, cannot be approved")
    func meetingDate() {
        var facts = Self.closedAndAnswered
        let lastDay = facts.lastDay
        facts.decisionTargetDate = lastDay.adding(days: -5)
        let early = GunningGate.approvalRefusal(
            needsConsultation: true, consultation: facts, eiaStatus: .signedOff, alreadyApproved: false,
            today: Self.today, meetingOn: lastDay.adding(days: -5))
        #expect(early?.principle == .g1)
        #expect(early?.message.contains("before the consultation closes on \(lastDay.ukText)") == true)
        var sameDay = facts
        sameDay.decisionTargetDate = lastDay
        let onTheDay = GunningGate.check(.g1, sameDay, today: Self.today)
        #expect(onTheDay?.status == .notMet)
        #expect(
            onTheDay?.detail == "The decision is due on \(lastDay.ukText), the day the consultation closes. "
                + "Move the decision after the consultation, leaving time to analyse it.")
        // Closed early: the meeting after that day but before the planned close is in time.
        facts.closedEarlyOn = lastDay.adding(days: -10)
        #expect(
            GunningGate.approvalRefusal(
                needsConsultation: true, consultation: facts, eiaStatus: .signedOff, alreadyApproved: false,
                today: Self.today, meetingOn: lastDay.adding(days: -5)) == nil)

        let future = GunningGate.approvalRefusal(
            needsConsultation: false, consultation: nil, eiaStatus: .signedOff, alreadyApproved: false,
            today: Self.today, meetingOn: Self.today.adding(days: 1))
        #expect(future?.message.contains("The meeting is on 26 November 2026") == true)
        #expect(
            GunningGate.approvalRefusal(
                needsConsultation: false, consultation: nil, eiaStatus: .signedOff, alreadyApproved: false,
                today: Self.today, meetingOn: Self.today) == nil, "a meeting today can be approved today")
    }

    @Test("a decision that needs a consultation but has none is refused under the duty to involve")
    func noConsultation() {
        let refusal = GunningGate.approvalRefusal(
            needsConsultation: true, consultation: nil, eiaStatus: .signedOff, alreadyApproved: false, today: Self.today
        )
        #expect(refusal?.principle == .dutyToInvolve)
        let fine = GunningGate.approvalRefusal(
            needsConsultation: false, consultation: nil, eiaStatus: .signedOff, alreadyApproved: false,
            today: Self.today)
        #expect(fine == nil)
    }

    @Test("approval before the analysis is published is refused under G4")
    func analysisUnpublished() {
        var facts = Self.closedAndAnswered
        facts.analysisPublished = false
        let refusal = GunningGate.approvalRefusal(
            needsConsultation: true, consultation: facts, eiaStatus: .signedOff, alreadyApproved: false,
            today: Self.today)
        #expect(refusal == ApprovalRefusal(.g4, "Publish the analysis of the responses."))
    }

    @Test("a theme without a recorded response, or without a reason, blocks approval and is named")
    func unansweredTheme() {
        var facts = Self.closedAndAnswered
        facts.themes.append(ThemeResponseFacts(theme: "Parking", response: nil, reason: ""))
        facts.themes.append(ThemeResponseFacts(theme: "Opening hours", response: .notAccepted, reason: "  "))
        let refusal = GunningGate.approvalRefusal(
            needsConsultation: true, consultation: facts, eiaStatus: .signedOff, alreadyApproved: false,
            today: Self.today)
        #expect(refusal?.principle == .g4)
        #expect(refusal?.message.contains("Parking") == true)
        #expect(refusal?.message.contains("Opening hours") == true)
        #expect(refusal?.message.contains("Travel") == false)
    }

    @Test("an unsigned equality impact assessment blocks approval under G2")
    func eiaNotSignedOff() {
        let refusal = GunningGate.approvalRefusal(
            needsConsultation: true, consultation: Self.closedAndAnswered, eiaStatus: .draft, alreadyApproved: false,
            today: Self.today)
        #expect(refusal?.principle == .g2)
    }

    @Test("everything in order: approval allowed; twice: refused")
    func allMet() {
        #expect(
            GunningGate.approvalRefusal(
                needsConsultation: true, consultation: Self.closedAndAnswered, eiaStatus: .signedOff,
                alreadyApproved: false, today: Self.today) == nil)
        #expect(
            GunningGate.approvalRefusal(
                needsConsultation: true, consultation: Self.closedAndAnswered, eiaStatus: .signedOff,
                alreadyApproved: true, today: Self.today) != nil)
        let checks = GunningGate.evaluate(Self.closedAndAnswered, today: Self.today)
        #expect(checks.map(\.principle) == [.g1, .g2, .g3, .g4])
        #expect(checks.allSatisfy { $0.status == .met })
        // A draft assessment is enough to consult on, and G2 says it still needs signing off.
        #expect(checks[1].detail.contains("a draft equality impact assessment (to be signed off before the decision)"))
    }

    @Test("G1: a decision date before the consultation closes, or a decided initiative, is not formative")
    func g1() {
        var facts = Self.complete(opens: Self.today, closes: Self.today.adding(days: 90))
        facts.decisionTargetDate = Self.today.adding(days: 30)
        #expect(GunningGate.check(.g1, facts, today: Self.today)?.status == .notMet)
        facts.decisionTargetDate = Self.today.adding(days: 120)
        #expect(GunningGate.check(.g1, facts, today: Self.today)?.status == .met)
        facts.initiativeDecided = true
        #expect(GunningGate.check(.g1, facts, today: Self.today)?.status == .notMet)
    }

    @Test("G2 names every missing part of the pack, including the alternatives set aside (Moseley)")
    func g2() {
        let facts = ConsultationFacts(opensOn: Self.today, closesOn: Self.today.adding(days: 90), options: "A or B")
        let check = GunningGate.check(.g2, facts, today: Self.today)
        #expect(check?.status == .notMet)
        #expect(check?.detail.contains("alternatives considered and set aside") == true)
        #expect(check?.detail.contains("equality impact assessment") == true)
        #expect(check?.detail.contains("the options") == false)
    }

    @Test("G3: under 12 weeks needs a recorded reason; 12 weeks or a reason is met")
    func g3() {
        var facts = Self.complete(opens: Self.today, closes: Self.today.adding(days: 82))
        #expect(GunningGate.check(.g3, facts, today: Self.today)?.status == .needsJustification)
        #expect(
            GunningGate.check(.g3, facts, today: Self.today)?.detail
                == "Open for 83 days, shorter than 12 weeks. Record why a shorter consultation is enough.")
        facts.shortDurationReason = "Winter pressures: the service closes in January unless we act."
        #expect(GunningGate.check(.g3, facts, today: Self.today)?.status == .met)
        facts = Self.complete(opens: Self.today, closes: Self.today.adding(days: 84))
        #expect(GunningGate.check(.g3, facts, today: Self.today)?.status == .met)
        // Closed early on the day it opened: no reason makes that adequate time.
        var closedAtOnce = Self.complete(opens: Self.today, closes: Self.today.adding(days: 90))
        closedAtOnce.closedEarlyOn = Self.today
        closedAtOnce.shortDurationReason = "Closed early: the ward closed after a fire."
        let atOnce = GunningGate.check(.g3, closedAtOnce, today: Self.today.adding(days: 1))
        #expect(atOnce?.status == .notMet)
        #expect(atOnce?.detail.hasPrefix("Open for less than a day, less than two weeks.") == true)
        // Under two weeks is not met with or without a reason: recording one never makes it look worse.
        let tenDays = Self.complete(opens: Self.today, closes: Self.today.adding(days: 10))
        #expect(GunningGate.check(.g3, tenDays, today: Self.today)?.status == .notMet)
        closedAtOnce.closedEarlyOn = Self.today.adding(days: 14)
        #expect(GunningGate.check(.g3, closedAtOnce, today: Self.today.adding(days: 15))?.status == .met)
        let short = Self.complete(opens: Self.today.adding(days: -60), closes: Self.today.adding(days: -10))
        var answered = short
        answered.analysisPublished = true
        let refusal = GunningGate.approvalRefusal(
            needsConsultation: true, consultation: answered, eiaStatus: .signedOff, alreadyApproved: false,
            today: Self.today)
        #expect(refusal?.principle == .g3)
    }

    @Test("G3 counts response days inclusively: Monday 4 January to Sunday 28 March 2027 is 12 weeks")
    func g3CountsBothEnds() throws {
        let opens = try #require(SimpleDate(iso: "2027-01-04"))
        let twelveWeeks = Self.complete(opens: opens, closes: try #require(SimpleDate(iso: "2027-03-28")))
        #expect(twelveWeeks.durationDays == 84)
        let check = GunningGate.check(.g3, twelveWeeks, today: try #require(SimpleDate(iso: "2027-04-01")))
        #expect(check?.status == .met)
        #expect(check?.detail == "Open for 12 weeks.")
        // Two weeks of response days is the floor that a reason can justify.
        var twoWeeks = Self.complete(opens: opens, closes: try #require(SimpleDate(iso: "2027-01-17")))
        twoWeeks.shortDurationReason = "The contract ends in February."
        #expect(twoWeeks.durationDays == 14)
        #expect(GunningGate.check(.g3, twoWeeks, today: Self.today)?.status == .met)
        // Closed early on 18 January: people could respond from 4 to 17 January, not on the day it closed.
        var closedEarly = Self.complete(opens: opens, closes: try #require(SimpleDate(iso: "2027-03-28")))
        closedEarly.closedEarlyOn = SimpleDate(iso: "2027-01-18")
        #expect(closedEarly.durationDays == 14)
        closedEarly.closedEarlyOn = SimpleDate(iso: "2027-01-17")
        #expect(closedEarly.durationDays == 13)
    }

    @Test("a consultation's state follows its dates and outcome")
    func states() {
        var facts = Self.complete(opens: Self.today.adding(days: 5), closes: Self.today.adding(days: 95))
        #expect(facts.state(on: Self.today) == .forthcoming)
        #expect(facts.state(on: Self.today.adding(days: 5)) == .open)
        #expect(facts.state(on: Self.today.adding(days: 95)) == .open)
        #expect(facts.state(on: Self.today.adding(days: 96)) == .closedAwaitingOutcome)
        facts.analysisPublished = true
        #expect(facts.state(on: Self.today.adding(days: 96)) == .closedWithOutcome)
        facts.closedEarlyOn = Self.today.adding(days: 10)
        #expect(facts.state(on: Self.today.adding(days: 11)) == .closedWithOutcome)
    }

    @Test("declarations of interest must be recorded for the item, with the chair's action for each")
    func declarations() {
        func refusal(_ text: String) -> ApprovalRefusal? {
            GunningGate.approvalRefusal(
                needsConsultation: true, consultation: Self.closedAndAnswered, eiaStatus: .signedOff,
                alreadyApproved: false, today: Self.today, declarations: text)
        }
        #expect(refusal("")?.principle == .conflictsOfInterest)
        #expect(refusal("None declared.") == nil)
        #expect(refusal("Dr Shah: partner at Millbrook Surgery")?.message.contains("Line 1") == true)
        #expect(refusal("Dr Shah: partner at Millbrook Surgery: leave the meeting for this item") == nil)
        // Gunning comes first: an open consultation is named before a missing declaration.
        let open = Self.complete(opens: Self.today.adding(days: -1), closes: Self.today.adding(days: 90))
        #expect(
            GunningGate.approvalRefusal(
                needsConsultation: true, consultation: open, eiaStatus: .signedOff, alreadyApproved: false,
                today: Self.today, declarations: "")?.principle == .g4)
    }
}
