import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// The audit log says what changed on a decision paper, field by field: who was present and the meeting as
/// much as the title or the outcome, and a save that changes nothing adds no entry.
@Suite("Decisions: the paper's audit trail")
struct DecisionPaperAuditTests {
    static func changes(_ event: AuditEvent) -> [String: FieldChange] {
        Dictionary(uniqueKeysWithValues: AuditLog.decodeChanges(event.changes).map { ($0.field, $0) })
    }

    @Test(
        "creating a paper records the meeting and members present; changing either records from and to; an unchanged save records nothing",
        arguments: TestDatabase.all)
    func meetingAndMembersPresent(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(PlausibleRecordsTests.today)
            let initiative = try await PlausibleRecordsTests.initiative(on: app.db)
            let secretary = try await app.signedInBrowser(.boardSecretary)
            let paperPath = DecisionURL.decisionForm(initiative.id!)
            var paper = [
                "title": "Decision: stroke rehabilitation", "meeting": "ICB board", "meeting_on": "2027-01-14",
                "members_present": "Chair; CEO", "declarations": "", "outcome": "Option A is agreed.",
            ]
            func events() async throws -> [AuditEvent] {
                try await AuditEvent.query(on: app.db).filter(\.$objectType == "decision").sort(\.$occurredAt).all()
            }

            #expect(try await secretary.post(paperPath, form: paper, tokenFrom: paperPath).status == .seeOther)
            let created = try #require(try await events().last)
            #expect(created.action == "decision.created")
            let first = Self.changes(created)
            #expect(first["meeting"] == FieldChange("meeting", from: nil, to: "ICB board"))
            #expect(first["members_present"] == FieldChange("members_present", from: nil, to: "Chair; CEO"))

            paper["members_present"] = "Chair; CEO; Director of Nursing"
            #expect(try await secretary.post(paperPath, form: paper, tokenFrom: paperPath).status == .seeOther)
            let present = try #require(try await events().last)
            #expect(present.action == "decision.updated")
            #expect(
                Self.changes(present) == [
                    "members_present": FieldChange(
                        "members_present", from: "Chair; CEO", to: "Chair; CEO; Director of Nursing")
                ])

            paper["meeting"] = "ICB board meeting in public"
            #expect(try await secretary.post(paperPath, form: paper, tokenFrom: paperPath).status == .seeOther)
            let meeting = try #require(try await events().last)
            #expect(
                Self.changes(meeting) == [
                    "meeting": FieldChange("meeting", from: "ICB board", to: "ICB board meeting in public")
                ])
            #expect(try await events().count == 3)

            // Saved again as it is: no entry, and the secretary is told nothing changed.
            let unchanged = try await secretary.post(paperPath, form: paper, tokenFrom: paperPath)
            #expect(unchanged.status == .seeOther)
            #expect(try await events().count == 3)
            #expect(try await secretary.get(paperPath).body.contains("Nothing changed."))
            let stored = try #require(try await Decision.query(on: app.db).first())
            #expect(stored.meeting == "ICB board meeting in public")
            #expect(stored.membersPresent == "Chair; CEO; Director of Nursing")
        }
    }
}
