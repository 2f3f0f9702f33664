import HeardDomain
import Testing

@Suite("The chair's action for a declared interest, as minutes write it")
struct ChairActionTests {
    @Test(
        "minutes in the past tense record the chair's action",
        arguments: [
            (
                "Dr Khan declared a financial interest (GP partner, Chapeltown Surgery) and left the meeting for the item.",
                ChairAction.leave
            ),
            ("Dr Khan: financial interest (GP partner). Took part.", .takePart),
            ("Dr Khan: financial interest (GP partner). Discussed but did not decide.", .discussNotDecide),
            ("Dr Khan: financial interest (GP partner). Took no part in the decision.", .discussNotDecide),
            ("Dr Khan: financial interest (GP partner). Withdrew for the item.", .leave),
            ("Dr Khan: financial interest (GP partner). Did not receive the papers.", .notReceivePapers),
            // Took no part in the item at all: recorded as leaving it, never as taking part.
            ("Dr Khan: financial interest (GP partner). Did not take part.", .leave),
            ("Dr Khan: financial interest (GP partner). Didn’t take part in the decision.", .discussNotDecide),
            ("Dr Khan: financial interest (GP partner). Take part.", .takePart),
            ("Dr Khan: GP partner at Moor Lane: leave for the item", .leave),
            ("Dr Khan: GP partner. Took part in the discussion but not the decision.", .discussNotDecide),
            ("Dr Khan: GP partner. Took part in the discussion and the decision.", .takePart),
            ("Dr Khan, not conflicted by it: take part.", .takePart),
            ("Dr Khan: GP partner. Was not sent the papers.", .notReceivePapers),
            // Said other ways in real minutes.
            ("Dr Khan: GP partner. He stepped out of the room for the item.", .leave),
            ("Dr Khan: GP partner; stepped outside while it was decided.", .leave),
            ("Dr Khan: GP partner. Was excused from the item.", .leave),
            ("Dr Khan: GP partner. Stayed for the discussion and did not vote.", .discussNotDecide),
            ("Dr Khan: GP partner. Abstained.", .discussNotDecide),
            ("Dr Khan declared his GP partnership; the chair agreed he would not take part.", .leave),
        ])
    func pastTense(line: String, action: ChairAction) {
        #expect(ChairAction.recorded(in: line) == [action])
        #expect(DeclarationRules.problem(line) == nil)
    }

    @Test("leave as absence, or inside another word, is not an action")
    func notAnAction() {
        #expect(ChairAction.recorded(in: "Mrs Shaw (on leave next week): personal interest, take part.") == [.takePart])
        #expect(DeclarationRules.problem("Mrs Shaw (on leave next week): personal interest, take part.") == nil)
        #expect(ChairAction.recorded(in: "Mr Cleaves: shares in Leavesden Ltd, on annual leave").isEmpty)
        #expect(ChairAction.recorded(in: "Dr Khan: partner at Leftbank Surgery").isEmpty)
        #expect(!ChairAction.recorded(in: "Dr Khan: did not take part.").contains(.takePart))
        // Stepping down is resigning, not leaving the room.
        #expect(ChairAction.recorded(in: "Dr Khan stepped down as practice lead last year; took part.") == [.takePart])
    }

    @Test(
        "an interest judged not relevant to the item is recorded as such, on its own",
        arguments: [
            "Dr Amir Khan: financial interest (GP partner): interest not relevant to this item",
            "Dr Khan: GP partner. The chair judged the interest not relevant.",
            "Dr Khan: GP partner; irrelevant to this item.",
            "Dr Khan: GP partner, which isn't relevant to the item.",
        ])
    func notRelevant(line: String) {
        #expect(ChairAction.recorded(in: line) == [.notRelevant])
        #expect(DeclarationRules.problem(line) == nil)
    }

    @Test("a line that also says what the member did keeps that reading, so earlier minutes read as before")
    func notRelevantBesideAnAction() {
        #expect(ChairAction.recorded(in: "Dr Khan: GP partner, not relevant to the item; took part.") == [.takePart])
        #expect(ChairAction.recorded(in: "Dr Khan: GP partner, judged relevant; left for the item.") == [.leave])
        #expect(ChairAction.recorded(in: "Dr Khan: GP partner, relevant to the item.").isEmpty)
        #expect(ChairAction.notRelevant.minutesText == "interest not relevant to this item")
        #expect(ChairAction.leave.minutesText == "leave")
        #expect(
            DeclarationRules.problem("Dr Khan: GP partner.")?.contains(
                "or that the interest is not relevant to the item")
                == true)
    }
}
