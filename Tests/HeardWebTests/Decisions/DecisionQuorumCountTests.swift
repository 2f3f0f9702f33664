import Fluent
import Foundation
import HeardDomain
import HeardStorage
import SQLKit
import Testing

@testable import HeardWeb

/// When Heard counts a board's quorum at approval (the paper left the question unanswered), the record keeps how
/// many voting members it counted present and the quorum then, and says so wherever it says the meeting was
/// quorate: "Yes (3 voting members present; quorum 2)". A paper that answered keeps its own answer.
@Suite("Decisions: the quorum Heard counted, on the record")
struct DecisionQuorumCountTests {
    static let today = BoardQuorumTests.today

    /// Leeds Place Committee with a quorum of 2 and a decision ready for approval with three of its voting members
    /// present and the quorate question left unanswered (or answered `quorate`).
    static func decision(quorate: Bool?, on db: any Database) async throws -> (Board, Decision) {
        let board = try await BoardQuorumTests.committee(on: db)
        board.quorum = 2
        try await board.update(on: db)
        let decision = try await BoardsTests.decisionReadyForApproval(
            meetingOn: SimpleDate(year: 2026, month: 11, day: 10),
            membersPresent: "Dr Khan; Sarah Whitaker; David Okafor; Gwen Lister", on: db)
        decision.quorate = quorate
        try await decision.update(on: db)
        return (board, decision)
    }

    static func approve(_ decision: Decision, _ secretary: TestBrowser) async throws {
        let approve = "/staff/decisions/\(decision.id!.uuidString.lowercased())/approve"
        let approved = try await secretary.post(approve, form: [:], tokenFrom: "/staff/decisions")
        #expect(approved.status == .seeOther, "\(approved.body)")
    }

    /// What the public page, the staff paper, the API and decisions.csv say of the quorum.
    struct Published {
        var page: String
        var staff: String
        var api: [String: Any]
        var header: [String]
        var row: [String]

        /// The CSV cell under `column`.
        func cell(_ column: String) -> String? {
            header.firstIndex(of: column).flatMap { $0 < row.count ? row[$0] : nil }
        }
    }

    static func published(_ decision: Decision, app: TestApp, staff: TestBrowser) async throws -> Published {
        let visitor = app.browser()
        let page = try await visitor.get("/decisions/\(decision.id!.uuidString.lowercased())")
        #expect(page.status == .ok)
        let paper = try await staff.get(
            "/staff/initiatives/\(decision.$initiative.id.uuidString.lowercased())/decision")
        #expect(paper.status == .ok)
        let list = try await visitor.get("/api/v1/decisions")
        let items = try #require(
            (try JSONSerialization.jsonObject(with: Data(list.body.utf8)) as? [String: Any])?["items"]
                as? [[String: Any]])
        let listed = try #require(items.first { $0["id"] as? String == decision.id!.uuidString })
        let csv = try await visitor.get("/open-data/decisions.csv")
        let lines = csv.body.split(whereSeparator: \.isNewline).map(String.init)
        let header = try #require(lines.first).split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        // The test decision's cells hold no commas or quotes, so a plain split reads the row.
        let row = try #require(lines.first { $0.hasPrefix("Extended hours,") })
            .split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        #expect(row.count == header.count, "\(row)")
        return Published(page: page.body, staff: paper.body, api: listed, header: header, row: row)
    }

    @Test(
        "a quorum Heard counted is kept with the record and shown on the page, the staff paper, the API and the CSV",
        arguments: TestDatabase.all)
    func countedQuorumIsShown(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(Self.today)
            let secretary = try await app.signedInBrowser(.boardSecretary)
            let (board, decision) = try await Self.decision(quorate: nil, on: app.db)
            try await Self.approve(decision, secretary)
            let stored = try #require(try await Decision.find(decision.id, on: app.db))
            #expect(stored.quorate == true)
            #expect(
                stored.quorumVotingPresent == 3, "Dr Khan, Sarah Whitaker and David Okafor; the observer has no vote")
            #expect(stored.quorumRequired == 2)

            for moment in ["at approval", "after the register changed"] {
                let published = try await Self.published(decision, app: app, staff: secretary)
                #expect(published.page.contains("Yes (3 voting members present; quorum 2)"), "\(moment)")
                #expect(
                    published.staff.contains("Quorate for this item: Yes (3 voting members present; quorum 2)."),
                    "\(moment)")
                #expect(published.api["quorate"] as? Bool == true)
                #expect(published.api["quorum_voting_present"] as? Int == 3, "\(moment)")
                #expect(published.api["quorum_required"] as? Int == 2, "\(moment)")
                #expect(published.header.suffix(3) == ["url", "quorum_voting_present", "quorum_required"])
                #expect(published.cell("quorate") == "yes")
                #expect(published.cell("quorum_voting_present") == "3", "\(moment)")
                #expect(published.cell("quorum_required") == "2", "\(moment)")
                // Editing the register afterwards does not rewrite what the record says Heard counted.
                board.quorum = 3
                try await board.update(on: app.db)
                try await BoardMember.query(on: app.db).filter(\.$name == "David Okafor").set(\.$votes, to: false)
                    .update()
            }

            // The OpenAPI document describes every field the API sends for a decision, the new ones included.
            let document = try #require(
                try JSONSerialization.jsonObject(with: Data(try await app.browser().get("/api/openapi.json").body.utf8))
                    as? [String: Any])
            let schema = try #require(
                ((document["components"] as? [String: Any])?["schemas"] as? [String: Any])?["Decision"]
                    as? [String: Any])
            let properties = try #require(schema["properties"] as? [String: Any])
            let required = try #require(schema["required"] as? [String])
            let sent = try #require(
                (try JSONSerialization.jsonObject(
                    with: Data(try await app.browser().get("/api/v1/decisions").body.utf8)) as? [String: Any])?["items"]
                    as? [[String: Any]])
            #expect(Set(properties.keys) == Set(sent[0].keys))
            #expect(Set(required) == Set(sent[0].keys))
            #expect((properties["quorum_voting_present"] as? [String: Any])?["type"] as? String == "integer")
            #expect((properties["quorum_required"] as? [String: Any])?["type"] as? String == "integer")
        }
    }

    @Test(
        "a paper that answered the quorate question keeps Heard's count too; a decision approved before the count was kept says only the answer",
        arguments: TestDatabase.all)
    func answeredQuorumShowsTheAnswer(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(Self.today)
            let secretary = try await app.signedInBrowser(.boardSecretary)
            let (_, decision) = try await Self.decision(quorate: true, on: app.db)
            try await Self.approve(decision, secretary)
            let stored = try #require(try await Decision.find(decision.id, on: app.db))
            #expect(stored.isApproved && stored.quorate == true)
            // The secretary answered yes, and Heard counted (approval checks the count either way): the record
            // shows what the answer rests on.
            #expect(stored.quorumVotingPresent == 3 && stored.quorumRequired == 2, "the count, as well as the answer")
            let answered = try await Self.published(decision, app: app, staff: secretary)
            #expect(answered.api["quorum_voting_present"] as? Int == 3 && answered.api["quorum_required"] as? Int == 2)
            #expect(answered.cell("quorum_voting_present") == "3" && answered.cell("quorum_required") == "2")
            #expect(answered.page.contains("voting members present"))

            // Approved before Heard kept the count: the columns M0137 added are empty, and it reads as before.
            let names = HeardMigrations.all.map { String(describing: type(of: $0)) }
            let index = try #require(names.firstIndex(of: "M0137_DecisionQuorumCount"), "registered")
            #expect(index > names.firstIndex(of: "M0135_PublishedTextWithoutBidiControls")!, "after those before it")
            let migration = try #require(HeardMigrations.all[index] as? any AsyncMigration)
            try await app.db.transaction { db in
                let sql = db as! any SQLDatabase
                try await sql.raw("ALTER TABLE decisions DROP COLUMN quorum_voting_present").run()
                try await sql.raw("ALTER TABLE decisions DROP COLUMN quorum_required").run()
                try await migration.prepare(on: db)
                let rows = try await sql.raw("SELECT quorum_voting_present, quorum_required FROM decisions").all()
                #expect(rows.count == 1)
                #expect(try rows.first?.decodeNil(column: "quorum_voting_present") == true)
                #expect(try rows.first?.decodeNil(column: "quorum_required") == true)
            }
            try await Self.expectOnlyTheAnswer(decision, app: app, staff: secretary)

            // One voting member is said in the singular.
            stored.quorumVotingPresent = 1
            stored.quorumRequired = 1
            #expect(PublicViews.quorateText(stored) == "Yes (1 voting member present; quorum 1)")
            stored.quorate = false
            #expect(PublicViews.quorateText(stored) == "No", "a count is only ever kept with a yes")
        }
    }

    @Test(
        "a board that keeps its meetings in Heard: a decision is approved only at a recorded meeting that was not cancelled",
        arguments: TestDatabase.all)
    func decisionAtARecordedMeeting(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(Self.today)
            let secretary = try await app.signedInBrowser(.boardSecretary)
            let (board, decision) = try await Self.decision(quorate: nil, on: app.db)
            // The board keeps its meetings here, but none on the paper's day (10 November 2026).
            let other = Meeting(
                boardID: board.id!, heldOn: SimpleDate(year: 2026, month: 10, day: 28), startsAt: nil,
                place: "Civic Hall")
            try await other.create(on: app.db)
            let approve = "/staff/decisions/\(decision.id!.uuidString.lowercased())/approve"
            let refused = try await secretary.post(approve, form: [:], tokenFrom: "/staff/decisions")
            #expect(refused.status == .conflict)
            #expect(
                PublicAnswerOnlyTests.text(refused).contains(
                    "Leeds Place Committee keeps its meetings in Heard, and none is recorded on 10 November 2026."),
                "\(refused.body)")
            // Cancelled that day: still refused, saying so.
            let cancelled = Meeting(
                boardID: board.id!, heldOn: SimpleDate(year: 2026, month: 11, day: 10), startsAt: nil,
                place: "Civic Hall")
            cancelled.status = .cancelled
            try await cancelled.create(on: app.db)
            let stillRefused = try await secretary.post(approve, form: [:], tokenFrom: "/staff/decisions")
            #expect(stillRefused.status == .conflict)
            #expect(stillRefused.body.contains("is recorded as cancelled"), "\(stillRefused.body)")
            #expect(try await Decision.find(decision.id, on: app.db)?.isApproved == false)
            // Held that day: approved.
            cancelled.status = .held
            try await cancelled.update(on: app.db)
            try await Self.approve(decision, secretary)
            #expect(try await Decision.find(decision.id, on: app.db)?.isApproved == true)
        }
    }

    static func expectOnlyTheAnswer(_ decision: Decision, app: TestApp, staff: TestBrowser) async throws {
        let published = try await Self.published(decision, app: app, staff: staff)
        let quorate = try #require(published.page.range(of: "Quorate for this item"))
        #expect(published.page[quorate.upperBound...].prefix(80).contains("Yes"))
        #expect(!published.page.contains("voting members present"))
        #expect(published.staff.contains("Quorate for this item: Yes."))
        #expect(published.api["quorate"] as? Bool == true)
        #expect(published.api["quorum_voting_present"] is NSNull)
        #expect(published.api["quorum_required"] is NSNull)
        #expect(published.cell("quorate") == "yes")
        #expect(published.cell("quorum_voting_present") == "")
        #expect(published.cell("quorum_required") == "")
    }
}
