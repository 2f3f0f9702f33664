import Fluent
import Foundation
import HeardDomain
import HeardStorage

/// Which board each decision belongs to, for the public board page and a member's own page. A decision on a
/// meeting's agenda belongs to that meeting's board; one on no agenda to the board its paper's meeting names
/// (`BoardNameMatch`: the board's name with only words like "meeting" or a date, the longest name winning), so
/// "Leeds Place Committee" does not claim the decisions of "Leeds Place Committee Finance Sub-group", and a joint
/// meeting's paper is on the page of each board it names.
struct DecisionBoards {
    /// Every board, by id.
    var names: [UUID: String]
    /// The boards of the meetings whose agenda has the decision, by decision id.
    var linked: [UUID: Set<UUID>]

    static func load(on db: any Database) async throws -> DecisionBoards {
        var names: [UUID: String] = [:]
        for board in try await Board.query(on: db).all() { names[board.id!] = board.name }
        var linked: [UUID: Set<UUID>] = [:]
        for item in try await MeetingItem.query(on: db).filter(\.$decision.$id != nil).with(\.$meeting).all() {
            if let decision = item.$decision.id { linked[decision, default: []].insert(item.meeting.$board.id) }
        }
        return DecisionBoards(names: names, linked: linked)
    }

    /// The boards the decision belongs to: those of the meetings it is on the agenda of, or else the board its
    /// meeting names; a joint meeting's paper belongs to every board it names, on an agenda or not. Empty when
    /// neither.
    func boards(of decision: Decision) -> Set<UUID> {
        let named = Set(BoardNameMatch.boards(named: decision.meeting, among: Array(Set(names.values))))
        let namedIDs = Set(names.filter { named.contains($0.value) }.keys)
        if let id = decision.id, let boards = linked[id], !boards.isEmpty {
            return named.count > 1 ? boards.union(namedIDs) : boards
        }
        return namedIDs
    }
}
