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
        ("/staff/admin", .referenceData),
        ("/staff/organisations", .referenceData),
        ("/staff/organisations/new", .referenceData),
        ("/staff/places", .referenceData),
        ("/staff/places/new", .referenceData),
        ("/staff/services", .referenceData),
        ("/staff/services/new", .referenceData),
        ("/staff/users", .users),
        ("/staff/users/new", .users),
        ("/staff/audit", .audit),
        ("/staff/notices", .publicNotices),
        ("/staff/jobs", .backgroundWork),
        ("/staff/personal-data", .personalData),
        ("/staff/moderation", .moderation),
        ("/staff/complaints", .complaints),
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
        ("/staff/expenses", .activities),
        ("/staff/expenses.csv", .activities),
        ("/staff/decisions", .decisions),
        ("/staff/boards", .boards),
        ("/staff/ideas", .initiatives),
        ("/staff/indicators", .indicators),
        ("/staff/fft", .feedback),
        ("/staff/population", .referenceData),
        ("/staff/glossary", .initiatives),
    ]

    static let publicPages = [
        "/", "/accessibility", "/sign-in", "/health", "/api/v1/services", "/api/openapi.json", "/feedback", "/stories",
        "/you-said-we-did", "/api/v1/stories", "/api/v1/loop-closure", "/api/v1/fft-results", "/consultations",
        "/api/v1/decisions",
        "/boards", "/ideas", "/open-data", "/forgot-password",
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

    @Test("no page offers a role a link it may not follow (demo data, every role, links followed breadth-first)")
    func noForbiddenLinks() async throws {
        try await TestApp.run(on: .sqlite, configure: { $0.seedDemoData = true }) { app in
            for role in Role.allCases {
                let browser = try await app.signedInBrowser(role)
                var queue = [role.isStaff ? "/staff" : "/me"]
                // Pages that differ only by an id count once, so the crawl covers kinds of page, not every row.
                var seenKinds: Set<String> = []
                var visited = 0
                while !queue.isEmpty && visited < 120 {
                    let path = queue.removeFirst()
                    guard seenKinds.insert(Self.kind(of: path)).inserted else { continue }
                    visited += 1
                    let page = try await browser.get(path)
                    #expect(
                        ![.forbidden, .notFound].contains(page.status) && page.status.code < 500,
                        "\(role.rawValue) offered \(path) (\(page.status.code))")
                    guard page.status == .ok else { continue }
                    queue += Self.links(in: page.body).filter { !seenKinds.contains(Self.kind(of: $0)) }
                }
                #expect(visited > 3, "\(role.rawValue) reached only \(visited) pages")
            }
        }
    }

    /// Site-relative links of a page, with `&amp;` decoded and fragments dropped.
    static func links(in html: String) -> [String] {
        html.components(separatedBy: "href=\"/").dropFirst().compactMap { rest in
            guard let end = rest.firstIndex(of: "\"") else { return nil }
            let link = "/" + rest[..<end].replacingOccurrences(of: "&amp;", with: "&")
            return link.split(separator: "#", omittingEmptySubsequences: false).first.map(String.init)
        }
    }

    /// The path with every UUID replaced, so `/staff/feedback/<id>` is one kind of page.
    static func kind(of path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { part in
            UUID(uuidString: String(part.prefix(36))) != nil ? "ID" + part.dropFirst(36) : String(part)
        }.joined(separator: "/")
    }

    @Test("reference data, people, the audit log and the outbox are reached through one Administration page")
    func administration() async throws {
        try await TestApp.run(on: .sqlite) { app in
            let admin = try await app.signedInBrowser(.administrator)
            let dashboard = try await admin.get("/staff")
            let navigation = try #require(dashboard.body.components(separatedBy: "<nav").dropFirst().first)
            #expect(navigation.contains(">Administration</a>"))
            for moved in ["Organisations", "Places", "Services", "People", "Audit log", "E-mail outbox"] {
                #expect(!navigation.contains(">\(moved)</a>"), "\(moved) left in the navigation")
            }
            let page = try await admin.get("/staff/admin")
            for link in [
                "/staff/organisations", "/staff/places", "/staff/services", "/staff/population", "/staff/users",
                "/staff/audit", "/staff/notices", "/staff/jobs", "/staff/personal-data",
            ] {
                #expect(page.body.contains("href=\"\(link)\""), "\(link) missing from Administration")
            }
            #expect(page.body.contains("<a href=\"/staff/admin\" aria-current=\"page\">Administration</a>"))
            // On a page reached through it, Administration is marked as the current section.
            let places = try await admin.get("/staff/places/new")
            #expect(places.body.contains("<a href=\"/staff/admin\" aria-current=\"true\">Administration</a>"))

            let officer = try await app.signedInBrowser(.engagementOfficer)
            #expect(!(try await officer.get("/staff").body.contains(">Administration</a>")))
        }
    }

    @Test("only administrators retire and restore places and services", arguments: Role.allCases)
    func retirement(_ role: Role) async throws {
        try await TestApp.run(on: .sqlite) { app in
            let (service, place) = try await Fixtures.service(on: app.db)
            let browser = try await app.signedInBrowser(role)
            let allowed = StaffArea.referenceData.allows(role)
            let services = "/staff/services/\(service.id!.uuidString.lowercased())"
            let places = "/staff/places/\(place.id!.uuidString.lowercased())"
            for path in [services + "/retire", places + "/retire"] {
                #expect(try await browser.get(path).status == (allowed ? .ok : .forbidden), "\(role) \(path)")
            }
            // In the order that works for an administrator: the service before its place, restored after it.
            for path in [services + "/retire", places + "/retire", places + "/restore", services + "/restore"] {
                let page = try await browser.post(path, form: [:], tokenFrom: "/me")
                #expect(page.status == (allowed ? .seeOther : .forbidden), "\(role) \(path)")
            }
            #expect(try await Service.find(service.id, on: app.db)?.retiredAt == nil)
            #expect(try await Place.find(place.id, on: app.db)?.retiredAt == nil)
            let changes = try await AuditEvent.query(on: app.db).filter(\.$objectType ~~ ["place", "service"]).count()
            #expect(changes == (allowed ? 4 : 0))
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
