import Foundation

/// Every boards path, in one place.
enum BoardURL {
    static let staffBoards = "/staff/boards"
    static let publicBoards = "/boards"

    static func id(_ id: UUID) -> String { id.uuidString.lowercased() }
    static func board(_ id: UUID) -> String { "\(staffBoards)/\(Self.id(id))" }
    static func quorum(_ boardID: UUID) -> String { board(boardID) + "/quorum" }
    static func members(_ boardID: UUID) -> String { board(boardID) + "/members" }
    static func member(_ boardID: UUID, _ memberID: UUID) -> String { members(boardID) + "/" + id(memberID) }
    static func declarations(_ boardID: UUID, _ memberID: UUID) -> String {
        member(boardID, memberID) + "/declarations"
    }
    static func leave(_ boardID: UUID, _ memberID: UUID) -> String { member(boardID, memberID) + "/leave" }
    /// Corrects the leaving date, or cancels a leaving recorded by mistake.
    static func leavingDate(_ boardID: UUID, _ memberID: UUID) -> String { leave(boardID, memberID) + "/date" }
    static func cancelLeaving(_ boardID: UUID, _ memberID: UUID) -> String { leave(boardID, memberID) + "/cancel" }
    static func publicBoard(_ id: UUID) -> String { "\(publicBoards)/\(Self.id(id))" }
    static func declarationLinkSend(_ boardID: UUID, _ memberID: UUID) -> String {
        member(boardID, memberID) + "/declaration-link"
    }
    static func declarationLink(_ token: String) -> String { "/declare/" + token }
}
