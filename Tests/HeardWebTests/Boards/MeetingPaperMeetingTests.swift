import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing
import Vapor

@testable import HeardWeb

/// "Put this meeting on the decision paper": a decision item whose paper names another meeting or date is
/// corrected from the meeting page, audited as a paper edit; an approved paper, or a date the Gunning check
/// refuses, is not changed.
@Suite("Boards: meetings, putting the meeting on a decision paper")
struct MeetingPaperMeetingTests {
    static func action(_ path: String, _ item: MeetingItem) -> String {
        path + "/items/\(item.id!.uuidString.lowercased())/paper-meeting"
    }

    @Test(
        "the secretary puts the meeting on a paper that names another meeting; audited, and only for those who keep the boards",
        arguments: TestDatabase.all)
    func putsTheMeetingOnThePaper(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(MeetingsTests.today)
            let secretary = try await app.signedInBrowser(.boardSecretary)
            let board = try await MeetingsTests.committee(quorum: nil, on: app.db)
            let decision = try await BoardsTests.decisionReadyForApproval(
                meetingOn: SimpleDate(year: 2026, month: 11, day: 27), membersPresent: "Dr Khan", on: app.db)
            let (_, path) = try await MeetingsTests.plan(board, on: "2026-11-27", secretary: secretary, db: app.db)
            #expect(
                try await secretary.post(
                    path + "/items", form: ["decision_id": decision.id!.uuidString.lowercased()], tokenFrom: path
                ).status == .seeOther)
            let item = try #require(try await MeetingItem.query(on: app.db).first())
            #expect(!(try await secretary.get(path).body.contains("Put this meeting on the decision paper")))

            // The paper is changed to another meeting and day.
            decision.meeting = "Quality Committee"
            decision.meetingOn = "2026-12-04"
            try await decision.update(on: app.db)
            let warned = try await secretary.get(path)
            #expect(warned.body.contains("The decision paper says \"Quality Committee\" on 4 December 2026"))
            #expect(warned.body.contains("Put this meeting on the decision paper"))
            #expect(warned.body.contains("action=\"\(Self.action(path, item))\""))

            // Without the form's token, and by someone who does not keep the boards: refused, nothing changed.
            #expect(try await secretary.post(Self.action(path, item), form: [:], withToken: false).status == .forbidden)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            #expect(
                try await officer.post(Self.action(path, item), form: [:], tokenFrom: "/staff").status == .forbidden)
            #expect(try await Decision.find(decision.id, on: app.db)?.meeting == "Quality Committee")

            let put = try await secretary.post(Self.action(path, item), form: [:], tokenFrom: path)
            #expect(put.status == .seeOther)
            #expect(put.location == path)
            let changed = try #require(try await Decision.find(decision.id, on: app.db))
            #expect(changed.meeting == "Leeds Place Committee")
            #expect(changed.meetingOn == "2026-11-27")
            let after = try await secretary.get(path)
            #expect(
                after.body.contains(
                    "The decision paper for Extended hours now names Leeds Place Committee on 27 November 2026."))
            #expect(!after.body.contains("Check the decision paper"))
            let audit = try #require(
                try await AuditEvent.query(on: app.db).filter(\.$action == "decision.updated")
                    .filter(\.$objectID == decision.id!.uuidString).first())
            #expect(audit.changes.contains("Quality Committee") && audit.changes.contains("2026-12-04"))
            #expect(audit.changes.contains("2026-11-27"))

            // Again: nothing to change, nothing written.
            let again = try await secretary.post(Self.action(path, item), form: [:], tokenFrom: path)
            #expect(again.status == .seeOther)
            #expect(try await secretary.get(path).body.contains("The decision paper already names this meeting."))
            #expect(
                try await AuditEvent.query(on: app.db).filter(\.$action == "decision.updated")
                    .filter(\.$objectID == decision.id!.uuidString).count() == 1)
        }
    }

    @Test(
        "an approved paper is not rewritten, and says what to do instead",
        arguments: TestDatabase.all)
    func approvedPaperStands(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(MeetingsTests.today)
            let secretary = try await app.signedInBrowser(.boardSecretary)
            let board = try await MeetingsTests.committee(quorum: nil, on: app.db)
            let decision = try await BoardsTests.decisionReadyForApproval(
                meetingOn: SimpleDate(year: 2026, month: 11, day: 10), membersPresent: "Dr Khan", on: app.db)
            let (_, path) = try await MeetingsTests.plan(board, on: "2026-11-10", secretary: secretary, db: app.db)
            #expect(
                try await secretary.post(
                    path + "/items", form: ["decision_id": decision.id!.uuidString.lowercased()], tokenFrom: path
                ).status == .seeOther)
            let item = try #require(try await MeetingItem.query(on: app.db).first())
            decision.meetingOn = "2026-11-03"
            decision.status = "approved"
            try await decision.update(on: app.db)

            let page = try await secretary.get(path)
            #expect(page.body.contains("The decision is approved and published, so its paper cannot be changed."))
            #expect(!page.body.contains("Put this meeting on the decision paper"), "no button that cannot work")
            let refused = try await secretary.post(Self.action(path, item), form: [:], tokenFrom: path)
            #expect(refused.status == .unprocessableEntity)
            #expect(
                refused.body.contains(
                    "Extended hours is approved and published, so its decision paper cannot be changed: it says the decision was taken at \"Leeds Place Committee\" on 3 November 2026. If it was, take the item off this agenda; if it was taken at this meeting, say so in the item&#39;s notes for the minutes."
                ) || refused.body.contains("say so in the item's notes for the minutes."), "\(refused.body)")
            #expect(
                refused.body.contains("href=\"#field-\(MeetingsController.paperMeetingField(item.id!))\""),
                "the error summary links to the warning")
            #expect(try await Decision.find(decision.id, on: app.db)?.meetingOn == "2026-11-03")
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "decision.updated").count() == 0)
        }
    }

    @Test(
        "a meeting on or before the consultation's close is not put on the paper (Gunning)",
        arguments: TestDatabase.all)
    func gunningRefuses(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(EIABeforeOpeningWebTests.setUpOn)
            let secretary = try await app.signedInBrowser(.boardSecretary)
            let board = try await MeetingsTests.committee(quorum: nil, on: app.db)
            let (_, _, decision) = try await EIABeforeOpeningWebTests.consultation(on: app.db)
            // On the agenda of a meeting before the consultation closes (as before the check existed).
            let (meeting, path) = try await MeetingsTests.plan(
                board, on: "2027-04-15", secretary: secretary, db: app.db)
            let item = MeetingItem(
                meetingID: meeting.id!, position: 1, title: decision.title, paper: "", decisionID: decision.id)
            try await item.create(on: app.db)
            let paperDay = decision.meetingOn
            #expect(paperDay != "2027-04-15")
            #expect(try await secretary.get(path).body.contains("Put this meeting on the decision paper"))

            let refused = try await secretary.post(Self.action(path, item), form: [:], tokenFrom: path)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("This meeting cannot go on the decision paper."))
            #expect(
                refused.body.contains("The meeting on 15 April 2027 is before the consultation closes on 2 May 2027."))
            #expect(try await Decision.find(decision.id, on: app.db)?.meetingOn == paperDay)
        }
    }
}
