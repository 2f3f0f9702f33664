import HeardDomain
import Testing

/// Gunning G2: the equality impact assessment is part of the pack, so it must be there before the consultation
/// opens. One first saved later was not seen by the people who had responded.
@Suite("G2: the equality impact assessment is in the pack before the consultation opens")
struct EIABeforeOpeningTests {
    static let opens = SimpleDate(year: 2027, month: 2, day: 8)
    static let closes = SimpleDate(year: 2027, month: 5, day: 2)
    static let today = SimpleDate(year: 2027, month: 6, day: 14)

    static func facts(eiaFirstSavedOn: SimpleDate?) -> ConsultationFacts {
        var facts = GunningGateTests.complete(opens: opens, closes: closes)
        facts.eiaFirstSavedOn = eiaFirstSavedOn
        facts.analysisPublished = true
        return facts
    }

    static func g2(_ facts: ConsultationFacts) -> PrincipleCheck? {
        GunningGate.check(.g2, facts, today: today)
    }

    @Test("saved before the opening day, or on it, is in time; an unknown day is not held against it")
    func inTime() {
        for saved in [Self.opens.adding(days: -7), Self.opens, nil] {
            #expect(Self.g2(Self.facts(eiaFirstSavedOn: saved))?.status == .met, "saved \(String(describing: saved))")
        }
    }

    @Test("saved after the opening day: G2 not met, saying when, and approval is refused under G2")
    func addedWhileOpen() {
        let late = Self.facts(eiaFirstSavedOn: SimpleDate(year: 2027, month: 4, day: 20))
        let check = Self.g2(late)
        #expect(check?.status == .notMet)
        #expect(
            check?.detail
                == "The equality impact assessment was added on 20 April 2027, after the consultation opened on 8 February 2027, so people who responded before then could not see it. Consult again, with the assessment in the pack from the start, before deciding."
        )
        let refusals = GunningGate.approvalRefusals(
            needsConsultation: true, consultation: late, eiaStatus: .signedOff, alreadyApproved: false,
            today: Self.today, declarations: "None declared.")
        #expect(refusals.map(\.principle) == [.g2])
        #expect(refusals.first?.message == check?.detail)
        // The day after opening is already too late.
        #expect(Self.g2(Self.facts(eiaFirstSavedOn: Self.opens.adding(days: 1)))?.status == .notMet)
    }

    @Test("saved after it closed: nobody who responded could see it")
    func addedAfterClosing() {
        let check = Self.g2(Self.facts(eiaFirstSavedOn: SimpleDate(year: 2027, month: 5, day: 20)))
        #expect(check?.status == .notMet)
        #expect(
            check?.detail.hasPrefix(
                "The equality impact assessment was added on 20 May 2027, after the consultation ran from 8 February 2027 to 2 May 2027, so nobody who responded could see it."
            ) == true)
    }

    @Test("a late assessment and a missing part of the pack are both named")
    func lateAndMissing() {
        var facts = Self.facts(eiaFirstSavedOn: Self.opens.adding(days: 3))
        facts.reasons = " "
        let detail = Self.g2(facts)?.detail ?? ""
        #expect(
            detail.hasPrefix("Add the reasons to the consultation pack. The equality impact assessment was added on"))
    }
}
