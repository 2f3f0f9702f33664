/// A person sits on a board once at a time: they may leave and be added again, but two memberships of theirs
/// never run at once, or one person could be counted twice towards a quorum.
public enum MembershipRules {
    /// One membership of a board: from the appointment to the day they left (nil: not left).
    public struct Span: Sendable, Equatable {
        public var name: String
        public var appointed: SimpleDate
        public var left: SimpleDate?

        public init(name: String, appointed: SimpleDate, left: SimpleDate?) {
            self.name = name
            self.appointed = appointed
            self.left = left
        }

        /// Whether the two run at once for a day or more; leaving and rejoining on the same day does not.
        func overlaps(_ other: Span) -> Bool {
            (other.left.map { appointed < $0 } ?? true) && (left.map { other.appointed < $0 } ?? true)
        }
    }

    /// Whether two names are the same person as the quorum check reads names: the same words, ignoring case,
    /// punctuation and titles ("Dr Sarah Whitaker" and "sarah whitaker").
    public static func samePerson(_ first: String, _ second: String) -> Bool {
        let a = key(first)
        return !a.isEmpty && a == key(second)
    }

    /// `names` with each person once, in the order first met.
    public static func distinctPeople(_ names: [String]) -> [String] {
        var seen = Set<[Substring]>()
        return names.filter { name in
            let key = key(name)
            return key.isEmpty || seen.insert(key).inserted
        }
    }

    static func key(_ name: String) -> [Substring] {
        ConflictRules.words(name).filter { !ConflictRules.titles.contains(String($0)) }
    }

    /// Nil when `membership` (new, or being changed) runs into none of the same person's `others` on the same
    /// board; otherwise what to fix, naming the membership it runs into.
    public static func appointmentProblem(_ membership: Span, others: [Span]) -> String? {
        let clashing = others.filter { samePerson($0.name, membership.name) && $0.overlaps(membership) }
        guard let other = clashing.min(by: { $0.appointed < $1.appointed }) else { return nil }
        guard let otherLeft = other.left else {
            return
                "\(membership.name) is a member of this board from \(other.appointed.ukText) and has not left, so this membership would run at the same time. A person sits on a board once at a time."
        }
        if let left = membership.left, left <= otherLeft {
            return
                "\(membership.name) was a member of this board from \(other.appointed.ukText) to \(otherLeft.ukText), which this membership runs into. A person sits on a board once at a time: correct the dates of one of them."
        }
        return
            "\(membership.name) was a member of this board from \(other.appointed.ukText) until they left on \(otherLeft.ukText), so they can be appointed again only from \(otherLeft.ukText). A person sits on a board once at a time."
    }
}
