import HeardDomain
import Testing

/// The options a consultation pack sets out, as the choices of its preferred-option question.
@Suite("The pack's options as survey choices")
struct PackOptionsTests {
    @Test("each named line is an option, offered with its title; bullets and full stops are dropped")
    func namedLines() {
        let options = """
            Option A: make the change as proposed.
            - Option B: make the change with extra support for travel.

            * Option C: keep the clinic where it is
            """
        #expect(
            PackOptions.choices(options) == [
                "Option A: make the change as proposed", "Option B: make the change with extra support for travel",
                "Option C: keep the clinic where it is",
            ])
    }

    @Test("prose, or a single named line, sets out no options a question could follow")
    func prose() {
        #expect(PackOptions.choices("A. Home visits. B. No change.").isEmpty)
        #expect(PackOptions.choices("A: at home. B: on the ward.").isEmpty)
        #expect(PackOptions.choices("We have thought about this a lot. There is one proposal.").isEmpty)
        let prose = PackOptions.mismatch(questionChoices: ["Yes", "No"], packOptions: "A: at home. B: on the ward.")
        #expect(prose.notInPack.isEmpty && prose.notOffered.isEmpty)
    }

    @Test("a very long title is left to the pack: the choice is the option's name")
    func longTitle() {
        let long = String(repeating: "a long description ", count: 8)
        #expect(PackOptions.choices("Option A: \(long)\nOption B: stay") == ["Option A", "Option B: stay"])
    }

    @Test("choices are matched by name, so a retitled choice still matches; a missing or extra one does not")
    func matching() {
        let pack = "Option A: move the clinic.\nOption B: keep it where it is.\nOption C: a new building."
        #expect(PackOptions.key("Option A: move the clinic") == PackOptions.key("option a"))
        let (extra, missing) = PackOptions.mismatch(
            questionChoices: ["Option A", "Option B", "Option D: close it"], packOptions: pack)
        #expect(extra == ["Option D: close it"])
        #expect(missing == ["Option C: a new building"])
        let agreed = PackOptions.mismatch(questionChoices: ["Option A", "Option B", "Option C"], packOptions: pack)
        #expect(agreed.notInPack.isEmpty && agreed.notOffered.isEmpty)
    }

    @Test("an option starts with its label; prose with a colon between the options is not one")
    func labels() {
        #expect(PackOptions.choices("A: at home\nB: on the ward") == ["A: at home", "B: on the ward"])
        #expect(PackOptions.choices("1. Move the clinic.\n2) Keep it") == ["1: Move the clinic", "2: Keep it"])
        #expect(
            PackOptions.choices("Option A – move the clinic\n- Option B - keep it\nOption C")
                == ["Option A: move the clinic", "Option B: keep it", "Option C"])
        let withNote = "Option A: move.\nNote: we will hold events first.\nOption B: stay.\nBackground: see above."
        #expect(PackOptions.choices(withNote) == ["Option A: move", "Option B: stay"])
        // Initials and decimals are not labels.
        #expect(PackOptions.choices("A.B. Smith will lead.\n1.5 miles: the distance\nC: one").isEmpty)
    }

    @Test("what staff are told: lines not read as options, a label used twice, a single option")
    func notes() {
        let notes = PackOptions.notes(
            "Option A: move.\nNote: we will hold events first.\nOption A: again\nOption B: stay\nOption one is to wait")
        #expect(notes.count == 3, "\(notes)")
        #expect(notes.contains { $0.contains("“Note: we will hold events first.” is not read as an option") })
        #expect(notes.contains { $0.contains("“Option one is to wait” is not read as an option") })
        #expect(notes.contains { $0.contains("“Option A: again” uses a label already used above") })
        let single = PackOptions.notes("A. Home visits. B. No change.")
        #expect(single.count == 1 && single[0].contains("Only one option is set out"), "\(single)")
        #expect(PackOptions.notes("We asked: what matters most? People said: being near home.").isEmpty, "prose only")
        #expect(PackOptions.notes("Option A: move\nOption B: stay").isEmpty)
    }

    @Test("a choice's key is its label, with or without Option and its title")
    func keys() {
        #expect(PackOptions.key("Option A: move the clinic") == "a")
        #expect(PackOptions.key("Option A") == "a")
        #expect(PackOptions.key("A: move") == "a")
        #expect(PackOptions.key("Yes") == "yes")
    }
}
