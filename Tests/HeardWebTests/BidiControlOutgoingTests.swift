import Fluent
import Foundation
import HeardDomain
import Testing

@testable import HeardStorage
@testable import HeardWeb

/// What staff and the public write that leaves the page — a reply, an action, an idea's answer, reaching the
/// API, the open-data files and e-mails — is stored without direction override and isolate controls.
@Suite("Direction override controls in published and outgoing text")
struct BidiControlOutgoingTests {
    static func hasControl(_ text: String) -> Bool {
        BidiControlTests.hasControl(text) || text.lowercased().contains("\\u202e")
    }

    @Test(
        "a reply and an action typed with U+202E reach the API, the open-data files and the e-mail without it",
        arguments: TestDatabase.all)
    func replyAndAction(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, place) = try await Fixtures.service(on: app.db)
            let item = try await ScaleQueryTests.item(
                "HRD-BIDI0002", service: service, place: place, themes: [], receivedDaysAgo: 2, on: app.db)
            item.wantsReply = true
            item.contactEmail = "sam.person@example.org"
            try await item.save(on: app.db)

            let handler = try await app.signedInBrowser(.complaintsHandler)
            let feedbackPath = "/staff/feedback/\(item.id!.uuidString.lowercased())"
            let replied = try await handler.post(
                feedbackPath + "/reply", form: ["body": "We are \u{202E}yrros\u{202C} and شكرا for telling us."],
                tokenFrom: feedbackPath)
            #expect(replied.status == .seeOther)
            let reply = "We are yrros and شكرا for telling us."
            #expect(try await FeedbackReply.query(on: app.db).first()?.body == reply)
            let mail = try #require(try await Notice.query(on: app.db).filter(\.$kind == "reply").first())
            #expect(mail.body.contains(reply) && !Self.hasControl(mail.body))

            let officer = try await app.signedInBrowser(.engagementOfficer)
            let officerID = try #require(
                try await User.query(on: app.db).filter(\.$role == .engagementOfficer).first()?.id)
            let due = DecisionClock.system.today().adding(days: 60).iso
            let newPath = "/staff/actions/new?feedback=\(item.id!.uuidString)"
            let created = try await officer.post(
                "/staff/actions/new",
                form: [
                    "feedback[]": item.id!.uuidString,
                    "you_said": "People said the \u{2067}wait\u{2069} was long.",
                    "title": "Show \u{202D}waiting times\u{202C} on a screen",
                    "organisation_id": service.$organisation.id.uuidString, "place_id": place.id!.uuidString,
                    "service_id": service.id!.uuidString, "owner_id": officerID.uuidString, "due_on": due,
                ], tokenFrom: newPath)
            #expect(created.status == .seeOther)
            let actionPath = try #require(created.location)
            let done = try await officer.post(
                actionPath + "/update", form: ["status": "done", "note": "A screen \u{202E}swohs\u{202C} the wait."],
                tokenFrom: actionPath)
            #expect(done.status == .seeOther)
            let action = try #require(try await ActionItem.query(on: app.db).first())
            #expect(action.youSaid == "People said the wait was long.")
            #expect(action.title == "Show waiting times on a screen")
            #expect(action.outcome == "A screen swohs the wait.")
            #expect(try await ActionUpdate.query(on: app.db).all().allSatisfy { !Self.hasControl($0.note) })

            let visitor = app.browser()
            let stories = try await visitor.get("/api/v1/stories")
            #expect(stories.status == .ok)
            #expect(stories.body.contains("yrros and شكرا"))
            #expect(!Self.hasControl(stories.body))
            let actions = try await visitor.get("/api/v1/actions")
            #expect(actions.status == .ok)
            #expect(actions.body.contains("Show waiting times on a screen"))
            #expect(actions.body.contains("A screen swohs the wait."))
            #expect(!Self.hasControl(actions.body))

            let replies = try await visitor.get("/open-data/replies.csv")
            #expect(replies.status == .ok)
            #expect(try OpenDataTests.records(replies.body).dropFirst().map { $0.last } == [reply])
            let actionRows = try await visitor.get("/open-data/actions.csv")
            #expect(actionRows.status == .ok)
            let row = try #require(try OpenDataTests.records(actionRows.body).dropFirst().first)
            #expect(Array(row.prefix(4)) == [action.youSaid, action.title, "Done", action.outcome])
            #expect(!Self.hasControl(replies.body) && !Self.hasControl(actionRows.body))
        }
    }

    @Test(
        "an idea and its answer typed with the controls are stored, shown and e-mailed without them",
        arguments: TestDatabase.all)
    func ideaAndAnswer(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let member = try await app.signedInBrowser(.involvedPerson)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let sent = try await member.post(
                "/me/ideas",
                form: [
                    "title": "Free \u{202E}gnikrap\u{202C} for carers",
                    "details": "Carers visiting every day pay too much to park at the \u{2068}hospital\u{2069}.",
                    "credit_name": "Farah \u{202B}B.\u{202C}", "credit_publicly": "yes",
                ], tokenFrom: "/me")
            #expect(sent.status == .seeOther)
            let idea = try #require(try await Idea.query(on: app.db).first())
            #expect(idea.title == "Free gnikrap for carers")
            #expect(idea.details == "Carers visiting every day pay too much to park at the hospital.")
            #expect(idea.creditName == "Farah B.")

            let path = "/staff/ideas/\(idea.id!.uuidString.lowercased())"
            let answered = try await officer.post(
                path,
                form: [
                    "status": "not_taken_forward",
                    "response": "Carers can \u{202E}ydaerla\u{202C} get a free weekly permit from the ward.",
                ], tokenFrom: path)
            #expect(answered.status == .seeOther)
            let response = "Carers can ydaerla get a free weekly permit from the ward."
            #expect(try await Idea.find(idea.id, on: app.db)?.response == response)
            let mine = try await member.get("/me")
            #expect(mine.body.contains(response))
            let notices = try await Notice.query(on: app.db).all()
            #expect(notices.contains { $0.body.contains(response) })
            #expect(!notices.contains { Self.hasControl($0.body) || Self.hasControl($0.subject) })
        }
    }

    @Test(
        "an organisation named with U+202E by an administrator is stored and listed by the API without it",
        arguments: TestDatabase.all)
    func organisationName(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let admin = try await app.signedInBrowser(.administrator)
            let created = try await admin.post(
                "/staff/organisations/new", form: ["name": "Holme \u{202E}yellaV\u{202C} Hospice", "kind": "voluntary"])
            #expect(created.status == .seeOther)
            #expect(try await Organisation.query(on: app.db).first()?.name == "Holme yellaV Hospice")
            let api = try await app.browser().get("/api/v1/organisations")
            #expect(api.body.contains("Holme yellaV Hospice"))
            #expect(!Self.hasControl(api.body))
        }
    }

    @Test("a password keeps every character typed, direction controls included", arguments: TestDatabase.all)
    func passwordsAreKept(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (email, password) = try await app.createUser(.involvedPerson)
            let me = app.browser()
            #expect(try await me.signIn(email: email, password: password).status == .seeOther)
            let new = "a much \u{202E}longer\u{202C} one"
            let changed = try await me.post(
                "/account/password", form: ["current_password": password, "password": new, "password_again": new])
            #expect(changed.status == .ok)
            #expect(try await app.browser().signIn(email: email, password: new).status == .seeOther)
            let without = try await app.browser().signIn(email: email, password: "a much longer one")
            #expect(without.status != .seeOther, "the controls are part of the password")
        }
    }
}
