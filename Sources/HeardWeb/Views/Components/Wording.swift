import HeardDomain

/// Small pieces of plain English the public pages share.
enum Wording {
    /// "1 response", "2 responses", "1 person", "1,204 people": a count with its noun agreeing, thousands
    /// separated.
    static func count(_ number: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(number.formatted) " + (number == 1 ? singular : plural ?? singular + "s")
    }

    /// "an administrator", "a moderator": the noun with the article its first letter asks for.
    static func withArticle(_ noun: String) -> String {
        (noun.first.map { "aeiou".contains($0.lowercased()) } == true ? "an " : "a ") + noun
    }
}

extension Wording {
    /// "A", "A and B", "A, B and C".
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items.last!
    }
}
