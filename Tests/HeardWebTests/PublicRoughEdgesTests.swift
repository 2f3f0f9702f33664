import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// Small things a member of the public meets: no dead ends, titles that tell pages apart, places named in the
/// same order on every load, long words that wrap on a phone, and one spelling of e-mail.
@Suite("Public pages: rough edges")
struct PublicRoughEdgesTests {
    @Test(
        "the form with no service goes to the list; its title names the service; long words wrap",
        arguments: TestDatabase.all)
    func shareForm(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, _) = try await Fixtures.service(on: app.db)
            let browser = app.browser()
            for path in ["/feedback/new", "/feedback/new?service="] {
                let noService = try await browser.get(path)
                #expect(noService.status == .seeOther, "\(path)")
                #expect(noService.location == "/feedback", "\(path)")
            }
            let staff = try await app.signedInBrowser(.engagementOfficer)
            let staffNoService = try await staff.get("/staff/feedback/new/form")
            #expect(staffNoService.location == "/staff/feedback/new")
            #expect(try await browser.get("/feedback/new?service=\(UUID().uuidString)").status == .notFound)

            #expect(try await browser.get("/feedback").body.contains("<title>Share your experience – Heard</title>"))
            let form = try await browser.get("/feedback/new?service=\(service.id!.uuidString)")
            #expect(form.body.contains("<title>Share your experience of Emergency department – Heard</title>"))
            let refused = try await browser.post(
                "/feedback/new", form: ["service_id": service.id!.uuidString, "story": ""],
                tokenFrom: "/feedback/new?service=\(service.id!.uuidString)")
            #expect(refused.status == .unprocessableEntity)
            #expect(
                refused.body.contains("<title>Error: Share your experience of Emergency department – Heard</title>"))

            let css = try await browser.get(SiteURL.stylesheet).body
            #expect(
                css.contains(
                    ".story, .action-card, .reply, .quote-block, .quote, blockquote { overflow-wrap: anywhere; }"))
            #expect(css.contains("display: block; overflow-wrap: break-word; }"), "all of main wraps long words")
        }
    }

    @Test(
        "an action taken alike in several places names them in order, or says all places", arguments: TestDatabase.all)
    func homePagePlaces(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, _) = try await Fixtures.service(on: app.db)
            for (name, slug) in [("Leeds", "leeds"), ("Bradford", "bradford"), ("Wakefield", "wakefield")] {
                try await Place(name: name, slug: slug).create(on: app.db)
            }
            let places = Dictionary(
                uniqueKeysWithValues: try await Place.query(on: app.db).all().map { ($0.name, $0.id!) })
            let closed = Date().addingTimeInterval(-3600)
            // Stored so that the database's own order (by id) is not alphabetical.
            func close(_ title: String, in names: [String], idPrefix: String) async throws {
                for (index, name) in names.enumerated() {
                    let action = ActionItem()
                    action.id = UUID(uuidString: "\(idPrefix)0000-0000-0000-0000-00000000000\(index)")
                    action.title = title
                    action.youSaid = "People said the signs were confusing."
                    action.$organisation.id = service.$organisation.id
                    action.$place.id = places[name]
                    action.dueOn = closed
                    action.status = .done
                    action.outcome = "New signs are up."
                    action.closedAt = closed
                    try await action.create(on: app.db)
                }
            }
            try await close("Put up clearer signs", in: ["Leeds", "Calderdale", "Bradford"], idPrefix: "1000")
            try await close(
                "Print the signs in large type", in: ["Wakefield", "Leeds", "Calderdale", "Bradford"],
                idPrefix: "2000")
            let home = try await app.browser().get("/").body
            #expect(home.contains("Bradford, Calderdale and Leeds"))
            #expect(home.contains(" · all places"))
            #expect(!home.contains("Bradford, Calderdale, Leeds and Wakefield"))
        }
    }

    @Test("the consultation form spells e-mail as every other page does", arguments: TestDatabase.all)
    func consultationSpelling(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database, configure: { $0.seedDemoData = true }) { app in
            let person = app.browser()
            var open: String?
            for consultation in try await Consultation.query(on: app.db).all() {
                let path = "/consultations/\(consultation.id!.uuidString.lowercased())"
                if try await person.get(path).body.contains("id=\"respond\"") { open = path }
            }
            let path = try #require(open, "the demo has an open consultation")
            let page = try await person.get(path)
            #expect(page.body.contains("E-mail address (optional)"))
            #expect(!page.body.contains(">Email"))
            let refused = try await person.post(
                path + "/respond", form: ["contact_email": "not an address"], tokenFrom: path)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("Enter an e-mail address like name@example.com, or leave it blank."))
        }
    }
}
