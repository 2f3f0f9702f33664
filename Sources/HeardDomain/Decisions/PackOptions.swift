/// The options a consultation pack sets out, read from its "options" text so the survey's preferred-option
/// question can offer the same ones.
///
/// An option is a line that starts with its label: "Option A:", "Option 2 –", or a letter or number alone followed
/// by a colon, full stop or bracket ("A:", "B.", "1.", "2)"), then its title. A bullet before it ("- ", "* ", "• ")
/// is allowed. Any other line is prose, even with a colon in it ("Note: we will…"), so explanations between the
/// options stay explanations. The choice offered is the label with its title ("Option A: make the change as
/// proposed"), or the label alone when the title is long. A pack with fewer than two options sets out none that a
/// question could follow. `notes` says what staff may have meant differently.
public enum PackOptions {
    /// Longest label after "Option" ("A", "2b", "one").
    static let longestLabel = 3
    /// Longest title kept in a choice; longer ones are left to the pack.
    static let longestTitle = 100
    /// Longest text before a colon that reads as a name someone meant as an option ("Option D", "Plan B").
    static let longestNameLike = 40

    /// What staff are told about typing options, beside the field.
    public static let hint =
        "Start each option on its own line with its label: \"Option A: keep the clinic where it is\", \"A: …\" or \"1. …\". The survey's preferred-option question offers these. Other lines are read as explanation."

    /// The choices a preferred-option question should offer, in the pack's order; empty when the pack does not
    /// set out two or more options.
    public static func choices(_ options: String) -> [String] {
        let found = read(options).options
        return found.count >= 2 ? found.map(\.choice) : []
    }

    /// What identifies a choice however it is titled or labelled: its label in lower case, without "Option"
    /// ("a" for "Option A: make the change as proposed", "Option A" and "A: make the change"). Answers are
    /// matched to choices by it, so an answer given before a choice was retitled still counts for it.
    public static func key(_ choice: String) -> String {
        if let option = option(in: choice) { return labelKey(option.label) }
        return labelKey(choice.trimmingWhitespace())
    }

    /// The question's choices that the pack does not set out, and the pack's options the question does not
    /// offer (compared by label). Both empty when they agree or when the pack names no options.
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

    /// Lines that look like an option but are not read as one, a label set out twice, and a single option
    /// (which a question cannot follow): what staff are shown beside the options. Empty for a pack of prose
    /// with no options, and for one whose options are all read.
    public static func notes(_ options: String) -> [String] {
        let reading = read(options)
        var notes: [String] = []
        for line in reading.duplicates {
            notes.append("“\(shortened(line))” uses a label already used above, so it is not offered as well.")
        }
        // Only beside options that are read: in a pack of prose, a colon is just a colon.
        if !reading.options.isEmpty {
            for line in reading.nameLike {
                notes.append(
                    "“\(shortened(line))” is not read as an option. If it is one, start it with a label such as \"Option C:\" or \"C:\"."
                )
            }
        }
        if reading.options.count == 1, let only = reading.options.first {
            notes.append(
                "Only one option is set out (“\(shortened(only.choice))”), so the survey's preferred-option question does not follow the pack. Set out two or more, each on its own line."
            )
        }
        return notes
    }

    // MARK: Reading

    struct Option {
        var label: String
        var choice: String
    }

    struct Reading {
        var options: [Option] = []
        /// Lines whose label was used by an earlier option.
        var duplicates: [String] = []
        /// Lines that start with a short name and a colon, or with "Option", but are not options.
        var nameLike: [String] = []
    }

    static func read(_ text: String) -> Reading {
        var reading = Reading()
        var labels: Set<String> = []
        for line in text.split(whereSeparator: \.isNewline).map(String.init) {
            if let option = option(in: line) {
                if labels.insert(labelKey(option.label)).inserted {
                    reading.options.append(option)
                } else {
                    reading.duplicates.append(line.trimmingWhitespace())
                }
            } else if looksLikeAnOption(line) {
                reading.nameLike.append(line.trimmingWhitespace())
            }
        }
        return reading
    }

    /// "Option A: make the change as proposed." → label "Option A", choice "Option A: make the change as proposed".
    static func option(in line: String) -> Option? {
        var text = withoutBullet(line)
        var label = ""
        if text.lowercased().hasPrefix("option ") {
            let rest = String(text.dropFirst("option ".count)).trimmingWhitespace()
            let name = rest.prefix { $0.isLetter || $0.isNumber }
            guard !name.isEmpty, name.count <= longestLabel else { return nil }
            label = String(text.prefix("option ".count)).trimmingWhitespace() + " " + String(name)
            text = String(rest.dropFirst(name.count))
            // "Option A: …", "Option A. …", "Option A) …", "Option A – …", "Option A - …", or "Option A" alone.
            let separators: [String] = [":", ".", ")", " –", " -", " —"]
            guard let separator = separators.first(where: { text.hasPrefix($0) }) ?? (text.isEmpty ? "" : nil)
            else { return nil }
            text = String(text.dropFirst(separator.count))
        } else {
            // A letter alone, or a number of one or two digits: "A: …", "b. …", "1. …", "2) …".
            let name = text.prefix { $0.isLetter || $0.isNumber }
            let isLetter = name.count == 1 && name.first!.isLetter
            let isNumber = (1...2).contains(name.count) && name.allSatisfy(\.isNumber)
            guard isLetter || isNumber else { return nil }
            let rest = text.dropFirst(name.count)
            guard let separator = rest.first, [":", ".", ")"].contains(separator) else { return nil }
            let after = rest.dropFirst()
            // "A.B. Smith" or "1.5 miles": a title starts after a space.
            guard after.isEmpty || after.first!.isWhitespace else { return nil }
            label = String(name)
            text = String(after)
        }
        var title = text.trimmingWhitespace()
        while title.hasSuffix(".") { title.removeLast() }
        let choice = title.isEmpty || title.count > longestTitle ? label : "\(label): \(title)"
        return Option(label: label, choice: choice)
    }

    /// A line someone may have meant as an option: "Option" and anything, or a short name before a colon
    /// ("Plan B: …", "Note: …").
    static func looksLikeAnOption(_ line: String) -> Bool {
        let text = withoutBullet(line)
        if text.lowercased().hasPrefix("option ") { return true }
        guard let colon = text.firstIndex(of: ":") else { return false }
        let name = String(text[..<colon]).trimmingWhitespace()
        return !name.isEmpty && name.count <= longestNameLike && !name.contains(".")
    }

    static func withoutBullet(_ line: String) -> String {
        var text = line.trimmingWhitespace()
        for bullet in ["- ", "* ", "• "] where text.hasPrefix(bullet) {
            text = String(text.dropFirst(bullet.count)).trimmingWhitespace()
        }
        return text
    }

    static func labelKey(_ label: String) -> String {
        let lowered = label.lowercased()
        return lowered.hasPrefix("option ") ? String(lowered.dropFirst("option ".count)).trimmingWhitespace() : lowered
    }

    static func shortened(_ line: String) -> String {
        line.count > 60 ? String(line.prefix(57)) + "…" : line
    }
}
