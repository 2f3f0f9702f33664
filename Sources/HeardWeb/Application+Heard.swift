import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import HeardStorage
import Prometheus
import Vapor

/// Builds the whole application from its configuration. `heard serve` and every test call this,
/// so what is tested is what runs.
public enum HeardApplication {
    public static func configure(_ app: Application, _ config: AppConfiguration) async throws {
        app.logger.logLevel = config.logLevel
        app.storage[ConfigurationKey.self] = config
        app.http.server.configuration.hostname = config.hostname
        app.http.server.configuration.port = config.port
        app.http.server.configuration.serverName = nil
        app.routes.defaultMaxBodySize = "2mb"

        try DatabaseSetup.use(config.database, on: app)
        app.migrations.add(HeardMigrations.all)
        app.passwords.use(.bcrypt(cost: config.bcryptCost))

        app.sessions.use(.fluent)
        app.sessions.configuration.cookieName = "heard_session"
        let secure = config.usesSecureCookies
        app.sessions.configuration.cookieFactory = { id in
            HTTPCookies.Value(
                string: id.string, expires: nil, maxAge: nil, domain: nil, path: "/", isSecure: secure,
                isHTTPOnly: true, sameSite: .lax)
        }

        let metrics = HTTPMetrics(registry: PrometheusCollectorRegistry())
        app.storage[HTTPMetrics.Key.self] = metrics

        NULStripping.install()
        app.middleware = Middlewares()
        app.middleware.use(RequestIDMiddleware())
        app.middleware.use(RequestLogMiddleware())
        app.middleware.use(metrics)
        // Outside the error middleware, so error bodies reach other websites' scripts too.
        app.middleware.use(APICORSMiddleware())
        // Outside the error middleware too, so error pages (a 404, a 413) carry the same headers as any page.
        app.middleware.use(SecurityHeadersMiddleware())
        app.middleware.use(HeardErrorMiddleware(environment: app.environment))
        app.middleware.use(BodySizeLimitMiddleware())
        let publicDirectory =
            config.publicDirectory ?? Bundle.module.resourceURL!
            .appendingPathComponent("Public").path + "/"
        app.middleware.use(StaticFilesMiddleware(publicDirectory: publicDirectory))
        if config.publicPageCacheSeconds > 0 {
            app.middleware.use(
                PublicPageCache(
                    lifetimeSeconds: config.publicPageCacheSeconds,
                    sessionCookieName: app.sessions.configuration.cookieName))
        }

        app.listeningEngine = try ListeningEngine.load(config, logger: app.logger)
        // Always the same event loop, so on SQLite always the same connection: its page cache stays warm
        // instead of being re-read after the other connection has written.
        let commitLoop = app.eventLoopGroup.next()
        app.feedbackCommitter = FeedbackCommitter(
            database: { [unowned app] in app.databases.database(logger: app.logger, on: commitLoop)! },
            commitGroup: { [siteURL = config.publicURL] in
                try await FeedbackIntake.store($0, siteURL: siteURL, on: $1)
            })
        try await DatabaseSetup.prepare(app, config: config)
        if let warning = PlaceholderContact.startupWarning(config) { app.logger.warning("\(warning)") }
        if config.seedDemoData {
            let hasher = app.password
            let seeded = try await DemoData.seedIfEmpty(
                on: app.db, hashPassword: { try hasher.hash($0) }, engine: app.listeningEngine)
            app.storage[DemoSeededKey.self] = seeded
        }

        try routes(app)

        if config.runsJobWorker {
            app.lifecycle.use(JobWorker(config: config))
        }
    }

    /// The configuration the app was built with.
    public static func configuration(of app: Application) -> AppConfiguration {
        app.storage[ConfigurationKey.self] ?? AppConfiguration()
    }

    /// Whether `configure` just filled an empty database with the demo (the CLI then prints the accounts).
    public static func didSeedDemo(_ app: Application) -> Bool { app.storage[DemoSeededKey.self] ?? false }

    struct DemoSeededKey: StorageKey {
        typealias Value = Bool
    }

    struct ConfigurationKey: StorageKey {
        typealias Value = AppConfiguration
    }
}

extension Request {
    var heardConfiguration: AppConfiguration { HeardApplication.configuration(of: application) }
}
