import ArgumentParser
import FluentKit
import HeardWeb

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Create or update the database tables, then exit.")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        var config = try database.configuration(createsDatabase: true)
        config.runsJobWorker = false
        AppRunner.bootstrapLogging(level: config.logLevel)
        config.migrateOnStart = false
        try await AppRunner.withApplication(config) { app in
            // A new database has no migration log yet: nothing was applied before.
            let before = (try? await MigrationLog.query(on: app.db).count()) ?? 0
            try await DatabaseSetup.migrate(app)
            let after = try await MigrationLog.query(on: app.db).count()
            switch after - before {
            case 0: print("The database was already up to date (\(config.database)): nothing to change.")
            case after: print("Created the database tables: \(after) migrations (\(config.database)).")
            default:
                print("Updated the database: \(after - before) of \(after) migrations were new (\(config.database)).")
            }
        }
    }
}
