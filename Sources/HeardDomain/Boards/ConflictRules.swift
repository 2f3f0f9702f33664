/// A decision-maker as the register knows them: their name, the board they sit on, what they declared.
public struct RegisteredMember: Sendable, Equatable {
    public var name: String
    public var board: String
    public var entries: [RegisterEntry]
    /// When the member's declarations are overdue, what the register says ("Overdue: nothing declared since
    /// appointment (due …)"); nil when up to date.
    public var overdue: String?

    public init(name: String, board: String, entries: [RegisterEntry], overdue: String? = nil) {
        self.name = name
        self.board = board
        self.entries = entries
        self.overdue = overdue
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
    /// a title followed by their surname ("Dr Khan"), or their first initial and surname ("A. Khan").
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
        let initial = nameWords.count > 1 ? nameWords.first?.first : nil
        if textWords.indices.dropFirst().contains(where: {
            guard textWords[$0] == surname else { return false }
            let before = textWords[$0 - 1]
            return titles.contains(String(before)) || (before.count == 1 && before.first == initial)
        }) {
            return true
        }
        // An entry of the list that is only a surname or a first name ("Khan", "Helen") may be them: counted, so
        // that a conflict is not missed because the minutes were written in short.
        let single = nameWords.count > 1 ? [surname, nameWords[0]] : [surname]
        return entries(text).contains { entry in
            let words = words(entry).filter { !titles.contains(String($0)) }
            return words.count == 1 && single.contains(words[0])
        }
    }

    /// The entries of a list written one a line, or separated by ";" or ",".
    static func entries(_ text: String) -> [String] {
        text.split { $0.isNewline || $0 == ";" || $0 == "," }.map { String($0).trimmingWhitespace() }
            .filter { !$0.isEmpty }
    }

    /// Interests that stood on `day` or on the day of the meeting: one that ended between the meeting and the
    /// approval still had to be declared at the meeting, and one declared since is counted too.
    static func interests(
        of member: RegisteredMember, on day: SimpleDate, meetingOn: SimpleDate?
    )
        -> [RegisterEntry]
    {
        member.entries.filter { entry in
            entry.isCurrentInterest(on: day) || meetingOn.map { entry.isCurrentInterest(on: $0) } == true
        }
    }

    /// Members present with a current interest on the register whose interest is not recorded in the item's
    /// declarations on a line that names them and says what the chair decided.
    public static func unrecorded(
        membersPresent: String, declarations: String, register: [RegisteredMember], on day: SimpleDate,
        meetingOn: SimpleDate? = nil
    ) -> [RegisteredMember] {
        let lines = declarations.split(whereSeparator: \.isNewline).map(String.init)
        return register.filter { member in
            guard !interests(of: member, on: day, meetingOn: meetingOn).isEmpty,
                mentions(membersPresent, name: member.name)
            else { return false }
            let interests = interests(of: member, on: day, meetingOn: meetingOn)
            return !lines.contains { line in
                mentions(line, name: member.name) && !ChairAction.recorded(in: String(line)).isEmpty
                    && namesInterest(line, interests)
            }
        }
    }

    /// Words too common to show which interest a line is about.
    static let commonWords: Set<String> = [
        "with", "from", "that", "this", "their", "they", "have", "been", "member", "interest", "interests", "chair",
        "decided", "would", "part", "take", "leave", "item", "declared",
    ]

    /// Whether a declarations line says what the interest is: its kind ("financial") or a telling word of what
    /// was declared ("partner" for "GP partner, Chapeltown Surgery"). A name and "take part" alone are not a
    /// record of the conflict.
    static func namesInterest(_ line: String, _ interests: [RegisterEntry]) -> Bool {
        let lineWords = Set(words(line).map(String.init))
        let lower = line.lowercased()
        return interests.contains { entry in
            if lower.contains(entry.kind.shortTitle) { return true }
            return tellingWords(entry.description).contains { telling in
                lineWords.contains(telling) || lineWords.contains { sameStem($0, telling) }
            }
        }
    }

    /// "partnership" for "partner", "directorship" for "director", "shares" for "shareholder": one word, less a
    /// plural "s", begins the other, and has five letters or more, so minutes need not repeat the register's word
    /// exactly.
    static func sameStem(_ a: String, _ b: String) -> Bool {
        let (a, b) = (a.hasSuffix("s") ? String(a.dropLast()) : a, b.hasSuffix("s") ? String(b.dropLast()) : b)
        let (shorter, longer) = a.count <= b.count ? (a, b) : (b, a)
        return shorter.count >= 5 && longer.hasPrefix(shorter)
    }

    /// The words of a declared interest that say what it is: four letters or more, not common, and not a proper
    /// name inside the description ("Leeds" in "Trustee, Leeds Teaching Hospitals Charity" says where, not what;
    /// "trustee" says what). The first word counts even with its capital.
    public static func tellingWords(_ description: String) -> [String] {
        let raw = description.split { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "'" || $0 == "’") }
        return raw.enumerated().compactMap { index, word in
            let lower = word.lowercased()
            guard lower.count >= 4, !commonWords.contains(lower) else { return nil }
            if index > 0, word.first?.isUppercase == true { return nil }
            return lower
        }
    }

    /// Words that describe a role rather than name a person ("Chief Executive", "Lay Member").
    static let roleWords: Set<String> = [
        "chair", "vice", "deputy", "chief", "executive", "director", "officer", "member", "members", "lay", "non",
        "nursing", "medical", "finance", "clinical", "lead", "secretary", "governor", "governors", "board",
        "committee", "representative", "healthwatch", "council", "partner", "manager", "head", "of", "the", "and",
        "for", "public", "health", "adult", "social", "care", "primary", "quality", "place", "icb", "nhs", "ceo",
    ]

    /// Entries of `membersPresent` that read as a person's name ("Dr Amir Kahn", "Joanne Shaw") but match nobody
    /// on the register: a misspelt name is never checked for conflicts, so the paper says so before approval.
    /// Entries are separated by new lines, ";" or ","; roles ("Chair", "three lay members") are not names.
    public static func unrecognised(membersPresent: String, register: [RegisteredMember]) -> [String] {
        return entries(membersPresent).filter { entry in
            let parts = entry.split(separator: " ").map(String.init)
            let lower = parts.map { String($0.lowercased().filter { $0.isLetter || $0 == "-" || $0 == "'" }) }
            let titled = lower.count >= 2 && titles.contains(lower[0])
            // One to three capitalised words that are not a role: "Marsh", "Joanne Shaw", "Amir Ali Khan".
            let capitalised =
                (1...3).contains(parts.count) && parts.allSatisfy { $0.first?.isUppercase == true }
                && !lower.contains(where: roleWords.contains)
            guard titled || capitalised else { return false }
            return !register.contains { mentions(entry, name: $0.name) }
        }
    }

    /// What to fix before approval, naming each member and their interests; nil when nothing is missing.
    public static func problem(
        membersPresent: String, declarations: String, register: [RegisteredMember], on day: SimpleDate,
        meetingOn: SimpleDate? = nil
    ) -> String? {
        problems(
            membersPresent: membersPresent, declarations: declarations, register: register, on: day,
            meetingOn: meetingOn
        ).first
    }

    /// Every conflict problem at once: a register out of date for some members present, and a conflict on the
    /// register not recorded for others. Both are listed so the secretary can put them right in one go, not
    /// find the second only after mending the first.
    public static func problems(
        membersPresent: String, declarations: String, register: [RegisteredMember], on day: SimpleDate,
        meetingOn: SimpleDate? = nil
    ) -> [String] {
        var problems: [String] = []
        // Someone taking part in a decision must have declared, if only to say there is nothing to declare.
        let undeclared = register.filter { $0.overdue != nil && mentions(membersPresent, name: $0.name) }
        if !undeclared.isEmpty {
            problems.append(
                "The register of interests is not up to date for members present: "
                    + undeclared.map {
                        "\($0.name) (\($0.board)): \($0.overdue!.prefix(1).lowercased() + $0.overdue!.dropFirst())"
                    }
                    .joined(separator: "; ")
                    + ". Record their declarations, or a nil return, before the decision is approved.")
        }
        let missing = unrecorded(
            membersPresent: membersPresent, declarations: declarations, register: register, on: day,
            meetingOn: meetingOn)
        guard !missing.isEmpty else { return problems }
        let named = missing.map { member in
            let interests = interests(of: member, on: day, meetingOn: meetingOn).map {
                // The sentence ends after the last interest: a full stop of the member's own would double it.
                "\($0.kind.shortTitle): \($0.description.last == "." ? String($0.description.dropLast()) : $0.description)"
            }
            return "\(member.name) (\(member.board)) has declared \(interests.joined(separator: "; "))"
        }
        return problems + [
            "The register of interests shows a conflict to record. "
                + named.joined(separator: ". ")
                + ". Add a line to the declarations naming each of them, their interest (for example \"financial\" or what it is) and what the chair decided (take part, discuss but not decide, leave for the item or not receive the papers, or that the interest is not relevant to the item)."
        ]
    }

    /// A decision is its board's: at least one of the board's voting members must be among those present.
    /// Names that match none of them ("Mickey Mouse", a misspelt "Dr Nandy") would also escape the conflict
    /// check, so the secretary is asked to check them. `voters`: the board's voting members on the day.
    public static func votingMemberProblem(membersPresent: String, board: String, voters: [String]) -> String? {
        guard !voters.isEmpty, !voters.contains(where: { mentions(membersPresent, name: $0) }) else { return nil }
        return
            "None of the members present is a voting member of \(board). List those present by name as on the board's member list: a decision needs the board's own members, and a name that matches nobody escapes the conflict check too."
    }
}
