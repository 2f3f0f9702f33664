import ArgumentParser
import Foundation
import HeardWeb

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run the Heard website and API.")

    @OptionGroup var database: DatabaseOptions

    @Option(name: .long, help: "Address to listen on. Default: $HEARD_HOST or 127.0.0.1.")
    var hostname: String?

    @Option(name: .shortAndLong, parsing: .unconditional, help: "Port to listen on. Default: $HEARD_PORT or 8080.")
    var port: Int?

    @Flag(name: .long, help: "Fill an empty database with a fictional integrated care system to try Heard out.")
    var demo = false

    @Option(
        name: .long,
        help:
            "A text model trained with `heard train` (your own themes). Default: $HEARD_MODEL or the model shipped with Heard."
    )
    var model: String?

    @Flag(name: .long, help: "Do not run migrations on start (run `heard migrate` yourself).")
    var noMigrate = false

    @Flag(name: .long, help: "Do not run background jobs in this instance.")
    var noWorker = false

    func run() async throws {
        var config = try database.configuration(createsDatabase: true)
        if let hostname { config.hostname = hostname }
        if let port {
            guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535.") }
            config.port = port
        }
        if ProcessInfo.processInfo.environment["HEARD_PUBLIC_URL"] == nil {
            config.publicURL = "http://\(config.hostname):\(config.port)"
        }
        config.seedDemoData = demo || ProcessInfo.processInfo.environment["HEARD_DEMO"] == "true"
        if let model {
            guard !model.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw ValidationError("--model needs the path of a model file made by heard train.")
            }
            config.modelPath = model
        }
        if noMigrate { config.migrateOnStart = false }
        if noWorker { config.runsJobWorker = false }
        AppRunner.bootstrapLogging(level: config.logLevel)

        let publicURL = config.publicURL
        let target = config.database
        do {
            try await AppRunner.withApplication(config, arguments: ["heard", "serve"]) { app in
                if HeardApplication.didSeedDemo(app) { DemoData.printAccounts(publicURL: publicURL) }
                try await AppRunner.serveUntilStopped(app) {
                    app.logger.notice("Heard is running at \(publicURL) on \(target). Press Ctrl+C to stop.")
                }
            }
        } catch {
            throw CLIError(describing: error, config: config)
        }
    }
}
