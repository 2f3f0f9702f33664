/// A reason that a record will be judged by (why a consultation closed early, why a theme was not accepted,
/// why a change does not affect services): it must say something, so "x" or "." cannot tick the box.
public enum RecordedReason {
    /// The fewest words a reason can have: "Staff shortage" is too short to explain anything to the public.
    public static let minimumWords = 3

    /// Who reads a reason kept only with a record (a complaint closed or given more time): the staff, and the
    /// complaints manager or the Ombudsman looking back at the case, not the public.
    public static let recordReader = "someone reading the complaint's record later"

    /// Nil when `text` reads as a reason; otherwise what to write, starting with `ask` ("Say why …"). `reader`
    /// is who will read it, for "in a sentence … can follow".
    public static func problem(_ text: String, ask: String, reader: String = "the public") -> String? {
        let trimmed = text.trimmingWhitespace()
        if trimmed.isEmpty { return ask }
        let words = trimmed.split { !$0.isLetter && !$0.isNumber && $0 != "'" && $0 != "’" }
            .filter { $0.contains(where: \.isLetter) }
        if words.count < minimumWords {
            return ask.trimmingSuffix(".") + ", in a sentence \(reader) can follow (at least \(minimumWords) words)."
        }
        return TextLimit.problem(trimmed, limit: TextLimit.reason, what: "the reason")
    }
}

extension RecordedReason {
    /// Words that stand in for an answer not yet written.
    static let placeholders: Set<String> = [
        "tbc", "tbd", "tba", "todo", "to do", "to follow", "na", "n a", "none", "nil", "nothing", "x", "xx", "xxx",
        "test", "see above", "as above", "pending", "unknown", "same",
    ]

    /// For short answers that may rightly be a phrase ("Census 2021", "GP records"): nil when `text` says
    /// something; otherwise `ask`, saying why when it is a placeholder such as ".", "tbc" or "n/a".
    public static func placeholderProblem(_ text: String, ask: String) -> String? {
        let trimmed = text.trimmingWhitespace()
        if trimmed.isEmpty { return ask }
        let words = trimmed.lowercased().split { !$0.isLetter && !$0.isNumber }
        let letterWords = words.filter { $0.contains(where: \.isLetter) }
        if letterWords.isEmpty || placeholders.contains(words.joined(separator: " ")) {
            return ask.trimmingSuffix(".") + ": \"\(trimmed)\" is a placeholder, not an answer."
        }
        return nil
    }
}

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
