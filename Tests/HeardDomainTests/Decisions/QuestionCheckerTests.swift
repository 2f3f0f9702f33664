import HeardDomain
import Testing

@Suite("Survey question checker and readability")
struct QuestionCheckerTests {
    let checker = QuestionChecker()

    func problems(_ text: String, kind: QuestionKind = .scale, optionsKnown: Bool = false) -> [QuestionProblem] {
        checker.check(text, kind: kind, optionsKnown: optionsKnown).map(\.problem)
    }

    @Test("a plain, neutral question has no warnings")
    func clean() {
        #expect(problems("How easy is it to get to the clinic?").isEmpty)
        #expect(problems("Which option do you prefer, and why?", kind: .preferredOption, optionsKnown: true).isEmpty)
    }

    @Test("leading questions are flagged with a rewrite hint")
    func leading() {
        let warnings = checker.check(
            "Don't you agree the new clinic is better?", kind: .singleChoice, optionsKnown: false)
        #expect(warnings.map(\.problem).contains(.leading))
        #expect(warnings.first { $0.problem == .leading }?.hint.contains("agree or disagree") == true)
        // Negative openings and "the best option" expect a yes.
        #expect(problems("Wouldn’t it be better to move the clinic?").contains(.leading))
        #expect(problems("Isn't option A the best option?").contains(.leading))
        #expect(problems("Doesn't the new site suit you?").contains(.leading))
        #expect(problems("Is not the new site closer?").contains(.leading))
        #expect(problems("Would it not be better to move the clinic?").contains(.leading))
        #expect(problems("Should we not keep the clinic open?").contains(.leading))
        #expect(problems("Is this not a good idea?").contains(.leading))
        #expect(!problems("Would it suit you to travel to Leeds?").contains(.leading))
        #expect(!problems("Is it easy to park at the clinic?").contains(.leading))
        #expect(!problems("Is the new site easier or harder for you to reach?").contains(.leading))
        #expect(
            problems("What do you think should happen?", kind: .freeText, optionsKnown: true).contains(
                .openWhenOptionsKnown))
    }

    @Test("loaded words, absolutes and two questions in one are flagged")
    func loadedAbsoluteDoubleBarrelled() {
        #expect(problems("Should we stop the wasteful night service?").contains(.loaded))
        #expect(problems("Do staff always listen to you?").contains(.absolute))
        #expect(problems("Do all staff listen to you?").contains(.absolute))
        // "All" naming a span of time, or after "at", claims nothing absolute.
        #expect(!problems("How useful would opening all night be for you?").contains(.absolute))
        #expect(!problems("Do you use the walk-in centre at all?").contains(.absolute))
        #expect(problems("Would opening all night help all patients?").contains(.absolute))
        #expect(problems("How happy are you with the parking and the waiting times?").contains(.doubleBarrelled))
        #expect(!problems("How much do you agree or disagree with option A?").contains(.doubleBarrelled))
        // "Or" offering alternatives is one question; "or" opening a second question is two.
        #expect(
            !problems("How easy would it be for your family to visit you at home or in hospital?").contains(
                .doubleBarrelled))
        #expect(problems("Would you take the bus, or would you drive?").contains(.doubleBarrelled))
        #expect(problems("Is the clinic clean, or how could it be cleaner?").contains(.doubleBarrelled))
    }

    @Test("a negative opening is quoted as written, not as its first word")
    func negativeOpeningQuoted() {
        let warning = checker.check("Is it not untrue that the clinic is far?", kind: .scale, optionsKnown: false)
            .first { $0.problem == .leading }
        #expect(warning?.explanation == "A question that starts \"Is it not\" expects the answer yes.")
        let short = checker.check("Isn't the clinic far?", kind: .scale, optionsKnown: false)
            .first { $0.problem == .leading }
        #expect(short?.explanation == "A question that starts \"Isn't\" expects the answer yes.")
    }

    @Test("jargon and unexplained acronyms are flagged, using the editable glossary")
    func jargon() {
        #expect(problems("Do you support the ICB's plan?").contains(.acronym))
        #expect(problems("How do you rate the stroke pathway?").contains(.jargon))
        #expect(problems("Were you told about the UTC?").contains(.acronym))
        #expect(!problems("Were you told about the urgent treatment centre (UTC)?").contains(.acronym))
        let custom = QuestionChecker(glossary: [GlossaryEntry(term: "hub", plainWords: "health centre")])
        #expect(custom.check("Would you use the hub?", kind: .scale, optionsKnown: false).map(\.problem) == [.jargon])
        #expect(
            !custom.check("How do you rate the pathway?", kind: .scale, optionsKnown: false).map(\.problem).contains(
                .jargon))
    }

    @Test("an acronym is explained only by a bracket next to it, not by a bracket anywhere in the question")
    func acronymBrackets() {
        func unexplained(_ text: String) -> [String] {
            checker.check(text, kind: .scale, optionsKnown: false).filter { $0.problem == .acronym }.map(\.explanation)
        }
        #expect(unexplained("How far (in miles) would you travel to the UTC?").contains { $0.contains("\"UTC\"") })
        let oneExplained = unexplained("Should the MIU (minor injuries unit) move next to the UTC?")
        #expect(oneExplained.contains { $0.contains("\"UTC\"") })
        #expect(!oneExplained.contains { $0.contains("\"MIU\"") })
        let others = unexplained("Should the ICB (the local board) merge CCG and PCN services?")
        #expect(others.contains { $0.contains("\"CCG\"") })
        #expect(others.contains { $0.contains("\"PCN\"") })
        #expect(!others.contains { $0.contains("\"ICB\"") })
        #expect(unexplained("How far would you travel to the UTC (urgent treatment centre)?").isEmpty)
        #expect(unexplained("How far would you travel to the urgent treatment centre (UTC)?").isEmpty)
    }

    @Test("double negatives are flagged")
    func doubleNegative() {
        #expect(problems("Is it not unreasonable to travel further?").contains(.doubleNegative))
        #expect(problems("Would you not use a service that is not local?").contains(.doubleNegative))
    }

    @Test("an open 'what do you want' question is flagged only when the options are known")
    func openWant() {
        #expect(
            problems("What do you want from the stroke service?", kind: .freeText, optionsKnown: true).contains(
                .openWhenOptionsKnown))
        #expect(
            !problems("What do you want from the stroke service?", kind: .freeText, optionsKnown: false).contains(
                .openWhenOptionsKnown))
    }

    @Test("a hard question is flagged with its reading age")
    func hardToRead() {
        let text =
            "To what extent do you consider the proposed reconfiguration of community-based rehabilitation provision appropriate?"
        let warnings = checker.check(text, kind: .scale, optionsKnown: false)
        let hard = warnings.first { $0.problem == .hardToRead }
        #expect(hard != nil)
        #expect(hard?.explanation.contains("Reading age") == true)
    }

    @Test("Flesch–Kincaid follows the published formula")
    func formula() {
        let r = Readability("The cat sat on the mat.")
        #expect(r.words == 6)
        #expect(r.sentences == 1)
        #expect(r.syllables == 6)
        #expect(abs(r.grade - (0.39 * 6 + 11.8 * 1 - 15.59)) < 0.0001)
        #expect(abs(r.readingEase - (206.835 - 1.015 * 6 - 84.6)) < 0.0001)
        #expect(Readability.syllables(in: "community") == 4)
        #expect(Readability.syllables(in: "care") == 1)
        #expect(Readability.syllables(in: "table") == 2)
        #expect(Readability("One. Two three.").sentences == 2)
    }
}
