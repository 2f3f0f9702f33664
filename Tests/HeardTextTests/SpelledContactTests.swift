import Testing

@testable import HeardText

/// E-mail addresses and phone numbers written out in words or with bracketed symbols, as people write them to get
/// past filters, and the ordinary sentences of the same words that must stay as written.
@Suite struct SpelledContactTests {
    let redactor = Redactor()

    @Test(arguments: [
        ("email jo dot bloggs at gmail dot com", "email [email]"),
        ("Jo Dot Bloggs AT Gmail DOT com.", "[email]."),
        ("jo.bloggs(at)gmail(dot)com", "[email]"),
        ("jo.bloggs [at] gmail [dot] co [dot] uk thanks", "[email] thanks"),
        ("write to jo_bloggs at example dot co dot uk", "write to [email]"),
        ("jobloggs at hotmail.com", "[email]"),
        ("jobloggs87 at company.co.uk", "[email]"),
        ("contact jo.bloggs @ gmail.com", "contact [email]"),
        ("jo underscore bloggs at yahoo dot co dot uk", "[email]"),
        ("my email is jbloggs at btinternet dot com ok", "my email is [email] ok"),
        ("contact me at jo dot bloggs at gmail dot com", "contact me at [email]"),
        ("My email is jo.bloggs at nhs.net thanks", "My email is [email] thanks"),
        ("jobloggs@gmail dot com", "[email]"),
        ("jo . bloggs @ gmail . com", "[email]"),
        ("j.bloggs at calderdale.gov.uk", "[email]"),
        ("jobloggs at live.co.uk", "[email]"),
    ])
    func redactsSpelledOutEmailAddresses(_ input: String, _ expected: String) {
        let result = redactor.redact(input)
        #expect(result.text == expected, "\(input)")
        #expect(result.kinds == [.email], "\(input)")
    }

    @Test(arguments: [
        ("ring oh seven seven double oh, nine double oh, nine eight two", "ring [phone]"),
        ("call me on zero seven seven zero zero nine zero zero nine eight two please", "call me on [phone] please"),
        ("oh seven seven double oh nine hundred nine eight two", "[phone]"),
        ("07700 nine double oh nine eight two", "[phone]"),
        ("call 0113 four nine six oh oh oh oh", "call [phone]"),
        ("plus four four seven seven double oh nine double oh nine eight two", "[phone]"),
        ("Nought one one three, four nine six, triple oh, oh.", "[phone]."),
        ("Ring me on 01484 four double four five six six", "Ring me on [phone]"),
        ("0 seven 7 double 0 9 double 0 9 8 2", "[phone]"),
        ("call O7700 900982 after six", "call [phone] after six"),
        ("Call 0 7 7 0 0 9 0 0 1 2 3", "Call [phone]"),
        ("tel. 0 1 1 3 4 9 6 0 0 0 0 thanks", "tel. [phone] thanks"),
    ])
    func redactsSpelledOutPhoneNumbers(_ input: String, _ expected: String) {
        let result = redactor.redact(input)
        #expect(result.text == expected, "\(input)")
        #expect(result.kinds == [.phone], "\(input)")
    }

    /// The same words in ordinary sentences: a website, a place to meet, counts and scores.
    @Test(arguments: [
        "I looked at bbc dot co dot uk", "I looked at bbc.co.uk for advice", "we met at home", "see nhs.uk",
        "I was at the hospital dot com", "staff at leeds dot nhs dot uk were great", "email me at the surgery",
        "I waited one two three hours", "oh seven people were there", "zero stars, one out of five",
        "oh no, oh dear, two nurses", "double oh seven", "oh seven seven double oh", "give it ten out of ten",
        "the 0 7 bus", "seen at 10.30 then at 11", "plus four four is eight",
        "it was oh so slow, one nurse, two doctors, three porters, four hours, five days, six weeks",
        "I checked my results at nhs dot uk", "The information at nhs dot uk was out of date",
        "the leaflet at healthwatch dot co dot uk", "my prescription at boots dot com", "reviews at google dot com",
        "ward 0 seven", "Open 9 to 5 at 01484 clinic", "scored 0 0 1 2 3 in the quiz", "rated 0 1 2 3 4 5 6 7",
        "O2 mask", "o2 saturation 94", "ok. Then at home.I rested",
    ])
    func leavesOrdinarySentencesAlone(_ input: String) {
        let result = redactor.redact(input)
        #expect(result.text == input)
        #expect(result.kinds.isEmpty, "\(input)")
    }

    /// On the analysis hot path the redactor only looks for these when the cue matcher saw a cue, so every
    /// example must raise one.
    @Test func theAnalyserFindsThemToo() throws {
        let analyser = CommentAnalyser(model: try TextModel.loadDefault())
        for text in [
            "email jo dot bloggs at gmail dot com", "jo.bloggs(at)gmail(dot)com", "jobloggs at hotmail.com",
            "ring oh seven seven double oh, nine double oh, nine eight two",
            "zero one one three four nine six oh oh oh oh",
            "plus four four seven seven double oh nine double oh nine eight two",
            "My email is jo.bloggs at nhs.net", "Ring me on 01484 four double four five six six",
            "call O7700 900982", "jobloggs at live.co.uk", "0 seven 7 double 0 9 double 0 9 8 2",
        ] {
            let analysis = analyser.analyse(text)
            #expect(analysis.redactedText == redactor.redact(text).text, "\(text)")
            #expect(!analysis.personalData.isEmpty, "\(text)")
        }
    }
}
