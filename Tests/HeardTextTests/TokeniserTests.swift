import Testing

@testable import HeardText

@Suite struct TokeniserTests {
    let tokeniser = Tokeniser.shared

    @Test func lowercasesAndSplitsOnPunctuation() {
        #expect(tokeniser.words("Very GOOD, service!") == ["very", "good", "service"])
    }

    @Test func unifiesCurlyApostrophes() {
        #expect(tokeniser.words("I couldn’t") == tokeniser.words("I couldn't"))
    }

    @Test func unifiesAccidentAndEmergencySpellings() {
        let expected = tokeniser.words("A&E")
        #expect(expected == ["a&e"])
        #expect(tokeniser.words("a & e") == expected)
        #expect(tokeniser.words("A and E") == expected)
        #expect(tokeniser.words("A+E") == expected)
    }

    @Test func collapsesInitialismsAndAbbreviations() {
        #expect(tokeniser.words("G.P.") == ["gp"])
        #expect(tokeniser.words("GPs") == ["gp"])
        #expect(tokeniser.words("appt") == ["appointment"])
    }

    @Test func replacesQuantitiesButKeepsServiceNumbers() {
        #expect(tokeniser.words("waited 10 hours, rang 111") == ["waited", "#num", "hours", "rang", "111"])
    }

    @Test func mapsUSSpellingsToNHSSpellings() {
        #expect(tokeniser.words("pediatric anesthetic") == ["paediatric", "anaesthetic"])
    }

    @Test func keepsNonASCIIWordsWhole() {
        #expect(tokeniser.words("Très bien — café") == ["très", "bien", "café"])
        #expect(tokeniser.words("ÉCOLE") == ["école"])
    }

    @Test func emptyAndPunctuationOnlyTextHaveNoWords() {
        #expect(tokeniser.words("").isEmpty)
        #expect(tokeniser.words("  \n\t ").isEmpty)
        #expect(tokeniser.words("...!?").isEmpty)
    }

    @Test func marksClauseStarts() {
        var tokens: [Token] = []
        var bytes: [UInt8] = []
        var text = "good. staff kind"
        text.withUTF8 { tokeniser.tokenise($0, into: &tokens, bytes: &bytes) }
        #expect(tokens.map(\.startsClause) == [true, true, false])
    }
}

@Suite struct NegationTests {
    let tokeniser = Tokeniser.shared

    @Test func negatesTheWordsAfterANegator() {
        #expect(tokeniser.words("not helpful") == ["not", "not_helpful"])
        #expect(tokeniser.words("They never listened to me") == ["they", "never", "not_listened", "not_to", "not_me"])
    }

    @Test func recognisesContractionsWithAndWithoutApostrophes() {
        #expect(tokeniser.words("didn't care") == ["didn't", "not_care"])
        #expect(tokeniser.words("didnt care") == ["didn't", "not_care"])
        #expect(tokeniser.words("wasn’t kind") == ["wasn't", "not_kind"])
    }

    @Test func scopeEndsAtPunctuationAndContrast() {
        #expect(tokeniser.words("not quick. staff kind") == ["not", "not_quick", "staff", "kind"])
        #expect(tokeniser.words("not quick but kind") == ["not", "not_quick", "but", "kind"])
    }

    @Test func scopeLastsThreeWords() {
        #expect(tokeniser.words("no one at all came") == ["no", "not_one", "not_at", "not_all", "came"])
    }
}
