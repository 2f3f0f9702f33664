/// A board's quorum: how many of its voting members must be present for a decision. A member the chair sent
/// out for the item, or who did not receive its papers, or who only discussed it, is not deciding it, so is
/// not counted towards the quorum for that item (domain rules §5: the minutes record whether the meeting stays
/// quorate).
public enum QuorumRules {
    /// The chair's actions that leave a member out of the decision.
    public static let notDeciding: Set<ChairAction> = [.discussNotDecide, .leave, .notReceivePapers]

    /// The board's voting members present for one item: `counted` decide it, `standingAside` were present but
    /// the declarations record that they did not decide.
    public struct Count: Sendable, Equatable {
        public var counted: [String]
        public var standingAside: [String]

        public init(counted: [String], standingAside: [String]) {
            self.counted = counted
            self.standingAside = standingAside
        }
    }

    /// Counts `voters` (the board's voting members on the day) named among `membersPresent`, less those named on
    /// a line of `declarations` that records a chair's action leaving them out of the decision. A person named
    /// twice among `voters` (two memberships stored as running at once) is counted once.
    public static func count(membersPresent: String, declarations: String, voters: [String]) -> Count {
        let lines = declarations.split(whereSeparator: \.isNewline).map(String.init)
        let present = MembershipRules.distinctPeople(voters).filter { ConflictRules.mentions(membersPresent, name: $0) }
        let aside = present.filter { voter in
            lines.contains { line in
                ConflictRules.mentions(line, name: voter)
                    && ChairAction.recorded(in: line).contains(where: notDeciding.contains)
            }
        }
        return Count(counted: present.filter { !aside.contains($0) }, standingAside: aside)
    }

    /// Why the item was not quorate, naming who was counted; nil when at least `quorum` voting members decided it.
    public static func problem(quorum: Int, board: String, count: Count, votingMembers voting: Int? = nil) -> String? {
        guard count.counted.count < quorum else { return nil }
        if let voting, let unreachable = unreachable(quorum: quorum, votingMembers: voting) {
            return "The meeting was not quorate for this item. " + unreachable
        }
        let counted =
            count.counted.isEmpty
            ? "none of them was counted present for this item"
            : "only \(count.counted.count) \(count.counted.count == 1 ? "was" : "were") counted present for this item ("
                + EnglishList.and(count.counted) + ")"
        let aside =
            count.standingAside.isEmpty
            ? ""
            : " " + EnglishList.and(count.standingAside)
                + " did not count: the declarations record that \(count.standingAside.count == 1 ? "they" : "each of them") left for the item, did not receive the papers or only discussed it."
        return
            "The meeting was not quorate for this item. The quorum of \(board) is \(votingMembers(quorum)), and \(counted).\(aside) Take the decision at a meeting that is quorate for it, or correct the members present and the declarations."
    }

    /// Said when members have left or lost their vote since the quorum was set, so that no meeting of the board
    /// could ever be quorate; nil while it can be met.
    public static func unreachable(quorum: Int, votingMembers voting: Int) -> String? {
        guard quorum > voting else { return nil }
        return
            "The quorum (\(votingMembers(quorum))) is more than the number of voting members the board has (\(voting)), so no decision of this board can be approved. Lower the quorum, or add a voting member."
    }

    /// "1 voting member", "3 voting members".
    public static func votingMembers(_ count: Int) -> String {
        "\(count) voting \(count == 1 ? "member" : "members")"
    }

    /// Reads a quorum typed on the board's page: empty for none, otherwise a whole number from 1 to the number of
    /// voting members. `.failure` carries what to fix.
    public static func read(_ text: String, votingMembers voting: Int) -> Result<Int?, QuorumInputError> {
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty else { return .success(nil) }
        // Digits too many for a number are still a whole number: too big, not mistyped.
        let digitsOnly = trimmed.allSatisfy { ("0"..."9").contains($0) }
        guard trimmed.allSatisfy(\.isASCII), let number = Int(trimmed) ?? (digitsOnly ? Int.max : nil) else {
            return .failure(QuorumInputError("Enter the quorum as a whole number of voting members, like 3."))
        }
        if number < 1 {
            return .failure(
                QuorumInputError("A quorum is at least 1 voting member. Leave it empty if the board has none set."))
        }
        if voting == 0 {
            return .failure(
                QuorumInputError("The board has no voting members yet: add them first, then set the quorum."))
        }
        if number > voting {
            return .failure(
                QuorumInputError(
                    "The board has only \(votingMembers(voting)), so the quorum can be at most \(voting)."))
        }
        return .success(number)
    }
}

/// What is wrong with a quorum typed on a board's page.
public struct QuorumInputError: Error, Equatable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
