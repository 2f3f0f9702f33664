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
}
