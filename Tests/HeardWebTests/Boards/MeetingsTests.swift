import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing
import Vapor

@testable import HeardWeb

/// Board meetings: the agenda with its standing declarations item, the members with a declared interest and
/// whether each item stays quorate without them, attendance, minutes and their publication, and the API.
@Suite("Boards: meetings, agendas and minutes")
struct MeetingsTests {
    static let today = SimpleDate(year: 2026, month: 11, day: 20)

    /// Leeds Place Committee (three voting members and an observer, `BoardQuorumTests.committee`) with a quorum
    /// of `quorum`, and Dr Khan's financial interest on the register.
    static func committee(quorum: Int?, on db: any Database) async throws -> Board {
        let board = try await BoardQuorumTests.committee(on: db)
        board.quorum = quorum
        try await board.update(on: db)
        let khan = try #require(try await BoardMember.query(on: db).filter(\.$name == "Dr Amir Khan").first())
        try await InterestDeclaration(
            memberID: khan.id!, kind: .financial, details: "GP partner, Chapeltown Surgery",
            declaredOn: SimpleDate(year: 2026, month: 2, day: 1), endedOn: nil, recordedByID: nil
        ).create(on: db)
        return board
    }

    static func path(_ id: UUID) -> String { "/staff/meetings/\(id.uuidString.lowercased())" }
    static func boardPath(_ board: Board) -> String { "/staff/boards/\(board.id!.uuidString.lowercased())" }

    /// Plans a meeting through the board page and returns its page's path.
    static func plan(
        _ board: Board, on day: String, secretary: TestBrowser, db: any Database
    ) async throws -> (Meeting, String) {
        let planned = try await secretary.post(
            boardPath(board) + "/meetings", form: ["held_on": day, "starts_at": "18:00", "place": "Online"],
            tokenFrom: boardPath(board))
        #expect(planned.status == .seeOther)
        let meeting = try #require(
            try await Meeting.query(on: db).filter(\.$heldOn == day).filter(\.$board.$id == board.id!).first())
        #expect(planned.location == path(meeting.id!))
        return (meeting, path(meeting.id!))
    }

    static func json(_ body: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
    }

    @Test(
        "a secretary plans a meeting and its agenda, sees who has a declared interest and whether items stay quorate without them",
        arguments: TestDatabase.all)
    func agenda(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(Self.today)
            let secretary = try await app.signedInBrowser(.boardSecretary)
            let board = try await Self.committee(quorum: 3, on: app.db)
            let decision = try await BoardsTests.decisionReadyForApproval(
                meetingOn: SimpleDate(year: 2026, month: 11, day: 27), membersPresent: "Dr Khan; Sarah Whitaker",
                on: app.db)

            // A date that is not one, and no place: refused, saying what to fix, keeping what was typed.
            let refused = try await secretary.post(
                Self.boardPath(board) + "/meetings", form: ["held_on": "2026-11-31", "starts_at": "6pm", "place": ""],
                tokenFrom: Self.boardPath(board))
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("\"2026-11-31\" is not a real date"))
            #expect(refused.body.contains("Enter the start time as 24-hour hours and minutes, like 18:00."))
            #expect(refused.body.contains("Enter where the meeting is, or \"Online\"."))
            #expect(refused.body.contains("href=\"#field-held_on\""), "the error summary links to the field")
            #expect(refused.body.contains("value=\"6pm\""), "what was typed is kept")
            #expect(try await Meeting.query(on: app.db).count() == 0)

            let (meeting, path) = try await Self.plan(board, on: "2026-11-27", secretary: secretary, db: app.db)
            let empty = try await secretary.get(path)
            #expect(empty.status == .ok)
            #expect(empty.body.contains("Declarations of interest"))
            #expect(empty.body.contains("A standing item: always first, and cannot be removed."))
            #expect(empty.body.contains("Friday 27 November 2026, 6pm"))

            // A plain item needs a title.
            let untitled = try await secretary.post(
                path + "/items", form: ["title": " ", "paper": "x"], tokenFrom: path)
            #expect(untitled.status == .unprocessableEntity)
            #expect(untitled.body.contains("Enter the item's title, or choose a decision."))

            // The decision item takes the paper's title; Dr Khan's interest is listed under it, and without him and
            // the observer two voting members would decide it, short of the quorum of three.
            let added = try await secretary.post(
                path + "/items", form: ["decision_id": decision.id!.uuidString.lowercased()], tokenFrom: path)
            #expect(added.status == .seeOther)
            _ = try await secretary.post(
                path + "/items", form: ["title": "Questions from the public", "paper": "https://example.org/q.pdf"],
                tokenFrom: path)
            let page = try await secretary.get(path)
            #expect(page.body.contains("Decision item:"))
            #expect(page.body.contains("Extended hours"))
            #expect(page.body.contains("Financial: GP partner, Chapeltown Surgery"))
            #expect(
                page.body.contains(
                    "With a declared interest: Dr Amir Khan. If they all stand aside, the item is not quorate: only 2 voting members decide it, and the quorum is 3."
                ), "\(page.body)")
            #expect(page.body.contains("href=\"https://example.org/q.pdf\""), "a paper given as a link is a link")
            let items = try await MeetingItem.query(on: app.db).sort(\.$position).all()
            #expect(items.map(\.title) == ["Extended hours", "Questions from the public"])

            // The same decision twice, and a decision of another board, are refused.
            let twice = try await secretary.post(
                path + "/items", form: ["decision_id": decision.id!.uuidString.lowercased()], tokenFrom: path)
            #expect(twice.status == .unprocessableEntity)
            #expect(twice.body.contains("Extended hours is already on the agenda of the meeting on 27 November 2026."))
            let other = try await BoardsTests.decisionReadyForApproval(
                meetingOn: SimpleDate(year: 2026, month: 11, day: 27), membersPresent: "Chair", on: app.db)
            other.meeting = "Quality Committee"
            other.title = "Falls service"
            try await other.update(on: app.db)
            let foreign = try await secretary.post(
                path + "/items", form: ["decision_id": other.id!.uuidString.lowercased()], tokenFrom: path)
            #expect(foreign.status == .unprocessableEntity)
            #expect(foreign.body.contains("Falls service is for \"Quality Committee\", not Leeds Place Committee."))
            #expect(try await MeetingItem.query(on: app.db).count() == 2)

            // The chair's action: an unknown one is refused; leaving for the item is counted for its quorum.
            let khan = try #require(try await BoardMember.query(on: app.db).filter(\.$name == "Dr Amir Khan").first())
            let field = MeetingsController.actionField(items[0].id!, khan.id!)
            let unknown = try await secretary.post(
                path + "/declarations", form: [field: "sit quietly"], tokenFrom: path)
            #expect(unknown.status == .unprocessableEntity)
            #expect(unknown.body.contains("Choose what the chair decided for Dr Amir Khan on Extended hours"))
            #expect(
                try await secretary.post(path + "/declarations", form: [field: "leave"], tokenFrom: path).status
                    == .seeOther)
            let stored = try #require(try await MeetingDeclaration.query(on: app.db).first())
            #expect(stored.chairAction == .leave)
            #expect(
                try await secretary.get(path).body.contains(
                    "With the chair's actions chosen below, the item is not quorate: only 2 voting members decide it"))

            // Reordered, then the plain item taken off.
            #expect(
                try await secretary.post(
                    path + "/items/\(items[1].id!.uuidString.lowercased())/up", form: [:], tokenFrom: path
                ).status == .seeOther)
            #expect(
                try await MeetingItem.query(on: app.db).sort(\.$position).all().map(\.title).first
                    == "Questions from the public")
            #expect(
                try await secretary.post(
                    path + "/items/\(items[0].id!.uuidString.lowercased())/remove", form: [:], tokenFrom: path
                ).status == .seeOther)
            #expect(try await MeetingItem.query(on: app.db).all().map(\.title) == ["Questions from the public"])
            #expect(try await MeetingDeclaration.query(on: app.db).count() == 0, "its actions go with it")
            #expect(
                try await AuditEvent.query(on: app.db).filter(\.$objectID == meeting.id!.uuidString).count() >= 5)

            // Only those who keep the boards may open it.
            let officer = try await app.signedInBrowser(.engagementOfficer)
            #expect(try await officer.get(path).status == .forbidden)
            // Not published: the public and the API do not see it.
            #expect(try await app.browser().get("/api/v1/meetings/\(meeting.id!.uuidString)").status == .notFound)
        }
    }

    @Test(
        "a meeting on or before a linked consultation's close is refused, adding the item or moving the date",
        arguments: TestDatabase.all)
    func meetingAfterConsultation(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(EIABeforeOpeningWebTests.setUpOn)
            let secretary = try await app.signedInBrowser(.boardSecretary)
            let board = try await Self.committee(quorum: nil, on: app.db)
            let (_, _, decision) = try await EIABeforeOpeningWebTests.consultation(on: app.db)
            let (_, early) = try await Self.plan(board, on: "2027-04-15", secretary: secretary, db: app.db)
            let refused = try await secretary.post(
                early + "/items", form: ["decision_id": decision.id!.uuidString.lowercased()], tokenFrom: early)
            #expect(refused.status == .unprocessableEntity)
            #expect(
                refused.body.contains("The meeting on 15 April 2027 is before the consultation closes on 2 May 2027."))
            #expect(try await MeetingItem.query(on: app.db).count() == 0)

            let (meeting, path) = try await Self.plan(board, on: "2027-06-10", secretary: secretary, db: app.db)
            #expect(
                try await secretary.post(
                    path + "/items", form: ["decision_id": decision.id!.uuidString.lowercased()], tokenFrom: path
                ).status == .seeOther)
            let moved = try await secretary.post(
                path, form: ["held_on": "2027-05-02", "starts_at": "", "place": "Online", "status": "planned"],
                tokenFrom: path)
            #expect(moved.status == .unprocessableEntity)
            #expect(moved.body.contains("The meeting on 2 May 2027 is the day the consultation closes."))
            #expect(try await Meeting.find(meeting.id, on: app.db)?.heldOn == "2027-06-10")
            // Marked held before its day: refused.
            let held = try await secretary.post(
                path, form: ["held_on": "2027-06-10", "starts_at": "", "place": "Online", "status": "held"],
                tokenFrom: path)
            #expect(held.status == .unprocessableEntity)
            #expect(held.body.contains("it can be marked held on the day or after"))

            // The paper's meeting is moved to another day: the meeting page warns of the mismatch.
            decision.meetingOn = "2027-06-17"
            try await decision.update(on: app.db)
            #expect(
                try await secretary.get(path).body.contains(
                    "The decision paper says \"Leeds Place Committee\" on 17 June 2027, but this is Leeds Place Committee on 10 June 2027."
                ))
        }
    }

    @Test(
        "attendance, the minutes composed from the record, approval and publication on the board page and the API",
        arguments: TestDatabase.all)
    func minutes(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(Self.today)
            let secretary = try await app.signedInBrowser(.boardSecretary)
            let board = try await Self.committee(quorum: 2, on: app.db)
            let boardID = board.id!.uuidString.lowercased()
            let decision = try await BoardsTests.decisionReadyForApproval(
                meetingOn: SimpleDate(year: 2026, month: 11, day: 10),
                membersPresent: "Dr Khan; Sarah Whitaker; David Okafor", on: app.db)
            let (meeting, path) = try await Self.plan(board, on: "2026-11-10", secretary: secretary, db: app.db)
            let meetingID = meeting.id!.uuidString.lowercased()
            #expect(
                try await secretary.post(
                    path + "/items", form: ["decision_id": decision.id!.uuidString.lowercased()], tokenFrom: path
                ).status == .seeOther)
            let item = try #require(try await MeetingItem.query(on: app.db).first())
            let members = try await BoardMember.query(on: app.db).all()
            func id(_ name: String) -> UUID { members.first { $0.name == name }!.id! }

            // Apologies may come before a meeting; presence only from its day.
            let (_, future) = try await Self.plan(board, on: "2026-12-01", secretary: secretary, db: app.db)
            let tooSoon = try await secretary.post(
                future + "/attendance",
                form: [MeetingsController.attendanceField(id("Sarah Whitaker")): "present"], tokenFrom: future)
            #expect(tooSoon.status == .unprocessableEntity)
            #expect(tooSoon.body.contains("record Sarah Whitaker as present on the day or after"))
            #expect(
                try await secretary.post(
                    future + "/attendance",
                    form: [MeetingsController.attendanceField(id("Sarah Whitaker")): "apologies"], tokenFrom: future
                ).status == .seeOther)

            // Published agenda: on the board's public page, and in the API with the declarations item first.
            #expect(
                try await secretary.post(path + "/publish", form: ["publish": "yes"], tokenFrom: path).status
                    == .seeOther)
            let visitor = app.browser()
            let boardPage = try await visitor.get("/boards/\(boardID)")
            #expect(boardPage.body.contains("/boards/\(boardID)/meetings/\(meetingID)"))
            let agenda = try await visitor.get("/boards/\(boardID)/meetings/\(meetingID)")
            #expect(agenda.status == .ok)
            #expect(agenda.body.contains("Agenda: Leeds Place Committee"))
            #expect(try await visitor.get("/boards/\(boardID)/meetings/\(meetingID)/minutes.txt").status == .notFound)
            let listed = try Self.json(try await visitor.get("/api/v1/meetings").body)
            let summaries = try #require(listed["meetings"] as? [[String: Any]])
            #expect(summaries.count == 1, "the unpublished meeting is not listed")
            #expect(summaries[0]["minutes_approved"] as? Bool == false)
            let before = try Self.json(try await visitor.get("/api/v1/meetings/\(meetingID)").body)
            let agendaItems = try #require(before["agenda"] as? [[String: Any]])
            #expect(agendaItems.map { $0["kind"] as? String } == ["declarations", "decision"])
            #expect(agendaItems[0]["title"] as? String == "Declarations of interest")
            #expect(before["minutes"] is NSNull)

            // Attendance on the day.
            let attendance = [
                MeetingsController.attendanceField(id("Dr Amir Khan")): "present",
                MeetingsController.attendanceField(id("Sarah Whitaker")): "present",
                MeetingsController.attendanceField(id("David Okafor")): "apologies",
                MeetingsController.attendanceField(id("Gwen Lister")): "present",
            ]
            #expect(
                try await secretary.post(path + "/attendance", form: attendance, tokenFrom: path).status == .seeOther)

            // Approval is refused while the meeting is not marked held and Dr Khan's action is not recorded.
            let minutesPath = path + "/minutes"
            let early = try await secretary.post(minutesPath + "/approve", form: [:], tokenFrom: minutesPath)
            #expect(early.status == .conflict)
            #expect(early.body.contains("Mark the meeting as held before approving its minutes."))
            #expect(early.body.contains("Dr Amir Khan (item 2)"))
            #expect(try await Meeting.find(meeting.id, on: app.db)?.minutesApproved == false)

            #expect(
                try await secretary.post(
                    path, form: ["held_on": "2026-11-10", "starts_at": "18:00", "place": "Online", "status": "held"],
                    tokenFrom: path
                ).status == .seeOther)
            #expect(
                try await secretary.post(
                    path + "/declarations",
                    form: [MeetingsController.actionField(item.id!, id("Dr Amir Khan")): "leave"], tokenFrom: path
                ).status == .seeOther)
            #expect(
                try await secretary.post(
                    minutesPath,
                    form: [
                        MinutesController.notesField(item.id!): "Agreed unanimously.",
                        MinutesController.declarationsNotesField: "",
                    ], tokenFrom: minutesPath
                ).status == .seeOther)
            let draft = try await secretary.get(minutesPath)
            #expect(draft.body.contains("these minutes are not yet approved"))
            #expect(draft.body.contains("Item 2 (Extended hours): leave"))
            #expect(draft.body.contains("Agreed unanimously."))
            // Sarah Whitaker alone decided (Dr Khan left; the observer does not vote): short of the quorum of 2.
            #expect(
                draft.body.contains(
                    "The decision record says the meeting was quorate for this item, but counted from the attendance only 1 voting member decided it against a quorum of 2."
                ), "one plain sentence")
            let text = try await secretary.get(path + "/minutes.txt")
            #expect(text.body.hasPrefix("DRAFT: not yet approved."))
            #expect(text.body.contains("Present: Dr Amir Khan, Gwen Lister and Sarah Whitaker."))
            #expect(text.body.contains("Apologies: David Okafor."))

            let approved = try await secretary.post(minutesPath + "/approve", form: [:], tokenFrom: minutesPath)
            #expect(approved.status == .seeOther)
            #expect(try await Meeting.find(meeting.id, on: app.db)?.minutesApproved == true)

            // Published: the public page shows the minutes; the downloads work; the API gives them.
            let published = try await visitor.get("/boards/\(boardID)/meetings/\(meetingID)")
            #expect(published.body.contains("Minutes of Leeds Place Committee"))
            #expect(published.body.contains("Item 2 (Extended hours): leave"))
            #expect(!published.body.contains("these minutes are not yet approved"))
            let download = try await visitor.get("/boards/\(boardID)/meetings/\(meetingID)/minutes.txt")
            #expect(download.status == .ok)
            #expect(download.headers.first(name: .contentDisposition)?.contains("minutes-") == true)
            #expect(download.body.contains("2. Extended hours\nDecided: Fund evening appointments"))
            let html = try await visitor.get("/boards/\(boardID)/meetings/\(meetingID)/minutes.html")
            #expect(html.status == .ok)
            #expect(html.body.contains("<h1>Minutes of Leeds Place Committee"))
            let after = try Self.json(try await visitor.get("/api/v1/meetings/\(meetingID)").body)
            let minutes = try #require(after["minutes"] as? [String: Any])
            #expect(minutes["present"] as? [String] == ["Dr Amir Khan", "Gwen Lister", "Sarah Whitaker"])
            let declarations = try #require(minutes["declarations"] as? [[String: Any]])
            #expect(declarations.first?["person"] as? String == "Dr Amir Khan")
            #expect(declarations.first?["actions"] as? [String] == ["Item 2 (Extended hours): leave"])

            // The OpenAPI document describes exactly what the API sends.
            let document = try Self.json(try await visitor.get("/api/openapi.json").body)
            let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
            func keys(_ name: String) throws -> Set<String> {
                let schema = try #require(schemas[name] as? [String: Any])
                return Set(try #require(schema["properties"] as? [String: Any]).keys)
            }
            #expect(try keys("Meeting") == Set(after.keys))
            #expect(try keys("MeetingSummary") == Set(try #require(after["meeting"] as? [String: Any]).keys))
            #expect(try keys("Minutes") == Set(minutes.keys))
            #expect(try keys("AgendaItem") == Set(agendaItems[0].keys))

            // Approved minutes stand: no more edits to them or the agenda.
            let edit = try await secretary.post(
                minutesPath, form: [MinutesController.notesField(item.id!): "Changed."], tokenFrom: minutesPath)
            #expect(edit.status == .unprocessableEntity)
            #expect(edit.body.contains("These minutes are approved and published, so they cannot be changed."))
            let late = try await secretary.post(path + "/items", form: ["title": "Any other business"], tokenFrom: path)
            #expect(late.status == .unprocessableEntity)
            #expect(late.body.contains("approved and published, so its record cannot be changed"))
            // The page shows the record as it stands, with nothing that looks as if it could be changed.
            let locked = try await secretary.get(path).body
            #expect(
                locked.contains("The chair&#39;s actions, as in the approved minutes")
                    || locked.contains("The chair's actions, as in the approved minutes"))
            #expect(locked.contains("Attendance, as in the approved minutes"))
            #expect(locked.contains("<td>Dr Amir Khan</td><td>Leave for the item</td>"))
            #expect(!locked.contains("type=\"radio\"") && !locked.contains("<select"))
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "meeting.minutes_approved").count() == 1)
            #expect(
                try await AuditEvent.query(on: app.db).filter(\.$action == "meeting.minutes_approval_refused").count()
                    == 1)
        }
    }

    @Test("the demo has a held meeting with approved minutes and a planned one with a published agenda")
    func demo() async throws {
        try await TestApp.run(on: .sqlite, configure: { $0.seedDemoData = true }) { app in
            let meetings = try await Meeting.query(on: app.db).sort(\.$heldOn).all()
            #expect(meetings.map(\.status) == [.held, .planned])
            #expect(meetings[0].minutesApproved)
            #expect(!meetings[1].minutesApproved && meetings[1].agendaPublished)
            let visitor = app.browser()
            let board = meetings[0].$board.id.uuidString.lowercased()
            let held = try await visitor.get("/boards/\(board)/meetings/\(meetings[0].id!.uuidString.lowercased())")
            #expect(held.status == .ok)
            #expect(held.body.contains("Decision: Midwife-led birth centre"))
            #expect(held.body.contains("(Decision: Midwife-led birth centre): leave"))
            #expect(held.body.contains("(Questions from the public): interest not relevant to this item"))
            #expect(held.body.contains("Dr Amir Khan"))
            let secretary = app.browser()
            _ = try await secretary.signIn(email: "secretary@demo.heard.test", password: "demo-secretary-pass")
            let planned = try await secretary.get("/staff/meetings/\(meetings[1].id!.uuidString.lowercased())")
            #expect(planned.status == .ok)
            #expect(planned.body.contains("Winter plan for Leeds services"))
            #expect(!planned.body.contains("Check the decision paper"))
            // Before the meeting nobody is recorded present: members are expected, not "Absent", and the draft
            // minutes do not call the items "not quorate" while the agenda counts them quorate.
            #expect(planned.body.contains("Not recorded yet"))
            #expect(!planned.body.contains("<td>Absent</td>"), "\(planned.body)")
            #expect(!planned.body.contains("value=\"absent\" checked"))
            let draft = try await secretary.get(
                "/staff/meetings/\(meetings[1].id!.uuidString.lowercased())/minutes")
            #expect(draft.status == .ok)
            #expect(draft.body.contains(MeetingRules.attendanceNotRecorded), "\(draft.body)")
            #expect(!draft.body.contains("not quorate"))
            let heldStaff = try await secretary.get("/staff/meetings/\(meetings[0].id!.uuidString.lowercased())")
            #expect(!heldStaff.body.contains("Check the decision paper"), "the demo decision names its meeting")
        }
    }
}
