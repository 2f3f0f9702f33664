import HeardDomain
import Testing

@Suite("Ideas: every answer can be read, refusals say why, taken forward says into what")
struct IdeaAnswerRulesTests {
    @Test("the rules for a staff answer to an idea")
    func answers() {
        #expect(
            IdeaAnswerRules.problems(status: nil, response: "x", initiativeChosen: false).map(\.field) == ["status"])
        #expect(
            IdeaAnswerRules.problems(status: .submitted, response: "x", initiativeChosen: false).map(\.field)
                == ["status"])
        #expect(
            IdeaAnswerRules.problems(status: .considering, response: " ", initiativeChosen: false).map(\.field)
                == ["response"])
        #expect(
            IdeaAnswerRules.problems(status: .considering, response: "We will look at it.", initiativeChosen: false)
                .isEmpty)
        #expect(
            IdeaAnswerRules.problems(status: .notTakenForward, response: "No money.", initiativeChosen: false).map(
                \.field) == ["response"])
        #expect(
            IdeaAnswerRules.problems(
                status: .notTakenForward, response: "The contract ends next year; we will raise it then.",
                initiativeChosen: false
            ).isEmpty)
        #expect(
            IdeaAnswerRules.problems(status: .takenForward, response: "", initiativeChosen: false).map(\.field)
                == ["response", "initiative_id"])
        #expect(IdeaAnswerRules.problems(status: .takenForward, response: "Yes.", initiativeChosen: true).isEmpty)
        // A response is read in full on the person's page and in an e-mail: a few paragraphs, not a book.
        let long = String(repeating: "a", count: TextLimit.reply + 1)
        for status in IdeaStatus.answers {
            #expect(
                IdeaAnswerRules.problems(status: status, response: long, initiativeChosen: true).map(\.message)
                    == ["Keep the response to 5,000 characters or fewer: it is 5,001 now."])
        }
    }
}
