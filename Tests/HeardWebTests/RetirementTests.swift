import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing
import Vapor

/// Places and services the ICS no longer uses are retired, not deleted: no longer offered for new work, still
/// shown wherever history is.
@Suite("Retiring and restoring places and services")
struct RetirementTests {
    static func path(_ collection: String, _ id: UUID, _ action: String) -> String {
        "/staff/\(collection)/\(id.uuidString.lowercased())/\(action)"
    }

    static var today: String { SimpleDate.ukDay(of: Date()).ukText }

    @Test(
        "an administrator retires and restores a service and a place, each audited; a place with services in use is refused, naming them",
        arguments: TestDatabase.all)
    func retireAndRestore(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, place) = try await Fixtures.service(on: app.db)
            let admin = try await app.signedInBrowser(.administrator)

            // The place cannot go while its service is in use: the page says which, and offers no button.
            let placeConfirm = try await admin.get(Self.path("places", place.id!, "retire"))
            #expect(placeConfirm.status == .ok)
            #expect(placeConfirm.body.contains("Calderdale cannot be retired while it has this service"))
            #expect(placeConfirm.body.contains("still offered: Emergency department."))
            #expect(!placeConfirm.body.contains(">Retire place</button>"))
            let refused = try await admin.post(
                Self.path("places", place.id!, "retire"), form: [:], tokenFrom: "/staff/places")
            #expect(refused.status == .conflict)
            #expect(refused.body.contains("still offered: Emergency department."))
            #expect(try await Place.find(place.id, on: app.db)?.retiredAt == nil)

            // Retiring the service: what it means first, then done.
            let confirm = try await admin.get(Self.path("services", service.id!, "retire"))
            #expect(confirm.status == .ok)
            #expect(confirm.body.contains("<h1>Retire Emergency department</h1>"))
            #expect(confirm.body.contains("Nothing is deleted."))
            #expect(confirm.body.contains("no longer offered on the public feedback form"))
            #expect(confirm.body.contains(">Retire service</button>"))
            let retired = try await admin.post(Self.path("services", service.id!, "retire"), form: [:])
            #expect(retired.status == .seeOther)
            #expect(try await Service.find(service.id, on: app.db)?.retiredAt != nil)
            let list = try await admin.get("/staff/services")
            #expect(list.body.contains("Service retired: Emergency department."))
            let hidden = try await admin.get("/staff/services")
            #expect(
                !hidden.body.contains("<th scope=\"row\">Emergency department</th>"),
                "retired services are hidden at first")
            #expect(hidden.body.contains("href=\"/staff/services?retired=show\""))
            #expect(hidden.body.contains("Show retired services (1)"))
            let shown = try await admin.get("/staff/services?retired=show")
            #expect(shown.body.contains("<th scope=\"row\">Emergency department</th>"))
            #expect(shown.body.contains("Retired on \(Self.today)"))
            #expect(shown.body.contains("Hide retired services"))
            #expect(
                try await admin.get("/staff/services?retired=only").body.contains(
                    "<th scope=\"row\">Emergency department</th>"))
            let edit = try await admin.get("/staff/services/\(service.id!.uuidString.lowercased())/edit")
            #expect(edit.body.contains("This service is retired"))
            #expect(edit.body.contains("action=\"\(Self.path("services", service.id!, "restore"))\""))
            // Retiring again changes nothing and writes nothing.
            let again = try await admin.post(
                Self.path("services", service.id!, "retire"), form: [:], tokenFrom: "/staff/services")
            #expect(again.status == .seeOther)

            // Now the place can go.
            let placeRetired = try await admin.post(
                Self.path("places", place.id!, "retire"), form: [:], tokenFrom: "/staff/places")
            #expect(placeRetired.status == .seeOther)
            let retiredAt = try #require(try await Place.find(place.id, on: app.db)?.retiredAt)
            #expect(try await admin.get("/staff/places").body.contains("Place retired: Calderdale."))
            // The API still lists it, since its slug still filters history, and says since when it is retired.
            let apiPlaces = try await app.browser().get("/api/v1/places").body
            #expect(
                apiPlaces.contains("\"retired_on\":\"\(SimpleDate.ukDay(of: retiredAt).iso)\""), "\(apiPlaces)")
            let places = try await admin.get("/staff/places")
            #expect(!places.body.contains("<th scope=\"row\">Calderdale</th>"))
            #expect(places.body.contains("Show retired places (1)"))
            // Adding it again is pointed to restoring it.
            let addedAgain = try await admin.post(
                "/staff/places/new", form: ["name": "Calderdale"], tokenFrom: "/staff/places/new")
            #expect(addedAgain.status == .unprocessableEntity)
            #expect(addedAgain.body.contains("Calderdale is a retired place. Restore it from the list of places"))
            // The public list, asked for that place by an old link, says it is no longer used.
            let oldLink = try await app.browser().get("/feedback?place=calderdale")
            #expect(oldLink.body.contains("Calderdale is no longer a place we take feedback for."))
            #expect(
                try await app.browser().get("/feedback?place=atlantis").body.contains("We do not know that place."))
            let allPlaces = try await admin.get("/staff/places?retired=show")
            #expect(allPlaces.body.contains("<th scope=\"row\">Calderdale</th>"))
            #expect(allPlaces.body.contains("Retired on \(Self.today)"))

            // No new service goes into a retired place, and the form does not offer it.
            let newForm = try await admin.get("/staff/services/new")
            #expect(!newForm.body.contains("value=\"\(place.id!.uuidString)\""))
            let intoRetired = try await admin.post(
                "/staff/services/new",
                form: [
                    "name": "Walk-in centre", "summary": "", "organisation_id": service.$organisation.id.uuidString,
                    "place_id": place.id!.uuidString,
                ])
            #expect(intoRetired.status == .unprocessableEntity)
            #expect(intoRetired.body.contains("Calderdale was retired on \(Self.today)"))
            #expect(try await Service.query(on: app.db).count() == 1)

            // The service cannot come back while its place is retired; restoring both, place first, works.
            let early = try await admin.post(
                Self.path("services", service.id!, "restore"), form: [:], tokenFrom: "/staff/services")
            #expect(early.status == .conflict)
            #expect(early.body.contains("Restore Calderdale first"))
            #expect(try await Service.find(service.id, on: app.db)?.retiredAt != nil)
            #expect(
                try await admin.post(Self.path("places", place.id!, "restore"), form: [:], tokenFrom: "/staff/places")
                    .status == .seeOther)
            #expect(
                try await admin.post(
                    Self.path("services", service.id!, "restore"), form: [:], tokenFrom: "/staff/services"
                ).status == .seeOther)
            #expect(try await Service.find(service.id, on: app.db)?.retiredAt == nil)
            #expect(try await Place.find(place.id, on: app.db)?.retiredAt == nil)
            #expect(try await admin.get("/staff/services").body.contains("<th scope=\"row\">Emergency department</th>"))
            #expect(try await admin.get("/staff/places").body.contains("<th scope=\"row\">Calderdale</th>"))

            let events = try await AuditEvent.query(on: app.db).filter(
                \.$action ~~ [
                    "service.retired", "service.restored", "place.retired", "place.restored",
                ]
            ).sort(\.$occurredAt).all()
            #expect(events.map(\.action) == ["service.retired", "place.retired", "place.restored", "service.restored"])
            #expect(events.allSatisfy { $0.actorLabel == "administrator@test.heard.example" })
            #expect(events.first?.summary == "Retired service Emergency department")
            #expect(events.first?.objectID == service.id?.uuidString)
            #expect(AuditLog.decodeChanges(events[0].changes).first?.field == "retired_at")
            #expect(
                try await admin.get("/staff/audit?object_type=service").body.contains(
                    "Retired service Emergency department"))
        }
    }

    @Test(
        "a retired service is not offered for new feedback (public form, staff entry, API, import, new actions) but its history stays",
        arguments: TestDatabase.all)
    func notOfferedButKept(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, place) = try await Fixtures.service(on: app.db)
            let open = Service(
                name: "Walk-in centre", organisationID: service.$organisation.id, placeID: place.id!)
            try await open.create(on: app.db)
            let visitor = app.browser()
            // Feedback given before it closed, and a form opened before it closed.
            let earlier = try await visitor.postJSON(
                "/api/v1/feedback",
                json: #"{"text": "The nurses were kind.", "service_id": "\#(service.id!.uuidString)"}"#)
            #expect(earlier.status == .created)
            let formPath = "/feedback/new?service=\(service.id!.uuidString)"
            let token = try #require(try await visitor.get(formPath).csrfToken)

            let admin = try await app.signedInBrowser(.administrator)
            #expect(
                try await admin.post(Self.path("services", service.id!, "retire"), form: [:]).status == .seeOther)

            // The public list offers only the service in use.
            let chooser = try await visitor.get("/feedback")
            #expect(chooser.body.contains("Walk-in centre"))
            #expect(!chooser.body.contains("Emergency department"))
            // A direct link says it has closed and where to go instead: 410, not an error.
            let gone = try await visitor.get(formPath)
            #expect(gone.status == .gone)
            #expect(gone.body.contains("Emergency department has closed"))
            #expect(gone.body.contains("was retired on \(Self.today)"))
            #expect(gone.body.contains("href=\"/feedback\""))
            // The form opened before: nothing stored, and what was typed is shown so it is not lost.
            let sent = try await visitor.post(
                formPath,
                form: [
                    "_csrf": token, "service_id": service.id!.uuidString, "story": "The car park was full again.",
                    "consent_to_publish": "no",
                ])
            #expect(sent.status == .gone)
            #expect(sent.body.contains("The car park was full again."))
            #expect(try await FeedbackItem.query(on: app.db).count() == 1)

            // Staff entering feedback find it only among the closed services, for its last returns: feedback it
            // received before it was retired (a letter that arrived before it closed), as an import may.
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let staffChooser = try await officer.get("/staff/feedback/new")
            #expect(staffChooser.body.contains("Walk-in centre"))
            let closedSection = try #require(staffChooser.body.range(of: "Services that have closed (1)"))
            #expect(!staffChooser.body[..<closedSection.lowerBound].contains("Emergency department"))
            #expect(staffChooser.body[closedSection.upperBound...].contains("Emergency department"))
            #expect(staffChooser.body.contains("Retired on \(Self.today)"))
            let staffFormPath = "/staff/feedback/new/form?service=\(service.id!.uuidString)"
            let staffForm = try await officer.get(staffFormPath)
            #expect(staffForm.status == .ok)
            #expect(
                staffForm.body.contains(
                    "Emergency department was retired on \(Self.today). You can still enter feedback it received before then"
                ))
            func enter(_ receivedOn: String, key: String) async throws -> TestBrowser.Page {
                try await officer.post(
                    "/staff/feedback/new?service=\(service.id!.uuidString)",
                    form: [
                        "service_id": service.id!.uuidString, "channel": "letter", "story": "The porters were kind.",
                        "consent_to_publish": "no", "received_on": receivedOn, "submission_key": key,
                    ], tokenFrom: staffFormPath)
            }
            // Received on the day it closed (or left as today): refused on the date, with the words kept.
            for day in ["", SimpleDate.ukDay(of: Date()).iso] {
                let refused = try await enter(day, key: "late-\(day)")
                #expect(refused.status == .unprocessableEntity)
                #expect(refused.body.contains("enter the day this feedback was received, before then"))
                #expect(refused.body.contains("The porters were kind."))
            }
            #expect(try await FeedbackItem.query(on: app.db).count() == 1)
            let yesterday = SimpleDate.ukDay(of: Date()).adding(days: -1)
            let accepted = try await enter(yesterday.iso, key: "last-return")
            #expect(accepted.status == .seeOther)
            let lastReturn = try #require(
                try await FeedbackItem.query(on: app.db).filter(\.$submissionKey == "last-return").first())
            #expect(lastReturn.$service.id == service.id)
            #expect(SimpleDate.ukDay(of: lastReturn.receivedAt) == yesterday)
            try await lastReturn.delete(on: app.db)

            // The API refuses it by id and by name, saying when it was retired, and no longer lists it.
            for json in [
                #"{"text": "Still waiting.", "service_id": "\#(service.id!.uuidString)"}"#,
                #"{"text": "Still waiting.", "service_name": "emergency department"}"#,
            ] {
                let refused = try await visitor.postJSON("/api/v1/feedback", json: json)
                #expect(refused.status == .unprocessableEntity, "\(json)")
                #expect(refused.body.contains("Emergency department was retired on \(Self.today)"), "\(refused.body)")
            }
            let services = try await visitor.get("/api/v1/services")
            #expect(services.body.contains("Walk-in centre"))
            #expect(!services.body.contains("Emergency department"))
            #expect(try await FeedbackItem.query(on: app.db).count() == 1)

            // An import refuses its rows on their lines, saying it is retired and when; the other rows go in.
            let csv = "Ward,Comment\r\nEmergency department,Long wait\r\nWalk-in centre,Quick and kind\r\n"
            let uploaded = try await officer.upload(
                "/staff/imports", fileField: "file", fileName: "fft.csv", content: csv, tokenFrom: "/staff/imports")
            let batchPath = try #require(uploaded.location)
            let check = try await officer.post(
                batchPath,
                form: ["column_text": "Comment", "column_service": "Ward", "fixed_service": "", "step": "check"])
            #expect(check.status == .ok)
            #expect(check.body.contains("1 would be imported, 1 would be refused"), "\(check.body)")
            #expect(check.body.contains("Emergency department was retired on \(Self.today)"))
            let mapping = try await officer.get(batchPath)
            #expect(!mapping.body.contains("<option value=\"\(service.id!.uuidString)\""))
            // Chosen as the one service of the whole file: refused as a whole, saying why.
            let fixed = try await officer.post(
                batchPath,
                form: ["column_text": "Comment", "fixed_service": service.id!.uuidString, "step": "check"])
            #expect(fixed.status == .unprocessableEntity)
            #expect(fixed.body.contains("Emergency department was retired on \(Self.today)"))

            // A new action is not offered it, and refuses it.
            let actionForm = try await officer.get("/staff/actions/new")
            #expect(actionForm.status == .ok)
            #expect(!actionForm.body.contains("value=\"\(service.id!.uuidString)\""))
            let action = try await officer.post(
                "/staff/actions/new",
                form: ["title": "Shorter waits", "service_id": service.id!.uuidString], tokenFrom: "/staff/actions/new")
            #expect(action.status == .unprocessableEntity)
            #expect(action.body.contains("Emergency department was retired on \(Self.today): choose a service in use"))
            // Raised from its feedback, the service is not filled in, and the officer is told why.
            let given = try #require(try await FeedbackItem.query(on: app.db).first())
            let fromFeedback = try await officer.get("/staff/actions/new?feedback=\(given.id!.uuidString)")
            #expect(fromFeedback.status == .ok)
            #expect(
                fromFeedback.body.contains(
                    "The feedback is about Emergency department, which was retired on \(Self.today), so no service is filled in"
                ))
            #expect(!fromFeedback.body.contains("value=\"\(service.id!.uuidString)\""))
            #expect(fromFeedback.body.contains("value=\"\(place.id!.uuidString)\" selected"))

            // History stays: the feedback, its page, the staff filter (marked), nothing deleted.
            let item = try #require(try await FeedbackItem.query(on: app.db).first())
            #expect(item.$service.id == service.id)
            let itemPage = try await officer.get("/staff/feedback/\(item.id!.uuidString.lowercased())")
            #expect(itemPage.status == .ok)
            #expect(itemPage.body.contains("Emergency department"))
            let queue = try await officer.get("/staff/feedback?service=\(service.id!.uuidString)")
            #expect(queue.status == .ok)
            #expect(queue.body.contains("Emergency department, Calderdale (retired)"), "\(queue.body)")
            #expect(try await Service.query(on: app.db).count() == 2)
        }
    }

    @Test(
        "activities and initiatives offer only places and services in use; an activity already at a retired place keeps it",
        arguments: TestDatabase.all)
    func activitiesAndInitiatives(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, calderdale) = try await Fixtures.service(on: app.db)
            let kirklees = Place(name: "Kirklees", slug: "kirklees")
            try await kirklees.create(on: app.db)
            let activity = InvolvementActivity(
                initiativeID: nil, placeID: calderdale.id!, kind: .workshop, title: "Listening day",
                heldOn: SimpleDate.ukDay(of: Date()).adding(days: -3), venue: "Halifax library", attendees: 12)
            try await activity.create(on: app.db)
            let admin = try await app.signedInBrowser(.administrator)
            #expect(try await admin.post(Self.path("services", service.id!, "retire"), form: [:]).status == .seeOther)
            #expect(try await admin.post(Self.path("places", calderdale.id!, "retire"), form: [:]).status == .seeOther)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let calderdaleID = calderdale.id!.uuidString.lowercased()
            let serviceID = service.id!.uuidString.lowercased()

            let newActivity = try await officer.get("/staff/activities/new")
            #expect(newActivity.body.lowercased().contains(kirklees.id!.uuidString.lowercased()))
            #expect(!newActivity.body.lowercased().contains(calderdaleID))
            let refused = try await officer.post(
                "/staff/activities/new",
                form: [
                    "title": "Drop-in", "kind": "community_meeting", "place_id": calderdale.id!.uuidString,
                    "date": SimpleDate.ukDay(of: Date()).adding(days: 20).iso, "venue": "Town hall", "attendees": "0",
                ], tokenFrom: "/staff/activities/new")
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("Calderdale was retired on \(Self.today)"))

            // The activity held there before is still shown, and can still be changed, at its place.
            let activityPath = "/staff/activities/\(activity.id!.uuidString.lowercased())"
            let shown = try await officer.get(activityPath)
            #expect(shown.status == .ok)
            #expect(shown.body.contains("Calderdale"))
            #expect(!shown.body.lowercased().contains("value=\"\(serviceID)\""), "no new comments about it")
            let edit = try await officer.get(activityPath + "/edit")
            #expect(edit.body.contains("Calderdale (retired)"))
            // A comment naming the retired service is refused, not stored as feedback about it.
            let comment = try await officer.post(
                activityPath + "/comments",
                form: ["comment": "More evening clinics.", "service_id": service.id!.uuidString],
                tokenFrom: activityPath)
            #expect(comment.status == .unprocessableEntity)
            #expect(comment.body.contains("Emergency department was retired on \(Self.today)"))
            #expect(try await FeedbackItem.query(on: app.db).count() == 0)
            #expect(try await ActivityComment.query(on: app.db).count() == 0)

            let newInitiative = try await officer.get("/staff/initiatives/new")
            #expect(newInitiative.status == .ok)
            #expect(newInitiative.body.contains("Kirklees"))
            #expect(!newInitiative.body.lowercased().contains(calderdaleID))
            #expect(!newInitiative.body.lowercased().contains(serviceID))
        }
    }

    @Test("the CLI import refuses rows naming a retired service on their line, and a retired --service outright")
    func commandLineImport() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        var path = ""
        try await TestApp.run(
            on: .sqlite, configure: { if case .sqliteFile(let file) = $0.database { path = file } }
        ) { app in
            let (service, place) = try await Fixtures.service(on: app.db)
            try await Service(name: "Walk-in centre", organisationID: service.$organisation.id, placeID: place.id!)
                .create(on: app.db)
            service.retiredAt = Date()
            try await service.save(on: app.db)
            try workspace.write("f.csv", "Comment,Service\nLong wait,Emergency department\nKind,Walk-in centre\n")
            let run = try workspace.run(
                "import", "feedback", "f.csv", "--text-column", "Comment", "--service-column", "Service", "--dry-run",
                "--database", path)
            #expect(run.status == 1, "\(run.errors)")
            #expect(run.errors.contains("refused line 2"), "\(run.errors)")
            #expect(run.errors.contains("Emergency department was retired on \(Self.today)"), "\(run.errors)")
            #expect(run.output.contains("1 would be imported, 1 would be refused"), "\(run.output)")
            let fixed = try workspace.run(
                "import", "feedback", "f.csv", "--text-column", "Comment", "--service", "Emergency department",
                "--dry-run", "--database", path)
            #expect(fixed.status != 0 && fixed.endedCleanly)
            #expect(fixed.errors.contains("Emergency department was retired on \(Self.today)"), "\(fixed.errors)")
            #expect(fixed.errors.contains("Rows received before then can be imported with a date column"))

            // Its last returns, received before it was retired, still go in; a row dated the day it closed does not.
            let yesterday = SimpleDate.ukDay(of: Date()).adding(days: -1)
            let today = SimpleDate.ukDay(of: Date())
            func uk(_ day: SimpleDate) -> String { String(format: "%02d/%02d/%04d", day.day, day.month, day.year) }
            try workspace.write("last.csv", "Comment,Date\nLast week's visit,\(uk(yesterday))\nToo late,\(uk(today))\n")
            let last = try workspace.run(
                "import", "feedback", "last.csv", "--text-column", "Comment", "--date-column", "Date", "--service",
                "Emergency department", "--database", path)
            #expect(last.status == 1, "one row refused: \(last.errors)")
            #expect(last.errors.contains("refused line 3"), "\(last.errors)")
            #expect(last.errors.contains("Only feedback received before then can be imported for it."))
            let stored = try await FeedbackItem.query(on: app.db).filter(\.$service.$id == service.id!).all()
            #expect(stored.map(\.story) == ["Last week's visit"])
        }
    }

    @Test(
        "a service retired or moved is refused or filed rightly at once through the API: by another instance on PostgreSQL, by this one on either",
        arguments: TestDatabase.all)
    func changedElsewhere(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, place) = try await Fixtures.service(on: app.db)
            let leeds = Place(name: "Leeds", slug: "leeds")
            try await leeds.create(on: app.db)
            let visitor = app.browser()
            func send() async throws -> TestBrowser.Page {
                try await visitor.postJSON(
                    "/api/v1/feedback",
                    json: #"{"text": "The nurses were kind.", "service_id": "\#(service.id!.uuidString)"}"#)
            }
            #expect(try await send().status == .created, "the service is now known to this instance")

            // Moved to Leeds through this instance's own form: filed there at once.
            let admin = try await app.signedInBrowser(.administrator)
            let editPath = "/staff/services/\(service.id!.uuidString.lowercased())/edit"
            let form = try await admin.get(editPath)
            let moved = try await admin.post(
                editPath,
                form: [
                    "_csrf": form.csrfToken ?? "", "name": service.name,
                    "organisation_id": service.$organisation.id.uuidString, "place_id": leeds.id!.uuidString,
                    "edit_version": form.hiddenValue("edit_version") ?? "",
                ])
            #expect(moved.status == .seeOther, "\(moved.body)")
            #expect(try await send().status == .created)
            let latest = try #require(try await FeedbackItem.query(on: app.db).sort(\.$receivedAt, .descending).first())
            #expect(latest.$place.id == leeds.id, "filed in the service's new place")

            guard database.engine == .postgres else { return }
            // Another instance (here: a direct change to the shared database) moves it back, then retires it.
            let stored = try #require(try await Service.find(service.id, on: app.db))
            stored.$place.id = place.id!
            try await stored.save(on: app.db)
            #expect(try await send().status == .created)
            let back = try #require(try await FeedbackItem.query(on: app.db).sort(\.$receivedAt, .descending).first())
            #expect(back.$place.id == place.id, "filed where the service is now, not where it was")
            stored.retiredAt = Date()
            try await stored.save(on: app.db)
            let refused = try await send()
            #expect(refused.status == .unprocessableEntity, "refused at once, not seconds later")
            #expect(refused.body.contains("was retired on"))
        }
    }
}
