import Fluent
import Foundation
import HeardStorage
import HeardWeb
import Testing

@Suite("Several instances on one database")
struct TwoInstancesTests {
    @Test("signing in on one instance carries over to another", arguments: TestDatabase.all)
    func sessionSharedAcrossInstances(_ database: TestDatabase) async throws {
        let (target, cleanup) = try await database.provision()
        var config = AppConfiguration()
        config.database = target
        config.bcryptCost = 4
        config.runsJobWorker = false
        config.logLevel = .warning
        do {
            try await sessionShared(config: config, database: database)
        } catch {
            await cleanup()
            throw error
        }
        await cleanup()
    }

    private func sessionShared(config: AppConfiguration, database: TestDatabase) async throws {
        try await TestApp.run(config: config, database: database) { first in
            try await TestApp.run(config: config, database: database) { second in
                let (email, password) = try await first.createUser(.engagementOfficer)
                let browser = first.browser()
                #expect(try await browser.signIn(email: email, password: password).status == .seeOther)
                let onSecond = second.browser()
                let cookie = try #require(browser.cookies["heard_session"])
                let page = try await onSecond.get("/staff", headers: [("Cookie", "heard_session=\(cookie)")])
                #expect(page.status == .ok)
                #expect(page.body.contains("Engagement officer Tester"))
            }
        }
    }

    @Test(
        "instances started together on a new PostgreSQL database take turns to migrate, and both start",
        .enabled(if: TestDatabase.postgresAdminURL != nil))
    func startedTogetherOnANewDatabase() async throws {
        let name = "heard_t_new_\(UUID().uuidString.prefix(8).lowercased())"
        try await PostgresTestDatabases.admin("CREATE DATABASE \(name)")
        var config = AppConfiguration()
        config.database = .postgres(url: PostgresTestDatabases.url(database: name))
        config.bcryptCost = 4
        config.runsJobWorker = false
        config.logLevel = .warning
        do {
            // Each instance migrates on start; without the lock one stopped with "relation already exists".
            let shared = config
            try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<3 {
                    group.addTask {
                        var applied = 0
                        try await TestApp.run(config: shared, database: .postgres) { app in
                            applied = try await MigrationLog.query(on: app.db).count()
                            #expect(try await app.browser().get("/").status == .ok)
                        }
                        return applied
                    }
                }
                for try await applied in group {
                    #expect(applied == HeardMigrations.all.count, "every migration applied once")
                }
            }
        } catch {
            try? await PostgresTestDatabases.admin("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
            throw error
        }
        try await PostgresTestDatabases.admin("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }
}
