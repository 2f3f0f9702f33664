import HeardDomain
import Testing

@Suite("Direction override controls")
struct BidiControlsTests {
    static let controls: [Unicode.Scalar] = [
        "\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{202E}", "\u{2066}", "\u{2067}", "\u{2068}", "\u{2069}",
    ]

    @Test("each override and isolate control is removed, wherever it is")
    func removed() {
        for control in Self.controls {
            let text = "\(control)The wait was \(control)gnol\(control)"
            #expect(text.removingBidiControls() == "The wait was gnol", "U+\(String(control.value, radix: 16))")
            #expect(BidiControls.contains(control))
        }
        #expect("\u{202E}\u{2066}\u{2069}".removingBidiControls() == "")
        #expect("a\u{202E}\u{202E}b\u{2067}c\u{2069}".removingBidiControls() == "abc")
    }

    @Test("right-to-left letters, direction marks and the characters either side of the ranges are kept")
    func keptAsTheyAre() {
        for text in [
            "شكرا جزيلا للممرضة", "תודה רבה לאחות", "ہسپتال کا عملہ اچھا تھا",
            "Dr \u{200F}أحمد\u{200E} was kind", "\u{061C}١٢٣", "👩‍⚕️ café e\u{301}",
            "\u{2029}\u{2065}\u{206A}\u{202F}\u{2060}", "",
        ] {
            #expect(text.removingBidiControls() == text, "\(text)")
            #expect(text.unicodeScalars.allSatisfy { !BidiControls.contains($0) }, "\(text)")
        }
        #expect("شكرا \u{2067}Leeds GP\u{2069} جزيلا".removingBidiControls() == "شكرا Leeds GP جزيلا")
        #expect(
            "e\u{301}\u{202E}\u{200F}".removingBidiControls().unicodeScalars.map(\.value) == [0x65, 0x301, 0x200F])
    }
}

extension BidiControlsTests {
    @Test("published names, descriptions and initiatives are checked and saved without the controls")
    func publishedInputs() throws {
        let organisation = try OrganisationInput(name: " \u{202E}Riverside\u{202C} Trust", kind: "trust").validated()
        #expect(organisation.name == "Riverside Trust")
        let place = try PlaceInput(name: "\u{2067}Leeds\u{2069}").validated()
        #expect(place.name == "Leeds" && place.slug == "leeds")
        let service = try ServiceInput(
            name: "A&E \u{202D}Leeds\u{202C}", summary: "Open \u{202E}ruoh 42\u{202C}.", organisationID: "o",
            placeID: "p"
        ).validated()
        #expect(service.name == "A&E Leeds" && service.summary == "Open ruoh 42.")
        // A name made only of controls is as empty as one of spaces.
        #expect(throws: ValidationFailure.self) { try PlaceInput(name: "\u{202E}\u{202C}").validated() }
        let initiative = try InitiativeInput(
            title: "Late \u{202E}ycamrahp\u{202C}", what: "\u{2066}Two open late\u{2069}", why: "Urgent \u{202E}care",
            affectsServices: "yes", substantialVariation: "no", decisionBody: "Leeds \u{202B}Committee\u{202C}"
        ).validated(today: SimpleDate(year: 2027, month: 1, day: 1))
        #expect(initiative.title == "Late ycamrahp" && initiative.what == "Two open late")
        #expect(initiative.why == "Urgent care" && initiative.decisionBody == "Leeds Committee")
    }
}
