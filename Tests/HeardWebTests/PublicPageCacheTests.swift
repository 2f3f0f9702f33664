import Fluent
import HeardDomain
import HeardStorage
import Testing

@Suite("Public page cache")
struct PublicPageCacheTests {
    @Test(
        "signed-out visitors get the kept page until a change is made through the app; staff always get a fresh one",
        arguments: TestDatabase.all)
    func keptUntilAChange(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database, configure: { $0.publicPageCacheSeconds = 600 }) { app in
            let staff = try await app.signedInBrowser(.administrator)
            let visitor = app.browser()
            let first = try await visitor.get("/")
            #expect(first.status == .ok)
            #expect(!first.body.contains("Upper Calder"))

            // A change behind the app's back (as another instance would make) is not seen until the page expires…
            try await Place(name: "Upper Calder", slug: "upper-calder").create(on: app.db)
            #expect(try await visitor.get("/").body == first.body)
            // …but staff, who have a session, are never served the kept page.
            #expect(try await staff.get("/").body.contains("Upper Calder"))
            // Any change made through this instance (here even a failed sign-in) empties the cache at once.
            let failed = try await app.browser().post(
                "/sign-in", form: ["email": "nobody@example.org", "password": "wrong password"])
            #expect(failed.status == .unprocessableEntity)
            #expect(try await visitor.get("/").body.contains("Upper Calder"))
        }
    }

    @Test("a kept page with a form carries each visitor's own token", arguments: TestDatabase.all)
    func formTokensPerVisitor(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database, configure: { $0.publicPageCacheSeconds = 600 }) { app in
            let (email, password) = try await app.createUser(.moderator)
            let ann = app.browser()
            let bob = app.browser()
            let annToken = try #require(try await ann.get("/sign-in").csrfToken)
            let bobPage = try await bob.get("/sign-in")
            let bobToken = try #require(bobPage.csrfToken)
            #expect(annToken != bobToken)
            #expect(bob.cookies["heard_form"] == bobToken)
            #expect(!bobPage.body.contains("heard-form-token-placeholder"))
            #expect(try await ann.get("/sign-in").csrfToken == annToken)
            let forged = try await bob.post(
                "/sign-in", form: ["email": email, "password": password, "_csrf": annToken])
            #expect(forged.status == .forbidden)
            let signedIn = try await bob.post(
                "/sign-in", form: ["email": email, "password": password, "_csrf": bobToken])
            #expect(signedIn.status == .seeOther)
        }
    }

    @Test(
        "a page kept while a returning visitor (with a token already) built it carries each visitor's own token",
        arguments: TestDatabase.all)
    func returningVisitorBuildsThePage(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database, configure: { $0.publicPageCacheSeconds = 600 }) { app in
            let (service, _) = try await Fixtures.service(on: app.db)
            let path = "/feedback/new?service=\(service.id!.uuidString)"
            let ann = app.browser()
            let annToken = try #require(try await ann.get("/sign-in").csrfToken)
            // Ann, holding her token, is the first to ask for the form page, so the kept copy is built for her.
            #expect(try await ann.get(path).csrfToken == annToken)
            let bob = app.browser()
            let bobPage = try await bob.get(path)
            let bobToken = try #require(bobPage.csrfToken)
            #expect(bobToken != annToken, "Bob is not given Ann's token")
            #expect(bob.cookies["heard_form"] == bobToken)
            let sent = try await bob.post(
                path,
                form: [
                    "_csrf": bobToken, "service_id": service.id!.uuidString, "story": "Kind staff and a short wait.",
                    "fft_rating": "1", "consent_to_publish": "yes",
                ], withToken: false)
            #expect(sent.status == .seeOther, "Bob's form is accepted, not refused as expired")
        }
    }

    @Test(
        "a kept consultation page gives each visitor their own submission key, so every response counts",
        arguments: TestDatabase.all)
    func submissionKeysPerVisitor(_ database: TestDatabase) async throws {
        try await TestApp.run(
            on: database,
            configure: {
                $0.seedDemoData = true; $0.publicPageCacheSeconds = 600
            }
        ) {
            app in
            func key(_ page: TestBrowser.Page) -> String? {
                page.body.range(of: "name=\"submission_key\" value=\"").map { range in
                    String(page.body[range.upperBound...].prefix { $0 != "\"" })
                }
            }
            var open: (path: String, question: SurveyQuestion)?
            for consultation in try await Consultation.query(on: app.db).all() {
                let path = "/consultations/\(consultation.id!.uuidString.lowercased())"
                guard let found = key(try await app.browser().get(path)), !found.isEmpty,
                    let question = try await SurveyQuestion.query(on: app.db)
                        .filter(\.$consultation.$id == consultation.id!).all().first(where: { $0.kind == .freeText })
                else { continue }
                open = (path, question)
            }
            let (path, question) = try #require(open, "the demo has an open consultation with a free-text question")
            let before = try await SurveyResponse.query(on: app.db).count()
            let visitors = [app.browser(), app.browser(), app.browser()]
            var keys: [String] = []
            for visitor in visitors { keys.append(try #require(key(try await visitor.get(path)))) }
            #expect(Set(keys).count == 3, "\(keys)")
            #expect(!keys.contains { $0.contains("placeholder") })
            for (visitor, key) in zip(visitors, keys) {
                let sent = try await visitor.post(
                    path + "/respond",
                    form: ["submission_key": key, "q-" + question.id!.uuidString.lowercased(): "Buses to the clinic."],
                    tokenFrom: path)
                #expect(sent.status == .ok)
            }
            #expect(try await SurveyResponse.query(on: app.db).count() == before + 3)
        }
    }
}
