import Fluent
import HeardDomain
import HeardStorage

/// What a board member sees of their boards' decisions on their own page: those coming to a meeting, and the
/// approved ones the minutes name them at, so they see the influence they had. A decision belongs to a board
/// when its meeting names the board, as on the public board page.
struct BoardBusiness {
    struct Item {
        var decision: Decision
        var board: String
    }

    /// Decisions not yet approved whose meeting is today or later.
    var coming: [Item] = []
    /// Approved decisions whose members present name this person.
    var tookPart: [Item] = []

    static func find(
        for memberships: [BoardMember], today: SimpleDate, on db: any Database
    ) async throws
        -> BoardBusiness
    {
        guard !memberships.isEmpty else { return BoardBusiness() }
        var business = BoardBusiness()
        let decisions = try await Decision.query(on: db).sort(\.$meetingOn).all()
        for decision in decisions {
            let meeting = decision.meeting.lowercased()
            guard let member = memberships.first(where: { meeting.contains($0.board.name.lowercased()) }) else {
                continue
            }
            let item = Item(decision: decision, board: member.board.name)
            if decision.isApproved {
                if ConflictRules.mentions(decision.membersPresent, name: member.name) { business.tookPart.append(item) }
            } else if let day = SimpleDate(iso: decision.meetingOn), day >= today {
                business.coming.append(item)
            }
        }
        business.tookPart.reverse()
        return business
    }
}
