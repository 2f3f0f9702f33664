import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// Two people with the same edit form open: the second save is refused, never a silent overwrite.
@Suite("Concurrent edits: the second save from an older form is refused, naming who changed it")
struct ConcurrentEditTests {
    /// The edit form's version, as a browser would send it back.
    /// A place, an initiative in it, and the path of its edit form: the one both suites edit from two browsers.
    static func transportInitiative(on db: any Database) async throws -> (Place, Initiative, String) {
        let place = Place(name: "Leeds", slug: "leeds")
        try await place.create(on: db)
        let initiative = Initiative(
            title: "Patient transport eligibility", what: "Change who can use patient transport.",
            why: "Costs have risen.", affectsServices: true, substantialVariation: false, decisionBody: "ICB board",
            targetDate: nil)
        initiative.placeIDs = place.id!.uuidString
        try await initiative.create(on: db)
        return (place, initiative, "/staff/initiatives/\(initiative.id!.uuidString.lowercased())/edit")
    }

    static func version(_ page: TestBrowser.Page) throws -> String {
        try #require(page.hiddenValue(EditVersion.fieldName), "the form carries its version")
    }

    @Test("an initiative: a title change from an old form does not wipe a new paragraph", arguments: TestDatabase.all)
    func initiative(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (place, initiative, path) = try await Self.transportInitiative(on: app.db)
            let first = try await app.signedInBrowser(.administrator)
            let second = try await app.signedInBrowser(.engagementOfficer)
            let firstVersion = try Self.version(try await first.get(path))
            let secondVersion = try Self.version(try await second.get(path))
            #expect(firstVersion == secondVersion)
            func form(title: String, why: String, version: String) -> [String: String] {
                [
                    "title": title, "what": "Change who can use patient transport.", "why": why,
                    "affects_services": "yes", "substantial_variation": "no", "decision_body": "ICB board",
                    "place_ids[]": place.id!.uuidString, EditVersion.fieldName: version,
                ]
            }
            let saved = try await first.post(
                path,
                form: form(
                    title: "Patient transport eligibility", why: "Costs have risen. New evidence.",
                    version: firstVersion),
                tokenFrom: path)
            #expect(saved.status == .seeOther)

            let stale = try await second.post(
                path,
                form: form(
                    title: "Patient transport eligibility (B)", why: "Costs have risen.", version: secondVersion),
                tokenFrom: path)
            #expect(stale.status == .conflict)
            #expect(stale.body.contains("changed this initiative on"), "\(stale.body)")
            #expect(stale.body.contains("so your changes were not saved"))
            #expect(stale.body.contains("value=\"Patient transport eligibility (B)\""), "what they typed is kept")
            let kept = try #require(try await Initiative.find(initiative.id, on: app.db))
            #expect(kept.why == "Costs have risen. New evidence." && kept.title == "Patient transport eligibility")

            // Saving again from the refused form is a choice made knowing of the other change.
            let again = try await second.post(
                path,
                form: form(
                    title: "Patient transport eligibility (B)", why: "Costs have risen. New evidence.",
                    version: try Self.version(stale)),
                tokenFrom: path)
            #expect(again.status == .seeOther)
            #expect(try await Initiative.find(initiative.id, on: app.db)?.title == "Patient transport eligibility (B)")
        }
    }

    @Test(
        "a place and an account are guarded alike; renaming a place keeps its public address",
        arguments: TestDatabase.all)
    func placeAndAccount(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (_, place) = try await Fixtures.service(on: app.db)
            let admin = try await app.signedInBrowser(.administrator)
            let (secondEmail, secondPassword) = try await app.createUser(
                .administrator, email: "second@test.heard.example")
            let other = app.browser()
            #expect(try await other.signIn(email: secondEmail, password: secondPassword).status == .seeOther)
            let placePath = "/staff/places/\(place.id!.uuidString.lowercased())/edit"
            let oldVersion = try Self.version(try await other.get(placePath))
            let renamed = try await admin.post(
                placePath,
                form: [
                    "name": "Calderdale and Kirklees",
                    EditVersion.fieldName: try Self.version(try await admin.get(placePath)),
                ],
                tokenFrom: placePath)
            #expect(renamed.status == .seeOther)
            let stale = try await other.post(
                placePath, form: ["name": "Calder Valley", EditVersion.fieldName: oldVersion], tokenFrom: placePath)
            #expect(stale.status == .conflict)
            #expect(stale.body.contains("changed this place on"))
            let stored = try #require(try await Place.find(place.id, on: app.db))
            #expect(stored.name == "Calderdale and Kirklees")
            // Published links, posters and council papers keep working: the address is not the name.
            #expect(stored.slug == place.slug)
            #expect(try await app.browser().get("/you-said-we-did/places/\(place.slug)").status == .ok)

            // A refused save (a name another place has) shows the form again at the stored version, so the
            // corrected name saves rather than being taken for a stale form.
            try await Place(name: "Kirklees", slug: "kirklees").create(on: app.db)
            let clash = try await admin.post(
                placePath,
                form: ["name": "Kirklees", EditVersion.fieldName: try Self.version(try await admin.get(placePath))],
                tokenFrom: placePath)
            #expect(clash.status == .unprocessableEntity)
            let corrected = try await admin.post(
                placePath, form: ["name": "Calderdale", EditVersion.fieldName: try Self.version(clash)],
                tokenFrom: placePath)
            #expect(corrected.status == .seeOther)
            #expect(try await Place.find(place.id, on: app.db)?.name == "Calderdale")

            let (email, _) = try await app.createUser(.moderator)
            let account = try #require(try await User.query(on: app.db).filter(\.$email == email).first())
            let accountPath = "/staff/users/\(account.id!.uuidString.lowercased())"
            let accountForm = try await other.get(accountPath)
            let accountVersion = try Self.version(accountForm)
            #expect(
                try await admin.post(
                    accountPath,
                    form: [
                        "email": email, "display_name": "Chloe Wright-A", "role": "moderator",
                        EditVersion.fieldName: try Self.version(try await admin.get(accountPath)),
                    ], tokenFrom: accountPath
                ).status == .seeOther)
            let lost = try await other.post(
                accountPath,
                form: [
                    "email": email, "display_name": account.displayName, "role": "complaints_handler",
                    EditVersion.fieldName: accountVersion,
                ], tokenFrom: accountPath)
            #expect(lost.status == .conflict)
            #expect(lost.body.contains("changed this account on"))
            let after = try #require(try await User.find(account.id, on: app.db))
            #expect(after.displayName == "Chloe Wright-A" && after.role == .moderator)
        }
    }

    @Test(
        "a decision paper changed after the approver opened it is not approved; two secretaries' saves do not overwrite",
        arguments: TestDatabase.all)
    func decisionPaper(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let decision = try await BoardsTests.decisionReadyForApproval(
                meetingOn: DecisionClock.system.today().adding(days: -3), membersPresent: "Chair; Sarah Whitaker",
                on: app.db)
            let paper = "/staff/initiatives/\(decision.$initiative.id.uuidString.lowercased())/decision"
            let approve = "/staff/decisions/\(decision.id!.uuidString.lowercased())/approve"
            let approver = try await app.signedInBrowser(.boardSecretary)
            let editor = try await app.signedInBrowser(.administrator)
            let seen = try await approver.get(paper)
            let seenVersion = try Self.version(seen)

            let form = [
                "title": "Extended hours", "meeting": "Leeds Place Committee", "meeting_on": decision.meetingOn,
                "members_present": "Chair; Sarah Whitaker", "declarations": "None declared.",
                "outcome": "Fund evening appointments until March only", "quorate": "yes",
            ]
            let edited = try await editor.post(
                paper,
                form: form.merging([EditVersion.fieldName: try Self.version(try await editor.get(paper))]) { $1 },
                tokenFrom: paper)
            #expect(edited.status == .seeOther)

            // The approver's page showed the old outcome: approving it now would approve words they never read.
            let refused = try await approver.post(
                approve, form: [EditVersion.fieldName: seenVersion, "_csrf": try #require(seen.csrfToken)])
            #expect(refused.status == .conflict)
            #expect(refused.body.contains("changed this decision paper on"))
            #expect(refused.body.contains("so it was not approved"))
            #expect(refused.body.contains("until March only"), "the page shows the paper as it is now")
            #expect(try await Decision.find(decision.id, on: app.db)?.isApproved == false)

            // A save from the older form is refused too, keeping the other person's words.
            let stale = try await approver.post(
                paper,
                form: form.merging(["outcome": "Fund evening appointments", EditVersion.fieldName: seenVersion]) { $1 },
                tokenFrom: paper)
            #expect(stale.status == .conflict)
            #expect(
                try await Decision.find(decision.id, on: app.db)?.outcome
                    == "Fund evening appointments until March only")

            // Read again, it can be approved.
            let reread = try await approver.get(paper)
            let approved = try await approver.post(
                approve,
                form: [EditVersion.fieldName: try Self.version(reread), "_csrf": try #require(reread.csrfToken)])
            #expect(approved.status == .seeOther)
            #expect(try await Decision.find(decision.id, on: app.db)?.isApproved == true)
        }
    }

    @Test("an action's plan and an equality impact assessment draft are guarded alike", arguments: TestDatabase.all)
    func actionPlanAndAssessment(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, place) = try await Fixtures.service(on: app.db)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let owner = try #require(try await User.query(on: app.db).first())
            let action = ActionItem()
            action.title = "Put up new signs"
            action.youSaid = "The car park is hard to find."
            action.$organisation.id = service.$organisation.id
            action.$place.id = place.id
            action.$owner.id = owner.id
            action.dueOn = Date().addingTimeInterval(30 * 86400)
            action.status = .planned
            action.outcome = ""
            try await action.create(on: app.db)
            let actionPath = "/staff/actions/\(action.id!.uuidString.lowercased())"
            let opened = try Self.version(try await officer.get(actionPath))
            let due = DateInput.format(action.dueOn)
            let plan = ["title": "Put up new signs by both entrances", "owner_id": owner.id!.uuidString, "due_on": due]
            #expect(
                try await officer.post(
                    actionPath + "/plan", form: plan.merging([EditVersion.fieldName: opened]) { $1 },
                    tokenFrom: actionPath
                ).status == .seeOther)
            let stale = try await officer.post(
                actionPath + "/plan",
                form: plan.merging(["title": "Put up one sign", EditVersion.fieldName: opened]) { $1 },
                tokenFrom: actionPath)
            #expect(stale.status == .conflict)
            #expect(stale.body.contains("changed this action on"))
            #expect(try await ActionItem.find(action.id, on: app.db)?.title == "Put up new signs by both entrances")

            let initiative = Initiative(
                title: "Stroke rehabilitation at home", what: "Move rehab home.", why: "People recover better.",
                affectsServices: true, substantialVariation: false, decisionBody: "ICB board", targetDate: nil)
            try await initiative.create(on: app.db)
            let eiaPath = "/staff/initiatives/\(initiative.id!.uuidString.lowercased())/eia"
            #expect(
                try await officer.post(
                    eiaPath, form: ["who_affected": "Stroke survivors", "status": "draft"], tokenFrom: eiaPath
                ).status == .seeOther)
            let draftVersion = try Self.version(try await officer.get(eiaPath))
            #expect(
                try await officer.post(
                    eiaPath,
                    form: [
                        "who_affected": "Stroke survivors and their carers", "status": "draft",
                        EditVersion.fieldName: draftVersion,
                    ], tokenFrom: eiaPath
                ).status == .seeOther)
            let lost = try await officer.post(
                eiaPath,
                form: [
                    "who_affected": "Stroke survivors in Leeds", "status": "draft", EditVersion.fieldName: draftVersion,
                ],
                tokenFrom: eiaPath)
            #expect(lost.status == .conflict)
            #expect(lost.body.contains("changed this equality impact assessment on"))
            #expect(
                try await EqualityAssessment.query(on: app.db).first()?.whoAffected
                    == "Stroke survivors and their carers")
        }
    }
}
