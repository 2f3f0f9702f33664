import HeardDomain
import Testing

/// Domain rules §8: NHS content aims at a reading age of 9 to 11, for survey questions and for the pack.
@Suite("Reading age target and the consultation pack's wording")
struct PackWordingTests {
    let checker = QuestionChecker()

    @Test("the target reading age is 11: a question at about 12 is flagged, one at about 10 is not")
    func targetIsEleven() {
        #expect(checker.targetReadingAge == 11)
        // Flesch–Kincaid grade 6.8, reading age 11.8: allowed when the target was 12.
        let twelve = "How would the new opening times affect your visits to the clinic?"
        #expect(abs(Readability(twelve).readingAge - 11.79) < 0.01)
        let hard = checker.check(twelve, kind: .freeText, optionsKnown: false).first { $0.problem == .hardToRead }
        #expect(hard?.explanation == "Reading age about 12 (Flesch–Kincaid grade 6.8), above the target of 11.")
        #expect(
            !QuestionChecker(targetReadingAge: 12).check(twelve, kind: .freeText, optionsKnown: false)
                .contains { $0.problem == .hardToRead })
        let plain = "How would the new opening times change your visits?"
        #expect(!checker.check(plain, kind: .freeText, optionsKnown: false).contains { $0.problem == .hardToRead })
    }

    @Test("a reading age that rounds to the target says it is a little over, not 'about 11, above 11'")
    func justOver() {
        let text = "People recover better at home with the right support."
        #expect(checker.isHardToRead(Readability(text)))
        #expect(checker.readingAgeText(Readability(text)) == "a little over 11")
    }

    @Test("a reading age far past the formula's range is said as 'over 18', not 'about 43'")
    func capped() {
        let sentence = Array(repeating: "comprehensive multidisciplinary reconfiguration", count: 30)
            .joined(separator: " ")
        let readability = Readability(sentence + ".")
        #expect(readability.readingAge > 30)
        #expect(checker.readingAgeText(readability) == "over 18")
    }

    @Test("a line break ends a sentence, so options listed one a line are read as separate sentences")
    func lineBreaks() {
        #expect(Readability("Option A keep the clinic\nOption B move it to Ripon Road").sentences == 2)
    }

    @Test("a plain pack has no warnings")
    func plainPack() {
        #expect(
            checker.packWarnings(
                background: "We want to move the eye clinic. The new building has more room. Parking is free.",
                options: "Option A: move the clinic.\nOption B: keep it where it is.",
                discardedAlternatives:
                    "We set aside keeping things as they are. The service cannot be staffed safely as it is.",
                reasons: "More room and easier parking."
            ).isEmpty)
    }

    @Test("a hard background and jargon in the reasons are named, part by part, as warnings")
    func hardPack() {
        let warnings = checker.packWarnings(
            background:
                "The proposed reconfiguration of community-based rehabilitation provision necessitates consideration of alternative arrangements.",
            options: "Option A: move the clinic.\nOption B: keep it where it is.",
            discardedAlternatives: "None were set aside. We looked at no other way.",
            reasons: "The ICB wants fewer trips. The MDT agrees.")
        #expect(warnings.map(\.field) == ["background", "background", "reasons", "reasons"])
        #expect(
            warnings[0].message
                == "The background is hard to read (reading age over 18, the target is 11 or under): use shorter sentences and everyday words."
        )
        #expect(warnings[1].problem == .jargon)
        #expect(warnings[1].message.hasPrefix("The background: \"reconfiguration\" may not be understood."))
        #expect(warnings[2].message.hasPrefix("The reasons: \"ICB\" may not be understood."))
        #expect(warnings[3].message.hasPrefix("The reasons: \"MDT\" may not be understood."))
    }
}
