import ArgumentParser
import Foundation
import HeardWeb
import Logging
import NIOCore
import Vapor

/// Builds the Vapor application for a command and turns start-up failures into one readable line.
enum AppRunner {
    /// Runs `body` with a configured application and always shuts it down.
    static func withApplication<T>(
        _ config: AppConfiguration, arguments: [String] = ["heard"], _ body: (Application) async throws -> T
    ) async throws -> T {
        var environment = try Environment.detect(arguments: arguments)
        environment.arguments = arguments
        let app = try await Application.make(environment)
        do {
            try await HeardApplication.configure(app, config)
            let result = try await body(app)
            try await app.asyncShutdown()
            return result
        } catch {
            try? await app.asyncShutdown()
            throw CLIError(describing: error, config: config)
        }
    }

    /// Starts the HTTP server (Vapor's serve command handles SIGINT and SIGTERM) and waits for it to stop.
    static func serveUntilStopped(_ app: Application, started: () -> Void) async throws {
        try await app.startup()
        started()
        try await app.running?.onStop.get()
    }

    static func bootstrapLogging(level: Logger.Level) {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}

/// One clear line for the person at the terminal; never a stack dump.
struct CLIError: Error, CustomStringConvertible {
    let description: String

    init(_ message: String) { description = message }

    init(describing error: any Error, config: AppConfiguration) {
        if let cli = error as? CLIError {
            description = cli.description
        } else if let config = error as? ConfigurationError {
            description = config.description
        } else if let token = error as? StaffTokenError {
            description = token.description
        } else if let database = DatabaseUnavailable.wrapping(error, target: config.database) {
            description = database.description
        } else if let io = error as? IOError, io.errnoCode == EADDRINUSE {
            description =
                "Port \(config.port) on \(config.hostname) is already in use. Stop the other program or choose another port with --port."
        } else if String(describing: error).contains("Address already in use") {
            description =
                "Port \(config.port) on \(config.hostname) is already in use. Stop the other program or choose another port with --port."
        } else {
            description = String(describing: error)
        }
    }
}
