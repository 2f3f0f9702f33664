import Foundation
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
}
