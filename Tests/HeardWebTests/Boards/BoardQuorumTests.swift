import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// A board's quorum, counted at approval from the members present and what the chair decided for each.
@Suite("Boards: quorum")
struct BoardQuorumTests {
    static let today = SimpleDate(year: 2026, month: 11, day: 20)

    /// Leeds Place Committee with three voting members (each with a nil return) and a non-voting observer.
    static func committee(on db: any Database) async throws -> Board {
        let board = Board(name: "Leeds Place Committee", purpose: "Decides how NHS money for Leeds is spent.")
        try await board.create(on: db)
        for (name, votes) in [
            ("Dr Amir Khan", true), ("Sarah Whitaker", true), ("David Okafor", true), ("Gwen Lister", false),
        ] {
            let member = BoardMember(
                boardID: board.id!, name: name, role: votes ? "Member" : "Observer", votes: votes,
                livedExperience: !votes, appointedOn: SimpleDate(year: 2026, month: 1, day: 5))
            try await member.create(on: db)
            try await InterestDeclaration(
                memberID: member.id!, kind: .none, details: "", declaredOn: SimpleDate(year: 2026, month: 1, day: 10),
                endedOn: nil, recordedByID: nil
            ).create(on: db)
        }
        return board
    }

    @Test(
        "a secretary sets a quorum of 1 to the number of voting members; anything else is refused",
        arguments: TestDatabase.all)
    func settingTheQuorum(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(Self.today)
            let secretary = try await app.signedInBrowser(.boardSecretary)
            let board = try await Self.committee(on: app.db)
            let path = "/staff/boards/\(board.id!.uuidString.lowercased())"
            #expect(try await secretary.get(path).body.contains("Quorum: not set."))
            for (typed, message) in [
                ("three", "Enter the quorum as a whole number"), ("2.5", "Enter the quorum as a whole number"),
                ("0", "A quorum is at least 1 voting member"), ("-1", "A quorum is at least 1 voting member"),
                ("4", "The board has only 3 voting members, so the quorum can be at most 3."),
            ] {
                let refused = try await secretary.post(path + "/quorum", form: ["quorum": typed], tokenFrom: path)
                #expect(refused.status == .unprocessableEntity, "\(typed)")
                #expect(refused.body.contains(message), "\(typed)")
                #expect(refused.body.contains("value=\"\(typed)\""), "what was typed is kept")
            }
            #expect(try await Board.find(board.id, on: app.db)?.quorum == nil)
            let set = try await secretary.post(path + "/quorum", form: ["quorum": " 3 "], tokenFrom: path)
            #expect(set.status == .seeOther)
            #expect(try await Board.find(board.id, on: app.db)?.quorum == 3)
            #expect(try await secretary.get(path).body.contains("Quorum: 3 voting members."))
            let visitor = app.browser()
            let publicPage = try await visitor.get("/boards/\(board.id!.uuidString.lowercased())")
            #expect(publicPage.body.contains("Quorum: 3 voting members."))
            let api = try await visitor.get("/api/v1/boards")
            let json = try JSONSerialization.jsonObject(with: Data(api.body.utf8)) as! [String: Any]
            let boards = try #require(json["boards"] as? [[String: Any]])
            #expect(boards.first?["quorum"] as? Int == 3)
            let audit = try await AuditEvent.query(on: app.db).filter(\.$action == "board.quorum_changed").all()
            #expect(audit.count == 1)
            // Cleared: the board has none again, and the API says null.
            #expect(
                try await secretary.post(path + "/quorum", form: ["quorum": ""], tokenFrom: path).status == .seeOther)
            #expect(try await Board.find(board.id, on: app.db)?.quorum == nil)
            let cleared =
                try JSONSerialization.jsonObject(
                    with: Data(try await visitor.get("/api/v1/boards").body.utf8)) as! [String: Any]
            #expect((cleared["boards"] as? [[String: Any]])?.first?["quorum"] is NSNull)

            // A voting member leaves after a quorum of 3 was set: the board page says it can no longer be met.
            #expect(
                try await secretary.post(path + "/quorum", form: ["quorum": "3"], tokenFrom: path).status == .seeOther)
            #expect(!(try await secretary.get(path).body.contains("no decision of this board can be approved")))
            let leaver = try #require(
                try await BoardMember.query(on: app.db).filter(\.$name == "David Okafor").first())
            let leavePath = path + "/members/\(leaver.id!.uuidString.lowercased())"
            #expect(
                try await secretary.post(
                    leavePath + "/leave", form: ["left_on": Self.today.iso], tokenFrom: leavePath
                ).status == .seeOther)
            #expect(
                try await secretary.get(path).body.contains(
                    "The quorum (3 voting members) is more than the number of voting members the board has (2), so no decision of this board can be approved."
                ))
        }
    }

    @Test(
        "approval is refused below the quorum, a member who left for the item not counted, and allowed at it",
        arguments: TestDatabase.all)
    func approvalCountsTheQuorum(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(Self.today)
            let secretary = try await app.signedInBrowser(.boardSecretary)
            let board = try await Self.committee(on: app.db)
            board.quorum = 2
            try await board.update(on: app.db)
            let decision = try await BoardsTests.decisionReadyForApproval(
                meetingOn: SimpleDate(year: 2026, month: 11, day: 10),
                membersPresent: "Dr Khan; Sarah Whitaker; Gwen Lister", on: app.db)
            decision.declarations =
                "Dr Khan: shares in a local provider (financial). The chair asked him to leave for the item."
            // With a quorum set, Heard counts: the yes or no answer is not needed.
            decision.quorate = nil
            try await decision.update(on: app.db)
            let approve = "/staff/decisions/\(decision.id!.uuidString.lowercased())/approve"
            let refused = try await secretary.post(approve, form: [:], tokenFrom: "/staff/decisions")
            #expect(refused.status == .conflict)
            #expect(
                refused.body.contains(
                    "The quorum of Leeds Place Committee is 2 voting members, and only 1 was counted present for this item (Sarah Whitaker)."
                ), "\(refused.body)")
            #expect(refused.body.contains("Dr Amir Khan did not count"))
            #expect(!refused.body.contains("Record whether the meeting stayed quorate"))
            #expect(try await Decision.find(decision.id, on: app.db)?.isApproved == false)

            // A third voting member present: two decide it, which is the quorum.
            decision.membersPresent = "Dr Khan; Sarah Whitaker; David Okafor; Gwen Lister"
            try await decision.update(on: app.db)
            let approved = try await secretary.post(approve, form: [:], tokenFrom: "/staff/decisions")
            #expect(approved.status == .seeOther)
            #expect(try await Decision.find(decision.id, on: app.db)?.isApproved == true)

            // Heard counted the quorum, so the record says the meeting was quorate: stored at approval, with the
            // count in the audit log.
            #expect(try await Decision.find(decision.id, on: app.db)?.quorate == true)
            let audit = try #require(
                try await AuditEvent.query(on: app.db).filter(\.$action == "decision.approved").first())
            let changes = AuditLog.decodeChanges(audit.changes)
            #expect(changes.contains(FieldChange("quorate", from: nil, to: "yes")))
            #expect(
                changes.contains(
                    FieldChange(
                        "quorum_count", from: nil,
                        to: "2 of a quorum of 2 voting members present for the item (Leeds Place Committee)")))
            try await Self.expectPublishedQuorate(decision, app: app)
            // Editing the register afterwards does not rewrite the published record.
            board.quorum = 3
            try await board.update(on: app.db)
            try await BoardMember.query(on: app.db).filter(\.$name == "Sarah Whitaker").set(\.$votes, to: false)
                .update()
            try await Self.expectPublishedQuorate(decision, app: app)
        }
    }

    /// The public page, the API and the open data all say the meeting was quorate for the item.
    static func expectPublishedQuorate(_ decision: Decision, app: TestApp) async throws {
        let visitor = app.browser()
        let page = try await visitor.get("/decisions/\(decision.id!.uuidString.lowercased())")
        #expect(page.status == .ok)
        let quorate = try #require(page.body.range(of: "Quorate for this item"))
        let after = page.body[quorate.upperBound...].prefix(80)
        #expect(after.contains("Yes"), "\(after)")
        #expect(!page.body.contains("Not recorded"))
        let list = try await visitor.get("/api/v1/decisions")
        let items = try #require(
            (try JSONSerialization.jsonObject(with: Data(list.body.utf8)) as? [String: Any])?["items"]
                as? [[String: Any]])
        let listed = try #require(items.first { $0["id"] as? String == decision.id!.uuidString })
        #expect(listed["quorate"] as? Bool == true)
        let csv = try await visitor.get("/open-data/decisions.csv")
        let row = try #require(csv.body.split(whereSeparator: \.isNewline).first { $0.contains("Extended hours") })
        #expect(row.contains(",yes,"), "\(row)")
    }

    @Test("without a quorum the paper still answers yes or no; with one, an answer of no still refuses")
    func yesOrNoWithoutAQuorum() async throws {
        try await TestApp.run(on: .sqlite) { app in
            app.app.decisionClock = .fixed(Self.today)
            let secretary = try await app.signedInBrowser(.boardSecretary)
            let board = try await Self.committee(on: app.db)
            let decision = try await BoardsTests.decisionReadyForApproval(
                meetingOn: SimpleDate(year: 2026, month: 11, day: 10), membersPresent: "Dr Khan; Sarah Whitaker",
                on: app.db)
            decision.quorate = nil
            try await decision.update(on: app.db)
            let approve = "/staff/decisions/\(decision.id!.uuidString.lowercased())/approve"
            let unanswered = try await secretary.post(approve, form: [:], tokenFrom: "/staff/decisions")
            #expect(unanswered.status == .conflict)
            #expect(unanswered.body.contains("Record whether the meeting stayed quorate"))
            board.quorum = 2
            try await board.update(on: app.db)
            decision.quorate = false
            try await decision.update(on: app.db)
            let no = try await secretary.post(approve, form: [:], tokenFrom: "/staff/decisions")
            #expect(no.status == .conflict)
            #expect(no.body.contains("The meeting was not quorate for this item, so it could not take the decision."))
        }
    }

    @Test("a paper whose meeting names no listed board says its members, quorum and register cannot be checked")
    func meetingNamingNoBoard() async throws {
        try await TestApp.run(on: .sqlite) { app in
            app.app.decisionClock = .fixed(Self.today)
            let secretary = try await app.signedInBrowser(.boardSecretary)
            _ = try await Self.committee(on: app.db)
            let decision = try await BoardsTests.decisionReadyForApproval(
                meetingOn: SimpleDate(year: 2026, month: 11, day: 10), membersPresent: "Dr Khan; Sarah Whitaker",
                on: app.db)
            let paper = "/staff/initiatives/\(decision.$initiative.id.uuidString.lowercased())/decision"
            let warning = "This meeting names no board listed under Boards."
            #expect(!(try await secretary.get(paper).body.contains(warning)), "Leeds Place Committee is listed")
            decision.meeting = "Leeds committee meeting in public"
            try await decision.update(on: app.db)
            let page = try await secretary.get(paper)
            #expect(page.body.contains(warning))
            #expect(page.body.contains("The boards listed are: Leeds Place Committee."))
        }
    }
}
