import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// The daily reminders: complaints handlers hear of steps falling due, members of declarations falling due,
/// secretaries get the Monday list; each day's reminders go once, however many instances run the job.
@Suite("Reminders")
struct RemindersTests {
    static func date(_ iso: String) -> SimpleDate { SimpleDate(iso: iso)! }

    @Test(
        "complaint steps and declarations falling due are e-mailed once a day, to the right people",
        arguments: TestDatabase.all)
    func dailyReminders(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let site = "https://heard.example"
            // A complaint entered on Thursday 26 November: acknowledgement due Tuesday 1 December.
            app.app.decisionClock = .fixed(Self.date("2026-11-26"))
            let (service, _) = try await Fixtures.service(on: app.db)
            let handler = try await app.signedInBrowser(.complaintsHandler)
            let secretary = try await app.signedInBrowser(.boardSecretary)
            _ = try await app.signedInBrowser(.involvedPerson)
            let formPath = "/staff/feedback/new/form?service=\(service.id!.uuidString)"
            let entered = try await handler.post(
                "/staff/feedback/new?service=\(service.id!.uuidString)",
                form: [
                    "service_id": service.id!.uuidString, "story": "Letter: my father waited nine hours for a bed.",
                    "consent_to_publish": "no", "channel": "letter", "is_complaint": "yes",
                    "contact_name": "Ruth Adeyemi",
                ], tokenFrom: formPath)
            #expect(entered.status == .seeOther)
            let complaint = try #require(try await Complaint.query(on: app.db).with(\.$feedback).first())
            #expect(complaint.clock.acknowledgementDue == Self.date("2026-12-01"))

            // Two members: one with an account, due on appointment by 3 December; one overdue since January.
            let board = Board(name: "Patient and Carer Panel", purpose: "Advises the place committee.")
            try await board.create(on: app.db)
            let boardPath = "/staff/boards/\(board.id!.uuidString.lowercased())"
            let person = try #require(try await User.query(on: app.db).filter(\.$role == .involvedPerson).first())
            for (name, appointed, account) in [
                ("Farah Begum", "2026-11-05", person.id!.uuidString), ("Tom Brennan", "2025-12-01", ""),
            ] {
                let added = try await secretary.post(
                    boardPath + "/members",
                    form: [
                        "name": name, "role": "Panel member", "votes": "yes", "lived_experience": "yes",
                        "appointed_on": appointed, "account_id": account,
                    ], tokenFrom: boardPath)
                #expect(added.status == .seeOther)
            }
            let handlerEmail = try #require(
                try await User.query(on: app.db).filter(\.$role == .complaintsHandler).first()?.email)
            let secretaryEmail = try #require(
                try await User.query(on: app.db).filter(\.$role == .boardSecretary).first()?.email)
            #expect(try await handler.get("/staff/complaints").body.contains("complaints handlers get one e-mail"))

            // Monday 30 November: all three kinds.
            let monday = try await Reminders.send(today: Self.date("2026-11-30"), siteURL: site, on: app.db)
            #expect(monday == .init(ran: true, notices: 3))
            let notices = try await Notice.query(on: app.db).all()
            let digest = try #require(notices.first { $0.kind == "reminder_complaints" })
            #expect(digest.toAddress == handlerEmail)
            #expect(digest.body.contains("\(complaint.feedback.reference): acknowledge by 1 December 2026"))
            #expect(digest.body.contains(site + "/staff/complaints/" + complaint.id!.uuidString.lowercased()))
            #expect(!digest.body.contains("nine hours"), "no complaint text in e-mail")
            let own = try #require(notices.first { $0.kind == "reminder_declaration" })
            #expect(own.toAddress == person.email)
            #expect(
                own.subject == "Your declaration of interests for Patient and Carer Panel is due by 3 December 2026")
            #expect(own.body.contains(site + "/me"))
            let register = try #require(notices.first { $0.kind == "reminder_register" })
            #expect(register.toAddress == secretaryEmail)
            #expect(register.subject == "Register of interests: 1 overdue, 1 due soon")
            #expect(register.body.contains("Farah Begum (Panel member): Due on appointment, by 3 December 2026"))
            #expect(register.body.contains("Tom Brennan (Panel member): Overdue"))

            // The same day again: nothing more.
            #expect(try await Reminders.send(today: Self.date("2026-11-30"), siteURL: site, on: app.db).ran == false)
            #expect(try await Notice.query(on: app.db).count() == 3)

            // Tuesday: the acknowledgement is due today; no member reminder (2 days left), no Monday list.
            let tuesday = try await Reminders.send(today: Self.date("2026-12-01"), siteURL: site, on: app.db)
            #expect(tuesday.notices == 1)

            // Acknowledged and the member declares: Wednesday 2 December has nothing to send.
            app.app.decisionClock = .fixed(Self.date("2026-12-01"))
            let complaintPath = "/staff/complaints/\(complaint.id!.uuidString.lowercased())"
            let acknowledged = try await handler.post(
                complaintPath + "/acknowledge",
                form: [
                    "acknowledged_on": "2026-12-01", "acknowledgement_note": "Phoned and offered a meeting.",
                    "agreed_response_by": "2027-02-26",
                ], tokenFrom: complaintPath)
            #expect(acknowledged.status == .seeOther)
            let wednesday = try await Reminders.send(today: Self.date("2026-12-02"), siteURL: site, on: app.db)
            #expect(wednesday == .init(ran: true, notices: 0))
            #expect(try await ReminderRun.query(on: app.db).count() == 3)
        }
    }

    @Test("two instances running the same day's reminders at once send them once", arguments: TestDatabase.all)
    func onceAcrossInstances(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            _ = try await app.signedInBrowser(.boardSecretary)
            let board = Board(name: "Quality Committee", purpose: "Assures the quality of services.")
            try await board.create(on: app.db)
            let member = BoardMember()
            member.$board.id = board.id!
            member.name = "Dr Amir Khan"
            member.role = "GP member"
            member.votes = true
            member.livedExperience = false
            member.appointedOn = "2025-01-06"
            try await member.create(on: app.db)
            let monday = Self.date("2026-11-30")
            async let first = Reminders.send(today: monday, siteURL: "", on: app.db)
            async let second = Reminders.send(today: monday, siteURL: "", on: app.db)
            let outcomes = try await [first, second]
            #expect(outcomes.filter(\.ran).count == 1)
            #expect(try await Notice.query(on: app.db).filter(\.$kind == "reminder_register").count() == 1)
        }
    }

    @Test("a day the job missed is caught up by the next run, once", arguments: TestDatabase.all)
    func catchUp(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            _ = try await app.signedInBrowser(.boardSecretary)
            let board = Board(name: "Patient and Carer Panel", purpose: "Advises the place committee.")
            try await board.create(on: app.db)
            // Appointed 5 November, no account: due on appointment by 3 December, reminded by link on 30 November.
            let member = BoardMember()
            member.$board.id = board.id!
            member.name = "Farah Begum"
            member.role = "Panel member"
            member.votes = true
            member.livedExperience = true
            member.appointedOn = "2026-11-05"
            member.email = "farah@example.org"
            try await member.create(on: app.db)

            #expect(try await Reminders.send(today: Self.date("2026-11-29"), siteURL: "", on: app.db).notices == 0)
            // Monday 30 November is missed (every instance down). Tuesday answers for it: the member's
            // 3-days-before reminder and the Monday list go, late rather than lost.
            let tuesday = try await Reminders.send(today: Self.date("2026-12-01"), siteURL: "", on: app.db)
            #expect(tuesday == .init(ran: true, notices: 2))
            let notices = try await Notice.query(on: app.db).all()
            #expect(notices.map(\.kind).sorted() == ["reminder_declaration", "reminder_register"])
            #expect(notices.first { $0.kind == "reminder_declaration" }?.toAddress == "farah@example.org")
            #expect(try await DeclarationLink.query(on: app.db).count() == 1)
            // Wednesday answers only for itself: nothing is sent twice.
            #expect(try await Reminders.send(today: Self.date("2026-12-02"), siteURL: "", on: app.db).notices == 0)
            #expect(try await Notice.query(on: app.db).count() == 2)
        }
    }

    @Test(
        "owners of open actions hear a week before the due date and when it has passed, in one e-mail each",
        arguments: TestDatabase.all)
    func actionOwners(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, _) = try await Fixtures.service(on: app.db)
            _ = try await app.signedInBrowser(.engagementOfficer)
            let owner = try #require(try await User.query(on: app.db).filter(\.$role == .engagementOfficer).first())
            func action(_ title: String, due: String, status: ActionStatus = .planned) async throws {
                let action = ActionItem()
                action.title = title
                action.youSaid = "People said so."
                action.$organisation.id = service.$organisation.id
                action.$owner.id = owner.id
                action.dueOn = DateInput.parse(due)!
                action.status = status
                action.outcome = status.isClosed ? "Done." : ""
                try await action.create(on: app.db)
            }
            try await action("New signs in outpatients", due: "2026-12-20")
            try await action("Text reminders for appointments", due: "2026-12-20")
            try await action("Already done", due: "2026-12-20", status: .done)
            try await action("Far off", due: "2027-06-30")

            #expect(try await Reminders.send(today: Self.date("2026-12-12"), siteURL: "", on: app.db).notices == 0)
            let week = try await Reminders.send(
                today: Self.date("2026-12-13"), siteURL: "https://heard.example", on: app.db)
            #expect(week.notices == 1, "one e-mail for both actions")
            let notice = try #require(try await Notice.query(on: app.db).filter(\.$kind == "reminder_actions").first())
            #expect(notice.toAddress == owner.email)
            #expect(notice.subject == "Your actions: due in 7 days")
            #expect(
                notice.body.contains(
                    "- New signs in outpatients: due by 20 December 2026. https://heard.example/staff/actions/"))
            #expect(notice.body.contains("Text reminders for appointments"))
            #expect(!notice.body.contains("Already done") && !notice.body.contains("Far off"))
            let overdue = try await Reminders.send(today: Self.date("2026-12-21"), siteURL: "", on: app.db)
            #expect(overdue.notices == 1)
            let late = try #require(
                try await Notice.query(on: app.db).filter(\.$kind == "reminder_actions").sort(\.$createdAt, .descending)
                    .first())
            #expect(late.subject == "Your actions: 2 overdue")
            #expect(late.body.contains("was due 20 December 2026 and is overdue"))
        }
    }

    @Test("the job runs the reminders and queues the next run for 7am UK time", arguments: TestDatabase.all)
    func job(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            // 15 June 2026 at 23:30 UTC is already 16 June in England (BST): the next run is 07:00 BST on 17 June.
            let lateEvening = Date(timeIntervalSince1970: 1_781_566_200)
            #expect(DecisionClock.ukDay(of: lateEvening) == Self.date("2026-06-16"))
            #expect(RemindersJob.nextMorning(after: lateEvening) == Date(timeIntervalSince1970: 1_781_676_000))

            let handlers = JobHandlers.all(
                engine: app.app.listeningEngine, siteURL: "", today: { Self.date("2026-11-30") })
            let run = try #require(handlers[RemindersJob.kind])
            try await Job.query(on: app.db).filter(\.$kind == RemindersJob.kind).delete()
            try await run(Job(kind: RemindersJob.kind, payload: "{}", runAt: Date()), app.db, app.app.logger)
            #expect(try await ReminderRun.query(on: app.db).filter(\.$day == "2026-11-30").count() == 1)
            let next = try #require(
                try await Job.query(on: app.db).filter(\.$kind == RemindersJob.kind).filter(\.$status == .queued)
                    .first())
            #expect(next.runAt > Date())
        }
    }
}
