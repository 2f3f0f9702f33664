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

    // MARK: Disclosures QA found unflagged (inflections and a person as object)

    @Test(arguments: [
        ("I feel like ending my life", "self-harm"), ("He ended his life last year", "self-harm"),
        ("I keep thinking about killing myself", "self-harm"), ("My son said he wants to die", "self-harm"),
        ("She wanted to die", "self-harm"), ("I just don't want to live any more", "self-harm"),
        ("The carer hit my dad and left bruises", "abuse"), ("The carer hit my dad and left bruises", "safeguarding"),
        ("He hit my mother", "abuse"), ("I was pushed by a member of staff", "abuse"),
        ("The nurse smacked my daughter", "abuse"), ("staff were hitting the residents", "abuse"),
        ("a carer slapped a resident", "abuse"), ("he shoved me", "abuse"), ("She pushed me over", "abuse"),
        ("Dad was hit by another patient", "abuse"), ("I am scared of the night nurse", "safeguarding"),
        ("Mum is afraid of some of the carers", "safeguarding"), ("Mum was left in soiled sheets", "safeguarding"),
        ("he was lying in a wet bed for hours", "safeguarding"), ("left in her own urine", "safeguarding"),
        ("we found unexplained bruising on her arms", "safeguarding"), ("Dad died in A&E", "danger"),
        ("he hit me that morning", "abuse"), ("she hit me when I asked for water", "abuse"),
        ("The care home is not feeding my mum and she has bruises", "safeguarding"),
        ("Dad is not being fed properly on the ward", "safeguarding"),
    ])
    func flagsInflectedDisclosures(_ text: String, _ reason: String) {
        let analysis = analyser.analyse(text)
        #expect(analysis.isUrgent, "\(text)")
        #expect(analysis.urgentReasons.contains(reason), "\(text)")
    }

    /// Ordinary senses of the same verbs. Fear of a procedure is not a cue ("scared before the operation"):
    /// fear of a person is.
    @Test(arguments: [
        "the waiting time killed me", "we hit the target for once", "it hit me how lucky we are to have them",
        "then it hit me that I had been there for 12 hours", "I pushed for an appointment and got one",
        "I was scared before the operation but staff reassured me", "my dad died peacefully, thank you for the care",
        "Mum died peacefully in her sleep", "the porter pushed my dad in a wheelchair",
        "I was pushed by the porter to x-ray", "the end of life team were wonderful",
        "the appointment was pushed back a week", "the nurse changed the wet sheets straight away",
        "slight bruising after my blood test", "my daughter is scared of needles", "I was dying for a cup of tea",
        "we were dying to get home",
    ])
    func leavesOrdinarySensesUnflagged(_ text: String) {
        let analysis = analyser.analyse(text)
        #expect(!analysis.isUrgent, "\(text): \(analysis.urgentReasons)")
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
        // A first name with no title or role before it is found through the analyser's own cue check too.
        let thanks = analyser.analyse("Really kind staff. Mandy was lovely and Tom explained everything.")
        #expect(thanks.redactedText == "Really kind staff. [name] was lovely and [name] explained everything.")
        #expect(thanks.personalData == [.name])
        #expect(analyser.analyse("referred to James Cook hospital").personalData.isEmpty)
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
