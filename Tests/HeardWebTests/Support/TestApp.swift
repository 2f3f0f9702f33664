import Fluent
import Foundation
import HeardDomain
import HeardStorage
import HeardWeb
import NIOCore
import Testing
import Vapor

/// A real Heard server on a free port, on a fresh database, for one test.
final class TestApp: @unchecked Sendable {
    let app: Application
    let baseURL: String
    let database: TestDatabase

    private init(app: Application, baseURL: String, database: TestDatabase) {
        self.app = app
        self.baseURL = baseURL
        self.database = database
    }

    var db: any Database { app.db }

    /// Starts the app, runs `body`, then stops it and throws the database away.
    static func run(
        on database: TestDatabase, configure: (inout AppConfiguration) -> Void = { _ in },
        _ body: (TestApp) async throws -> Void
    ) async throws {
        let (target, cleanup) = try await database.provision()
        var config = AppConfiguration()
        config.database = target
        config.port = 0
        config.bcryptCost = 4
        config.runsJobWorker = false
        config.logLevel = .warning
        // Tests change the database directly as well as over HTTP; the public cache has its own tests.
        config.publicPageCacheSeconds = 0
        configure(&config)
        // Cleaned up when the test fails too: a PostgreSQL test database holds one of a limited number of slots.
        do {
            try await run(config: config, database: database, body)
        } catch {
            await cleanup()
            throw error
        }
        await cleanup()
    }

    /// Runs `body` with the address the `heard` command line takes as `--database` for the app's own database,
    /// for tests that run the command against what the app serves.
    static func runForCommandLine(
        on database: TestDatabase, _ body: (TestApp, String) async throws -> Void
    ) async throws {
        var target = ""
        try await run(
            on: database,
            configure: { config in
                switch config.database {
                case .sqliteFile(let path): target = path
                case .postgres(let url): target = url
                case .sqliteMemory: break
                }
            }
        ) { app in try await body(app, target) }
    }

    /// Starts an app on an existing database (for tests with two instances sharing one).
    static func run(
        config: AppConfiguration, database: TestDatabase, _ body: (TestApp) async throws -> Void
    ) async throws {
        let app = try await Application.make(.testing)
        app.http.client.configuration.redirectConfiguration = .disallow
        // Tests send bursts (16 sign-ins at once) on a shared 2-core machine: a request waiting for one of the
        // client's connections gave up after the default 10 s ("getConnectionFromPoolTimeout") while the server was
        // merely slow. The server under test is what is measured, not the client's patience.
        app.http.client.configuration.timeout.connect = .seconds(60)
        app.http.client.configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 32
        do {
            try await HeardApplication.configure(app, config)
            // Boot runs the lifecycle handlers (the job worker) as `heard serve` does.
            try await app.asyncBoot()
            try await app.server.start(address: .hostname("127.0.0.1", port: 0))
            let port = app.http.server.shared.localAddress?.port ?? 0
            let testApp = TestApp(app: app, baseURL: "http://127.0.0.1:\(port)", database: database)
            try await body(testApp)
        } catch {
            await app.server.shutdown()
            try? await app.asyncShutdown()
            throw error
        }
        await app.server.shutdown()
        try await app.asyncShutdown()
    }

    func browser() -> TestBrowser { TestBrowser(client: app.client, baseURL: baseURL) }

    /// Adds an account directly, as an administrator would, and returns its password.
    @discardableResult
    func createUser(
        _ role: Role, email: String? = nil, password: String = "correct horse battery staple", isActive: Bool = true
    ) async throws -> (email: String, password: String) {
        let email = email ?? "\(role.rawValue)@test.heard.example"
        // Staff belong to the first organisation, as in a real system; replies are signed with it.
        let organisation = try await Organisation.query(on: db).sort(\.$createdAt).first()
        let user = User(
            email: email, displayName: role.title + " Tester", role: role,
            passwordHash: try app.password.hash(password), organisationID: organisation?.id, isActive: isActive)
        try await user.create(on: db)
        return (email, password)
    }

    /// A browser already signed in with a new account of `role`.
    /// A browser signed in as a new user with `role` (`email` for a second user with the same role).
    func signedInBrowser(_ role: Role, email: String? = nil) async throws -> TestBrowser {
        let (email, password) = try await createUser(role, email: email)
        let browser = browser()
        let response = try await browser.signIn(email: email, password: password)
        #expect(response.status == .seeOther, "signing in as \(role) should redirect")
        return browser
    }
}
