import Fluent
import HeardDomain
import HeardStorage

/// What a board member sees of their boards' decisions on their own page: those coming to a meeting, and the
/// approved ones the minutes name them at, so they see the influence they had. A decision belongs to a board as
/// on the public board page (`DecisionBoards`).
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
        let owners = try await DecisionBoards.load(on: db)
        for decision in decisions {
            let boards = owners.boards(of: decision)
            guard let member = memberships.first(where: { boards.contains($0.$board.id) }) else { continue }
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
