/// The options a consultation pack sets out, read from its "options" text so the survey's preferred-option
/// question can offer the same ones.
///
/// Each option is a line (or paragraph) that starts with a short name and a colon, such as
/// "Option A: make the change as proposed." or "- Option B: keep the unit open". The choice offered is the name
/// with its title ("Option A: make the change as proposed"), or the name alone when the title is long. A pack
/// written as prose, with fewer than two such lines, sets out no options that a question could follow.
public enum PackOptions {
    /// Longest name before the colon that still reads as an option's name, not a sentence.
    static let longestName = 40
    /// Longest title kept in a choice; longer ones are left to the pack.
    static let longestTitle = 100

    /// The choices a preferred-option question should offer, in the pack's order; empty when the pack does not
    /// set out two or more named options.
    public static func choices(_ options: String) -> [String] {
        var choices: [String] = []
        var names: Set<String> = []
        for line in options.split(whereSeparator: \.isNewline) {
            guard let (name, title) = named(String(line)), names.insert(key(name)).inserted else { continue }
            choices.append(title.isEmpty || title.count > longestTitle ? name : "\(name): \(title)")
        }
        return choices.count >= 2 ? choices : []
    }

    /// What identifies a choice however it is titled: its name, in lower case ("option a" for "Option A: make
    /// the change as proposed" and for "Option A"). Answers are matched to choices by it, so an answer given
    /// before a choice was retitled still counts for it.
    public static func key(_ choice: String) -> String {
        (named(choice)?.name ?? choice.trimmingWhitespace()).lowercased()
    }

    /// The question's choices that the pack does not set out, and the pack's options the question does not
    /// offer (compared by name). Both empty when they agree or when the pack names no options.
    public static func mismatch(
        questionChoices: [String], packOptions: String
    ) -> (
        notInPack: [String], notOffered: [String]
    ) {
        let pack = choices(packOptions)
        guard !pack.isEmpty else { return ([], []) }
        let offered = Set(questionChoices.map(key))
        let set = Set(pack.map(key))
        return (questionChoices.filter { !set.contains(key($0)) }, pack.filter { !offered.contains(key($0)) })
    }

    /// "Option A: make the change as proposed." → ("Option A", "make the change as proposed").
    static func named(_ line: String) -> (name: String, title: String)? {
        var text = line.trimmingWhitespace()
        for bullet in ["- ", "* ", "• "] where text.hasPrefix(bullet) {
            text = String(text.dropFirst(bullet.count)).trimmingWhitespace()
        }
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let name = String(text[..<colon]).trimmingWhitespace()
        guard !name.isEmpty, name.count <= longestName, !name.contains(".") else { return nil }
        var title = String(text[text.index(after: colon)...]).trimmingWhitespace()
        while title.hasSuffix(".") { title.removeLast() }
        return (name, title)
    }
}
