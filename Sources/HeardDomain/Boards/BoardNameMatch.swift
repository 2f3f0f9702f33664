/// Which board a decision paper's meeting names, when the paper is on no meeting's agenda. The paper's meeting is
/// free text, so it names a board when it is the board's name with, around it, only words that say which meeting:
/// "Leeds Place Committee", "Leeds Place Committee meeting in public, 20 January 2027". A longer name that
/// starts with the board's ("Leeds Place Committee Finance Sub-group") is another board, not this one.
public enum BoardNameMatch {
    /// Words that say which meeting of a board, never which board: "meeting", "in public", "extraordinary",
    /// and the words of a date or time.
    static let meetingWords: Set<String> = [
        "meeting", "meetings", "of", "the", "a", "in", "public", "private", "held", "on", "at", "extraordinary",
        "special", "annual", "ordinary", "part", "session", "am", "pm",
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    ]

    /// Whether `meeting` names the board called `board` (see the type's comment).
    public static func names(_ meeting: String, board: String) -> Bool {
        let boardWords = words(board)
        let meetingWords = words(meeting)
        guard !boardWords.isEmpty, meetingWords.count >= boardWords.count else { return false }
        return (0...(meetingWords.count - boardWords.count)).contains { start in
            let end = start + boardWords.count
            return Array(meetingWords[start..<end]) == boardWords
                && (meetingWords[..<start] + meetingWords[end...]).allSatisfy(isMeetingWord)
        }
    }

    /// The board among `boards` that `meeting` names; when it names more than one, the longest name, so a
    /// paper for "Place Committee Finance" goes to that board and not to "Place Committee". Nil for none.
    public static func board(named meeting: String, among boards: [String]) -> String? {
        boards.filter { names(meeting, board: $0) }
            .max { (words($0).count, $0.count) < (words($1).count, $1.count) }
    }

    /// Words that join the names of boards meeting together: "Joint meeting of A and B", "A with B".
    static let jointWords: Set<String> = ["and", "joint", "with", "together"]

    /// The boards whose papers these are: the one board `meeting` names, or every board a joint meeting names
    /// ("Joint meeting of the Leeds Place Committee and the Quality Committee": two or more boards' names with,
    /// around them, only meeting words and words that join them). Sorted; empty for none.
    public static func boards(named meeting: String, among boards: [String]) -> [String] {
        if let one = board(named: meeting, among: boards) { return [one] }
        // Longest names first, each taken out where found, so a shorter name inside a longer one is not counted.
        let longestFirst = Set(boards).map { (name: $0, words: words($0)) }.filter { !$0.words.isEmpty }
            .sorted { ($0.words.count, $0.name) > ($1.words.count, $1.name) }
        var rest = words(meeting)
        var named: [String] = []
        for board in longestFirst {
            var found = false
            while let start = firstIndex(of: board.words, in: rest) {
                rest.replaceSubrange(start..<(start + board.words.count), with: [boardMarker])
                found = true
            }
            if found { named.append(board.name) }
        }
        let onlyJoiningWords = rest.allSatisfy { $0 == boardMarker || jointWords.contains($0) || isMeetingWord($0) }
        return named.count >= 2 && onlyJoiningWords ? named.sorted() : []
    }

    /// Stands where a board's name was taken out; never a word, which holds only letters and digits.
    private static let boardMarker = "|"

    private static func firstIndex(of run: [String], in words: [String]) -> Int? {
        guard words.count >= run.count else { return nil }
        return (0...(words.count - run.count)).first { Array(words[$0..<($0 + run.count)]) == run }
    }

    /// The boards among `boards` whose name `meeting` contains anywhere, as the decision paper's checks read it
    /// (a joint meeting names several boards), less any board whose name appears there only inside a longer
    /// board's name: "Leeds Place Committee Finance Sub-group" names the sub-group, not the committee too.
    public static func mentioned(in meeting: String, among boards: [String]) -> [String] {
        let text = meeting.lowercased()
        let named = boards.filter { !$0.isEmpty && text.contains($0.lowercased()) }
        return named.filter { board in
            let name = board.lowercased()
            var rest = text
            for longer in named.map({ $0.lowercased() }) where longer.count > name.count && longer.contains(name) {
                rest = rest.replacing(longer, with: "|")
            }
            return rest.contains(name)
        }
    }

    /// A meeting word, or a number or ordinal of a date or time ("20", "2027", "3rd", "6pm").
    static func isMeetingWord(_ word: String) -> Bool {
        if meetingWords.contains(word) { return true }
        let digits = word.prefix { $0.isNumber }
        guard !digits.isEmpty else { return false }
        return ["", "st", "nd", "rd", "th", "am", "pm"].contains(String(word.dropFirst(digits.count)))
    }

    /// Lowercased words of letters and digits; punctuation and spaces only separate them.
    static func words(_ text: String) -> [String] {
        text.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }
}
