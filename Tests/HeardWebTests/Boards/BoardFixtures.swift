import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

/// A board with one member, added the way a secretary adds one: through the form, so the member has what the
/// form gives (audit, appointment date checks).
enum BoardFixtures {
    struct Seated {
        var board: Board
        var boardPath: String
        var member: BoardMember
        var memberPath: String
    }

    static func qualityCommitteeWithGP(
        appointedOn: String, secretary: TestBrowser, on db: any Database
    ) async throws -> Seated {
        let board = Board(name: "Quality Committee", purpose: "Assures the quality of services.")
        try await board.create(on: db)
        let boardPath = "/staff/boards/\(board.id!.uuidString.lowercased())"
        let added = try await secretary.post(
            boardPath + "/members",
            form: ["name": "Dr Amir Khan", "role": "GP member", "votes": "yes", "appointed_on": appointedOn],
            tokenFrom: boardPath)
        #expect(added.status == .seeOther, "the member was added")
        let member = try #require(try await BoardMember.query(on: db).filter(\.$name == "Dr Amir Khan").first())
        return Seated(
            board: board, boardPath: boardPath, member: member,
            memberPath: boardPath + "/members/\(member.id!.uuidString.lowercased())")
    }
}
