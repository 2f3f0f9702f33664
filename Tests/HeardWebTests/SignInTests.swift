import Fluent
import HeardDomain
import HeardStorage
import Testing
import Vapor

@testable import HeardWeb

@Suite("Signing in and out")
struct SignInTests {
    @Test("the right password signs in, lands on the dashboard and is audited", arguments: TestDatabase.all)
    func signInSucceeds(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (email, password) = try await app.createUser(.moderator)
            let browser = app.browser()
            let before = try await browser.get("/sign-in")
            let cookieBefore = browser.cookies["heard_session"]
            #expect(before.csrfToken != nil)
            let response = try await browser.post(
                "/sign-in", form: ["email": email.uppercased(), "password": password], tokenFrom: "/sign-in")
            #expect(response.status == .seeOther)
            #expect(response.location == "/staff")
            // A new session id after sign-in (no session fixation).
            #expect(browser.cookies["heard_session"] != nil)
            #expect(browser.cookies["heard_session"] != cookieBefore)
            let setCookie = response.headers[.setCookie].joined(separator: ";").lowercased()
            #expect(setCookie.contains("httponly"))
            #expect(setCookie.contains("samesite=lax"))
            let dashboard = try await browser.get("/staff")
            #expect(dashboard.status == .ok)
            #expect(dashboard.body.contains("Signed in as Moderator Tester"))
            let events = try await AuditEvent.query(on: app.db).filter(\.$action == "user.signed_in").all()
            #expect(events.count == 1)
            #expect(events.first?.actorLabel == email)
        }
    }

    @Test("a wrong password is refused with an error summary and the e-mail kept", arguments: TestDatabase.all)
    func wrongPasswordIsRefused(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (email, _) = try await app.createUser(.administrator)
            let browser = app.browser()
            let page = try await browser.post("/sign-in", form: ["email": email, "password": "not the password"])
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("There is a problem"))
            #expect(page.body.contains("href=\"#field-email\""))
            #expect(page.body.contains("value=\"\(email)\""))
            #expect(page.body.contains("<title>Error: Sign in"))
            #expect(try await browser.get("/staff").status == .seeOther)
        }
    }

    @Test("empty fields each get their own message")
    func emptyFields() async throws {
        try await TestApp.run(on: .sqlite) { app in
            let page = try await app.browser().post("/sign-in", form: ["email": "", "password": ""])
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("Enter your e-mail address."))
            #expect(page.body.contains("Enter your password."))
        }
    }

    @Test("a switched-off account cannot sign in")
    func inactiveAccountRefused() async throws {
        try await TestApp.run(on: .sqlite) { app in
            let (email, password) = try await app.createUser(.moderator, isActive: false)
            let page = try await app.browser().signIn(email: email, password: password)
            #expect(page.status == .unprocessableEntity)
        }
    }

    @Test("after five failures the account is locked even with the right password", arguments: TestDatabase.all)
    func lockOutAfterRepeatedFailures(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (email, password) = try await app.createUser(.complaintsHandler)
            let browser = app.browser()
            for _ in 0..<5 {
                let page = try await browser.signIn(email: email, password: "wrong password here")
                #expect(page.status == .unprocessableEntity)
            }
            let locked = try await browser.signIn(email: email, password: password)
            #expect(locked.status == .tooManyRequests)
            #expect(locked.body.contains("Too many attempts"))
            #expect(try await SignInAttempt.query(on: app.db).filter(\.$succeeded == true).count() == 0)
        }
    }

    @Test(
        "many failures from one address lock it, except for accounts that signed in from it recently",
        arguments: TestDatabase.all)
    func addressLockSparesKnownAccounts(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (regular, regularPassword) = try await app.createUser(.moderator)
            let (newcomer, newcomerPassword) = try await app.createUser(.complaintsHandler)
            #expect(try await app.browser().signIn(email: regular, password: regularPassword).status == .seeOther)
            // A colleague behind the same gateway mistypes, or a guessing tool tries many accounts.
            let guesser = app.browser()
            for number in 0..<SignInController.throttle.maximumFailuresPerAddress {
                let page = try await guesser.signIn(email: "nobody\(number)@example.nhs.uk", password: "guess")
                #expect(page.status == .unprocessableEntity)
            }
            let stranger = try await app.browser().signIn(email: newcomer, password: newcomerPassword)
            #expect(stranger.status == .tooManyRequests)
            #expect(stranger.body.contains("Too many attempts"))
            let known = try await app.browser().signIn(email: regular, password: regularPassword)
            #expect(known.status == .seeOther, "an account known at this address is not locked by others' failures")
            // Its own count still protects it.
            for _ in 0..<SignInController.throttle.maximumFailuresPerAccount {
                _ = try await guesser.signIn(email: regular, password: "wrong password here")
            }
            #expect(
                try await app.browser().signIn(email: regular, password: regularPassword).status == .tooManyRequests)
        }
    }

    @Test(
        "wrong passwords typed from elsewhere do not lock a person out at the address they usually sign in from",
        arguments: TestDatabase.all)
    func lockOutFromElsewhereSparesTheUsualDesk(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database, configure: { $0.trustsForwardedFor = true }) { app in
            let (email, password) = try await app.createUser(.moderator)
            let office = [("X-Forwarded-For", "198.51.100.7")]
            let elsewhere = [("X-Forwarded-For", "203.0.113.66")]
            func signIn(_ password: String, from address: [(String, String)]) async throws -> HTTPResponseStatus {
                try await app.browser().post(
                    "/sign-in", form: ["email": email, "password": password], headers: address
                ).status
            }
            #expect(try await signIn(password, from: office) == .seeOther)
            for _ in 0..<SignInController.throttle.maximumFailuresPerAccount {
                #expect(try await signIn("a guess", from: elsewhere) == .unprocessableEntity)
            }
            #expect(try await signIn(password, from: elsewhere) == .tooManyRequests, "the guesser is locked out")
            #expect(try await signIn(password, from: office) == .seeOther, "the person at their desk is not")
            for _ in 0..<SignInController.throttle.maximumFailuresPerAccount {
                _ = try await signIn("a guess", from: office)
            }
            #expect(try await signIn(password, from: office) == .tooManyRequests, "guesses from the office count")
        }
    }

    @Test("guesses sent all at once get no more checks than guesses sent one by one", arguments: TestDatabase.all)
    func lockOutHoldsUnderABurst(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (email, _) = try await app.createUser(.complaintsHandler)
            var browsers: [TestBrowser] = []
            var tokens: [String] = []
            for _ in 0..<16 {
                let browser = app.browser()
                tokens.append(try #require(try await browser.get("/sign-in").csrfToken))
                browsers.append(browser)
            }
            let statuses = try await withThrowingTaskGroup(of: HTTPResponseStatus.self) { group in
                for (browser, token) in zip(browsers, tokens) {
                    group.addTask {
                        try await browser.post(
                            "/sign-in", form: ["email": email, "password": "wrong password here", "_csrf": token]
                        ).status
                    }
                }
                return try await group.reduce(into: [HTTPResponseStatus]()) { $0.append($1) }
            }
            let checked = statuses.filter { $0 == .unprocessableEntity }.count
            #expect(checked <= 5, "\(checked) of 16 guesses were checked against the password")
            #expect(checked + statuses.filter { $0 == .tooManyRequests }.count == 16)
            #expect(try await SignInAttempt.query(on: app.db).count() == checked, "refused guesses are not recorded")
        }
    }

    @Test("signing out ends the session in the database", arguments: TestDatabase.all)
    func signOut(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let browser = try await app.signedInBrowser(.administrator)
            let oldCookie = browser.cookies["heard_session"]!
            let response = try await browser.post("/sign-out", form: [:], tokenFrom: "/staff")
            #expect(response.status == .seeOther)
            #expect(try await browser.get("/staff").status == .seeOther)
            // Replaying the old cookie does not bring the session back.
            let replay = app.browser()
            let page = try await replay.get("/staff", headers: [("Cookie", "heard_session=\(oldCookie)")])
            #expect(page.status == .seeOther)
        }
    }

    @Test("after sign-in the person is returned to the page they asked for, but never to another site")
    func redirectsBackSafely() async throws {
        try await TestApp.run(on: .sqlite) { app in
            let (email, password) = try await app.createUser(.administrator)
            let first = app.browser()
            let asked = try await first.get("/staff/audit")
            #expect(asked.location == "/sign-in?next=/staff/audit")
            let back = try await first.post(
                "/sign-in?next=/staff/audit", form: ["email": email, "password": password])
            #expect(back.location == "/staff/audit")
            let second = app.browser()
            let evil = try await second.post(
                "/sign-in?next=//evil.example", form: ["email": email, "password": password], tokenFrom: "/sign-in")
            #expect(evil.location == "/staff")
            // Browsers drop tabs and line breaks inside a URL and read a backslash as a slash, so each of these
            // would lead off the site if it were followed.
            for next in [
                "/%09/evil.example", "/%09%09/evil.example/path", "/%0A/evil.example", "/%5Cevil.example",
                "/%5C/evil.example", "/x%7F",
                // Not ways off the site, but a Location header cannot carry a space or a byte beyond ASCII.
                "/%20/evil.example", "/%E3%80%80/evil.example",
            ] {
                let visitor = app.browser()
                let response = try await visitor.post(
                    "/sign-in?next=\(next)", form: ["email": email, "password": password], tokenFrom: "/sign-in")
                #expect(response.location == "/staff", "\(next)")
            }
            let plain = try await app.browser().post(
                "/sign-in?next=/staff/feedback%3Fstatus%3Dpublished", form: ["email": email, "password": password],
                tokenFrom: "/sign-in")
            #expect(plain.location == "/staff/feedback?status=published")
        }
    }
}
