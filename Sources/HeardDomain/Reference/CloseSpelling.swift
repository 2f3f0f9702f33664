/// Whether a word someone typed is a small slip away from a word we know ("emergancy" for "emergency"), for
/// finding a service when nothing matches as typed. Kept simple so what it finds is predictable: words of 3
/// letters or fewer must be exact ("eye" is not "dye", "gp" is not "go"); words of 4 to 7 letters may be 1
/// letter out; longer words 2. A letter out is one added, dropped, changed, or two next to each other swapped.
public enum CloseSpelling {
    /// How many letters a typed word of this length may be out.
    public static func allowedSlips(forLength length: Int) -> Int {
        switch length {
        case ...3: 0
        case 4...7: 1
        default: 2
        }
    }

    /// Whether `typed` is close to `word`, both compared as lower case. The allowance comes from the shorter
    /// of the two, so a short word is never found by a long one ("ear" by "eyes" nor "eye" by "earl").
    public static func isClose(_ typed: String, to word: String) -> Bool {
        let typed = Array(typed.lowercased())
        let word = Array(word.lowercased())
        let allowed = allowedSlips(forLength: min(typed.count, word.count))
        if allowed == 0 { return typed == word }
        if abs(typed.count - word.count) > allowed { return false }
        return slips(typed, word) <= allowed
    }

    /// The fewest single-letter changes (add, drop, change, or swap two neighbours) turning one into the other.
    static func slips(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], before[j - 2] + 1)
                }
            }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }
}
