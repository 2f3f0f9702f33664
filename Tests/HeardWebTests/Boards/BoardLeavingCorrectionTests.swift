import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// A leaving recorded wrongly (the wrong date, or the wrong member) is corrected by the board secretary with a
/// reason, audited like the leaving itself, guarded against stale forms, and followed by the quorum check.
@Suite("Board members: correcting a leaving recorded wrongly")
struct BoardLeavingCorrectionTests {
    static let today = SimpleDate(year: 2026, month: 12, day: 5)

    /// Dr Amir Khan, appointed on 1 October 2026, recorded as leaving on 1 November 2026.
    static func leftOnFirstNovember(secretary: TestBrowser, on db: any Database) async throws -> BoardFixtures.Seated {
        let seated = try await BoardFixtures.qualityCommitteeWithGP(
            appointedOn: "2026-10-01", secretary: secretary, on: db)
        let left = try await secretary.post(
            seated.memberPath + "/leave", form: ["left_on": "2026-11-01"], tokenFrom: seated.memberPath)
        #expect(left.status == .seeOther)
        return seated
    }

    static func leftOn(_ seated: BoardFixtures.Seated, _ db: any Database) async throws -> String? {
        try #require(try await BoardMember.find(seated.member.id, on: db)).leftOn
    }

    @Test(
        "a secretary corrects the leaving date, with a reason; impossible dates and a missing reason are refused",
        arguments: TestDatabase.all)
    func correctTheDate(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(Self.today)
            let secretary = try await app.signedInBrowser(.boardSecretary)
            let seated = try await Self.leftOnFirstNovember(secretary: secretary, on: app.db)
            let path = seated.memberPath
            let page = try await secretary.get(path)
            #expect(page.body.contains("Correct their leaving"))
            #expect(page.body.contains("Recorded as leaving on 1 November 2026."))
            #expect(page.body.contains("value=\"2026-11-01\""), "the date form starts at the recorded date")
            #expect(!page.body.contains("Record that they left"), "they have left: no second leaving")
            let version = try ConcurrentEditTests.version(page)
            let reason = "The minutes show he stood down at the November meeting, on the 20th."

            func correct(_ form: [String: String]) async throws -> TestBrowser.Page {
                try await secretary.post(
                    path + "/leave/date",
                    form: ["left_on": "2026-11-20", "left_on_reason": reason, EditVersion.fieldName: version]
                        .merging(form) { $1 }, tokenFrom: path)
            }
            let noReason = try await correct(["left_on_reason": "  "])
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.body.contains("Say why the leaving date is being corrected"))
            #expect(noReason.body.contains("value=\"2026-11-20\""), "the typed date is kept")
            #expect(noReason.body.contains("There is a problem"), "said in the error summary")
            let placeholder = try await correct(["left_on_reason": "tbc"])
            #expect(placeholder.body.contains("\"tbc\" is a placeholder, not an answer."))
            let beforeAppointment = try await correct(["left_on": "2026-09-30"])
            #expect(beforeAppointment.status == .unprocessableEntity)
            #expect(beforeAppointment.body.contains("They cannot leave before they were appointed (1 October 2026)."))
            #expect(beforeAppointment.body.contains("stood down at the November meeting"), "the typed reason is kept")
            let future = try await correct(["left_on": "2026-12-06"])
            #expect(future.body.contains("The leaving date cannot be in the future"))
            let notADate = try await correct(["left_on": "2026-11-31"])
            #expect(notADate.body.contains("is not a real date"))
            let unchanged = try await correct(["left_on": "2026-11-01"])
            #expect(unchanged.body.contains("They are already recorded as leaving on 1 November 2026."))
            #expect(try await Self.leftOn(seated, app.db) == "2026-11-01", "nothing refused is saved")
            #expect(
                try await AuditEvent.query(on: app.db).filter(\.$action == "board.member_leaving_corrected").count()
                    == 0)

            let corrected = try await correct([:])
            #expect(corrected.status == .seeOther)
            #expect(try await Self.leftOn(seated, app.db) == "2026-11-20")
            let audit = try #require(
                try await AuditEvent.query(on: app.db).filter(\.$action == "board.member_leaving_corrected").first())
            #expect(audit.objectID == seated.member.id!.uuidString)
            #expect(
                AuditLog.decodeChanges(audit.changes) == [FieldChange("left_on", from: "2026-11-01", to: "2026-11-20")])
            #expect(
                audit.summary
                    == "Corrected the day Dr Amir Khan left Quality Committee from 1 November 2026 to 20 November 2026. Why: \(reason)"
            )
            let after = try await secretary.get(path)
            #expect(after.body.contains("Corrected: Dr Amir Khan left Quality Committee on 20 November 2026."))
            #expect(after.body.contains("Left on 20 November 2026"))
            #expect(try await secretary.get(seated.boardPath).body.contains("left 20 November 2026"))
            let publicPage = try await app.browser().get("/boards/\(seated.board.id!.uuidString.lowercased())")
            #expect(publicPage.body.contains("20 November 2026"), "the public register follows the corrected date")
        }
    }

    @Test(
        "a leaving recorded by mistake is cancelled, with a reason: they sit on the board again",
        arguments: TestDatabase.all)
    func cancelTheLeaving(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(Self.today)
            let secretary = try await app.signedInBrowser(.boardSecretary)
            let seated = try await Self.leftOnFirstNovember(secretary: secretary, on: app.db)
            let path = seated.memberPath
            let before = try await secretary.get(seated.boardPath)
            #expect(before.body.contains("Former members") && before.body.contains("Nobody yet."))
            let version = try ConcurrentEditTests.version(try await secretary.get(path))
            let noReason = try await secretary.post(
                path + "/leave/cancel", form: ["not_left_reason": "", EditVersion.fieldName: version], tokenFrom: path)
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.body.contains("Say why the leaving was recorded by mistake"))
            #expect(try await Self.leftOn(seated, app.db) == "2026-11-01")

            let reason = "Recorded against the wrong member: it was Dr Amira Khan who stood down."
            let cancelled = try await secretary.post(
                path + "/leave/cancel", form: ["not_left_reason": reason, EditVersion.fieldName: version],
                tokenFrom: path)
            #expect(cancelled.status == .seeOther)
            #expect(try await Self.leftOn(seated, app.db) == nil)
            let audit = try #require(
                try await AuditEvent.query(on: app.db).filter(\.$action == "board.member_leaving_cancelled").first())
            #expect(AuditLog.decodeChanges(audit.changes) == [FieldChange("left_on", from: "2026-11-01", to: nil)])
            #expect(audit.summary.hasSuffix("Why: \(reason)"))
            let page = try await secretary.get(path)
            #expect(page.body.contains("Cancelled: Dr Amir Khan has not left Quality Committee."))
            #expect(page.body.contains("Record that they left"), "they can be recorded as leaving again")
            #expect(!page.body.contains("Correct their leaving"))
            let board = try await secretary.get(seated.boardPath)
            #expect(!board.body.contains("Former members"))
            #expect(board.body.contains("1 member, 1 with a vote"), "they count again")

            // A cancelled leaving sent again from the same page has nothing to cancel: the colleague's change is
            // named, nothing is saved twice.
            let again = try await secretary.post(
                path + "/leave/cancel", form: ["not_left_reason": reason, EditVersion.fieldName: version],
                tokenFrom: path)
            #expect(again.status == .conflict)
            #expect(again.body.contains("is no longer recorded as having left, so there is no leaving to correct"))
            #expect(
                try await AuditEvent.query(on: app.db).filter(\.$action == "board.member_leaving_cancelled").count()
                    == 1)
        }
    }

    @Test(
        "a member who left and was added again cannot have the first leaving cancelled, or moved past the return",
        arguments: TestDatabase.all)
    func addedAgain(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(Self.today)
            let secretary = try await app.signedInBrowser(.boardSecretary)
            let seated = try await Self.leftOnFirstNovember(secretary: secretary, on: app.db)
            let rejoined = try await secretary.post(
                seated.boardPath + "/members",
                form: ["name": "Dr Amir Khan", "role": "Chair", "votes": "yes", "appointed_on": "2026-11-15"],
                tokenFrom: seated.boardPath)
            #expect(rejoined.status == .seeOther)
            let path = seated.memberPath
            let version = try ConcurrentEditTests.version(try await secretary.get(path))
            let cancel = try await secretary.post(
                path + "/leave/cancel",
                form: ["not_left_reason": "Recorded by mistake.", EditVersion.fieldName: version], tokenFrom: path)
            #expect(cancel.status == .unprocessableEntity)
            #expect(cancel.body.contains("Dr Amir Khan was added to the board again on 15 November 2026"))
            let past = try await secretary.post(
                path + "/leave/date",
                form: [
                    "left_on": "2026-11-20", "left_on_reason": "Stood down later than recorded.",
                    EditVersion.fieldName: version,
                ], tokenFrom: path)
            #expect(past.status == .unprocessableEntity)
            #expect(past.body.contains("so they left by then."))
            #expect(try await Self.leftOn(seated, app.db) == "2026-11-01")
            let sameDay = try await secretary.post(
                path + "/leave/date",
                form: [
                    "left_on": "2026-11-15", "left_on_reason": "Stood down on the day he became chair.",
                    EditVersion.fieldName: version,
                ], tokenFrom: path)
            #expect(sameDay.status == .seeOther)
            #expect(try await Self.leftOn(seated, app.db) == "2026-11-15")
        }
    }

    @Test(
        "a correction from a form opened before a colleague's is refused with what was typed kept; other roles cannot",
        arguments: TestDatabase.all)
    func staleFormsAndRoles(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(Self.today)
            let secretary = try await app.signedInBrowser(.boardSecretary)
            let admin = try await app.signedInBrowser(.administrator)
            let seated = try await Self.leftOnFirstNovember(secretary: secretary, on: app.db)
            let path = seated.memberPath
            let adminVersion = try ConcurrentEditTests.version(try await admin.get(path))
            let secretaryVersion = try ConcurrentEditTests.version(try await secretary.get(path))
            #expect(adminVersion == secretaryVersion)
            let corrected = try await secretary.post(
                path + "/leave/date",
                form: [
                    "left_on": "2026-11-20", "left_on_reason": "The minutes say the 20th.",
                    EditVersion.fieldName: secretaryVersion,
                ], tokenFrom: path)
            #expect(corrected.status == .seeOther)

            let adminForm = [
                "left_on": "2026-10-15", "left_on_reason": "His resignation letter is dated 15 October.",
                EditVersion.fieldName: adminVersion,
            ]
            // Refused for another reason first: the form keeps the version it was opened with.
            let noReason = try await admin.post(
                path + "/leave/date", form: adminForm.merging(["left_on_reason": ""]) { $1 }, tokenFrom: path)
            #expect(noReason.status == .unprocessableEntity)
            #expect(try ConcurrentEditTests.version(noReason) == adminVersion, "a refused form keeps its version")
            let stale = try await admin.post(path + "/leave/date", form: adminForm, tokenFrom: path)
            #expect(stale.status == .conflict)
            #expect(stale.body.contains("Board secretary Tester changed this board member on"), "\(stale.body)")
            #expect(stale.body.contains("so your changes were not saved"))
            #expect(stale.body.contains("value=\"2026-10-15\""), "the typed date is kept")
            #expect(stale.body.contains("His resignation letter is dated 15 October."), "the typed reason is kept")
            #expect(stale.body.contains("Recorded as leaving on 20 November 2026."), "the page shows it as now")
            #expect(try await Self.leftOn(seated, app.db) == "2026-11-20")

            // Cancelling from the old form is refused alike.
            let staleCancel = try await admin.post(
                path + "/leave/cancel",
                form: ["not_left_reason": "Recorded against the wrong member.", EditVersion.fieldName: adminVersion],
                tokenFrom: path)
            #expect(staleCancel.status == .conflict)
            #expect(staleCancel.body.contains("Recorded against the wrong member."), "the typed reason is kept")
            #expect(try await Self.leftOn(seated, app.db) == "2026-11-20")

            // Saved again knowing of the other correction, it is kept.
            let again = try await admin.post(
                path + "/leave/date",
                form: adminForm.merging([EditVersion.fieldName: try ConcurrentEditTests.version(stale)]) { $1 },
                tokenFrom: path)
            #expect(again.status == .seeOther)
            #expect(try await Self.leftOn(seated, app.db) == "2026-10-15")
            #expect(
                try await AuditEvent.query(on: app.db).filter(\.$action == "board.member_leaving_corrected").count()
                    == 2)

            // Only those who may record a leaving may correct it.
            let officer = try await app.signedInBrowser(.engagementOfficer)
            #expect(try await officer.get(path).status == .forbidden)
            for (action, form) in [
                ("/leave/date", ["left_on": "2026-11-01", "left_on_reason": "Wrong date recorded."]),
                ("/leave/cancel", ["not_left_reason": "Recorded by mistake."]),
            ] {
                let refused = try await officer.post(path + action, form: form, tokenFrom: "/staff")
                #expect(refused.status == .forbidden, "\(action)")
                #expect(refused.body.contains("cannot use this page"), "\(action)")
            }
            #expect(try await Self.leftOn(seated, app.db) == "2026-10-15")
        }
    }

    @Test(
        "the quorum of a decision not yet approved follows the corrected leaving; an approved one keeps its record",
        arguments: TestDatabase.all)
    func quorumFollowsTheCorrection(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(BoardQuorumTests.today)
            let secretary = try await app.signedInBrowser(.boardSecretary)
            let board = try await BoardQuorumTests.committee(on: app.db)
            board.quorum = 2
            try await board.update(on: app.db)
            let boardPath = "/staff/boards/\(board.id!.uuidString.lowercased())"
            let okafor = try #require(
                try await BoardMember.query(on: app.db).filter(\.$name == "David Okafor").first())
            let path = boardPath + "/members/\(okafor.id!.uuidString.lowercased())"
            // Recorded as leaving before the meeting of 10 November, by mistake.
            #expect(
                try await secretary.post(path + "/leave", form: ["left_on": "2026-11-01"], tokenFrom: path).status
                    == .seeOther)
            let decision = try await BoardsTests.decisionReadyForApproval(
                meetingOn: SimpleDate(year: 2026, month: 11, day: 10),
                membersPresent: "Dr Khan; Sarah Whitaker; David Okafor; Gwen Lister", on: app.db)
            decision.declarations =
                "Dr Khan: shares in a local provider (financial). The chair asked him to leave for the item."
            decision.quorate = nil
            try await decision.update(on: app.db)
            let approve = "/staff/decisions/\(decision.id!.uuidString.lowercased())/approve"
            let refused = try await secretary.post(approve, form: [:], tokenFrom: "/staff/decisions")
            #expect(refused.status == .conflict)
            #expect(
                refused.body.contains("only 1 was counted present for this item (Sarah Whitaker)"), "\(refused.body)")

            // He stood down after the meeting: corrected, he counts at it.
            let corrected = try await secretary.post(
                path + "/leave/date",
                form: [
                    "left_on": "2026-11-15", "left_on_reason": "He stood down after the November meeting.",
                    EditVersion.fieldName: try ConcurrentEditTests.version(try await secretary.get(path)),
                ], tokenFrom: path)
            #expect(corrected.status == .seeOther)
            let approved = try await secretary.post(approve, form: [:], tokenFrom: "/staff/decisions")
            #expect(approved.status == .seeOther)
            let record = try #require(try await Decision.find(decision.id, on: app.db))
            #expect(record.isApproved)

            // Corrected back afterwards: the approved decision is not reopened or rewritten.
            let back = try await secretary.post(
                path + "/leave/date",
                form: [
                    "left_on": "2026-11-01", "left_on_reason": "His letter of resignation was dated 1 November.",
                    EditVersion.fieldName: try ConcurrentEditTests.version(try await secretary.get(path)),
                ], tokenFrom: path)
            #expect(back.status == .seeOther)
            let kept = try #require(try await Decision.find(decision.id, on: app.db))
            #expect(kept.isApproved && kept.approvedAt == record.approvedAt && kept.approvedBy == record.approvedBy)
            #expect(kept.membersPresent == record.membersPresent && kept.declarations == record.declarations)
        }
    }
}
