import HeardDomain
import Testing

@Suite("Close spelling, for finding a service despite a small slip")
struct CloseSpellingTests {
    @Test("words of 3 letters or fewer must be exact; 4 to 7 letters may be 1 out; longer words 2")
    func allowance() {
        #expect((0...3).map(CloseSpelling.allowedSlips(forLength:)) == [0, 0, 0, 0])
        #expect((4...7).map(CloseSpelling.allowedSlips(forLength:)) == [1, 1, 1, 1])
        #expect([8, 9, 20].map(CloseSpelling.allowedSlips(forLength:)) == [2, 2, 2])
    }

    @Test("common slips are found: a letter changed, added, dropped, or two swapped, in any case")
    func closeWords() {
        #expect(CloseSpelling.isClose("emergancy", to: "Emergency"))
        #expect(CloseSpelling.isClose("emergncy", to: "emergency"), "a letter dropped")
        #expect(CloseSpelling.isClose("emmergancy", to: "emergency"), "one added and one changed: 2 in 9 letters")
        #expect(CloseSpelling.isClose("matrenity", to: "maternity"), "two neighbours swapped count as one")
        #expect(CloseSpelling.isClose("hospitl", to: "hospital"))
        #expect(CloseSpelling.isClose("harogate", to: "Harrogate"))
        #expect(CloseSpelling.isClose("clinc", to: "clinic"))
        #expect(CloseSpelling.isClose("leds", to: "Leeds"))
        #expect(CloseSpelling.isClose("mergaency", to: "emergency"), "a letter dropped and one added: 2 in 9")
        #expect(CloseSpelling.isClose("physio", to: "physio"), "the same word")
    }

    @Test("what must not match: short words slipped, words too far out, and short words found by long ones")
    func notClose() {
        #expect(!CloseSpelling.isClose("dye", to: "eye"), "3 letters must be exact")
        #expect(!CloseSpelling.isClose("gp", to: "go"))
        #expect(!CloseSpelling.isClose("eye", to: "eyes"), "a short word is not stretched")
        #expect(!CloseSpelling.isClose("ear", to: "earl"))
        #expect(!CloseSpelling.isClose("clnc", to: "clinic"), "2 out in 6 letters")
        #expect(!CloseSpelling.isClose("dentist", to: "dietetics"))
        #expect(!CloseSpelling.isClose("pharmacy", to: "maternity"))
        #expect(!CloseSpelling.isClose("emergencyroom", to: "emergency"), "4 letters more is not a slip")
        #expect(!CloseSpelling.isClose("", to: "a"))
    }
}
