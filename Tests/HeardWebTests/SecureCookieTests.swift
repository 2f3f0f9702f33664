import Foundation
import HeardDomain
import Testing

@testable import HeardWeb

/// Cookies are marked Secure when the site is served over HTTPS (its public address), so a browser never sends
/// the session over plain HTTP; a local site over HTTP keeps working.
@Suite("Cookies: Secure over HTTPS")
struct SecureCookieTests {
    @Test("the session and form cookies are Secure when the public address is https", arguments: TestDatabase.all)
    func secureOverHTTPS(_ database: TestDatabase) async throws {
        for (publicURL, secure) in [("https://heard.example.nhs.uk", true), ("http://127.0.0.1:8080", false)] {
            try await TestApp.run(on: database, configure: { $0.publicURL = publicURL }) { app in
                let (email, password) = try await app.createUser(.moderator)
                let browser = app.browser()
                let form = try await browser.get("/sign-in")
                let signedIn = try await browser.signIn(email: email, password: password)
                #expect(signedIn.status == .seeOther)
                let cookies = form.headers[.setCookie] + signedIn.headers[.setCookie]
                let session = try #require(cookies.first { $0.hasPrefix("heard_session=") })
                #expect(session.contains("Secure") == secure, "\(publicURL): \(session)")
                #expect(session.contains("HttpOnly"))
                #expect(cookies.allSatisfy { $0.contains("Secure") == secure }, "\(publicURL): \(cookies)")
            }
        }
    }
}
