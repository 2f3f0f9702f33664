import Fluent
import HeardStorage
import Testing
import Vapor

@Suite("Cross-site request forgery protection")
struct CSRFTests {
    @Test("a form without the token is refused and changes nothing", arguments: TestDatabase.all)
    func missingTokenRefused(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let browser = try await app.signedInBrowser(.administrator)
            let page = try await browser.post("/staff/places/new", form: ["name": "Forged"], withToken: false)
            #expect(page.status == .forbidden)
            #expect(page.body.contains("This form has expired"))
            #expect(try await Place.query(on: app.db).count() == 0)
        }
    }

    @Test(
        "an expired public form is refused but shows the person's words back to copy; never a password",
        arguments: TestDatabase.all)
    func expiredFormKeepsWords(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, _) = try await Fixtures.service(on: app.db)
            let path = "/feedback/new?service=\(service.id!.uuidString)"
            let story = "The night staff on the ward were patient with my father & kind."
            // The browser was closed: no form cookie, so the token it sends cannot be checked.
            let page = try await app.browser().post(
                path,
                form: [
                    "_csrf": "old-token-from-before", "service_id": service.id!.uuidString, "story": story,
                    "could_be_better": "Nothing", "consent_to_publish": "yes",
                ], withToken: false)
            #expect(page.status == .forbidden)
            #expect(page.body.contains("This form has expired"))
            #expect(page.body.contains("Nothing was saved"))
            #expect(page.body.contains("The night staff on the ward were patient with my father &amp; kind."))
            #expect(page.body.contains("href=\"/feedback/new?service=\(service.id!.uuidString)\""))
            #expect(try await FeedbackItem.query(on: app.db).count() == 0)

            let signIn = try await app.browser().post(
                "/sign-in", form: ["email": "a@example.org", "password": "correct horse battery staple"],
                withToken: false)
            #expect(signIn.status == .forbidden)
            #expect(!signIn.body.contains("correct horse"))
        }
    }

    @Test("a token from another session is refused")
    func foreignTokenRefused() async throws {
        try await TestApp.run(on: .sqlite) { app in
            let attacker = app.browser()
            let attackerToken = try await attacker.get("/sign-in").csrfToken!
            let victim = try await app.signedInBrowser(.administrator)
            let page = try await victim.post("/staff/places/new", form: ["name": "Forged", "_csrf": attackerToken])
            #expect(page.status == .forbidden)
            #expect(try await Place.query(on: app.db).count() == 0)
        }
    }

    @Test("sign-in and sign-out forms need the token too")
    func signInNeedsToken() async throws {
        try await TestApp.run(on: .sqlite) { app in
            let (email, password) = try await app.createUser(.administrator)
            let page = try await app.browser().post(
                "/sign-in", form: ["email": email, "password": password], withToken: false)
            #expect(page.status == .forbidden)
            let signedIn = try await app.signedInBrowser(.moderator)
            #expect(try await signedIn.post("/sign-out", form: [:], withToken: false).status == .forbidden)
            #expect(try await signedIn.get("/staff").status == .ok)
        }
    }

    @Test(
        "a visitor's form token lives in a cookie: reading a page with a form writes no session",
        arguments: TestDatabase.all)
    func visitorTokenInCookie(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let visitor = app.browser()
            let page = try await visitor.get("/sign-in")
            let token = try #require(page.csrfToken)
            #expect(visitor.cookies["heard_form"] == token)
            #expect(visitor.cookies["heard_session"] == nil)
            #expect(try await SessionRecord.query(on: app.db).count() == 0)
            // The same visitor keeps the same token; another visitor's token is not accepted from this one.
            #expect(try await visitor.get("/sign-in").csrfToken == token)
            let other = try await app.browser().get("/sign-in").csrfToken!
            #expect(other != token)
            let (email, password) = try await app.createUser(.administrator)
            let forged = try await visitor.post(
                "/sign-in", form: ["email": email, "password": password, "_csrf": other])
            #expect(forged.status == .forbidden)
            let signedIn = try await visitor.post("/sign-in", form: ["email": email, "password": password])
            #expect(signedIn.status == .seeOther)
            #expect(try await SessionRecord.query(on: app.db).count() == 1)
        }
    }
}
