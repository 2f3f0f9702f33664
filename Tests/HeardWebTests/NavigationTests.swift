import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

@Suite("Main navigation")
struct NavigationTests {
    static func labels(_ user: User?) -> [String] { PageLayout.navigation(for: user).map(\.label) }

    static func user(_ role: Role) -> User {
        User(email: "x@test.heard.example", displayName: "X", role: role, passwordHash: "", organisationID: nil)
    }

    @Test("a panel member signed in keeps the public pages in reach, with their own")
    func involvedPerson() {
        let publicLinks = ["Home", "Consultations", "Share your experience", "Stories", "You said, we did"]
        #expect(Self.labels(nil) == publicLinks)
        #expect(Self.labels(Self.user(.involvedPerson)) == publicLinks + ["Your involvement"])
        let staff = Self.labels(Self.user(.engagementOfficer))
        #expect(staff.contains("Dashboard") && !staff.contains("Your involvement"))
    }

    @Test("the sign-in link does not say it is for staff only", arguments: TestDatabase.all)
    func signInLink(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let page = try await app.browser().get("/stories").body
            #expect(page.contains(">Sign in</a>") && !page.contains("Staff sign in"))
            let member = try await app.signedInBrowser(.involvedPerson)
            let signedIn = try await member.get("/stories").body
            #expect(signedIn.contains("Share your experience"))
            #expect(signedIn.contains("Your involvement"))
        }
    }
}
