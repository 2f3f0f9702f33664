import HeardDomain
import Testing

@Suite("Boards: when a member left, and correcting it")
struct LeavingRulesTests {
    static func date(_ iso: String) -> SimpleDate { SimpleDate(iso: iso)! }

    @Test("a member leaves on or after their appointment, and not in the future")
    func leavingDate() {
        let appointed = Self.date("2026-10-01")
        let today = Self.date("2026-12-05")
        #expect(LeavingRules.dateProblem(Self.date("2026-10-01"), appointed: appointed, today: today) == nil)
        #expect(LeavingRules.dateProblem(today, appointed: appointed, today: today) == nil)
        #expect(
            LeavingRules.dateProblem(Self.date("2026-09-30"), appointed: appointed, today: today)
                == "They cannot leave before they were appointed (1 October 2026).")
        #expect(
            LeavingRules.dateProblem(Self.date("2026-12-06"), appointed: appointed, today: today)
                == "The leaving date cannot be in the future: record it on the day.")
    }

    @Test("a correction needs a reason: a few words do, a placeholder does not")
    func reason() {
        let ask = "Say why."
        #expect(LeavingRules.reasonProblem("Wrong member", ask: ask) == nil)
        #expect(LeavingRules.reasonProblem("  ", ask: ask) == "Say why.")
        #expect(LeavingRules.reasonProblem("n/a", ask: ask) == "Say why: \"n/a\" is a placeholder, not an answer.")
        #expect(
            LeavingRules.reasonProblem(String(repeating: "a", count: TextLimit.reason + 1), ask: ask)?.hasPrefix(
                "Keep the reason to") == true)
    }

    @Test("a membership cannot run into the same person's later one: cancelled, or ending after the return")
    func overlap() {
        let rejoined = Self.date("2026-11-15")
        #expect(
            LeavingRules.overlapProblem(name: "Dr Amir Khan", left: Self.date("2026-11-01"), rejoined: rejoined) == nil)
        #expect(
            LeavingRules.overlapProblem(name: "Dr Amir Khan", left: rejoined, rejoined: rejoined) == nil, "same day")
        #expect(
            LeavingRules.overlapProblem(name: "Dr Amir Khan", left: Self.date("2026-11-16"), rejoined: rejoined)
                == "Dr Amir Khan was added to the board again on 15 November 2026, so they left by then.")
        #expect(
            LeavingRules.overlapProblem(name: "Dr Amir Khan", left: nil, rejoined: rejoined)?.hasSuffix(
                "correct its leaving date instead.") == true)
    }
}

extension LeavingRulesTests {
    @Test("a reason repeating personal data is refused: the audit log keeps it")
    func reasonWithPersonalData() {
        #expect(LeavingRules.reasonProblem("Wrong member", ask: "Say why.", personalData: []) == nil)
        #expect(
            LeavingRules.reasonProblem(
                "Call her on 07700 900123", ask: "Say why.", personalData: ["the phone number \"07700 900123\""])
                == "Describe the reason without repeating the personal data (the phone number \"07700 900123\"): the audit log keeps the reason."
        )
        // A missing reason is asked for first.
        #expect(
            LeavingRules.reasonProblem(" ", ask: "Say why.", personalData: ["the phone number \"07700 900123\""])
                == "Say why.")
    }
}
