import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// A save refused for a mistake (422) shows the form again with the version it was opened with, not that of the
/// record as stored now: a colleague's change made in between is then not overwritten when the mistake is
/// corrected and the form sent again (409 instead, with what was typed kept).
@Suite("Refused edits keep the version their form was opened with")
struct RefusedEditVersionTests {
    @Test("an initiative", arguments: TestDatabase.all)
    func initiative(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (place, initiative, path) = try await ConcurrentEditTests.transportInitiative(on: app.db)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let colleague = try await app.signedInBrowser(.administrator)
            let opened = try ConcurrentEditTests.version(try await officer.get(path))
            func form(title: String, why: String, version: String) -> [String: String] {
                [
                    "title": title, "what": "Change who can use patient transport.", "why": why,
                    "affects_services": "yes", "substantial_variation": "no", "decision_body": "ICB board",
                    "place_ids[]": place.id!.uuidString, EditVersion.fieldName: version,
                ]
            }
            let saved = try await colleague.post(
                path,
                form: form(
                    title: "Patient transport eligibility", why: "Costs have risen. New evidence from the audit.",
                    version: try ConcurrentEditTests.version(try await colleague.get(path))),
                tokenFrom: path)
            #expect(saved.status == .seeOther)
            let newer = try ConcurrentEditTests.version(try await colleague.get(path))
            #expect(newer != opened)

            let untitled = try await officer.post(
                path, form: form(title: " ", why: "Costs have risen.", version: opened), tokenFrom: path)
            #expect(untitled.status == .unprocessableEntity)
            #expect(try ConcurrentEditTests.version(untitled) == opened, "the version it was opened with, not \(newer)")

            let corrected = try await officer.post(
                path,
                form: form(
                    title: "Patient transport: who is eligible", why: "Costs have risen.",
                    version: try ConcurrentEditTests.version(untitled)),
                tokenFrom: path)
            #expect(corrected.status == .conflict)
            #expect(corrected.body.contains("changed this initiative on"), "\(corrected.body)")
            #expect(corrected.body.contains("value=\"Patient transport: who is eligible\""), "what they typed is kept")
            let kept = try #require(try await Initiative.find(initiative.id, on: app.db))
            #expect(kept.why == "Costs have risen. New evidence from the audit.")
            #expect(kept.title == "Patient transport eligibility")
        }
    }

    @Test("a place", arguments: TestDatabase.all)
    func place(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (_, place) = try await Fixtures.service(on: app.db)
            let admin = try await app.signedInBrowser(.administrator)
            let colleague = try await app.signedInBrowser(.administrator, email: "second@test.heard.example")
            let path = "/staff/places/\(place.id!.uuidString.lowercased())/edit"
            let opened = try ConcurrentEditTests.version(try await admin.get(path))
            let renamed = try await colleague.post(
                path,
                form: [
                    "name": "Calderdale and Kirklees",
                    EditVersion.fieldName: try ConcurrentEditTests.version(try await colleague.get(path)),
                ], tokenFrom: path)
            #expect(renamed.status == .seeOther)

            let empty = try await admin.post(path, form: ["name": " ", EditVersion.fieldName: opened], tokenFrom: path)
            #expect(empty.status == .unprocessableEntity)
            #expect(try ConcurrentEditTests.version(empty) == opened)
            #expect(empty.body.contains("Change Calderdale and Kirklees"), "the page names the place as stored now")

            let corrected = try await admin.post(
                path, form: ["name": "Calder Valley", EditVersion.fieldName: try ConcurrentEditTests.version(empty)],
                tokenFrom: path)
            #expect(corrected.status == .conflict)
            #expect(corrected.body.contains("changed this place on"))
            #expect(corrected.body.contains("value=\"Calder Valley\""), "what they typed is kept")
            #expect(try await Place.find(place.id, on: app.db)?.name == "Calderdale and Kirklees")
        }
    }

    @Test("a service", arguments: TestDatabase.all)
    func service(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, place) = try await Fixtures.service(on: app.db)
            let admin = try await app.signedInBrowser(.administrator)
            let colleague = try await app.signedInBrowser(.administrator, email: "second@test.heard.example")
            let path = "/staff/services/\(service.id!.uuidString.lowercased())/edit"
            let form = [
                "name": "Emergency department", "summary": "",
                "organisation_id": service.$organisation.id.uuidString, "place_id": place.id!.uuidString,
            ]
            let opened = try ConcurrentEditTests.version(try await admin.get(path))
            let described = try await colleague.post(
                path,
                form: form.merging([
                    "summary": "Open all day and night for serious injuries and illness.",
                    EditVersion.fieldName: try ConcurrentEditTests.version(try await colleague.get(path)),
                ]) { $1 }, tokenFrom: path)
            #expect(described.status == .seeOther)

            let unplaced = try await admin.post(
                path,
                form: form.merging(["name": "A and E department", "place_id": "", EditVersion.fieldName: opened]) {
                    $1
                },
                tokenFrom: path)
            #expect(unplaced.status == .unprocessableEntity)
            #expect(try ConcurrentEditTests.version(unplaced) == opened)

            let corrected = try await admin.post(
                path,
                form: form.merging([
                    "name": "A and E department", EditVersion.fieldName: try ConcurrentEditTests.version(unplaced),
                ]) { $1 }, tokenFrom: path)
            #expect(corrected.status == .conflict)
            #expect(corrected.body.contains("changed this service on"))
            #expect(corrected.body.contains("value=\"A and E department\""), "what they typed is kept")
            let kept = try #require(try await Service.find(service.id, on: app.db))
            #expect(kept.name == "Emergency department")
            #expect(kept.summary == "Open all day and night for serious injuries and illness.")
        }
    }

    @Test("an organisation", arguments: TestDatabase.all)
    func organisation(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let organisation = Organisation(name: "Riverside Test Trust", kind: .trust)
            try await organisation.create(on: app.db)
            let admin = try await app.signedInBrowser(.administrator)
            let colleague = try await app.signedInBrowser(.administrator, email: "second@test.heard.example")
            let path = "/staff/organisations/\(organisation.id!.uuidString.lowercased())/edit"
            let form = ["name": "Riverside Test Trust", "kind": "trust", "ods_code": ""]
            let opened = try ConcurrentEditTests.version(try await admin.get(path))
            let coded = try await colleague.post(
                path,
                form: form.merging([
                    "ods_code": "RXF",
                    EditVersion.fieldName: try ConcurrentEditTests.version(try await colleague.get(path)),
                ]) { $1 }, tokenFrom: path)
            #expect(coded.status == .seeOther)

            let unnamed = try await admin.post(
                path, form: form.merging(["name": "", EditVersion.fieldName: opened]) { $1 }, tokenFrom: path)
            #expect(unnamed.status == .unprocessableEntity)
            #expect(try ConcurrentEditTests.version(unnamed) == opened)

            let corrected = try await admin.post(
                path,
                form: form.merging([
                    "name": "Riverside Hospitals NHS Trust",
                    EditVersion.fieldName: try ConcurrentEditTests.version(unnamed),
                ]) { $1 }, tokenFrom: path)
            #expect(corrected.status == .conflict)
            #expect(corrected.body.contains("changed this organisation on"))
            #expect(corrected.body.contains("value=\"Riverside Hospitals NHS Trust\""), "what they typed is kept")
            let kept = try #require(try await Organisation.find(organisation.id, on: app.db))
            #expect(kept.name == "Riverside Test Trust" && kept.odsCode == "RXF")
        }
    }

    @Test("an account", arguments: TestDatabase.all)
    func account(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (accountEmail, _) = try await app.createUser(.moderator)
            let account = try #require(try await User.query(on: app.db).filter(\.$email == accountEmail).first())
            let admin = try await app.signedInBrowser(.administrator)
            let colleague = try await app.signedInBrowser(.administrator, email: "second@test.heard.example")
            let path = "/staff/users/\(account.id!.uuidString.lowercased())"
            let form = ["email": accountEmail, "display_name": "Moderator Tester", "role": "moderator"]
            let opened = try ConcurrentEditTests.version(try await admin.get(path))
            let renamed = try await colleague.post(
                path,
                form: form.merging([
                    "display_name": "Chloe Wright",
                    EditVersion.fieldName: try ConcurrentEditTests.version(try await colleague.get(path)),
                ]) { $1 }, tokenFrom: path)
            #expect(renamed.status == .seeOther)

            let unnamed = try await admin.post(
                path,
                form: form.merging(["display_name": " ", "role": "complaints_handler", EditVersion.fieldName: opened]) {
                    $1
                },
                tokenFrom: path)
            #expect(unnamed.status == .unprocessableEntity)
            #expect(try ConcurrentEditTests.version(unnamed) == opened)

            let corrected = try await admin.post(
                path,
                form: form.merging([
                    "display_name": "Moderator Tester (Leeds)", "role": "complaints_handler",
                    EditVersion.fieldName: try ConcurrentEditTests.version(unnamed),
                ]) { $1 }, tokenFrom: path)
            #expect(corrected.status == .conflict)
            #expect(corrected.body.contains("changed this account on"))
            #expect(corrected.body.contains("value=\"Moderator Tester (Leeds)\""), "what they typed is kept")
            let kept = try #require(try await User.find(account.id, on: app.db))
            #expect(kept.displayName == "Chloe Wright" && kept.role == .moderator)
        }
    }

    @Test("an indicator's details", arguments: TestDatabase.all)
    func indicator(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let colleague = try await app.signedInBrowser(.engagementOfficer, email: "second@test.heard.example")
            #expect(
                try await IndicatorDetailsTests.create("Carers assessed", period: "month", on: officer).status
                    == .seeOther)
            let indicator = try #require(try await Indicator.query(on: app.db).first())
            let path = "/staff/indicators/\(indicator.id!.uuidString.lowercased())"
            let form = [
                "name": "Carers assessed", "description": "From the practice records.", "unit": "percent",
                "direction": "higher", "period": "month",
            ]
            let opened = try ConcurrentEditTests.version(try await officer.get(path))
            let described = try await colleague.post(
                path + "/details",
                form: form.merging([
                    "description": "From the practice records and the council's carers register.",
                    EditVersion.fieldName: try ConcurrentEditTests.version(try await colleague.get(path)),
                ]) { $1 }, tokenFrom: path)
            #expect(described.status == .seeOther)

            let unnamed = try await officer.post(
                path + "/details", form: form.merging(["name": " ", EditVersion.fieldName: opened]) { $1 },
                tokenFrom: path)
            #expect(unnamed.status == .unprocessableEntity)
            #expect(try ConcurrentEditTests.version(unnamed) == opened)

            let corrected = try await officer.post(
                path + "/details",
                form: form.merging([
                    "name": "Carers given an assessment",
                    EditVersion.fieldName: try ConcurrentEditTests.version(unnamed),
                ]) { $1 }, tokenFrom: path)
            #expect(corrected.status == .conflict)
            #expect(corrected.body.contains("changed this indicator on"))
            #expect(corrected.body.contains("value=\"Carers given an assessment\""), "what they typed is kept")
            let kept = try #require(try await Indicator.find(indicator.id, on: app.db))
            #expect(kept.name == "Carers assessed")
            #expect(kept.summary == "From the practice records and the council's carers register.")
        }
    }

    @Test("an involvement activity", arguments: TestDatabase.all)
    func activity(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(year: 2026, month: 12, day: 4))
            let (_, place) = try await Fixtures.service(on: app.db)
            let activity = InvolvementActivity(
                initiativeID: nil, placeID: place.id!, kind: .communityMeeting, title: "Drop-in at the library",
                heldOn: SimpleDate(year: 2026, month: 11, day: 20), venue: "Halifax library", attendees: 5)
            try await activity.create(on: app.db)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let colleague = try await app.signedInBrowser(.engagementOfficer, email: "second@test.heard.example")
            let path = "/staff/activities/\(activity.id!.uuidString.lowercased())/edit"
            let form = [
                "title": "Drop-in at the library", "kind": "community_meeting", "place_id": place.id!.uuidString,
                "date": "2026-11-20", "venue": "Halifax library", "attendees": "5",
            ]
            let opened = try ConcurrentEditTests.version(try await officer.get(path))
            let counted = try await colleague.post(
                path,
                form: form.merging([
                    "attendees": "12",
                    EditVersion.fieldName: try ConcurrentEditTests.version(try await colleague.get(path)),
                ]) { $1 }, tokenFrom: path)
            #expect(counted.status == .seeOther)

            let untitled = try await officer.post(
                path, form: form.merging(["title": " ", EditVersion.fieldName: opened]) { $1 }, tokenFrom: path)
            #expect(untitled.status == .unprocessableEntity)
            #expect(try ConcurrentEditTests.version(untitled) == opened)

            let corrected = try await officer.post(
                path,
                form: form.merging([
                    "title": "Drop-in at Halifax library",
                    EditVersion.fieldName: try ConcurrentEditTests.version(untitled),
                ]) { $1 }, tokenFrom: path)
            #expect(corrected.status == .conflict)
            #expect(corrected.body.contains("changed this activity on"))
            #expect(corrected.body.contains("value=\"Drop-in at Halifax library\""), "what they typed is kept")
            let kept = try #require(try await InvolvementActivity.find(activity.id, on: app.db))
            #expect(kept.title == "Drop-in at the library" && kept.attendees == 12)
        }
    }

    @Test("a decision paper, and approving it from the refused page", arguments: TestDatabase.all)
    func decisionPaper(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let decision = try await BoardsTests.decisionReadyForApproval(
                meetingOn: DecisionClock.system.today().adding(days: -3), membersPresent: "Chair; Sarah Whitaker",
                on: app.db)
            let path = "/staff/initiatives/\(decision.$initiative.id.uuidString.lowercased())/decision"
            let approve = "/staff/decisions/\(decision.id!.uuidString.lowercased())/approve"
            let secretary = try await app.signedInBrowser(.boardSecretary)
            let colleague = try await app.signedInBrowser(.administrator)
            let form = [
                "title": "Extended hours", "meeting": "Leeds Place Committee", "meeting_on": decision.meetingOn,
                "members_present": "Chair; Sarah Whitaker", "declarations": "None declared.",
                "outcome": "Fund evening appointments", "quorate": "yes",
            ]
            let opened = try ConcurrentEditTests.version(try await secretary.get(path))
            let edited = try await colleague.post(
                path,
                form: form.merging([
                    "outcome": "Fund evening appointments until March only",
                    EditVersion.fieldName: try ConcurrentEditTests.version(try await colleague.get(path)),
                ]) { $1 }, tokenFrom: path)
            #expect(edited.status == .seeOther)

            let untitled = try await secretary.post(
                path, form: form.merging(["title": " ", EditVersion.fieldName: opened]) { $1 }, tokenFrom: path)
            #expect(untitled.status == .unprocessableEntity)
            #expect(try ConcurrentEditTests.version(untitled) == opened)
            // The approval form on the same page stands on the paper as it was opened too.
            #expect(
                untitled.body.components(separatedBy: "name=\"\(EditVersion.fieldName)\" value=\"\(opened)\"").count
                    == 3, "both the paper's form and the approval form carry the version it was opened with")
            let approving = try await secretary.post(
                approve,
                form: [
                    EditVersion.fieldName: try ConcurrentEditTests.version(untitled),
                    "_csrf": try #require(untitled.csrfToken),
                ])
            #expect(approving.status == .conflict, "not approved: the outcome changed after it was opened")
            #expect(try await Decision.find(decision.id, on: app.db)?.isApproved == false)

            let corrected = try await secretary.post(
                path,
                form: form.merging([
                    "title": "Extended GP hours", EditVersion.fieldName: try ConcurrentEditTests.version(untitled),
                ]) { $1 }, tokenFrom: path)
            #expect(corrected.status == .conflict)
            #expect(corrected.body.contains("changed this decision paper on"))
            #expect(corrected.body.contains("value=\"Extended GP hours\""), "what they typed is kept")
            let kept = try #require(try await Decision.find(decision.id, on: app.db))
            #expect(kept.outcome == "Fund evening appointments until March only")
            #expect(kept.title == "Extended hours")
        }
    }

    @Test("an equality impact assessment", arguments: TestDatabase.all)
    func equalityAssessment(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let initiative = Initiative(
                title: "Stroke rehabilitation at home", what: "Move rehab home.", why: "People recover better.",
                affectsServices: true, substantialVariation: false, decisionBody: "ICB board", targetDate: nil)
            try await initiative.create(on: app.db)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let colleague = try await app.signedInBrowser(.administrator)
            let path = "/staff/initiatives/\(initiative.id!.uuidString.lowercased())/eia"
            #expect(
                try await officer.post(
                    path, form: ["who_affected": "Stroke survivors", "status": "draft"], tokenFrom: path
                )
                .status == .seeOther)
            let opened = try ConcurrentEditTests.version(try await officer.get(path))
            let widened = try await colleague.post(
                path,
                form: [
                    "who_affected": "Stroke survivors and their carers", "status": "draft",
                    EditVersion.fieldName: try ConcurrentEditTests.version(try await colleague.get(path)),
                ], tokenFrom: path)
            #expect(widened.status == .seeOther)

            let blank = try await officer.post(
                path, form: ["who_affected": " ", "status": "draft", EditVersion.fieldName: opened], tokenFrom: path)
            #expect(blank.status == .unprocessableEntity)
            #expect(try ConcurrentEditTests.version(blank) == opened)

            let corrected = try await officer.post(
                path,
                form: [
                    "who_affected": "Stroke survivors in Leeds", "status": "draft",
                    EditVersion.fieldName: try ConcurrentEditTests.version(blank),
                ], tokenFrom: path)
            #expect(corrected.status == .conflict)
            #expect(corrected.body.contains("changed this equality impact assessment on"))
            #expect(corrected.body.contains("Stroke survivors in Leeds</textarea>"), "what they typed is kept")
            #expect(
                try await EqualityAssessment.query(on: app.db).first()?.whoAffected
                    == "Stroke survivors and their carers")
        }
    }

    /// An action with a plan, owned by the first account.
    private static func action(on app: TestApp) async throws -> ActionItem {
        let (service, place) = try await Fixtures.service(on: app.db)
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
        return action
    }

    @Test("an action's plan", arguments: TestDatabase.all)
    func actionPlan(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let colleague = try await app.signedInBrowser(.engagementOfficer, email: "second@test.heard.example")
            let action = try await Self.action(on: app)
            let path = "/staff/actions/\(action.id!.uuidString.lowercased())"
            let plan = [
                "title": "Put up new signs", "owner_id": action.$owner.id!.uuidString,
                "due_on": DateInput.format(action.dueOn),
            ]
            let opened = try ConcurrentEditTests.version(try await officer.get(path))
            let widened = try await colleague.post(
                path + "/plan",
                form: plan.merging([
                    "title": "Put up new signs by both entrances",
                    EditVersion.fieldName: try ConcurrentEditTests.version(try await colleague.get(path)),
                ]) { $1 }, tokenFrom: path)
            #expect(widened.status == .seeOther)

            let blank = try await officer.post(
                path + "/plan", form: plan.merging(["title": " ", EditVersion.fieldName: opened]) { $1 },
                tokenFrom: path)
            #expect(blank.status == .unprocessableEntity)
            #expect(try ConcurrentEditTests.version(blank) == opened)

            let corrected = try await officer.post(
                path + "/plan",
                form: plan.merging([
                    "title": "Put up one sign at the main entrance",
                    EditVersion.fieldName: try ConcurrentEditTests.version(blank),
                ]) { $1 }, tokenFrom: path)
            #expect(corrected.status == .conflict)
            #expect(corrected.body.contains("changed this action on"))
            #expect(
                corrected.body.contains("value=\"Put up one sign at the main entrance\""), "what they typed is kept")
            #expect(try await ActionItem.find(action.id, on: app.db)?.title == "Put up new signs by both entrances")
        }
    }

    @Test("an action's update", arguments: TestDatabase.all)
    func actionUpdate(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let colleague = try await app.signedInBrowser(.engagementOfficer, email: "second@test.heard.example")
            let action = try await Self.action(on: app)
            let path = "/staff/actions/\(action.id!.uuidString.lowercased())"
            func version(_ page: TestBrowser.Page) throws -> String {
                try #require(page.hiddenValue("update_version"), "the update form carries its version")
            }
            let opened = try version(try await officer.get(path))
            let started = try await colleague.post(
                path + "/update",
                form: [
                    "status": "in_progress", "note": "The signs are ordered.",
                    "update_version": try version(try await colleague.get(path)),
                ], tokenFrom: path)
            #expect(started.status == .seeOther)

            let unsaid = try await officer.post(
                path + "/update", form: ["status": "done", "note": "", "update_version": opened], tokenFrom: path)
            #expect(unsaid.status == .unprocessableEntity)
            #expect(try version(unsaid) == opened)

            let corrected = try await officer.post(
                path + "/update",
                form: [
                    "status": "done", "note": "New signs are up at the main entrance.",
                    "update_version": try version(unsaid),
                ], tokenFrom: path)
            #expect(corrected.status == .conflict)
            #expect(corrected.body.contains("changed this action on"))
            #expect(
                corrected.body.contains("New signs are up at the main entrance.</textarea>"), "what they typed is kept")
            let kept = try #require(try await ActionItem.find(action.id, on: app.db))
            #expect(kept.status == .inProgress && kept.outcome.isEmpty)
        }
    }
}
