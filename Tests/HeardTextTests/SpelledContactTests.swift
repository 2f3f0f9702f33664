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
        // Ten digits from 71: 071… is a mobile's prefix, so a run of digit words this long stays a number.
        ("seven one two three four five six seven eight nine", "[phone]"),
        // Numerals after the first word, in groups of three or more.
        ("seven 700 900 982", "[phone]"),
        ("call me on seven 700 900982 thanks", "call me on [phone] thanks"),
        ("Seven 123 456 789.", "[phone]."),
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
        ("anne marie bloggs at gmail dot com", "[email]"),
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
        // Numerals after "seven" that are no mobile: a short group, numerals one by one, 070 and 076.
        "seven 2 hours", "seven 15 minutes late", "seven 7 0 0 9 0 0 9 8 2", "seven seven 00 900 982",
        "seven 000 000 000", "seven 600 100 200", "seven 100 200", "at seven 2019 2020",
    ])
    func leavesTheSameWordsInOrdinarySentencesAlone(_ input: String) {
        let result = redactor.redact(input)
        #expect(result.text == input)
        #expect(result.kinds.isEmpty, "\(input)")
    }

    /// "live", "mail", "sky" and "proton" are personal providers and everyday words: with no top-level domain the
    /// address is taken only when a mailbox no sentence has comes before the "at", or a lead-in such as "email
    /// me", and the provider ends the clause.
    @Test(arguments: [
        ("jobloggs87 at live", "[email]"),
        ("jo.bloggs at sky", "[email]"),
        ("my email is jo_bloggs at mail.", "my email is [email]."),
        ("jo dot bloggs at proton", "[email]"),
        ("email me at jobloggs at proton", "email me at [email]"),
        ("e-mail me jobloggs at live thanks", "e-mail me [email] thanks"),
        ("contact me on jobloggs at sky", "contact me on [email]"),
        ("please write to jobloggs at mail, ta", "please write to [email], ta"),
        ("Email: jobloggs at sky", "Email: [email]"),
        ("jobloggs@live or ring", "[email] or ring"),
        ("jobloggs(at)sky", "[email]"),
    ])
    func redactsAddressesAtProvidersThatAreEverydayWords(_ input: String, _ expected: String) {
        let result = redactor.redact(input)
        #expect(result.text == expected, "\(input)")
        #expect(result.kinds == [.email], "\(input)")
    }

    @Test(arguments: [
        "I was at sky", "we live at home", "my son works at sky", "I was at mail", "we were at live music",
        "my son works part-time at sky", "he watched it at sky sports", "the team at proton were kind",
        "email me at live chat", "I can live at home", "we saw j.lo at live aid", "booked for 2pm at sky",
        "met at 10.30 at mail room", "email me at home", "write to me at sky", "Staff at Sky were kind",
        // A plain word and no lead-in: "jobloggs" could be anyone's word, so this one is not taken.
        "jobloggs at live",
    ])
    func leavesEverydayProviderWordsInSentencesAlone(_ input: String) {
        let result = redactor.redact(input)
        #expect(result.text == input)
        #expect(result.kinds.isEmpty, "\(input)")
    }

    /// A mailbox with capitals and no domain: joined words each with a capital, or a capital first letter
    /// before a provider written in lower case that ends the clause.
    @Test(arguments: [
        ("JoBloggs at Gmail", "[email]"),
        ("Jo.Bloggs at Hotmail", "[email]"),
        ("email JoBloggs at Yahoo please", "email [email] please"),
        ("Jobloggs at yahoo", "[email]"),
        ("My email is Jobloggs at hotmail.", "My email is [email]."),
    ])
    func redactsCapitalisedMailboxesWithoutADomain(_ input: String, _ expected: String) {
        let result = redactor.redact(input)
        #expect(result.text == expected, "\(input)")
        #expect(result.kinds == [.email], "\(input)")
    }

    @Test(arguments: [
        "Bryony at Yahoo", "Thanks to Bryony at Gmail for her help", "Jobloggs at yahoo was", "Interview at yahoo",
        "Problems at Hotmail", "Staff at gmail",
    ])
    func leavesCapitalisedWordsBeforeAProviderAlone(_ input: String) {
        let result = redactor.redact(input)
        #expect(result.text == input)
        #expect(result.kinds.isEmpty, "\(input)")
    }

    /// A name of three words before a spelled address goes with it; a word a sentence has ends the name.
    @Test(arguments: [
        ("mary jo bloggs at gmail dot com", "[email]"),
        ("email mary jo bloggs at gmail dot com", "email [email]"),
        ("please write to Mary Jo Bloggs at hotmail.com today", "please write to [email] today"),
        ("reply to anne marie bloggs at gmail dot com", "reply to [email]"),
        ("send it to me at jo bloggs at gmail dot com", "send it to me at [email]"),
        ("thanks to the team and jo bloggs at gmail dot com", "thanks to the team and [email]"),
        ("the nurse is jo bloggs at yahoo dot co dot uk", "the nurse is [email]"),
    ])
    func redactsAThreeWordNameBeforeASpelledAddress(_ input: String, _ expected: String) {
        let result = redactor.redact(input)
        #expect(result.text == expected, "\(input)")
        #expect(result.kinds == [.email], "\(input)")
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
            "jobloggs87 at live", "jo.bloggs at sky", "jo_bloggs at mail", "email me at jobloggs at proton",
            "jobloggs@live", "JoBloggs at Gmail", "Jobloggs at yahoo", "mary jo bloggs at gmail dot com",
            "seven 700 900 982", "seven one two three four five six seven eight nine",
        ] {
            let analysis = analyser.analyse(text)
            #expect(analysis.redactedText == redactor.redact(text).text, "\(text)")
            #expect(!analysis.personalData.isEmpty, "\(text)")
        }
    }
}
