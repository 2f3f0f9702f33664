/// NHS England's guidance keeps interests that ended in the last 6 months on the register because they may still
/// sway a decision: the chair is shown them for the members present, as something to consider, not a refusal.
extension ConflictRules {
    /// Each member present with an interest that ended in the 6 months before `day` (the meeting), as
    /// "Dr Amir Khan (Leeds Place Committee): financial: GP partner, Chapeltown Surgery (ended 1 October 2026)".
    public static func recentlyEnded(
        membersPresent: String, register: [RegisteredMember], on day: SimpleDate
    )
        -> [String]
    {
        let since = day.adding(months: -RegisterEntry.monthsEndedInterestsDeclared)
        return register.filter { mentions(membersPresent, name: $0.name) }.flatMap { member in
            member.entries.filter { entry in
                guard entry.kind.isInterest, let ended = entry.endedOn else { return false }
                return ended < day && ended >= since
            }
            .sorted { $0.endedOn! > $1.endedOn! }
            .map {
                "\(member.name) (\(member.board)): \($0.kind.shortTitle): \($0.description) (ended \($0.endedOn!.ukText))"
            }
        }
    }
}
