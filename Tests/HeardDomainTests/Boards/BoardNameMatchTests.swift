import HeardDomain
import Testing

@Suite("Boards: which board a decision paper's meeting names")
struct BoardNameMatchTests {
    static let place = "Leeds Place Committee"
    static let finance = "Leeds Place Committee Finance Sub-group"

    @Test(
        "the board's name, alone or with only words saying which meeting and a date, names the board",
        arguments: [
            "Leeds Place Committee", "leeds place committee", "Leeds Place Committee meeting in public",
            "Leeds Place Committee, 20 January 2027", "Leeds Place Committee meeting, Tuesday 20th Jan 2027, 6pm",
            "Leeds Place Committee 2027-01-20", "Extraordinary meeting of the Leeds Place Committee",
        ])
    func names(meeting: String) {
        #expect(BoardNameMatch.names(meeting, board: Self.place))
        #expect(BoardNameMatch.board(named: meeting, among: [Self.finance, Self.place]) == Self.place)
    }

    @Test(
        "a longer board name, or other words, do not name the board",
        arguments: [
            "Leeds Place Committee Finance Sub-group", "Leeds Place Committee Finance Sub-group meeting",
            "Leeds Place", "Place Committee", "Leeds Place Committee and Quality Committee", "",
        ])
    func doesNotName(meeting: String) {
        #expect(!BoardNameMatch.names(meeting, board: Self.place))
    }

    @Test("the sub-group's papers go to the sub-group, the committee's to the committee")
    func sharedPrefix() {
        let boards = [Self.place, Self.finance]
        #expect(
            BoardNameMatch.board(named: "Leeds Place Committee Finance Sub-group, 3 March 2027", among: boards)
                == Self.finance)
        #expect(BoardNameMatch.board(named: "Leeds Place Committee, 3 March 2027", among: boards) == Self.place)
        #expect(BoardNameMatch.board(named: "Quality Committee", among: boards) == nil)
        #expect(!BoardNameMatch.names("Leeds Place Committee", board: ""), "a board with no name names nothing")
    }

    @Test("when two boards' names both fit, the longest full name wins, whatever the order")
    func longestWins() {
        // "Board" and "Board meeting" are both names here; a paper for the latter is its own.
        let boards = ["ICB board", "ICB board meeting"]
        #expect(BoardNameMatch.board(named: "ICB board meeting", among: boards) == "ICB board meeting")
        #expect(BoardNameMatch.board(named: "ICB board meeting", among: boards.reversed()) == "ICB board meeting")
        #expect(BoardNameMatch.board(named: "ICB board, 14 January", among: boards) == "ICB board")
    }

    @Test("the paper's checks read every board a joint meeting names, but not one named only inside a longer name")
    func mentioned() {
        let boards = [Self.place, Self.finance, "Quality Committee"]
        #expect(
            BoardNameMatch.mentioned(in: "Leeds Place Committee Finance Sub-group", among: boards) == [Self.finance])
        #expect(BoardNameMatch.mentioned(in: "Leeds Place Committee meeting in public", among: boards) == [Self.place])
        #expect(
            BoardNameMatch.mentioned(in: "Joint meeting: Leeds Place Committee and Quality Committee", among: boards)
                == [Self.place, "Quality Committee"])
        #expect(
            BoardNameMatch.mentioned(
                in: "Leeds Place Committee with its Leeds Place Committee Finance Sub-group", among: boards)
                == [Self.place, Self.finance], "each named in its own right")
        #expect(BoardNameMatch.mentioned(in: "Board of governors", among: boards).isEmpty)
    }

    @Test("a joint meeting's papers belong to every board it names, and only when nothing else is named")
    func jointMeeting() {
        let quality = "Quality Committee"
        let wellbeing = "Leeds Health and Wellbeing Board"
        let boards = [Self.place, Self.finance, quality, wellbeing]
        #expect(BoardNameMatch.boards(named: "Leeds Place Committee, 3 March", among: boards) == [Self.place])
        #expect(
            BoardNameMatch.boards(
                named: "Joint meeting of the Leeds Place Committee and the Quality Committee, 3 March 2027",
                among: boards) == [Self.place, quality])
        // A board's own "and" is part of its name; the longer name is taken whole before the shorter.
        #expect(
            BoardNameMatch.boards(
                named: "Leeds Health and Wellbeing Board with Leeds Place Committee Finance Sub-group", among: boards)
                == [wellbeing, Self.finance])
        #expect(
            BoardNameMatch.boards(
                named: "Leeds Place Committee and Leeds Place Committee Finance Sub-group", among: boards)
                == [Self.place, Self.finance])
        // Other words mean another meeting: a briefing, a working group.
        #expect(
            BoardNameMatch.boards(named: "Briefing for Leeds Place Committee and Quality Committee", among: boards)
                .isEmpty)
        #expect(BoardNameMatch.boards(named: "Quality Committee and Quality Committee", among: boards).isEmpty)
        #expect(BoardNameMatch.boards(named: "Leeds Place Committee working group", among: boards).isEmpty)
    }
}
