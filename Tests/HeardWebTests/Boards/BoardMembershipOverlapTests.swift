import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// A person sits on a board once at a time: a membership added again, or whose appointment is changed, may not
/// run into the same person's other membership, and the quorum never counts one person twice.
@Suite("Board members: one membership at a time")
struct BoardMembershipOverlapTests {
    static let today = SimpleDate(year: 2026, month: 12, day: 5)

    /// Leeds Place Committee (see `BoardQuorumTests.committee`), its page, and Sarah Whitaker's page.
    static func committee(on db: any Database) async throws -> (board: Board, boardPath: String, sarahPath: String) {
        let board = try await BoardQuorumTests.committee(on: db)
        let boardPath = "/staff/boards/\(board.id!.uuidString.lowercased())"
        let sarah = try #require(try await BoardMember.query(on: db).filter(\.$name == "Sarah Whitaker").first())
        return (board, boardPath, boardPath + "/members/\(sarah.id!.uuidString.lowercased())")
    }

    static func leave(_ path: String, on day: String, _ secretary: TestBrowser) async throws {
        let left = try await secretary.post(path + "/leave", form: ["left_on": day], tokenFrom: path)
        #expect(left.status == .seeOther)
    }

    static func memberships(_ name: String, _ db: any Database) async throws -> [BoardMember] {
        try await BoardMember.query(on: db).filter(\.$name == name).sort(\.$appointedOn).all()
    }

    @Test(
        "a member added again cannot be appointed inside their membership that ended later",
        arguments: TestDatabase.all)
    func addedInsideTheLastMembership(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(Self.today)
            let secretary = try await app.signedInBrowser(.boardSecretary)
            let (_, boardPath, sarahPath) = try await Self.committee(on: app.db)
            try await Self.leave(sarahPath, on: "2026-12-02", secretary)
            let form = ["name": "sarah whitaker", "role": "Lay member", "votes": "yes", "appointed_on": "2026-11-30"]
            let refused = try await secretary.post(boardPath + "/members", form: form, tokenFrom: boardPath)
            #expect(refused.status == .unprocessableEntity)
            #expect(
                refused.body.contains(
                    "sarah whitaker was a member of this board from 5 January 2026 until they left on 2 December 2026, so they can be appointed again only from 2 December 2026."
                ), "\(refused.body)")
            #expect(refused.body.contains("There is a problem"), "said in the error summary")
            #expect(refused.body.contains("value=\"2026-11-30\"") && refused.body.contains("value=\"Lay member\""))
            #expect(try await Self.memberships("sarah whitaker", app.db).isEmpty)
            #expect(try await Self.memberships("Sarah Whitaker", app.db).count == 1, "nothing refused is saved")

            let added = try await secretary.post(
                boardPath + "/members", form: form.merging(["appointed_on": "2026-12-02"]) { $1 }, tokenFrom: boardPath)
            #expect(added.status == .seeOther, "rejoining on the day they left is allowed")
        }
    }

    @Test(
        "a membership's appointment date cannot be changed to fall inside the same person's earlier membership",
        arguments: TestDatabase.all)
    func appointmentMovedIntoTheEarlierMembership(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(Self.today)
            let secretary = try await app.signedInBrowser(.boardSecretary)
            let (_, boardPath, sarahPath) = try await Self.committee(on: app.db)
            try await Self.leave(sarahPath, on: "2026-12-01", secretary)
            let form = ["name": "Sarah Whitaker", "role": "Member", "votes": "yes", "appointed_on": "2026-12-03"]
            let added = try await secretary.post(boardPath + "/members", form: form, tokenFrom: boardPath)
            #expect(added.status == .seeOther)
            let again = try #require(try await Self.memberships("Sarah Whitaker", app.db).last)
            #expect(again.appointedOn == "2026-12-03")
            let path = boardPath + "/members/\(again.id!.uuidString.lowercased())"
            let version = try ConcurrentEditTests.version(try await secretary.get(path))
            let changed = form.merging(["appointed_on": "2026-11-01", EditVersion.fieldName: version]) { $1 }
            let refused = try await secretary.post(path, form: changed, tokenFrom: path)
            #expect(refused.status == .unprocessableEntity)
            #expect(
                refused.body.contains(
                    "Sarah Whitaker was a member of this board from 5 January 2026 until they left on 1 December 2026"),
                "\(refused.body)")
            #expect(!refused.body.contains("Details changed."))
            #expect(refused.body.contains("value=\"2026-11-01\""), "the typed date is kept")
            #expect(try await BoardMember.find(again.id, on: app.db)?.appointedOn == "2026-12-03")
            #expect(
                try await AuditEvent.query(on: app.db).filter(\.$action == "board.member_changed").count() == 0)

            let onTheDay = try await secretary.post(
                path, form: changed.merging(["appointed_on": "2026-12-01"]) { $1 }, tokenFrom: path)
            #expect(onTheDay.status == .seeOther)
            #expect(try await BoardMember.find(again.id, on: app.db)?.appointedOn == "2026-12-01")
        }
    }

    @Test(
        "the quorum counts a person once, even when two memberships of theirs were stored as running at once",
        arguments: TestDatabase.all)
    func quorumCountsAPersonOnce(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(Self.today)
            let secretary = try await app.signedInBrowser(.boardSecretary)
            let (board, _, _) = try await Self.committee(on: app.db)
            board.quorum = 3
            try await board.update(on: app.db)
            let sarah = try #require(try await Self.memberships("Sarah Whitaker", app.db).first)
            sarah.leftOn = "2026-12-01"
            try await sarah.update(on: app.db)
            // Stored before appointments were checked: a second membership from 1 November.
            for (name, appointed) in [("Sarah Whitaker", "2026-11-01"), ("Professor Helen Marsh", "2026-01-05")] {
                let member = BoardMember(
                    boardID: board.id!, name: name, role: "Member", votes: true, livedExperience: false,
                    appointedOn: SimpleDate(iso: appointed)!)
                try await member.create(on: app.db)
                try await InterestDeclaration(
                    memberID: member.id!, kind: .none, details: "", declaredOn: SimpleDate(iso: appointed)!,
                    endedOn: nil, recordedByID: nil
                ).create(on: app.db)
            }
            let decision = try await BoardsTests.decisionReadyForApproval(
                meetingOn: SimpleDate(year: 2026, month: 11, day: 20),
                membersPresent: "Sarah Whitaker / Professor Helen Marsh", on: app.db)
            let approve = "/staff/decisions/\(decision.id!.uuidString.lowercased())/approve"
            let refused = try await secretary.post(approve, form: [:], tokenFrom: "/staff/decisions")
            #expect(refused.status == .conflict)
            #expect(refused.body.contains("only 2 were counted present for this item ("), "\(refused.body)")
            #expect(!refused.body.contains("Sarah Whitaker and Sarah Whitaker"))
            #expect(try await Decision.find(decision.id, on: app.db)?.isApproved == false)
        }
    }
}
