import Fluent
import HeardDomain
import HeardStorage
import Testing
import Vapor

/// Every staff page against every role and against a signed-out visitor.
@Suite("Who may use which page")
struct AccessMatrixTests {
    /// (path, the area whose rule it follows)
    static let staffPages: [(String, StaffArea)] = [
        ("/staff", .dashboard),
        ("/staff/organisations", .referenceData),
        ("/staff/organisations/new", .referenceData),
        ("/staff/places", .referenceData),
        ("/staff/places/new", .referenceData),
        ("/staff/services", .referenceData),
        ("/staff/services/new", .referenceData),
        ("/staff/users", .users),
        ("/staff/users/new", .users),
        ("/staff/audit", .audit),
        ("/staff/moderation", .moderation),
        ("/staff/feedback", .feedback),
        ("/staff/feedback/new", .feedback),
        ("/staff/replies", .feedback),
        ("/staff/dashboard/themes.csv", .feedback),
        ("/staff/actions", .actions),
        ("/staff/actions/new", .actions),
        ("/staff/imports", .dataTransfer),
        ("/staff/settings", .dataTransfer),
        ("/me", .involvement),
        ("/staff/initiatives", .initiatives),
        ("/staff/initiatives/new", .initiatives),
        ("/staff/activities", .activities),
        ("/staff/activities/new", .activities),
        ("/staff/decisions", .decisions),
        ("/staff/population", .referenceData),
        ("/staff/glossary", .initiatives),
    ]

    static let publicPages = [
        "/", "/accessibility", "/sign-in", "/health", "/api/v1/services", "/api/openapi.json", "/feedback", "/stories",
        "/you-said-we-did", "/api/v1/stories", "/api/v1/loop-closure", "/consultations", "/api/v1/decisions",
    ]

    @Test("signed-out visitors are sent to sign in from every staff page and see every public page")
    func signedOut() async throws {
        try await TestApp.run(on: .sqlite) { app in
            let browser = app.browser()
            for (path, _) in Self.staffPages {
                let page = try await browser.get(path)
                #expect(page.status == .seeOther, "\(path)")
                #expect(page.location?.hasPrefix("/sign-in?next=") == true, "\(path)")
            }
            for path in Self.publicPages {
                #expect(try await browser.get(path).status == .ok, "\(path)")
            }
        }
    }

    @Test("each role reaches exactly the pages its areas allow", arguments: Role.allCases)
    func roleMatrix(_ role: Role) async throws {
        try await TestApp.run(on: .sqlite) { app in
            let browser = try await app.signedInBrowser(role)
            for (path, area) in Self.staffPages {
                let page = try await browser.get(path)
                let expected: HTTPResponseStatus = area.allows(role) ? .ok : .forbidden
                #expect(page.status == expected, "\(role.rawValue) on \(path)")
            }
            for path in Self.publicPages where path != "/sign-in" {
                #expect(try await browser.get(path).status == .ok, "\(role.rawValue) on \(path)")
            }
            // Already signed in: the sign-in page sends the person on to their own landing page.
            #expect(try await browser.get("/sign-in").location == (role.isStaff ? "/staff" : "/me"))
        }
    }

    @Test("a role without the area cannot post to it either")
    func postsAreGuardedToo() async throws {
        try await TestApp.run(on: .sqlite) { app in
            let browser = try await app.signedInBrowser(.moderator)
            let page = try await browser.post("/staff/places/new", form: ["name": "Nowhere"], tokenFrom: "/staff")
            #expect(page.status == .forbidden)
            #expect(try await Place.query(on: app.db).count() == 0)
        }
    }
}
