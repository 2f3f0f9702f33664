/// A decision-maker as the register knows them: their name, the board they sit on, what they declared.
public struct RegisteredMember: Sendable, Equatable {
    public var name: String
    public var board: String
    public var entries: [RegisterEntry]

    public init(name: String, board: String, entries: [RegisterEntry]) {
        self.name = name
        self.board = board
        self.entries = entries
    }
}

/// The seed's worry about GP-led bodies commissioning from their own practices: a decision whose members
/// present include someone with an interest on the register must record that interest, and what the chair
/// decided, before it can be approved (domain rules §5).
public enum ConflictRules {
    static let titles: Set<String> = [
        "dr", "mr", "mrs", "ms", "miss", "mx", "prof", "professor", "cllr", "councillor", "sir", "dame", "rev",
    ]

    /// Lower-case words of letters, digits, hyphens and apostrophes.
    static func words(_ text: String) -> [Substring] {
        text.lowercased().split { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "'" || $0 == "’") }
    }

    /// Whether `text` names the person: their full name without titles ("Amir Khan" in "Dr Amir Khan, chair"),
    /// or a title followed by their surname ("Dr Khan").
    public static func mentions(_ text: String, name: String) -> Bool {
        let nameWords = words(name).filter { !titles.contains(String($0)) }
        guard let surname = nameWords.last else { return false }
        let textWords = words(text)
        if textWords.count >= nameWords.count {
            for start in 0...(textWords.count - nameWords.count)
            where textWords[start..<(start + nameWords.count)].elementsEqual(nameWords) {
                return true
            }
        }
        return textWords.indices.dropFirst().contains {
            textWords[$0] == surname && titles.contains(String(textWords[$0 - 1]))
        }
    }

    /// Members present with a current interest on the register whose interest is not recorded in the item's
    /// declarations on a line that names them and says what the chair decided.
    public static func unrecorded(
        membersPresent: String, declarations: String, register: [RegisteredMember], on day: SimpleDate
    ) -> [RegisteredMember] {
        let lines = declarations.split(whereSeparator: \.isNewline).map(String.init)
        return register.filter { member in
            guard member.entries.contains(where: { $0.isCurrentInterest(on: day) }),
                mentions(membersPresent, name: member.name)
            else { return false }
            return !lines.contains { line in
                let lower = line.lowercased()
                return mentions(line, name: member.name)
                    && DeclarationRules.chairActions.contains { lower.contains($0) }
            }
        }
    }

    /// What to fix before approval, naming each member and their interests; nil when nothing is missing.
    public static func problem(
        membersPresent: String, declarations: String, register: [RegisteredMember], on day: SimpleDate
    ) -> String? {
        let missing = unrecorded(
            membersPresent: membersPresent, declarations: declarations, register: register, on: day)
        guard !missing.isEmpty else { return nil }
        let named = missing.map { member in
            let interests = member.entries.filter { $0.isCurrentInterest(on: day) }.map {
                "\($0.kind.shortTitle): \($0.description)"
            }
            return "\(member.name) (\(member.board)) has declared \(interests.joined(separator: "; "))"
        }
        return "The register of interests shows a conflict to record. "
            + named.joined(separator: ". ")
            + ". Add a line to the declarations naming each of them, their interest and what the chair decided (take part, discuss but not decide, leave for the item, or not receive the papers)."
    }
}
