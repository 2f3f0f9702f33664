import Testing

@testable import HeardText

@Suite struct DefaultModelTests {
    @Test func loadsTheShippedFrameworkV6Model() throws {
        let model = try TextModel.loadDefault()
        #expect(model.themeNames.contains("Staff manner & personal attributes"))
        #expect(Set(model.learnedThemeNames).isSubset(of: Set(model.themeNames)))
        #expect(model.learnedThemeNames.count < model.themeNames.count)
        #expect(model.hasSentiment)
        #expect(!model.isSingleLabel)
        #expect(model.card.tooFewExamples.keys.allSatisfy { !model.learnedThemeNames.contains($0) })
    }

    @Test func understandsPlainPraiseAndComplaint() throws {
        let analyser = CommentAnalyser(model: try TextModel.loadDefault())
        let praise = analyser.analyse("The staff were very kind and caring, thank you", question: "What was good?")
        #expect(praise.themes.contains("Staff manner & personal attributes"))
        #expect(praise.sentiment <= 2)
        let complaint = analyser.analyse(
            "I waited nine hours for an ambulance and nobody called back", question: "How could we improve?")
        #expect(complaint.themes.contains("Timeliness of care"))
        #expect(complaint.sentiment >= 4)
    }
}
