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

    /// A mobile number spelled without its zero: ten digits starting with seven, at least four in words.
    @Test(arguments: [
        ("my mobile is seven seven zero zero nine double oh nine eight two", "my mobile is [phone]"),
        ("seven seven oh oh nine oh oh nine eight two", "[phone]"),
        ("Call me on Seven Seven Oh Oh, nine double oh, nine eight two.", "Call me on [phone]."),
        ("text seven seven oh oh 900 982 after six", "text [phone] after six"),
        ("double seven oh oh nine hundred nine eight two", "[phone]"),
        ("ring seven eight double one two three four five six seven thanks", "ring [phone] thanks"),
    ])
    func redactsMobileNumbersSpelledWithoutTheirZero(_ input: String, _ expected: String) {
        let result = redactor.redact(input)
        #expect(result.text == expected, "\(input)")
        #expect(result.kinds == [.phone], "\(input)")
    }

    /// "jobloggs at yahoo": an address at a personal provider written without its top-level domain.
    @Test(arguments: [
        ("jobloggs at yahoo", "[email]"),
        ("email me at jo.bloggs at hotmail", "email me at [email]"),
        ("email me at jo.bloggs at hotmail thanks", "email me at [email] thanks"),
        ("my email is jbloggs87 at gmail.", "my email is [email]."),
        ("contact jobloggs at icloud please", "contact [email] please"),
        ("Email: jobloggs at aol", "Email: [email]"),
        ("jobloggs(at)btinternet", "[email]"),
        ("jobloggs@yahoo or ring", "[email] or ring"),
        ("my address is jo_bloggs at outlook, thanks", "my address is [email], thanks"),
    ])
    func redactsAddressesWithoutATopLevelDomain(_ input: String, _ expected: String) {
        let result = redactor.redact(input)
        #expect(result.text == expected, "\(input)")
        #expect(result.kinds == [.email], "\(input)")
    }

    /// "jo bloggs at gmail dot com": the word before the mailbox goes with it, and nothing before that.
    @Test(arguments: [
        ("jo bloggs at gmail dot com", "[email]"),
        ("please write to jo bloggs at gmail dot com", "please write to [email]"),
        ("email me at jo bloggs at gmail dot com", "email me at [email]"),
        ("Contact Jo Bloggs at hotmail.com today", "Contact [email] today"),
        ("reply to jo bloggs87 (at) yahoo dot co dot uk", "reply to [email]"),
        // One word before the mailbox at most; a word that leads to it or a role stays.
        ("I sent it to jobloggs at gmail dot com", "I sent it to [email]"),
        ("hi jobloggs at gmail dot com", "hi [email]"),
        ("my friend jobloggs at gmail dot com", "my friend [email]"),
        ("anne marie bloggs at gmail dot com", "anne [email]"),
        // An "@" joined to the mailbox says where the address starts.
        ("jo bloggs@gmail.com", "jo [email]"),
    ])
    func redactsTheNameBeforeASpelledAddress(_ input: String, _ expected: String) {
        let result = redactor.redact(input)
        #expect(result.text == expected, "\(input)")
        #expect(result.kinds == [.email], "\(input)")
    }

    /// Ordinary sentences with the same words: counts, hours, times and wards in words; a place or employer
    /// after "at"; a provider with no mailbox before it.
    @Test(arguments: [
        "seven or eight times", "I waited seven hours", "seven seven seven", "ward seven", "bed seven bay two",
        "seven nurses, eight doctors, nine porters", "at seven thirty", "scored seven out of ten",
        "seven seven zero zero", "seven two one nine four hours", "the seven o'clock appointment",
        "seven, eight, nine or ten", "double seven", "seven 7700 900982",
        "I was at boots", "we were at the hospital", "my husband works at yahoo", "I had a job at yahoo",
        "an interview at yahoo", "the staff at hotmail", "we met at outlook", "I looked at outlook",
        "people at gmail", "a positive outlook at last", "I live at home", "I was at yahoo's office",
        "the staff at gmail dot com were slow", "I emailed them at gmail dot com", "friends at yahoo",
        "Bryony at Outlook was lovely", "thanks to Bryony @ Outlook",
    ])
    func leavesTheSameWordsInOrdinarySentencesAlone(_ input: String) {
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
            "my mobile is seven seven zero zero nine double oh nine eight two", "seven seven oh oh 900 982",
            "double seven oh oh nine hundred nine eight two",
            "ring seven eight double one two three four five six seven",
            "jobloggs at yahoo", "email me at jo.bloggs at hotmail", "jobloggs(at)btinternet", "jobloggs@yahoo",
            "please write to jo bloggs at gmail dot com", "Contact Jo Bloggs at hotmail.com",
        ] {
            let analysis = analyser.analyse(text)
            #expect(analysis.redactedText == redactor.redact(text).text, "\(text)")
            #expect(!analysis.personalData.isEmpty, "\(text)")
        }
    }
}
