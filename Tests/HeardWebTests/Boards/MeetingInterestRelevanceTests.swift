import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing
import Vapor

@testable import HeardWeb

/// A member's declared interest judged per item: the secretary records that it is not relevant to an item, so
/// no chair's action is asked for there, the member counts towards its quorum, and the minutes and API say so.
@Suite("Boards: meetings, an interest not relevant to an item")
struct MeetingInterestRelevanceTests {
    @Test(
        "an interest recorded as not relevant to an item needs no action there, counts towards its quorum and is minuted",
        arguments: TestDatabase.all)
    func notRelevantToAnItem(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(MeetingsTests.today)
            let secretary = try await app.signedInBrowser(.boardSecretary)
            let board = try await MeetingsTests.committee(quorum: 3, on: app.db)
            let boardID = board.id!.uuidString.lowercased()
            let decision = try await BoardsTests.decisionReadyForApproval(
                meetingOn: SimpleDate(year: 2026, month: 11, day: 10),
                membersPresent: "Dr Khan; Sarah Whitaker; David Okafor", on: app.db)
            let (meeting, path) = try await MeetingsTests.plan(
                board, on: "2026-11-10", secretary: secretary, db: app.db)
            let meetingID = meeting.id!.uuidString.lowercased()
            #expect(
                try await secretary.post(
                    path + "/items", form: ["decision_id": decision.id!.uuidString.lowercased()], tokenFrom: path
                ).status == .seeOther)
            #expect(
                try await secretary.post(
                    path + "/items", form: ["title": "Questions from the public"], tokenFrom: path
                ).status == .seeOther)
            let items = try await MeetingItem.query(on: app.db).sort(\.$position).all()
            let members = try await BoardMember.query(on: app.db).all()
            func id(_ name: String) -> UUID { members.first { $0.name == name }!.id! }
            let khan = id("Dr Amir Khan")
            let attendance = [
                MeetingsController.attendanceField(khan): "present",
                MeetingsController.attendanceField(id("Sarah Whitaker")): "present",
                MeetingsController.attendanceField(id("David Okafor")): "present",
            ]
            #expect(
                try await secretary.post(path + "/attendance", form: attendance, tokenFrom: path).status == .seeOther)
            #expect(
                try await secretary.post(
                    path, form: ["held_on": "2026-11-10", "starts_at": "18:00", "place": "Online", "status": "held"],
                    tokenFrom: path
                ).status == .seeOther)

            // Before anything is recorded, Dr Khan is conflicted on both items.
            let before = try await secretary.get(path)
            #expect(before.body.components(separatedBy: "With a declared interest: Dr Amir Khan.").count == 3)
            #expect(before.body.contains("Interest not relevant to this item</option>"), "the choice is offered")

            // He leaves for the decision; his GP practice has nothing to do with the public's questions.
            let onDecision = MeetingsController.actionField(items[0].id!, khan)
            let onQuestions = MeetingsController.actionField(items[1].id!, khan)
            #expect(
                try await secretary.post(
                    path + "/declarations", form: [onDecision: "leave", onQuestions: "not relevant"], tokenFrom: path
                ).status == .seeOther)
            let stored = try await MeetingDeclaration.query(on: app.db).filter(\.$item.$id == items[1].id!).all()
            #expect(stored.map(\.chairAction) == [.notRelevant])
            let audit = try #require(
                try await AuditEvent.query(on: app.db).filter(\.$action == "meeting.declarations_recorded").first())
            #expect(audit.changes.contains("not relevant"))

            let page = try await secretary.get(path)
            #expect(
                page.body.contains(
                    "Interest not relevant to this item: Dr Amir Khan. No action is needed for them on it, and they count towards the quorum."
                ))
            #expect(
                page.body.components(separatedBy: "With a declared interest: Dr Amir Khan.").count == 2,
                "only the decision item still lists him as conflicted")
            #expect(page.body.contains("Quorate: 3 voting members decide it (quorum 3)."), "he counts on the questions")
            #expect(page.body.contains("value=\"not relevant\" selected"), "the choice is shown as recorded")

            // Nothing more is asked for: the minutes are approved.
            let minutesPath = path + "/minutes"
            let approved = try await secretary.post(minutesPath + "/approve", form: [:], tokenFrom: minutesPath)
            #expect(approved.status == .seeOther)
            #expect(try await Meeting.find(meeting.id, on: app.db)?.minutesApproved == true)

            // The minutes say so plainly, and count him deciding the questions.
            let visitor = app.browser()
            let text = try await visitor.get("/boards/\(boardID)/meetings/\(meetingID)/minutes.txt").body
            #expect(text.contains("  Item 2 (Extended hours): leave\n"))
            #expect(text.contains("  Item 3 (Questions from the public): interest not relevant to this item\n"))
            #expect(
                text.contains(
                    "3. Questions from the public\nThe meeting was quorate for this item, with 3 voting members deciding it against a quorum of 3.\n"
                ), "\(text)")
            #expect(
                text.contains(
                    "The decision record says the meeting was quorate for this item, but counted from the attendance only 2 voting members decided it against a quorum of 3."
                ))

            // The API gives the same, as text and as data, and the OpenAPI document describes it.
            let body = try MeetingsTests.json(try await visitor.get("/api/v1/meetings/\(meetingID)").body)
            let minutes = try #require(body["minutes"] as? [String: Any])
            let declaration = try #require((minutes["declarations"] as? [[String: Any]])?.first)
            #expect(
                declaration["actions"] as? [String] == [
                    "Item 2 (Extended hours): leave",
                    "Item 3 (Questions from the public): interest not relevant to this item",
                ])
            let rows = try #require(declaration["chair_actions"] as? [[String: Any]])
            #expect(rows.map { $0["item"] as? Int } == [2, 3])
            #expect(rows.map { $0["action"] as? String } == ["leave", "not relevant"])
            let document = try MeetingsTests.json(try await visitor.get("/api/openapi.json").body)
            let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
            let declarations = try #require(
                ((schemas["Minutes"] as? [String: Any])?["properties"] as? [String: Any])?["declarations"]
                    as? [String: Any])
            let declarationSchema = try #require(declarations["items"] as? [String: Any])
            #expect(
                Set(try #require(declarationSchema["properties"] as? [String: Any]).keys) == Set(declaration.keys))
            let rowSchema = try #require(
                ((declarationSchema["properties"] as? [String: Any])?["chair_actions"] as? [String: Any])?["items"]
                    as? [String: Any])
            let rowProperties = try #require(rowSchema["properties"] as? [String: Any])
            #expect(Set(rowProperties.keys) == Set(rows[0].keys))
            let actionSchema = try #require(rowProperties["action"] as? [String: Any])
            #expect(Set(actionSchema["enum"] as? [String] ?? []) == Set(ChairAction.allCases.map(\.rawValue)))
        }
    }

    @Test(
        "without a choice for every item the minutes are still refused, naming the item left open",
        arguments: TestDatabase.all)
    func stillAskedWhereNotJudged(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(MeetingsTests.today)
            let secretary = try await app.signedInBrowser(.boardSecretary)
            let board = try await MeetingsTests.committee(quorum: nil, on: app.db)
            let (_, path) = try await MeetingsTests.plan(board, on: "2026-11-10", secretary: secretary, db: app.db)
            for title in ["Winter plan", "Questions from the public"] {
                #expect(
                    try await secretary.post(path + "/items", form: ["title": title], tokenFrom: path).status
                        == .seeOther)
            }
            let items = try await MeetingItem.query(on: app.db).sort(\.$position).all()
            let khan = try #require(try await BoardMember.query(on: app.db).filter(\.$name == "Dr Amir Khan").first())
            #expect(
                try await secretary.post(
                    path, form: ["held_on": "2026-11-10", "starts_at": "", "place": "Online", "status": "held"],
                    tokenFrom: path
                ).status == .seeOther)
            #expect(
                try await secretary.post(
                    path + "/attendance", form: [MeetingsController.attendanceField(khan.id!): "present"],
                    tokenFrom: path
                ).status == .seeOther)
            #expect(
                try await secretary.post(
                    path + "/declarations",
                    form: [MeetingsController.actionField(items[1].id!, khan.id!): "not relevant"], tokenFrom: path
                ).status == .seeOther)
            let minutesPath = path + "/minutes"
            let refused = try await secretary.post(minutesPath + "/approve", form: [:], tokenFrom: minutesPath)
            #expect(refused.status == .conflict)
            #expect(refused.body.contains("Dr Amir Khan (item 2)"))
            #expect(refused.body.contains("or that their interest is not relevant to the item, for every item"))
            #expect(!refused.body.contains("Dr Amir Khan (item 3)"), "not asked where his interest is not relevant")
            // The draft minutes' quorum line, with no quorum set, is one plain sentence.
            #expect(
                try await secretary.get(minutesPath).body.contains(
                    "The board has no quorum set, and 1 voting member decided this item."))
        }
    }
}
