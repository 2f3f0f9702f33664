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
        "an expired feedback form comes back filled in with a new token; other forms show the words to copy",
        arguments: TestDatabase.all)
    func expiredFormKeepsWords(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, _) = try await Fixtures.service(on: app.db)
            let path = "/feedback/new?service=\(service.id!.uuidString)"
            let story = "The night staff on the ward were patient with my father & kind."
            // The browser was closed: no form cookie, so the token it sends cannot be checked.
            let person = app.browser()
            let page = try await person.post(
                path,
                form: [
                    "_csrf": "old-token-from-before", "service_id": service.id!.uuidString, "story": story,
                    "could_be_better": "Nothing at all", "consent_to_publish": "yes", "fft_rating": "2",
                    "contact_email": "sam.person@example.org", "submission_key": "key-from-the-first-form",
                ], withToken: false)
            #expect(page.status == .forbidden)
            #expect(page.body.contains("The form had expired, so your feedback has not been sent yet."))
            #expect(page.body.contains("role=\"alert\""))
            #expect(
                page.body.contains(">The night staff on the ward were patient with my father &amp; kind.</textarea>"))
            #expect(page.body.contains(">Nothing at all</textarea>"))
            #expect(page.body.contains("value=\"sam.person@example.org\""))
            #expect(
                page.body.contains("value=\"2\" class=\"radio-input\" checked"), "the rating chosen is still chosen")
            #expect(page.body.contains("value=\"key-from-the-first-form\""), "the same key, so it is stored once")
            #expect(try await FeedbackItem.query(on: app.db).count() == 0)

            // Sending the refilled form stores it, once.
            let token = try #require(page.csrfToken)
            let form = [
                "_csrf": token, "service_id": service.id!.uuidString, "story": story,
                "could_be_better": "Nothing at all",
                "consent_to_publish": "yes", "fft_rating": "2", "contact_email": "sam.person@example.org",
                "submission_key": "key-from-the-first-form",
            ]
            #expect(try await person.post(path, form: form, withToken: false).status == .seeOther)
            #expect(try await person.post(path, form: form, withToken: false).status == .seeOther)
            let stored = try await FeedbackItem.query(on: app.db).all()
            #expect(stored.count == 1 && stored.first?.story == story)

            // A signed-in form is not filled in again (it could have been made on another site): the words are
            // shown to copy.
            let officer = try await app.signedInBrowser(.administrator)
            let staffPage = try await officer.post(
                "/staff/places/new", form: ["name": "North Calder locality hub"], withToken: false)
            #expect(staffPage.status == .forbidden)
            #expect(staffPage.body.contains("This form has expired"))
            #expect(staffPage.body.contains("Nothing was saved"))
            #expect(staffPage.body.contains("North Calder locality hub</textarea>"))

            // An expired upload does not print the file back: it is chosen again.
            let rows = (1...200).map { "Row number \($0) of a long export,Emergency department" }
            let upload = try await officer.upload(
                "/staff/imports", fileField: "file", fileName: "export.csv",
                content: (["Comment,Service"] + rows).joined(separator: "\n"), tokenFrom: "/sign-in")
            #expect(upload.status == .forbidden)
            #expect(upload.body.contains("choose the file again"))
            #expect(!upload.body.contains("Row number 150"))

            // A form for a service retired since it was opened goes to the page saying it has closed, with the
            // words, rather than asking for it to be sent again.
            service.retiredAt = Date()
            try await service.save(on: app.db)
            let closed = try await person.post(
                path,
                form: [
                    "_csrf": "old-token-from-before", "service_id": service.id!.uuidString, "story": story,
                    "consent_to_publish": "yes",
                ], withToken: false)
            #expect(closed.status == .gone)
            #expect(closed.body.contains("has closed"))
            #expect(closed.body.contains("The night staff on the ward were patient with my father &amp; kind."))
            #expect(!closed.body.contains("send it again"))

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
