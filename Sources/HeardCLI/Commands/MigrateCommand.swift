import ArgumentParser
import HeardWeb

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Create or update the database tables, then exit.")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        var config = try database.configuration(createsDatabase: true)
        config.runsJobWorker = false
        AppRunner.bootstrapLogging(level: config.logLevel)
        try await AppRunner.withApplication(config) { _ in
            print("The database is up to date (\(config.database)).")
        }
    }
}
