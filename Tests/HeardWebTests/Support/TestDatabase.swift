import Fluent
import FluentPostgresDriver
import Foundation
import HeardWeb
import SQLKit
import Testing
import Vapor

/// A database engine a test runs on. Every database test runs on SQLite, and on PostgreSQL too
/// when `HEARD_TEST_POSTGRES_URL` names a server (`.ci/run` starts one).
struct TestDatabase: Sendable, CustomTestStringConvertible {
    enum Engine: Sendable { case sqlite, postgres }
    let engine: Engine

    var testDescription: String { engine == .sqlite ? "SQLite" : "PostgreSQL" }

    static let sqlite = TestDatabase(engine: .sqlite)
    static let postgres = TestDatabase(engine: .postgres)

    static var postgresAdminURL: String? {
        ProcessInfo.processInfo.environment["HEARD_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    static var all: [TestDatabase] { postgresAdminURL == nil ? [.sqlite] : [.sqlite, .postgres] }

    /// A fresh, migrated database just for one test, and a way to throw it away.
    func provision() async throws -> (target: DatabaseTarget, cleanup: @Sendable () async -> Void) {
        switch engine {
        case .sqlite:
            let path = FileManager.default.temporaryDirectory
                .appendingPathComponent("heard-test-\(UUID().uuidString).sqlite").path
            return (
                .sqliteFile(path: path),
                {
                    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
                }
            )
        case .postgres:
            let url = try await PostgresTestDatabases.shared.makeDatabase()
            return (.postgres(url: url.url), { await PostgresTestDatabases.shared.drop(url.name) })
        }
    }
}

/// Hands each test its own PostgreSQL database, copied from a template migrated once per run
/// (`CREATE DATABASE … TEMPLATE`, as the Swift Package Index server's tests do): isolated and fast.
actor PostgresTestDatabases {
    static let shared = PostgresTestDatabases()

    private var template: Task<String, any Error>?
    private let runID = String(UUID().uuidString.prefix(8)).lowercased()

    /// Tests run side by side, each app with a pool of up to 4 connections per event loop: past this many live
    /// test databases at once the server's 300 connections run out ("sorry, too many clients already") and
    /// unrelated tests fail. A test past the limit waits for another to finish.
    static let maximumLive = 16
    private var live = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func makeDatabase() async throws -> (name: String, url: String) {
        await acquireSlot()
        do {
            let templateName = try await templateDatabase()
            let name = "heard_t_\(runID)_\(UUID().uuidString.prefix(8).lowercased())"
            try await Self.admin("CREATE DATABASE \(name) TEMPLATE \(templateName)")
            return (name, Self.url(database: name))
        } catch {
            releaseSlot()
            throw error
        }
    }

    func drop(_ name: String) async {
        try? await Self.admin("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        releaseSlot()
    }

    private func acquireSlot() async {
        if live < Self.maximumLive {
            live += 1
            return
        }
        // `releaseSlot` hands its slot straight to the first waiter, so `live` stays as it is.
        await withCheckedContinuation { waiting.append($0) }
    }

    private func releaseSlot() {
        if waiting.isEmpty {
            live -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }

    private func templateDatabase() async throws -> String {
        if let template { return try await template.value }
        let name = "heard_tpl_\(runID)"
        let task = Task<String, any Error> {
            try await Self.admin("DROP DATABASE IF EXISTS \(name)")
            try await Self.admin("CREATE DATABASE \(name)")
            var config = AppConfiguration()
            config.database = .postgres(url: Self.url(database: name))
            config.runsJobWorker = false
            config.logLevel = .warning
            let app = try await Application.make(.testing)
            do {
                try await HeardApplication.configure(app, config)
            } catch {
                try? await app.asyncShutdown()
                throw error
            }
            try await app.asyncShutdown()
            return name
        }
        template = task
        return try await task.value
    }

    /// The admin URL with its database swapped for `database`.
    static func url(database: String) -> String {
        var components = URLComponents(string: TestDatabase.postgresAdminURL!)!
        components.path = "/" + database
        return components.string!
    }

    /// Runs one statement on the server's maintenance database.
    static func admin(_ statement: String) async throws {
        let app = try await Application.make(.testing)
        app.logger.logLevel = .warning
        do {
            app.databases.use(
                .postgres(configuration: try SQLPostgresConfiguration(url: TestDatabase.postgresAdminURL!)), as: .psql)
            try await (app.db as! any SQLDatabase).raw(SQLQueryString(statement)).run()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}
