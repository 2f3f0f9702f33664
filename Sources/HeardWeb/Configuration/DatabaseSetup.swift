import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import HeardStorage
import SQLKit
import Vapor

/// Chooses the database engine and makes it ready: WAL for SQLite, migrations when asked.
public enum DatabaseSetup {
    static func use(_ target: DatabaseTarget, on app: Application) throws {
        if !target.isPostgres {
            // SQLite runs every statement on a thread of the app's thread pool, and a connection waiting for
            // the write lock spins on its thread (SQLiteNIO's busy handler retries at once). With the shared
            // process-wide pool (one thread per core), two waiters, from two apps in one process or beside a
            // file read, could hold every thread while the transaction that holds the lock waits for one: a
            // deadlock. A pool of the app's own with more threads than it has connections (one per event loop)
            // always leaves one for the lock holder. Set before the databases are first used.
            app.threadPool = NIOThreadPool(numberOfThreads: max(4, System.coreCount * 2))
        }
        switch target {
        case .sqliteFile(let path):
            useSQLite(SQLiteConfiguration(storage: .file(path: path)), on: app)
        case .sqliteMemory(let identifier):
            useSQLite(SQLiteConfiguration(storage: .memory(identifier: identifier)), on: app)
        case .postgres(let url):
            let configuration: SQLPostgresConfiguration
            do {
                configuration = try SQLPostgresConfiguration(url: url)
            } catch {
                throw ConfigurationError.invalid(
                    setting: "DATABASE_URL",
                    reason: "'\(DatabaseTarget.redactingPassword(url))' is not a valid PostgreSQL URL. "
                        + "Use postgres://USER:PASSWORD@HOST:5432/DATABASE.")
            }
            app.databases.use(
                .postgres(configuration: configuration, maxConnectionsPerEventLoop: 4, sqlLogLevel: .debug), as: .psql)
        }
    }

    /// SQLite's write transactions take turns in the app (see `SerialWritesConfiguration`).
    private static func useSQLite(_ configuration: SQLiteConfiguration, on app: Application) {
        let sqlite = DatabaseConfigurationFactory.sqlite(configuration, sqlLogLevel: .debug).make()
        app.databases.use(SerialWritesConfiguration(sqlite), as: .sqlite)
    }

    static func prepare(_ app: Application, config: AppConfiguration) async throws {
        do {
            if case .sqliteFile = config.database {
                // WAL lets readers and the writer work at once; synchronous=FULL (the default) means a
                // commit is on disk before we acknowledge it. journal_mode is stored in the file itself.
                try await (app.db as! any SQLDatabase).raw("PRAGMA journal_mode=WAL").run()
            }
            if config.migrateOnStart {
                try await migrate(app)
            }
        } catch {
            throw DatabaseUnavailable(target: config.database, underlying: error)
        }
    }

    /// The advisory lock instances hold while they migrate a shared PostgreSQL database.
    static let migrationLock: Int64 = 4_327_002

    /// Brings the tables up to date. On PostgreSQL, instances started together (a deployment, a restart of
    /// several at once) take turns: one migrates while the others wait on an advisory lock, then find nothing
    /// left to do. Without it both ran the first migration and one stopped with "relation already exists".
    public static func migrate(_ app: Application) async throws {
        guard let sql = app.db as? any SQLDatabase, sql.dialect.name == "postgresql" else {
            return try await app.autoMigrate()
        }
        // A session lock on one connection held for the whole run; the migrations use other connections.
        try await app.db.withConnection { connection in
            let locked = connection as! any SQLDatabase
            try await locked.raw("SELECT pg_advisory_lock(\(literal: Self.migrationLock))").run()
            do {
                try await app.autoMigrate()
            } catch {
                try? await locked.raw("SELECT pg_advisory_unlock(\(literal: Self.migrationLock))").run()
                throw error
            }
            try await locked.raw("SELECT pg_advisory_unlock(\(literal: Self.migrationLock))").run()
        }
    }
}

/// The database could not be reached or prepared; says which one and what to check.
public struct DatabaseUnavailable: Error, CustomStringConvertible {
    public let target: DatabaseTarget
    public let underlying: any Error

    /// `error` as a database problem, when it came from the database driver (a command that reaches the
    /// database after start-up, such as `heard migrate`, meets these unwrapped); nil for any other error.
    public static func wrapping(_ error: any Error, target: DatabaseTarget) -> DatabaseUnavailable? {
        if let already = error as? DatabaseUnavailable { return already }
        guard error is PSQLError || error is SQLiteError else { return nil }
        return DatabaseUnavailable(target: target, underlying: error)
    }

    public var description: String {
        let detail = DatabaseErrorText.describe(underlying)
        switch target {
        case .postgres:
            return "Cannot use the database (\(target)): \(detail). "
                + "Check that PostgreSQL is running and that DATABASE_URL names the right host, user, password and database."
        default:
            let hint =
                detail.contains("cantOpen") || detail.contains("readonly")
                ? " Check that the folder exists and is writable." : ""
            return "Cannot use the database (\(target)): \(detail).\(hint)"
        }
    }
}

/// Turns driver errors into one readable line; PostgreSQL's default description hides the detail.
enum DatabaseErrorText {
    static func describe(_ error: any Error) -> String {
        if let psql = error as? PSQLError {
            if let message = psql.serverInfo?[.message] { return message }
            if let underlying = psql.underlying {
                let text = String(describing: underlying)
                if text.contains("Connection refused") { return "connection refused" }
                if text.contains("Name or service not known") || text.contains("resolve") {
                    return "host name not found"
                }
                return text
            }
            return "\(psql.code)"
        }
        return String(describing: error)
    }
}
