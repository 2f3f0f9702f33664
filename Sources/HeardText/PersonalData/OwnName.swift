/// The name a person gave as their contact name, wherever they also wrote it in their words ("I am Zelda
/// Quibble …"): the general patterns only find names after a title, a role or a lead-in such as "my name is",
/// but here the name itself is known, so it can be found anywhere. Not on the analysis hot path: run once
/// on text kept or published with a known contact name.
public enum OwnName {
    /// `text` with each capitalised occurrence of `name`'s parts (three letters or more) replaced by
    /// "[name]"; a whole name becomes one "[name]". Words that merely contain a part are left alone.
    public static func redact(_ name: String?, in text: String) -> String {
        let parts = (name ?? "").split(whereSeparator: { !$0.isLetter && $0 != "'" && $0 != "-" })
            .map(String.init).filter { $0.count >= 3 }
        guard !parts.isEmpty, !text.isEmpty else { return text }
        let lowered = Set(parts.map { $0.lowercased() })
        let placeholder = PersonalDataKind.name.placeholder
        var output = ""
        var word = ""
        var lastWasName = false
        var pendingGap = ""
        func flushWord() {
            guard !word.isEmpty else { return }
            let isName = lowered.contains(word.lowercased()) && word.first?.isUppercase == true
            if isName {
                // "Zelda Quibble" is one name: the space between two parts is kept inside it.
                if !lastWasName {
                    output += pendingGap + placeholder
                } else if !pendingGap.allSatisfy(\.isWhitespace) {
                    output += pendingGap + placeholder
                }
            } else {
                output += pendingGap + word
            }
            pendingGap = ""
            lastWasName = isName
            word = ""
        }
        for character in text {
            if character.isLetter || character == "'" || character == "-" || character == "’" {
                word.append(character)
            } else {
                flushWord()
                pendingGap.append(character)
                if !character.isWhitespace { lastWasName = false }
            }
        }
        flushWord()
        return output + pendingGap
    }
}
