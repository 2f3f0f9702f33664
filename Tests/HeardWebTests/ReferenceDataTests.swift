import Fluent
import HeardDomain
import HeardStorage
import HeardWeb
import Testing
import Vapor

@Suite("Organisations, places and services")
struct ReferenceDataTests {
    @Test("adding and changing an organisation is audited with what changed", arguments: TestDatabase.all)
    func organisationLifecycle(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let browser = try await app.signedInBrowser(.administrator)
            let created = try await browser.post(
                "/staff/organisations/new",
                form: ["name": "Holme Valley Hospice", "kind": "voluntary", "ods_code": "x123"])
            #expect(created.status == .seeOther)
            let org = try #require(try await Organisation.query(on: app.db).first())
            #expect(org.odsCode == "X123")
            let list = try await browser.get("/staff/organisations")
            #expect(list.body.contains("Organisation added: Holme Valley Hospice"))
            #expect(list.body.contains("Holme Valley Hospice"))

            let editPath = "/staff/organisations/\(org.id!.uuidString.lowercased())/edit"
            let changed = try await browser.post(
                editPath, form: ["name": "Holme Valley Hospice Care", "kind": "voluntary", "ods_code": ""])
            #expect(changed.status == .seeOther)

            let events = try await AuditEvent.query(on: app.db).filter(\.$objectType == "organisation").sort(
                \.$occurredAt
            ).all()
            #expect(events.map(\.action) == ["organisation.created", "organisation.updated"])
            let changes = AuditLog.decodeChanges(events[1].changes)
            #expect(
                changes.contains(FieldChange("name", from: "Holme Valley Hospice", to: "Holme Valley Hospice Care")))
            #expect(changes.contains(FieldChange("ods_code", from: "X123", to: nil)))
            #expect(events.allSatisfy { $0.actorLabel == "administrator@test.heard.example" })

            let audit = try await browser.get("/staff/audit?object_type=organisation")
            #expect(audit.body.contains("Changed organisation Holme Valley Hospice Care"))
            #expect(audit.body.contains("Organisation: updated"), "actions in words")
            // By UK day: today's entries, and none for a day in the past.
            let today = DecisionClock.ukDay(of: Date()).iso
            let todays = try await browser.get("/staff/audit?object_type=organisation&from=\(today)&to=\(today)")
            #expect(todays.body.contains("Changed organisation Holme Valley Hospice Care"))
            let past = try await browser.get("/staff/audit?object_type=organisation&to=2020-01-01")
            #expect(past.body.contains("0 entries"))
            let bad = try await browser.get("/staff/audit?from=yesterday")
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.contains("\"yesterday\" is not a real date"))
            let reversed = try await browser.get("/staff/audit?from=2026-12-05&to=2026-12-01")
            #expect(reversed.body.contains("The end of the period cannot be before its start (5 December 2026)."))
            #expect(try await browser.get("/staff/audit?page=abc").status == .ok, "a bad page number shows the first")
            // A kind of record or action never recorded matches nothing and says so; a valid one stays chosen.
            let unknown = try await browser.get("/staff/audit?object_type=organisation&action=wizardry")
            #expect(unknown.status == .ok)
            #expect(
                unknown.body.contains("There is no action \"wizardry\", so nothing matches: choose one from the list."))
            #expect(unknown.body.contains("0 entries"))
            #expect(unknown.body.contains("<option value=\"organisation\" selected>"))
            let noKind = try await browser.get("/staff/audit?object_type=wizard")
            #expect(noKind.body.contains("There is no kind of record \"wizard\", so nothing matches"))
            #expect(noKind.body.contains("0 entries"))
            // Who did it: part of the name or e-mail, with "_" and "%" matched as themselves.
            let byAdmin = try await browser.get("/staff/audit?object_type=organisation&actor=ADMINISTRATOR@")
            #expect(byAdmin.body.contains("Changed organisation Holme Valley Hospice Care"))
            for wildcard in ["_", "%", "a_m"] {
                let page = try await browser.get(
                    "/staff/audit?actor=\(wildcard.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)")
                #expect(page.body.contains("0 entries"), "\(wildcard)")
            }
        }
    }

    @Test("a form with mistakes comes back with every error linked and what was typed kept")
    func formErrorsKeepInput() async throws {
        try await TestApp.run(on: .sqlite) { app in
            let browser = try await app.signedInBrowser(.administrator)
            let page = try await browser.post(
                "/staff/organisations/new",
                form: ["name": "  ", "kind": "spaceship", "ods_code": "<script>alert(1)</script>"])
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("href=\"#field-name\""))
            #expect(page.body.contains("href=\"#field-kind\""))
            #expect(page.body.contains("href=\"#field-ods_code\""))
            #expect(page.body.contains("id=\"field-name\""))
            #expect(page.body.contains("aria-invalid=\"true\""))
            // Typed text is kept, escaped.
            #expect(page.body.contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;\""))
            #expect(!page.body.contains("<script>"))
            #expect(try await Organisation.query(on: app.db).count() == 0)
        }
    }

    @Test("two organisations cannot have the same ODS code", arguments: TestDatabase.all)
    func duplicateODSCode(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let browser = try await app.signedInBrowser(.administrator)
            let first = try await browser.post(
                "/staff/organisations/new", form: ["name": "Riverside Trust", "kind": "trust", "ods_code": "RZ1"])
            #expect(first.status == .seeOther)
            let second = try await browser.post(
                "/staff/organisations/new", form: ["name": "QA Community Trust", "kind": "trust", "ods_code": "rz1"])
            #expect(second.status == .unprocessableEntity)
            #expect(second.body.contains("Riverside Trust already has the ODS code RZ1."))
            #expect(second.body.contains("href=\"#field-ods_code\""))
            #expect(try await Organisation.query(on: app.db).count() == 1)
            // Saving the organisation that has it again is fine.
            let riverside = try #require(try await Organisation.query(on: app.db).first())
            let editPath = "/staff/organisations/\(riverside.id!.uuidString.lowercased())/edit"
            let kept = try await browser.post(
                editPath, form: ["name": "Riverside NHS Trust", "kind": "trust", "ods_code": "RZ1"],
                tokenFrom: editPath)
            #expect(kept.status == .seeOther)
        }
    }

    @Test("a duplicate name is a field error, not a crash", arguments: TestDatabase.all)
    func duplicatePlace(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let browser = try await app.signedInBrowser(.administrator)
            #expect(try await browser.post("/staff/places/new", form: ["name": "Calderdale"]).status == .seeOther)
            let again = try await browser.post("/staff/places/new", form: ["name": "Calderdale"])
            #expect(again.status == .unprocessableEntity)
            #expect(again.body.contains("There is already a place called Calderdale, or one whose web address"))
            #expect(try await Place.query(on: app.db).count() == 1)
            // Names in other alphabets or with accents get addresses of their own, never an empty one.
            for name in ["Café Town", "東京", "!!!"] {
                #expect(
                    try await browser.post("/staff/places/new", form: ["name": name]).status == .seeOther, "\(name)")
            }
            let slugs = try await Place.query(on: app.db).all().map(\.slug)
            #expect(slugs.contains("cafe-town"))
            #expect(!slugs.contains(""))
            #expect(Set(slugs).count == 4)
        }
    }

    @Test("a service needs a real organisation and place", arguments: TestDatabase.all)
    func serviceValidation(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let org = Organisation(name: "Riverside Trust", kind: .trust)
            try await org.create(on: app.db)
            let place = Place(name: "Leeds", slug: "leeds")
            try await place.create(on: app.db)
            let browser = try await app.signedInBrowser(.administrator)
            let bad = try await browser.post(
                "/staff/services/new",
                form: ["name": "Eye clinic", "organisation_id": UUID().uuidString, "place_id": "", "summary": ""])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.contains("Select an organisation from the list."))
            #expect(bad.body.contains("Select the place where the service is."))
            #expect(bad.body.contains("value=\"Eye clinic\""))
            let good = try await browser.post(
                "/staff/services/new",
                form: [
                    "name": "Eye clinic", "organisation_id": org.id!.uuidString, "place_id": place.id!.uuidString,
                    "summary": "Eye tests.",
                ])
            #expect(good.status == .seeOther)
            let service = try #require(try await Service.query(on: app.db).first())
            #expect(service.$place.id == place.id)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "service.created").count() == 1)
            // The same name with other capitals or spacing is the same service.
            let twin = try await browser.post(
                "/staff/services/new",
                form: [
                    "name": "eye  CLINIC", "organisation_id": org.id!.uuidString, "place_id": place.id!.uuidString,
                    "summary": "",
                ])
            #expect(twin.status == .unprocessableEntity)
            #expect(twin.body.contains("already has a service called Eye clinic in"))
            #expect(try await Service.query(on: app.db).count() == 1)
            // The same name in another place is allowed, but the person is told what it means for imports.
            let wakefield = Place(name: "Wakefield", slug: "wakefield")
            try await wakefield.create(on: app.db)
            let elsewhere = try await browser.post(
                "/staff/services/new",
                form: [
                    "name": "Eye clinic", "organisation_id": org.id!.uuidString, "place_id": wakefield.id!.uuidString,
                    "summary": "",
                ])
            #expect(elsewhere.status == .seeOther)
            #expect(
                try await browser.get("/staff/services").body.contains(
                    "Another service in use is also called Eye clinic (in Leeds): imports and API calls"))
        }
    }

    @Test("administrators add people, and switching an account off ends its sign-in", arguments: TestDatabase.all)
    func usersLifecycle(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let admin = try await app.signedInBrowser(.administrator)
            let weak = try await admin.post(
                "/staff/users/new",
                form: ["display_name": "Sam", "email": "sam@example.nhs.uk", "role": "moderator", "password": "short"])
            #expect(weak.status == .unprocessableEntity)
            #expect(weak.body.contains("at least 12 characters"))
            let created = try await admin.post(
                "/staff/users/new",
                form: [
                    "display_name": "Sam", "email": "Sam@Example.nhs.uk", "role": "moderator",
                    "password": "a long enough password",
                ])
            #expect(created.status == .seeOther)
            let sam = try #require(try await User.query(on: app.db).filter(\.$email == "sam@example.nhs.uk").first())
            let samBrowser = app.browser()
            #expect(
                try await samBrowser.signIn(email: "sam@example.nhs.uk", password: "a long enough password").status
                    == .seeOther)
            #expect(try await samBrowser.get("/staff").status == .ok)

            let off = try await admin.post(
                "/staff/users/\(sam.id!.uuidString)/deactivate", form: [:], tokenFrom: "/staff/users")
            #expect(off.status == .seeOther)
            #expect(try await samBrowser.get("/staff").status == .seeOther)
            let actions = try await AuditEvent.query(on: app.db).filter(\.$objectType == "user").all().map(\.action)
            #expect(actions.contains("user.created"))
            #expect(actions.contains("user.deactivated"))
        }
    }

    @Test("the services list filters by name, organisation and place, 50 a page", arguments: TestDatabase.all)
    func servicesListFilters(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (first, calderdale) = try await Fixtures.service(on: app.db)
            let leeds = Place(name: "Leeds", slug: "leeds")
            try await leeds.create(on: app.db)
            for index in 1...60 {
                try await Service(
                    name: index % 2 == 0 ? "GP Surgery \(index)" : "Pharmacy \(index)", summary: "",
                    organisationID: first.$organisation.id, placeID: index % 3 == 0 ? leeds.id! : calderdale.id!
                ).create(on: app.db)
            }
            let admin = try await app.signedInBrowser(.administrator)
            func rows(_ path: String) async throws -> (count: Int, body: String) {
                let page = try await admin.get(path)
                #expect(page.status == .ok)
                return (page.body.components(separatedBy: "/edit\"").count - 1, page.body)
            }
            var listed = try await rows("/staff/services")
            #expect(listed.count == 50)
            #expect(listed.body.contains("href=\"/staff/services?page=2\""))
            #expect(try await rows("/staff/services?page=2").count == 11)
            listed = try await rows("/staff/services?q=gp%20SURGERY&place=leeds")
            #expect(listed.count == 10, "even numbers that are multiples of 3, up to 60")
            #expect(listed.body.contains("GP Surgery 6<") && !listed.body.contains("Pharmacy"))
            #expect(listed.body.contains("value=\"gp SURGERY\""), "the words typed are kept")
            listed = try await rows("/staff/services?q=nothing-like-this")
            #expect(listed.count == 0)
            #expect(listed.body.contains("No services match."))
            // A place or organisation that names nothing matches nothing and says so, rather than listing all.
            listed = try await rows("/staff/services?place=no-such-place")
            #expect(listed.count == 0)
            #expect(
                listed.body.contains(
                    "There is no place \"no-such-place\", so nothing matches: choose one from the list."))
            #expect(listed.body.contains("No services match."))
            listed = try await rows("/staff/services?organisation=not-a-uuid&place=leeds")
            #expect(listed.count == 0)
            #expect(listed.body.contains("There is no organisation \"not-a-uuid\", so nothing matches"))
            #expect(listed.body.contains("<option value=\"leeds\" selected>"), "the valid choice stays chosen")
            // A valid organisation still filters, stays chosen, and is kept in the page links.
            let organisation = first.$organisation.id.uuidString
            listed = try await rows("/staff/services?organisation=\(organisation.lowercased())")
            #expect(listed.count == 50)
            #expect(listed.body.contains("<option value=\"\(organisation)\" selected>"))
            #expect(
                listed.body.contains("href=\"/staff/services?organisation=\(organisation.lowercased())&amp;page=2\""))
        }
    }

    @Test("the people list filters by role, status and name or e-mail, 50 a page", arguments: TestDatabase.all)
    func usersListFilters(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let admin = try await app.signedInBrowser(.administrator)
            for index in 1...60 {
                try await User(
                    email: "person\(index)@example.nhs.uk",
                    displayName: index == 7 ? "Grace O'Neill" : "Person \(index)",
                    role: index % 2 == 0 ? .involvedPerson : .moderator, passwordHash: "not-a-hash",
                    organisationID: nil,
                    isActive: index % 5 != 0
                ).create(on: app.db)
            }
            func rows(_ path: String) async throws -> (count: Int, body: String) {
                let page = try await admin.get(path)
                #expect(page.status == .ok)
                return (page.body.components(separatedBy: "@example.nhs.uk</td>").count - 1, page.body)
            }
            var listed = try await rows("/staff/users")
            #expect(listed.count == 49, "the administrator comes first, then 49 of the 60")
            #expect(listed.body.contains("href=\"/staff/users?page=2\""))
            #expect(try await rows("/staff/users?page=2").count == 11)
            listed = try await rows("/staff/users?role=moderator&status=off")
            #expect(listed.count == 6, "odd multiples of 5 up to 60")
            listed = try await rows("/staff/users?q=o%27neill")
            #expect(listed.count == 1)
            #expect(listed.body.contains("person7@example.nhs.uk"))
            listed = try await rows("/staff/users?q=PERSON12%40")
            #expect(listed.count == 1, "e-mail addresses match too")
            #expect(try await rows("/staff/users?q=zzz").body.contains("Nobody matches."))
            // A role or status that names nothing matches nothing and says so, rather than listing everyone.
            listed = try await rows("/staff/users?role=wizard&status=off")
            #expect(listed.count == 0)
            #expect(listed.body.contains("There is no role \"wizard\", so nothing matches: choose one from the list."))
            #expect(listed.body.contains("Nobody matches."))
            #expect(listed.body.contains("<option value=\"off\" selected>"), "the valid choice stays chosen")
            listed = try await rows("/staff/users?status=asleep")
            #expect(listed.count == 0)
            #expect(listed.body.contains("There is no status \"asleep\", so nothing matches"))
            listed = try await rows("/staff/users?role=involved_person")
            #expect(listed.count == 30)
            #expect(listed.body.contains("<option value=\"involved_person\" selected>"))
            #expect(!listed.body.contains("so nothing matches"))
        }
    }
}
