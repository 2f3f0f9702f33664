import Testing

@testable import HeardText

@Suite struct CommentAnalyserTests {
    let analyser = CommentAnalyser(model: Trainer(options: TinyCorpus.options()).train(TinyCorpus.comments()).model)

    @Test(arguments: [
        ("I want to kill myself", "self-harm"), ("I have been self-harming again", "self-harm"),
        ("My carer hit me", "abuse"), ("She was verbally abused by a porter", "abuse"),
        ("I did not feel safe on the ward", "safeguarding"), ("He was neglected for days", "safeguarding"),
        ("The crew said it was dangerous to leave him", "danger"), ("I was given the wrong dose", "danger"),
    ])
    func flagsUrgentContentWithItsReason(_ text: String, _ reason: String) {
        let analysis = analyser.analyse(text)
        #expect(analysis.isUrgent)
        #expect(analysis.urgentReasons.contains(reason))
    }

    @Test(arguments: ["The nurse was kind", "I felt safe and cared for", "Waited four hours", "Parking was expensive"])
    func leavesOrdinaryCommentsUnflagged(_ text: String) {
        #expect(!analyser.analyse(text).isUrgent)
    }

    @Test(arguments: [
        ("The staff were so kind and caring", RelationalFlag.compassion),
        ("I was treated with dignity and respect", .dignity),
        ("Nobody listened to me", .listening),
        ("My referral was lost between services", .coordination),
    ])
    func raisesRelationalFlagsFromTheText(_ text: String, _ flag: RelationalFlag) {
        #expect(analyser.analyse(text).relational.contains(flag))
    }

    @Test func redactsPersonalDataInTheAnalysis() {
        let analysis = analyser.analyse("Nurse Jane at LS1 4AB rang 07700 900123")
        #expect(analysis.redactedText == "Nurse [name] at [postcode] rang [phone]")
        #expect(analysis.personalData == [.phone, .postcode, .name])
    }

    @Test func everyFlagAndKindHasATitle() {
        for flag in RelationalFlag.allCases { #expect(!flag.title.isEmpty) }
        for kind in PersonalDataKind.allCases { #expect(!kind.title.isEmpty) }
    }
}

@Suite struct CommentSummaryTests {
    let analyser = CommentAnalyser(model: Trainer(options: TinyCorpus.options()).train(TinyCorpus.comments()).model)

    @Test func countsThemesWithTheirSentimentAndQuotesRedactedText() {
        var builder = CommentSummaryBuilder()
        let texts = [
            "the nurse was kind, email me at a@b.com", "staff were rude to my dad", "car park full again today",
            "the nurse was kind to us all", "", "no parking spaces at all today",
        ]
        let analyses = texts.map { analyser.analyse($0) }
        for (analysis, text) in zip(analyses, texts) { builder.add(analysis, text: text) }
        let summary = builder.build()
        #expect(summary.totalComments == 6)
        #expect(summary.noCommentCount == 1)
        #expect(summary.themes.map(\.count) == summary.themes.map(\.count).sorted(by: >))
        for theme in summary.themes {
            let inTheme = analyses.filter { $0.themes.contains(theme.theme) }
            #expect(theme.count == inTheme.count)
            #expect(theme.sentiment.positive == inTheme.filter { $0.sentiment <= 2 }.count)
            #expect(theme.sentiment.negative == inTheme.filter { $0.sentiment >= 4 }.count)
            #expect(theme.quotes.allSatisfy { !$0.contains("a@b.com") })
        }
        let staff = summary.themes.first { $0.theme == "Staff" }
        #expect(staff?.distinctivePhrases.contains("nurse") == true)
        #expect(staff?.quotes.isEmpty == false)
    }
}
