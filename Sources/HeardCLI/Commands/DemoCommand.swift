import ArgumentParser
import HeardWeb

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Fill an empty database with the fictional demo system, then exit.")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        var config = try database.configuration(createsDatabase: true)
        config.runsJobWorker = false
        AppRunner.bootstrapLogging(level: config.logLevel)
        try await AppRunner.withApplication(config) { app in
            let hasher = app.password
            if try await DemoData.seedIfEmpty(
                on: app.db, hashPassword: { try hasher.hash($0) }, engine: app.listeningEngine)
            {
                DemoData.printAccounts(publicURL: config.publicURL)
            } else {
                throw CLIError("The database already has data, so the demo was not added. Use an empty database.")
            }
        }
    }
}
