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

/// Every meetings path, in one place.
enum MeetingURL {
    static let staffMeetings = "/staff/meetings"

    static func id(_ id: UUID) -> String { id.uuidString.lowercased() }
    static func newMeeting(board: UUID) -> String { BoardURL.board(board) + "/meetings" }
    static func meeting(_ id: UUID) -> String { "\(staffMeetings)/\(Self.id(id))" }
    static func items(_ id: UUID) -> String { meeting(id) + "/items" }
    static func item(_ id: UUID, _ item: UUID) -> String { items(id) + "/" + Self.id(item) }
    static func moveUp(_ id: UUID, _ item: UUID) -> String { self.item(id, item) + "/up" }
    static func remove(_ id: UUID, _ item: UUID) -> String { self.item(id, item) + "/remove" }
    static func paperMeeting(_ id: UUID, _ item: UUID) -> String { self.item(id, item) + "/paper-meeting" }
    static func declarations(_ id: UUID) -> String { meeting(id) + "/declarations" }
    static func attendance(_ id: UUID) -> String { meeting(id) + "/attendance" }
    static func publish(_ id: UUID) -> String { meeting(id) + "/publish" }
    static func minutes(_ id: UUID) -> String { meeting(id) + "/minutes" }
    static func approve(_ id: UUID) -> String { minutes(id) + "/approve" }
    static func minutesText(_ id: UUID) -> String { meeting(id) + "/minutes.txt" }
    static func minutesHTML(_ id: UUID) -> String { meeting(id) + "/minutes.html" }
    static func publicMeeting(board: UUID, _ id: UUID) -> String {
        BoardURL.publicBoard(board) + "/meetings/" + Self.id(id)
    }
    static func publicMinutesText(board: UUID, _ id: UUID) -> String {
        publicMeeting(board: board, id) + "/minutes.txt"
    }
    static func publicMinutesHTML(board: UUID, _ id: UUID) -> String {
        publicMeeting(board: board, id) + "/minutes.html"
    }
}
