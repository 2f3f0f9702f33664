import HeardDomain
import Testing

@Suite("Reopening complaints and the Ombudsman's decision")
struct ComplaintFollowUpRulesTests {
    static func date(_ iso: String) -> SimpleDate { SimpleDate(iso: iso)! }
    let today = Self.date("2027-03-10")

    func fields(_ errors: [FieldError]) -> [String] { errors.map(\.field) }

    @Test("reopening needs a reason that fits, a day since it ended, and a new date within six months of it")
    func reopening() {
        let responded = Self.date("2027-03-01")
        #expect(
            ReopenRules.problems(
                reason: .notSatisfied, reopenedOn: today, newResponseBy: Self.date("2027-04-09"),
                finishedOn: responded, wasClosed: false, today: today
            ).isEmpty)
        #expect(
            fields(
                ReopenRules.problems(
                    reason: .closedInError, reopenedOn: today, newResponseBy: Self.date("2027-04-09"),
                    finishedOn: responded, wasClosed: false, today: today)) == ["reopen_reason"])
        #expect(
            ReopenRules.problems(
                reason: .closedInError, reopenedOn: today, newResponseBy: Self.date("2027-04-09"),
                finishedOn: responded, wasClosed: true, today: today
            ).isEmpty)
        // Before it ended, or in the future.
        for day in ["2027-02-28", "2027-03-11"] {
            #expect(
                fields(
                    ReopenRules.problems(
                        reason: .notSatisfied, reopenedOn: Self.date(day), newResponseBy: Self.date("2027-04-09"),
                        finishedOn: responded, wasClosed: false, today: today)) == ["reopened_on"], "\(day)")
        }
        // The new date: after the day reopened, and no more than six months on (10 September 2027).
        for (day, ok) in [("2027-03-10", false), ("2027-03-11", true), ("2027-09-10", true), ("2027-09-11", false)] {
            let errors = ReopenRules.problems(
                reason: .notSatisfied, reopenedOn: today, newResponseBy: Self.date(day), finishedOn: responded,
                wasClosed: false, today: today)
            #expect(errors.isEmpty == ok, "\(day)")
        }
        #expect(
            Set(
                fields(
                    ReopenRules.problems(
                        reason: nil, reopenedOn: nil, newResponseBy: nil, finishedOn: responded, wasClosed: true,
                        today: today)))
                == ["reopen_reason", "reopened_on", "reopen_response_by"])
    }

    @Test("the Ombudsman: referred between receipt and today; decided between referral and today")
    func ombudsman() {
        let received = Self.date("2027-01-05")
        #expect(OmbudsmanReferral.referralProblems(referredOn: today, receivedOn: received, today: today).isEmpty)
        for day: SimpleDate? in [Self.date("2027-01-04"), Self.date("2027-03-11"), nil] {
            #expect(
                fields(OmbudsmanReferral.referralProblems(referredOn: day, receivedOn: received, today: today))
                    == ["ombudsman_referred_on"])
        }
        let referred = Self.date("2027-02-01")
        #expect(
            OmbudsmanReferral.outcomeProblems(
                outcome: .upheld, decidedOn: referred, referredOn: referred, today: today
            ).isEmpty)
        #expect(
            fields(
                OmbudsmanReferral.outcomeProblems(
                    outcome: nil, decidedOn: Self.date("2027-01-31"), referredOn: referred, today: today))
                == ["ombudsman_outcome", "ombudsman_outcome_on"])
        #expect(OmbudsmanOutcome.allCases.filter(\.foundFault) == [.partlyUpheld, .upheld])
    }

    @Test("the figures count reopened cases, referrals and the Ombudsman's findings of fault")
    func figures() {
        let clock = ComplaintClock(receivedOn: Self.date("2027-01-05"))
        let figures = ComplaintFigures(
            [
                .init(clock: clock, outcome: nil, reopened: true, ombudsmanReferred: true, ombudsmanOutcome: .upheld),
                .init(clock: clock, outcome: nil, ombudsmanReferred: true, ombudsmanOutcome: .notInvestigated),
                .init(clock: clock, outcome: nil, ombudsmanReferred: true),
                .init(clock: clock, outcome: nil),
            ], today: today)
        #expect(figures.reopened == 1)
        #expect(figures.ombudsmanReferred == 3)
        #expect(figures.ombudsmanDecided == 2)
        #expect(figures.ombudsmanFoundFault == 1)
    }
}

@Suite("Who is complaining")
struct ComplainantStandingTests {
    @Test("no answer is the person affected; a representative needs how they know them and why they can")
    func standing() {
        #expect(
            ComplainantStanding.read(type: nil, relationship: nil, basis: nil, you: true).standing == .personAffected)
        #expect(
            ComplainantStanding.read(type: "nobody", relationship: nil, basis: nil, you: true).problems.map(\.field)
                == ["complainant_type"])
        let missing = ComplainantStanding.read(type: "representative", relationship: " ", basis: "maybe", you: false)
        #expect(missing.standing == nil)
        #expect(missing.problems.map(\.field) == ["representative_relationship", "representative_basis"])
        let ok = ComplainantStanding.read(
            type: "representative", relationship: " Son ", basis: "not_asked_yet", you: true)
        #expect(ok.problems.isEmpty)
        #expect(ok.standing?.summary == "Complaining for someone else (Son): the person has not been asked yet")
        #expect(ok.standing?.basis?.needsConsent == true)
        // The person affected carries no relationship or basis, whatever else was sent.
        let own = ComplainantStanding.read(type: "person_affected", relationship: "Son", basis: "died", you: true)
        #expect(own.standing == .personAffected)
        #expect(RepresentativeBasis.allCases.filter(\.needsConsent) == [.notAskedYet])
    }
}
