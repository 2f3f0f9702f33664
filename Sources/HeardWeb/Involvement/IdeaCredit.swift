import HeardDomain

/// Who an initiative's ideas came from, each name once: two ideas from Farah Begum credit "Farah Begum", not
/// "Farah Begum, Farah Begum".
enum IdeaCredit {
    static func names(_ credits: [String]) -> [String] {
        var seen = Set<String>()
        return credits.filter { seen.insert($0.collapsingWhitespace().lowercased()).inserted }
    }
}
