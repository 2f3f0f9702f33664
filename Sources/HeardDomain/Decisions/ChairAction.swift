/// What the chair decided for a member who declared an interest (NHS England, "Managing conflicts of interest
/// in the NHS"), read from a line of the minutes. Minutes are written in the past tense as often as the
/// present, so each action is matched on its word forms with word boundaries:
///
/// - take part: "take part", "took part", "takes part";
/// - discuss but not decide: "discuss but not decide", "discussed but did not decide", "took no part in the
///   decision", "did not take part in the decision";
/// - leave: "leave for the item", "left the meeting for the item", "withdrew", and a bare "did not take part" or
///   "took no part": a member who took no part in the item at all is recorded as having left it, the nearest
///   of the four actions, never as taking part;
/// - not receive the papers: "not receive the papers", "did not receive the papers", "was not sent the papers";
/// - not relevant: the chair judged the member's interest not relevant to this item ("interest not relevant to
///   this item", "not relevant", "irrelevant"), so they are not conflicted on it and take part. Read only when
///   the line records none of the other four, so a line that also says what the member did keeps its reading.
///
/// Said other ways: "stepped out of the room" and "was excused from the item" are leaving; "did not vote" and
/// "abstained" are discussing but not deciding.
///
/// "Leave" as absence ("on leave next week", "annual leave") is not an action.
public enum ChairAction: String, CaseIterable, Sendable {
    case takePart = "take part"
    case discussNotDecide = "discuss but not decide"
    case leave = "leave"
    case notReceivePapers = "not receive the papers"
    case notRelevant = "not relevant"

    /// How the minutes say it, after the item: "leave", "interest not relevant to this item".
    public var minutesText: String {
        self == .notRelevant ? "interest not relevant to this item" : rawValue
    }

    /// The actions a line of the minutes records, in the order of `allCases`.
    public static func recorded(in line: String) -> [ChairAction] {
        let words = Self.words(line)
        var found: Set<ChairAction> = []
        // "Took part in the discussion" says only half: it is discussing but not deciding when the line goes on
        // "but not the decision", and taking part otherwise.
        var tookPartInDiscussion = false
        var saysNotRelevant = false
        for (index, word) in words.enumerated() {
            let previous = { (back: Int) in index - back >= 0 ? words[index - back] : "" }
            let next = { (ahead: Int) in index + ahead < words.count ? words[index + ahead] : "" }
            // "did not take part", "asked not to take part"; not "not conflicted, take part".
            let negated = negators.contains(previous(1)) || (previous(1) == "to" && negators.contains(previous(2)))
            if takeForms.contains(word), next(1) == "part" || (next(1) == "no" && next(2) == "part") {
                let partAt = next(1) == "part" ? 1 : 2
                let rest = Array(words.dropFirst(index + partAt + 1).prefix(3))
                if negated || next(1) == "no" {
                    let inDecision = rest.first == "in" && rest.dropFirst().contains { decideForms.contains($0) }
                    found.insert(inDecision ? .discussNotDecide : .leave)
                } else if rest.first == "in" && rest.dropFirst().contains(where: { $0.hasPrefix("discuss") }) {
                    tookPartInDiscussion = true
                } else {
                    found.insert(.takePart)
                }
            } else if word.hasPrefix("discuss") {
                let after = words.dropFirst(index + 1).prefix(5)
                let decidesNot = after.indices.contains { at in
                    decideForms.contains(words[at])
                        && (negators.contains(words[at - 1]) || (at >= 2 && negators.contains(words[at - 2])))
                }
                if after.contains("but") && decidesNot { found.insert(.discussNotDecide) }
            } else if leaveForms.contains(word) {
                let absence = previous(1) == "on" || absenceKinds.contains(previous(1))
                // "Left" is also a direction ("the left hip"): it is an action only as leaving somewhere.
                let leftSomewhere = word != "left" || ["", "the", "for", "before", "during", "while"].contains(next(1))
                if !absence && !negated && leftSomewhere { found.insert(.leave) }
            } else if stepForms.contains(word), ["out", "outside", "away"].contains(next(1)), !negated {
                found.insert(.leave)  // "stepped out of the room for the item"; not "stepped down" (resigned)
            } else if word == "excused" && !negated {
                found.insert(.leave)  // "was excused from the item", "excused himself"
            } else if abstainForms.contains(word) || (decideForms.contains(word) && negated) {
                found.insert(.discussNotDecide)  // "did not vote", "abstained": there for the item, not deciding it
            } else if word == "irrelevant" || (word == "relevant" && notRelevantNegators.contains(previous(1))) {
                saysNotRelevant = true
            } else if receiveForms.contains(word), negated,
                words.dropFirst(index + 1).prefix(3).contains(where: { $0 == "papers" || $0 == "paper" })
            {
                found.insert(.notReceivePapers)
            }
        }
        if tookPartInDiscussion && !found.contains(.discussNotDecide) { found.insert(.takePart) }
        // "Interest not relevant, took part" is taking part: the judgement is recorded only on its own.
        if saysNotRelevant && found.isEmpty { found.insert(.notRelevant) }
        return allCases.filter(found.contains)
    }

    static let negators: Set<String> = [
        "not", "never", "didn't", "won't", "wouldn't", "doesn't", "don't", "cannot", "can't", "wasn't",
        "weren't",
    ]
    /// "not relevant", "isn't relevant", "no relevant interest".
    static let notRelevantNegators = negators.union(["no", "isn't"])
    static let takeForms: Set<String> = ["take", "takes", "took", "taking", "taken"]
    static let decideForms: Set<String> = ["decide", "decided", "decides", "deciding", "decision", "vote", "voted"]
    static let leaveForms: Set<String> = [
        "leave", "leaves", "leaving", "left", "withdraw", "withdraws", "withdrew", "withdrawn", "withdrawing",
    ]
    static let stepForms: Set<String> = ["step", "steps", "stepped", "stepping"]
    static let abstainForms: Set<String> = ["abstain", "abstains", "abstained", "abstaining"]
    static let absenceKinds: Set<String> = [
        "annual", "sick", "maternity", "paternity", "parental", "study", "compassionate", "special", "unpaid",
    ]
    static let receiveForms: Set<String> = ["receive", "received", "receives", "sent", "given", "get", "got"]

    /// Lowercased words, keeping apostrophes inside them ("didn't") and splitting on everything else.
    static func words(_ line: String) -> [String] {
        line.lowercased().replacingApostrophes.split { !($0.isLetter || $0 == "'") }
            .map { String($0).trimmingCharacters(of: "'") }.filter { !$0.isEmpty }
    }
}

extension String {
    fileprivate var replacingApostrophes: String {
        String(map { $0 == "\u{2019}" ? "'" : $0 })
    }

    fileprivate func trimmingCharacters(of character: Character) -> String {
        String(drop(while: { $0 == character }).reversed().drop(while: { $0 == character }).reversed())
    }
}
