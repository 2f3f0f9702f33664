import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// What an action says in public follows what it is now: raising one checks that its service, place and
/// organisation agree and that its due date is a real plan; closing it tells people, changing "done" to "not
/// possible" replaces the outcome and tells them again, and re-opening withdraws it. A reply sent twice is
/// published once.
@Suite("Actions: raising and changing")
struct ActionChangesTests {
    /// Published feedback from people who left these e-mail addresses, referenced `references` + a number.
    static func contributors(
        _ emails: [String], references: String, firstNumber: Int, service: Service, place: Place, themes: [String],
        receivedDaysAgo: Double, on db: any Database
    ) async throws -> [FeedbackItem] {
        var items: [FeedbackItem] = []
        for (index, email) in emails.enumerated() {
            let item = try await ScaleQueryTests.item(
                references + String(index + firstNumber), service: service, place: place, themes: themes,
                receivedDaysAgo: receivedDaysAgo, on: db)
            item.contactEmail = email
            try await item.save(on: db)
            items.append(item)
        }
        return items
    }

    @Test(
        "raising an action refuses a service run elsewhere, a past or far-off date and an unknown theme",
        arguments: TestDatabase.all)
    func raising(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, calderdale) = try await Fixtures.service(on: app.db)
            let leeds = Place(name: "Leeds", slug: "leeds")
            try await leeds.create(on: app.db)
            let other = Organisation(name: "Leeds Community Trust", kind: .trust)
            try await other.create(on: app.db)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let owner = try #require(try await User.query(on: app.db).filter(\.$role == .engagementOfficer).first())
            app.app.decisionClock = .fixed(SimpleDate(iso: "2026-12-05")!)
            func raise(_ changes: [String: String]) async throws -> TestBrowser.Page {
                var form = [
                    "you_said": "People said the waits were not explained.", "title": "Explain waits at reception",
                    "organisation_id": service.$organisation.id.uuidString, "place_id": calderdale.id!.uuidString,
                    "service_id": service.id!.uuidString, "owner_id": owner.id!.uuidString, "due_on": "2027-03-31",
                    "theme": "Timeliness of care",
                ]
                form.merge(changes) { $1 }
                return try await officer.post("/staff/actions/new", form: form, tokenFrom: "/staff/actions/new")
            }
            let elsewhere = try await raise([
                "organisation_id": other.id!.uuidString, "place_id": leeds.id!.uuidString,
            ])
            #expect(elsewhere.status == .unprocessableEntity)
            #expect(
                elsewhere.body.contains(
                    "Emergency department is run by Riverside Test Trust: choose that organisation, or no service."))
            #expect(elsewhere.body.contains("Emergency department is in Calderdale: choose that place, or no service."))
            let past = try await raise(["due_on": "2026-12-04"])
            #expect(past.body.contains("The due date has passed"))
            let farOff = try await raise(["due_on": "9999-12-31"])
            #expect(farOff.body.contains("more than five years away"))
            let notADate = try await raise(["due_on": "2027-02-30"])
            #expect(notADate.body.contains("\"2027-02-30\" is not a real date"))
            _ = try await app.createUser(.involvedPerson)
            let panelMember = try #require(
                try await User.query(on: app.db).filter(\.$role == .involvedPerson).first())
            let notStaff = try await raise(["owner_id": panelMember.id!.uuidString])
            #expect(notStaff.body.contains("Choose who owns this action."))
            let madeUp = try await raise(["theme": "Made up theme"])
            #expect(madeUp.status == .unprocessableEntity)
            #expect(madeUp.body.contains("Choose a theme from the list."))
            // What is published cannot carry personal data.
            let named = try await raise(["you_said": "Call Mrs Jane Smith on 07700 900123 about her visit."])
            #expect(named.status == .unprocessableEntity)
            #expect(named.body.contains("This is published, so it must not contain personal data"))
            // "Not assigned" labels a comment with no subject; an action cannot be about it.
            let noSubject = try await raise(["theme": "Not assigned"])
            #expect(noSubject.body.contains("Choose a theme from the list."))
            let form = try await officer.get("/staff/actions/new")
            #expect(form.body.contains(">Timeliness of care</option>"))
            #expect(!form.body.contains(">Not assigned</option>"))
            #expect(!form.body.contains(">Labelling not possible</option>"))
            #expect(try await ActionItem.query(on: app.db).count() == 0, "nothing refused was saved")

            // No place given: the service's place is the action's.
            let raised = try await raise(["place_id": "", "due_on": "2026-12-05"])
            #expect(raised.status == .seeOther)
            let action = try #require(try await ActionItem.query(on: app.db).first())
            #expect(action.$place.id == calderdale.id)
            #expect(action.theme == "Timeliness of care")
        }
    }

    @Test(
        "closing tells people; done changed to not possible replaces the outcome and tells them again; re-opening withdraws it",
        arguments: TestDatabase.all)
    func statusChanges(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, place) = try await Fixtures.service(on: app.db)
            let item = try await ScaleQueryTests.item(
                "HRD-ACTCHNG1", service: service, place: place, themes: ["Timeliness of care"], receivedDaysAgo: 3,
                on: app.db)
            item.contactEmail = "sam.person@example.org"
            try await item.save(on: app.db)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let owner = try #require(try await User.query(on: app.db).filter(\.$role == .engagementOfficer).first())
            let created = try await officer.post(
                "/staff/actions/new",
                form: [
                    "feedback[]": item.id!.uuidString, "you_said": "People said car parking cost too much.",
                    "title": "Make parking free for outpatients",
                    "organisation_id": service.$organisation.id.uuidString,
                    "place_id": place.id!.uuidString, "owner_id": owner.id!.uuidString, "due_on": "2027-03-31",
                ], tokenFrom: "/staff/actions/new?feedback=\(item.id!.uuidString)")
            let path = try #require(created.location)
            let publicPage = "/you-said-we-did/places/\(place.slug)"
            func update(_ status: String, _ note: String) async throws -> TestBrowser.Page {
                let response = try await officer.post(
                    path + "/update", form: ["status": status, "note": note], tokenFrom: path)
                #expect(response.status == .seeOther, "\(status)")
                return try await officer.get(path)
            }
            func notices(_ kind: String) async throws -> [Notice] {
                try await Notice.query(on: app.db).filter(\.$kind == kind).all()
            }

            let done = try await update("done", "Parking is free for outpatients from January.")
            #expect(done.body.contains("Action closed. 1 person who left an e-mail address will be told."))
            #expect(try await notices("we_did").count == 1)
            #expect(try await FeedbackItem.find(item.id, on: app.db)?.weDidAt != nil)

            let notPossible = try await update("not_possible", "The car park is run by the council, which said no.")
            #expect(notPossible.body.contains("Action closed. 1 person"))
            let told = try #require(try await notices("not_possible").first)
            #expect(told.body.contains("What we looked at: Make parking free for outpatients."))
            #expect(told.body.contains("Why we could not do it: The car park is run by the council, which said no."))
            #expect(!told.body.contains("Parking is free for outpatients from January"))
            let shown = try await app.browser().get(publicPage).body
            #expect(shown.contains("The car park is run by the council, which said no."))
            #expect(!shown.contains("Parking is free for outpatients from January."), "the old outcome is gone")

            let note = try await update("not_possible", "We will ask the council again in the spring.")
            #expect(note.body.contains("Update saved."))
            #expect(try await notices("not_possible").count == 1, "a note on a closed action tells nobody")

            _ = try await update("in_progress", "The council will look again.")
            let reopened = try #require(try await ActionItem.query(on: app.db).first())
            #expect(reopened.outcome == "")
            #expect(reopened.closedAt == nil)
            #expect(try await FeedbackItem.find(item.id, on: app.db)?.weDidAt == nil, "no longer answered")
            #expect(!(try await app.browser().get(publicPage).body.contains("which said no")))
            let csv = try await app.browser().get("/open-data/actions.csv").body
            #expect(!csv.contains("which said no") && !csv.contains("free for outpatients from January"))
        }
    }

    @Test(
        "the plan can change: what, who and by when, shown in the updates; a new due date must be ahead",
        arguments: TestDatabase.all)
    func changingThePlan(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, place) = try await Fixtures.service(on: app.db)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let owner = try #require(try await User.query(on: app.db).filter(\.$role == .engagementOfficer).first())
            _ = try await app.createUser(.complaintsHandler)
            let handler = try #require(try await User.query(on: app.db).filter(\.$role == .complaintsHandler).first())
            app.app.decisionClock = .fixed(SimpleDate(iso: "2026-12-05")!)
            let created = try await officer.post(
                "/staff/actions/new",
                form: [
                    "you_said": "People said nobody explained the wait.", "title": "Explain waits at reception",
                    "organisation_id": service.$organisation.id.uuidString, "place_id": place.id!.uuidString,
                    "owner_id": owner.id!.uuidString, "due_on": "2027-03-31",
                ], tokenFrom: "/staff/actions/new")
            let path = try #require(created.location)
            func change(_ title: String, _ ownerID: UUID, _ due: String) async throws -> TestBrowser.Page {
                try await officer.post(
                    path + "/plan", form: ["title": title, "owner_id": ownerID.uuidString, "due_on": due],
                    tokenFrom: path)
            }
            let past = try await change("Explain waits at reception", owner.id!, "2026-12-01")
            #expect(past.status == .unprocessableEntity)
            #expect(past.body.contains("The due date has passed"))
            #expect(past.body.contains("value=\"2026-12-01\""), "what was typed is kept")
            let empty = try await change(" ", owner.id!, "2027-03-31")
            #expect(empty.body.contains("Enter what will be done"))

            let moved = try await change("Explain waits at reception and by text", handler.id!, "2027-06-30")
            #expect(moved.status == .seeOther)
            let action = try #require(try await ActionItem.query(on: app.db).first())
            #expect(action.title == "Explain waits at reception and by text")
            #expect(action.$owner.id == handler.id)
            #expect(DateInput.format(action.dueOn) == "2027-06-30")
            let page = try await officer.get(path)
            #expect(
                page.body.contains("Plan changed: now &quot;Explain waits at reception and by text&quot;")
                    || page.body.contains("Plan changed: now \"Explain waits at reception and by text\""))
            #expect(page.body.contains("due 30 June 2027 (was 31 March 2027)"))
            let audit = try #require(
                try await AuditEvent.query(on: app.db).filter(\.$action == "action.plan_changed").first())
            #expect(audit.summary.contains("Explain waits at reception and by text"))

            // Once the date has passed, the rest of the plan can still change without moving it.
            app.app.decisionClock = .fixed(SimpleDate(iso: "2027-07-10")!)
            let later = try await change("Explain waits everywhere", handler.id!, "2027-06-30")
            #expect(later.status == .seeOther)
            #expect(try await ActionItem.query(on: app.db).first()?.title == "Explain waits everywhere")
        }
    }

    @Test(
        "more feedback is linked by reference; linked to a closed action, its people are told",
        arguments: TestDatabase.all)
    func linkingFeedback(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, place) = try await Fixtures.service(on: app.db)
            let items = try await Self.contributors(
                ["first@example.org", "second@example.org", "third@example.org"], references: "HRD-LINKED0",
                firstNumber: 2, service: service, place: place, themes: [], receivedDaysAgo: 5, on: app.db)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let owner = try #require(try await User.query(on: app.db).filter(\.$role == .engagementOfficer).first())
            let created = try await officer.post(
                "/staff/actions/new",
                form: [
                    "feedback[]": items[0].id!.uuidString, "you_said": "People said the signs were confusing.",
                    "title": "New signs in outpatients", "organisation_id": service.$organisation.id.uuidString,
                    "place_id": place.id!.uuidString, "owner_id": owner.id!.uuidString, "due_on": "2027-03-31",
                ], tokenFrom: "/staff/actions/new")
            let path = try #require(created.location)
            func link(_ references: String) async throws -> TestBrowser.Page {
                try await officer.post(path + "/feedback", form: ["references": references], tokenFrom: path)
            }
            let empty = try await link("  ")
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.body.contains("Enter one or more feedback references"))
            let unknown = try await link("hrd-linked03, HRD-NOSUCH99")
            #expect(unknown.body.contains("No feedback has the reference HRD-NOSUCH99."))
            #expect(unknown.body.contains("hrd-linked03, HRD-NOSUCH99"), "what was typed is kept")

            let open = try await link("hrd-linked03")
            #expect(open.status == .seeOther)
            #expect(try await officer.get(path).body.contains("Linked 1 piece of feedback."))
            #expect(try await ActionFeedbackLink.query(on: app.db).count() == 2)
            #expect(try await FeedbackItem.find(items[1].id, on: app.db)?.actionLinkedAt != nil)
            #expect(try await Notice.query(on: app.db).count() == 0, "nobody is told while the action is open")

            let done = try await officer.post(
                path + "/update", form: ["status": "done", "note": "New signs are up."], tokenFrom: path)
            #expect(done.status == .seeOther)
            #expect(try await Notice.query(on: app.db).filter(\.$kind == "we_did").count() == 2)
            _ = try await link("HRD-LINKED04 HRD-LINKED02")
            #expect(try await officer.get(path).body.contains("Linked 1 piece of feedback. 1 already linked. 1 person"))
            let told = try await Notice.query(on: app.db).filter(\.$kind == "we_did").all().map(\.toAddress).sorted()
            #expect(told == ["first@example.org", "second@example.org", "third@example.org"], "each person once")
            #expect(try await FeedbackItem.find(items[2].id, on: app.db)?.weDidAt != nil)

            // The same person again, on another piece of feedback: not told twice.
            let again = try await ScaleQueryTests.item(
                "HRD-LINKED05", service: service, place: place, themes: [], receivedDaysAgo: 1, on: app.db)
            again.contactEmail = "first@example.org"
            try await again.save(on: app.db)
            _ = try await link("HRD-LINKED05")
            #expect(try await Notice.query(on: app.db).filter(\.$kind == "we_did").count() == 3)
            _ = try await link("HRD-LINKED05")
            #expect(try await officer.get(path).body.contains("Nothing new to link"))
            #expect(
                try await AuditEvent.query(on: app.db).filter(\.$action == "action.feedback_linked").count() == 3,
                "nothing linked, nothing audited")

            // Feedback not yet moderated (or rejected) cannot be answered by an action.
            _ = try await ScaleQueryTests.item(
                "HRD-WAITING6", service: service, place: place, themes: [], status: .awaitingModeration,
                receivedDaysAgo: 1, on: app.db)
            let waiting = try await link("HRD-WAITING6")
            #expect(waiting.status == .unprocessableEntity)
            #expect(waiting.body.contains("leave out HRD-WAITING6 (waiting for moderation)"))
        }
    }

    @Test("an action due today is not overdue until the day has passed", arguments: TestDatabase.all)
    func dueToday(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, _) = try await Fixtures.service(on: app.db)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let today = DecisionClock.ukDay(of: Date())
            for (title, day) in [("Due today", today), ("Due yesterday", today.adding(days: -1))] {
                let action = ActionItem()
                action.title = title
                action.youSaid = "People said so."
                action.$organisation.id = service.$organisation.id
                action.dueOn = DateInput.parse(day.iso)!
                action.status = .planned
                action.outcome = ""
                try await action.create(on: app.db)
            }
            let overdue = try await officer.get("/staff/actions?overdue=yes")
            #expect(overdue.body.contains("Due yesterday") && !overdue.body.contains("Due today"))
            #expect(try await officer.get("/staff").body.contains("<strong>1</strong> action overdue"))
        }
    }

    @Test(
        "an update sent twice, or from two tabs at once, is recorded and e-mailed once; the second is refused with what was typed",
        arguments: TestDatabase.all)
    func updateSentTwice(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, place) = try await Fixtures.service(on: app.db)
            let items = try await Self.contributors(
                ["sam.person@example.org", "alex.person@example.org"], references: "HRD-TWICE00", firstNumber: 0,
                service: service, place: place, themes: ["Timeliness of care"], receivedDaysAgo: 3, on: app.db)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let owner = try #require(try await User.query(on: app.db).filter(\.$role == .engagementOfficer).first())
            let created = try await officer.post(
                "/staff/actions/new",
                form: [
                    "feedback[]": items[0].id!.uuidString, "you_said": "People said car parking cost too much.",
                    "title": "Make parking free for outpatients",
                    "organisation_id": service.$organisation.id.uuidString, "place_id": place.id!.uuidString,
                    "owner_id": owner.id!.uuidString, "due_on": "2027-03-31",
                ], tokenFrom: "/staff/actions/new")
            let path = try #require(created.location)
            let action = try #require(try await ActionItem.query(on: app.db).first())
            try await ActionFeedbackLink(actionID: action.id!, feedbackID: items[1].id!).create(on: app.db)
            let page = try await officer.get(path)
            let version = try #require(page.hiddenValue("update_version"))
            func send(_ note: String) async throws -> TestBrowser.Page {
                try await officer.post(
                    path + "/update",
                    form: [
                        "_csrf": page.csrfToken ?? "", "status": "done", "note": note, "update_version": version,
                    ])
            }
            // Two tabs (or two instances) at the same moment: one is recorded.
            async let first = send("Parking is free for outpatients from January.")
            async let second = send("Parking is now free.")
            let answers = try await [first, second]
            #expect(answers.map(\.status.code).sorted() == [303, 409], "\(answers.map(\.status))")
            let refused = try #require(answers.first { $0.status == .conflict })
            #expect(refused.body.contains("after you opened it, so your changes were not saved"))
            #expect(
                refused.body.contains("Parking is free for outpatients from January.")
                    || refused.body.contains("Parking is now free."), "what was typed is kept")
            // The same form sent again later (a resend after a slow connection): refused too.
            let again = try await send("Parking is free for outpatients from January.")
            #expect(again.status == .conflict)
            let updates = try await ActionUpdate.query(on: app.db).filter(\.$action.$id == action.id!).all()
            #expect(updates.filter { $0.status == .done }.count == 1)
            let told = try await Notice.query(on: app.db).filter(\.$kind == "we_did").all().map(\.toAddress).sorted()
            #expect(told == ["alex.person@example.org", "sam.person@example.org"], "each person told once")
            // A fresh form still works.
            let fresh = try await officer.get(path)
            let note = try await officer.post(
                path + "/update",
                form: [
                    "_csrf": fresh.csrfToken ?? "", "status": "done", "note": "Signs are up too.",
                    "update_version": try #require(fresh.hiddenValue("update_version")),
                ])
            #expect(note.status == .seeOther)
            #expect(try await Notice.query(on: app.db).filter(\.$kind == "we_did").count() == 2)
        }
    }
}
