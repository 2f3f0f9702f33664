import ArgumentParser
import Foundation
import HeardWeb

/// Options every command that touches the database shares. Flags win over environment variables.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .long,
        help:
            "Database: postgres://USER:PASSWORD@HOST/DB, or a SQLite file path. Default: $DATABASE_URL or heard.sqlite."
    )
    var database: String?

    @Option(
        name: .long,
        help: "Log level: trace, debug, info, notice, warning, error, critical. Default: $LOG_LEVEL or info.")
    var logLevel: String?

    /// The configuration from the environment and the flags. Only `createsDatabase` commands (migrate, serve,
    /// demo) may start a new SQLite file: for the others a missing file is a mistyped path, refused here
    /// rather than silently created and migrated empty.
    func configuration(createsDatabase: Bool = false) throws -> AppConfiguration {
        var config = AppConfiguration()
        do {
            try config.apply(environment: ProcessInfo.processInfo.environment)
            if let database { config.database = try DatabaseTarget.parse(database) }
            if let logLevel { try config.apply(environment: ["LOG_LEVEL": logLevel]) }
        } catch {
            // Not a ValidationError: the flags were fine, the setting's value is not, so no usage banner.
            throw CLIError(error.description)
        }
        if !createsDatabase, case .sqliteFile(let path) = config.database, !FileManager.default.fileExists(atPath: path)
        {
            throw CLIError("No database at \(path): check the path, or run `heard migrate` to create one.")
        }
        return config
    }
}
