/// Who sits on a board or panel, counted: the seed's worry is boards "with hardly any patients or people with
/// lived experience", so Heard counts them and says so when there are few.
/// Each figure counts people, not memberships: a person with two current memberships (stored as running at once
/// before that was refused) counts once, with a vote, or lived experience, if either membership has it.
public struct BoardComposition: Sendable, Equatable {
    /// One current membership. `name` tells the same person's memberships apart, as the quorum reads names
    /// (`MembershipRules.samePerson`); a membership without one counts as its own person.
    public struct Member: Sendable, Equatable {
        public var name: String?
        public var votes: Bool
        public var livedExperience: Bool
        public init(name: String? = nil, votes: Bool, livedExperience: Bool) {
            self.name = name
            self.votes = votes
            self.livedExperience = livedExperience
        }
    }

    public var members: Int
    public var voting: Int
    public var livedExperience: Int
    public var livedExperienceVoting: Int

    /// Heard's prompt, not a legal rule: fewer than one member in five with lived experience is "hardly any".
    public static let fewShare = 5

    public init(_ memberships: [Member]) {
        let members = Self.people(memberships)
        self.members = members.count
        voting = members.filter(\.votes).count
        livedExperience = members.filter(\.livedExperience).count
        livedExperienceVoting = members.filter { $0.livedExperience && $0.votes }.count
    }

    /// `memberships` with each person once, in the order first met.
    static func people(_ memberships: [Member]) -> [Member] {
        var people: [Member] = []
        var index: [[Substring]: Int] = [:]
        for membership in memberships {
            let key = membership.name.map(MembershipRules.key) ?? []
            guard !key.isEmpty else {
                people.append(membership)
                continue
            }
            if let at = index[key] {
                people[at].votes = people[at].votes || membership.votes
                people[at].livedExperience = people[at].livedExperience || membership.livedExperience
            } else {
                index[key] = people.count
                people.append(membership)
            }
        }
        return people
    }

    /// What a reader should notice about the membership, or nil when there is nothing to say.
    public var concern: String? {
        guard members > 0 else { return "Nobody is recorded as a member yet." }
        if livedExperience == 0 {
            return "No member has lived experience of the services as a patient, carer or community member."
        }
        if livedExperience * Self.fewShare < members {
            return
                "Only \(livedExperience) of \(members) members \(livedExperience == 1 ? "has" : "have") lived experience: fewer than one in five."
        }
        if livedExperienceVoting == 0, voting > 0 {
            return "Members with lived experience sit on it, but none of them has a vote."
        }
        // Counted among those who decide too, so adding members without a vote cannot clear the notice.
        if livedExperienceVoting * Self.fewShare < voting {
            return
                "Only \(livedExperienceVoting) of \(voting) voting members \(livedExperienceVoting == 1 ? "has" : "have") lived experience: fewer than one in five of those who decide."
        }
        return nil
    }
}
