/// Signs that a public submission is spam rather than a person. Designed not to block real people:
/// a single link is fine (people paste NHS pages); many links or link-only text is not.
public enum SpamSignals {
    public static let maximumLinks = 2

    public static func problem(text: String, honeypot: String) -> String? {
        if !honeypot.trimmingWhitespace().isEmpty { return "honeypot" }
        let lower = text.lowercased()
        let links =
            countOccurrences(of: "http://", in: lower) + countOccurrences(of: "https://", in: lower)
            + countOccurrences(of: "www.", in: lower) + countOccurrences(of: "[url", in: lower)
        if links > maximumLinks { return "links" }
        return nil
    }

    static func countOccurrences(of needle: String, in haystack: String) -> Int {
        let needle = Array(needle.utf8)
        let bytes = Array(haystack.utf8)
        guard !needle.isEmpty, bytes.count >= needle.count else { return 0 }
        var count = 0
        var index = 0
        while index <= bytes.count - needle.count {
            if bytes[index..<(index + needle.count)].elementsEqual(needle) {
                count += 1
                index += needle.count
            } else {
                index += 1
            }
        }
        return count
    }
}
