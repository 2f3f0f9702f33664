import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing
import Vapor

@testable import HeardWeb

/// Two boards whose names share a beginning: each board's page and each member's own page show that board's
/// decisions only. A decision on a meeting's agenda belongs to that meeting's board.
@Suite("Boards: which board a decision belongs to")
struct DecisionBoardsTests {
    static let committee = "Leeds Place Committee"
    static let subGroup = "Leeds Place Committee Finance Sub-group"

    static func decision(
        _ title: String, meeting: String, on day: SimpleDate, approved: Bool, db: any Database
    ) async throws -> Decision {
        let initiative = Initiative(
            title: title, what: "Change it", why: "Money", affectsServices: false, substantialVariation: false,
            decisionBody: meeting, targetDate: nil)
        try await initiative.create(on: db)
        let decision = Decision(
            initiativeID: initiative.id!, title: title, meeting: meeting, meetingOn: day,
            membersPresent: approved ? "Farah Begum" : "", declarations: approved ? "None." : "",
            outcome: approved ? "Agreed." : "", quorate: approved ? true : nil)
        if approved { decision.status = "approved" }
        try await decision.create(on: db)
        return decision
    }

    @Test(
        "a board's pages show its own decisions, not those of a board whose name starts with its own",
        arguments: TestDatabase.all)
    func sharedPrefix(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let today = SimpleDate(year: 2026, month: 12, day: 4)
            app.app.decisionClock = .fixed(today)
            let person = try await app.signedInBrowser(.involvedPerson)
            let account = try #require(try await User.query(on: app.db).filter(\.$role == .involvedPerson).first())
            let committee = Board(name: Self.committee, purpose: "Decides how NHS money for Leeds is spent.")
            try await committee.create(on: app.db)
            let subGroup = Board(name: Self.subGroup, purpose: "Looks at the committee's budget.")
            try await subGroup.create(on: app.db)
            let member = BoardMember(
                boardID: subGroup.id!, name: "Farah Begum", role: "Lay member", votes: true, livedExperience: true,
                appointedOn: SimpleDate(year: 2026, month: 1, day: 5))
            member.$account.id = account.id
            try await member.create(on: app.db)

            let past = SimpleDate(year: 2026, month: 11, day: 10)
            let coming = SimpleDate(year: 2026, month: 12, day: 16)
            _ = try await Self.decision(
                "Decision: evening GP appointments", meeting: "Leeds Place Committee meeting in public", on: past,
                approved: true, db: app.db)
            _ = try await Self.decision(
                "Decision: budget for 2027", meeting: "Leeds Place Committee Finance Sub-group, 10 November 2026",
                on: past, approved: true, db: app.db)
            // Its paper names the sub-group, but it was taken at a meeting of the committee: the committee's.
            let linked = try await Self.decision(
                "Decision: savings plan", meeting: Self.subGroup, on: past, approved: true, db: app.db)
            let meeting = Meeting(boardID: committee.id!, heldOn: past, startsAt: nil, place: "Online")
            try await meeting.create(on: app.db)
            try await MeetingItem(
                meetingID: meeting.id!, position: 1, title: linked.title, paper: "", decisionID: linked.id
            ).create(on: app.db)
            _ = try await Self.decision(
                "Decision: community diagnostic hub", meeting: Self.committee, on: coming, approved: false, db: app.db)
            _ = try await Self.decision(
                "Decision: finance report format", meeting: Self.subGroup, on: coming, approved: false, db: app.db)

            let visitor = app.browser()
            let committeePage = try await visitor.get("/boards/\(committee.id!.uuidString.lowercased())")
            #expect(committeePage.status == .ok)
            #expect(committeePage.body.contains("Decision: evening GP appointments"))
            #expect(committeePage.body.contains("Decision: savings plan"), "on its meeting's agenda")
            #expect(!committeePage.body.contains("Decision: budget for 2027"), "the sub-group's, not the committee's")
            let subGroupPage = try await visitor.get("/boards/\(subGroup.id!.uuidString.lowercased())")
            #expect(subGroupPage.body.contains("Decision: budget for 2027"))
            #expect(!subGroupPage.body.contains("Decision: evening GP appointments"))
            #expect(!subGroupPage.body.contains("Decision: savings plan"), "taken at the committee's meeting")

            // The sub-group's member sees the sub-group's business only.
            let own = try await person.get("/me")
            #expect(own.status == .ok)
            #expect(own.body.contains("Decision: finance report format"))
            #expect(!own.body.contains("Decision: community diagnostic hub"), "the committee's, not hers")
            #expect(own.body.contains("Decision: budget for 2027"), "she was present")
            #expect(!own.body.contains("Decision: savings plan"), "the committee's decision, though it names hers")
        }
    }

    @Test(
        "a joint meeting's decisions are on the page of each board it names, and either board's meeting takes its paper",
        arguments: TestDatabase.all)
    func jointMeeting(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(MeetingsTests.today)
            let secretary = try await app.signedInBrowser(.boardSecretary)
            let committee = try await MeetingsTests.committee(quorum: nil, on: app.db)
            let quality = Board(name: "Quality Committee", purpose: "Checks the quality of care.")
            try await quality.create(on: app.db)
            let past = SimpleDate(year: 2026, month: 11, day: 10)
            let joint = "Joint meeting of the Leeds Place Committee and the Quality Committee"
            _ = try await Self.decision(
                "Decision: shared discharge plan", meeting: joint + ", 10 November 2026", on: past, approved: true,
                db: app.db)
            // On the agenda of the quality committee's meeting, and still the committee's too.
            let onAgenda = try await Self.decision(
                "Decision: falls prevention", meeting: "Quality Committee and Leeds Place Committee", on: past,
                approved: true, db: app.db)
            let qualityMeeting = Meeting(boardID: quality.id!, heldOn: past, startsAt: nil, place: "Online")
            try await qualityMeeting.create(on: app.db)
            try await MeetingItem(
                meetingID: qualityMeeting.id!, position: 1, title: onAgenda.title, paper: "", decisionID: onAgenda.id
            ).create(on: app.db)
            _ = try await Self.decision(
                "Decision: briefing notes", meeting: "Briefing for Leeds Place Committee and Quality Committee",
                on: past, approved: true, db: app.db)

            let visitor = app.browser()
            for board in [committee, quality] {
                let page = try await visitor.get("/boards/\(board.id!.uuidString.lowercased())")
                #expect(page.body.contains("Decision: shared discharge plan"), "\(board.name)")
                #expect(page.body.contains("Decision: falls prevention"), "\(board.name)")
                #expect(!page.body.contains("Decision: briefing notes"), "a briefing is not a meeting of \(board.name)")
            }

            // A joint paper is offered to the committee's meeting, and its name is kept when the date is put on it.
            let paper = try await Self.decision(
                "Decision: winter plan", meeting: "Leeds Place Committee and Quality Committee joint meeting",
                on: MeetingsTests.today, approved: false, db: app.db)
            let (_, path) = try await MeetingsTests.plan(committee, on: "2026-11-27", secretary: secretary, db: app.db)
            #expect(try await secretary.get(path).body.contains("value=\"\(paper.id!.uuidString.lowercased())\""))
            #expect(
                try await secretary.post(
                    path + "/items", form: ["decision_id": paper.id!.uuidString.lowercased()], tokenFrom: path
                ).status == .seeOther)
            let warned = try await secretary.get(path)
            #expect(warned.body.contains("on 20 November 2026, but this is Leeds Place Committee on 27 November 2026"))
            let item = try #require(
                try await MeetingItem.query(on: app.db).filter(\.$decision.$id == paper.id!).first())
            let put = try await secretary.post(MeetingPaperMeetingTests.action(path, item), form: [:], tokenFrom: path)
            #expect(put.status == .seeOther)
            let changed = try #require(try await Decision.find(paper.id, on: app.db))
            #expect(changed.meeting == "Leeds Place Committee and Quality Committee joint meeting")
            #expect(changed.meetingOn == "2026-11-27")
            #expect(!(try await secretary.get(path).body.contains("Check the decision paper")))
        }
    }

    @Test(
        "an approved decision goes only on the agenda of the meeting it was taken at", arguments: TestDatabase.all)
    func approvedDecisionOnItsOwnMeeting(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(MeetingsTests.today)
            let secretary = try await app.signedInBrowser(.boardSecretary)
            let committee = try await MeetingsTests.committee(quorum: nil, on: app.db)
            let decided = try await Self.decision(
                "Decision: moving the eye clinic", meeting: Self.committee,
                on: SimpleDate(year: 2026, month: 11, day: 10), approved: true, db: app.db)
            let value = "value=\"\(decided.id!.uuidString.lowercased())\""
            let (_, later) = try await MeetingsTests.plan(
                committee, on: "2026-12-08", secretary: secretary, db: app.db)
            #expect(!(try await secretary.get(later).body.contains(value)), "not offered for a later meeting")
            let refused = try await secretary.post(
                later + "/items", form: ["decision_id": decided.id!.uuidString.lowercased()], tokenFrom: later)
            #expect(refused.status == .unprocessableEntity)
            #expect(
                refused.body.contains(
                    "Decision: moving the eye clinic is approved and published as decided on 10 November 2026, so it can only go on the agenda of the meeting that day."
                ))
            #expect(try await MeetingItem.query(on: app.db).count() == 0)

            // The meeting it was taken at, recorded afterwards: offered and accepted.
            let (_, own) = try await MeetingsTests.plan(committee, on: "2026-11-10", secretary: secretary, db: app.db)
            #expect(try await secretary.get(own).body.contains(value))
            #expect(
                try await secretary.post(
                    own + "/items", form: ["decision_id": decided.id!.uuidString.lowercased()], tokenFrom: own
                ).status == .seeOther)
            #expect(try await MeetingItem.query(on: app.db).count() == 1)
        }
    }

    @Test(
        "the meeting page offers, and accepts, only papers for its own board",
        arguments: TestDatabase.all)
    func agendaChoices(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(MeetingsTests.today)
            let secretary = try await app.signedInBrowser(.boardSecretary)
            let committee = try await MeetingsTests.committee(quorum: nil, on: app.db)
            let subGroup = Board(name: Self.subGroup, purpose: "Looks at the committee's budget.")
            try await subGroup.create(on: app.db)
            let day = SimpleDate(year: 2026, month: 11, day: 27)
            let own = try await Self.decision(
                "Decision: evening GP appointments", meeting: "Leeds Place Committee, 27 November 2026", on: day,
                approved: false, db: app.db)
            let theirs = try await Self.decision(
                "Decision: budget for 2027", meeting: Self.subGroup, on: day, approved: false, db: app.db)
            let (_, path) = try await MeetingsTests.plan(committee, on: "2026-11-27", secretary: secretary, db: app.db)
            let page = try await secretary.get(path)
            #expect(page.body.contains("value=\"\(own.id!.uuidString.lowercased())\""))
            #expect(!page.body.contains("value=\"\(theirs.id!.uuidString.lowercased())\""))
            let refused = try await secretary.post(
                path + "/items", form: ["decision_id": theirs.id!.uuidString.lowercased()], tokenFrom: path)
            #expect(refused.status == .unprocessableEntity)
            #expect(
                refused.body.contains("Decision: budget for 2027 is for \"\(Self.subGroup)\", not \(Self.committee)."))
            #expect(
                try await secretary.post(
                    path + "/items", form: ["decision_id": own.id!.uuidString.lowercased()], tokenFrom: path
                ).status == .seeOther)
            #expect(!(try await secretary.get(path).body.contains("Check the decision paper")))
        }
    }

    @Test(
        "a sub-group's decision paper is checked against the sub-group alone, not the committee its name starts with",
        arguments: TestDatabase.all)
    func paperChecksTheSubGroup(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(MeetingsTests.today)
            let secretary = try await app.signedInBrowser(.boardSecretary)
            let committee = try await MeetingsTests.committee(quorum: 3, on: app.db)
            let subGroup = Board(name: Self.subGroup, purpose: "Looks at the committee's budget.")
            try await subGroup.create(on: app.db)
            let member = BoardMember(
                boardID: subGroup.id!, name: "Farah Begum", role: "Lay member", votes: true, livedExperience: true,
                appointedOn: SimpleDate(year: 2026, month: 1, day: 5))
            try await member.create(on: app.db)
            try await InterestDeclaration(
                memberID: member.id!, kind: .none, details: "", declaredOn: SimpleDate(year: 2026, month: 1, day: 10),
                endedOn: nil, recordedByID: nil
            ).create(on: app.db)
            let decision = try await BoardsTests.decisionReadyForApproval(
                meetingOn: SimpleDate(year: 2026, month: 11, day: 10), membersPresent: "Farah Begum", on: app.db)
            decision.meeting = Self.subGroup + " meeting"
            try await decision.update(on: app.db)
            let paper = try await secretary.get(
                "/staff/initiatives/\(decision.$initiative.id.uuidString.lowercased())/decision")
            #expect(!paper.body.contains("voting member of Leeds Place Committee"), "\(paper.body)")
            #expect(!paper.body.contains("The quorum of Leeds Place Committee"))
            let approved = try await secretary.post(
                "/staff/decisions/\(decision.id!.uuidString.lowercased())/approve", form: [:],
                tokenFrom: "/staff/decisions")
            #expect(approved.status == .seeOther, "\(approved.body)")
            #expect(try await Decision.find(decision.id, on: app.db)?.isApproved == true)
            // The public record links to the sub-group's register, not the committee's.
            let record = try await app.browser().get("/decisions/\(decision.id!.uuidString.lowercased())")
            #expect(record.body.contains("href=\"/boards/\(subGroup.id!.uuidString.lowercased())\""))
            #expect(!record.body.contains("href=\"/boards/\(committee.id!.uuidString.lowercased())\""))
        }
    }
}
