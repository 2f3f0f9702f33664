import HeardDomain
import Testing

/// Responses on behalf of an organisation or group are named and counted once each, never multiplied.
@Suite("Responses on behalf of an organisation or group")
struct OnBehalfOfTests {
    @Test("no choice or 'individual' is an individual; 'organisation' needs a name of up to 200 characters")
    func read() throws {
        #expect(try OnBehalfOf.read(respondingAs: "", name: "").get() == nil)
        #expect(try OnBehalfOf.read(respondingAs: "individual", name: "  ").get() == nil)
        #expect(
            try OnBehalfOf.read(respondingAs: "organisation", name: "  Age UK\n  Calderdale ").get()
                == "Age UK Calderdale")
        #expect(
            try OnBehalfOf.read(respondingAs: "organisation", name: String(repeating: "a", count: 200)).get() != nil)
        func problem(_ choice: String, _ name: String) -> FieldError? {
            if case .failure(let error) = OnBehalfOf.read(respondingAs: choice, name: name) { return error }
            return nil
        }
        #expect(problem("organisation", " ")?.field == "on_behalf_of")
        #expect(problem("organisation", String(repeating: "a", count: 201))?.message.contains("200 characters") == true)
        #expect(problem("individual", "Age UK")?.field == "responding_as", "a name with 'individual' is asked about")
        #expect(problem("company", "Age UK")?.field == "responding_as")
        #expect(problem("organisation", "\u{202E}\u{202C} ")?.field == "on_behalf_of", "bidi controls alone are blank")
    }

    @Test("each organisation once, alphabetical, with its responses; case and spacing do not make a second one")
    func tally() {
        let tally = OnBehalfOf.tally([
            "Healthwatch Calderdale", "calderdale carers  forum", "Age UK Calderdale", "Calderdale Carers Forum",
            "Healthwatch Calderdale", "Healthwatch Calderdale",
        ])
        #expect(tally.map(\.name) == ["Age UK Calderdale", "Calderdale Carers Forum", "Healthwatch Calderdale"])
        #expect(tally.map(\.responses) == [1, 2, 3])
        #expect(OnBehalfOf.tally([]).isEmpty)
    }
}
