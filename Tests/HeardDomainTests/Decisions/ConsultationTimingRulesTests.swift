import HeardDomain
import Testing

@Suite("Consultation timing: ready to open, at most 26 weeks, extended only while open")
struct ConsultationTimingRulesTests {
    static let today = SimpleDate(year: 2026, month: 12, day: 5)

    @Test("a consultation needs its questions and an equality impact assessment (a draft will do) to open")
    func readiness() {
        #expect(
            ConsultationTiming.missingBeforeOpening(questionCount: 0, eiaStatus: .none) == [
                "its survey questions", "an equality impact assessment (a draft is enough to open)",
            ])
        #expect(ConsultationTiming.missingBeforeOpening(questionCount: 3, eiaStatus: .draft).isEmpty)
        let input = ConsultationInput(
            title: "Stroke", background: "The ward is full.", options: "A. Home. B. Ward.",
            discardedAlternatives: "C. Close it: too far.", reasons: "People recover better at home.",
            opensOn: Self.today.iso, closesOn: Self.today.adding(days: 84).iso)
        #expect(throws: ValidationFailure.self) {
            try input.validated(
                initiativeDecided: false, today: Self.today, missingBeforeOpening: ["its survey questions"])
        }
        #expect(
            (try? input.validated(initiativeDecided: false, today: Self.today, missingBeforeOpening: [])) != nil,
            "ready: it may open today")
        var tomorrow = input
        tomorrow.opensOn = Self.today.adding(days: 1).iso
        #expect(
            (try? tomorrow.validated(
                initiativeDecided: false, today: Self.today, missingBeforeOpening: ["its survey questions"])) != nil,
            "not ready yet, but it opens tomorrow: there is time to add them")
        var long = tomorrow
        long.closesOn = Self.today.adding(days: 1 + ConsultationTiming.maximumDays + 1).iso
        do {
            _ = try long.validated(initiativeDecided: false, today: Self.today)
            Issue.record("27 weeks was accepted")
        } catch {
            #expect(error.message(for: "closes_on")?.hasPrefix("A consultation can run for up to 26 weeks.") == true)
        }
    }

    @Test("two weeks of response days, opening and closing day included, is the shortest accepted")
    func twoWeekFloor() throws {
        let input = ConsultationInput(
            title: "Stroke", background: "The ward is full.", options: "A. Home. B. Ward.",
            discardedAlternatives: "C. Close it: too far.", reasons: "People recover better at home.",
            opensOn: "2027-01-04", closesOn: "2027-01-17",
            shortDurationReason: "The contract ends in February, so the decision cannot wait.")
        #expect((try? input.validated(initiativeDecided: false, today: Self.today)) != nil, "4 to 17 January")
        // Shorter than 12 weeks, it needs its reason before it opens.
        var unexplained = input
        unexplained.shortDurationReason = ""
        do {
            _ = try unexplained.validated(initiativeDecided: false, today: Self.today)
            Issue.record("two weeks with no reason was accepted")
        } catch {
            #expect(
                error.message(for: "short_duration_reason")
                    == "It runs for 14 days, less than 12 weeks. Say why a shorter consultation is enough (Gunning G3), or close it on 28 March 2027 or later."
            )
        }
        unexplained.closesOn = "2027-03-28"
        #expect(
            (try? unexplained.validated(initiativeDecided: false, today: Self.today)) != nil, "12 weeks needs no reason"
        )
        var shorter = input
        shorter.closesOn = "2027-01-16"
        do {
            _ = try shorter.validated(initiativeDecided: false, today: Self.today)
            Issue.record("13 days was accepted")
        } catch {
            #expect(error.message(for: "closes_on")?.hasSuffix("close it on 17 January 2027 or later.") == true)
        }
    }

    @Test("an extension is a later date within 26 weeks of opening, with a reason, while the consultation is open")
    func extending() throws {
        let open = ConsultationFacts(opensOn: Self.today.adding(days: -10), closesOn: Self.today.adding(days: 74))
        let extended = try ConsultationTiming.extended(
            of: open, closesOn: Self.today.adding(days: 100).iso, reason: "Carers asked for more time.",
            today: Self.today)
        #expect(extended.closesOn == Self.today.adding(days: 100))
        #expect(throws: ValidationFailure.self) {
            try ConsultationTiming.extended(
                of: open, closesOn: Self.today.adding(days: 74).iso, reason: "Carers asked for more time.",
                today: Self.today)
        }
        #expect(throws: ValidationFailure.self) {
            try ConsultationTiming.extended(
                of: open, closesOn: Self.today.adding(days: 100).iso, reason: "tbc", today: Self.today)
        }
        let closed = ConsultationFacts(opensOn: Self.today.adding(days: -100), closesOn: Self.today.adding(days: -1))
        #expect(throws: ValidationFailure.self) {
            try ConsultationTiming.extended(
                of: closed, closesOn: Self.today.adding(days: 30).iso, reason: "Carers asked for more time.",
                today: Self.today)
        }
    }
}
