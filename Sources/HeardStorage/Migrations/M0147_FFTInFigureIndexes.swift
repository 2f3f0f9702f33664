import Fluent
import SQLKit

/// The dashboard's place and service tables now give Friends and Family Test results, which read `fft_rating`. On
/// PostgreSQL M0117's three covering indexes are rebuilt with it, so the figures stay an index-only range scan
/// (docs/scale.md) instead of visiting the table for every item of the period. SQLite's indexes cover nothing
/// beyond their keys, so it needs no change.
struct M0147_FFTInFigureIndexes: AsyncMigration {
    static let figureColumns = M0117_DashboardFilterIndexes.figureColumns + ", fft_rating"

    static func create(_ columns: String) -> [String] {
        [
            "CREATE INDEX feedback_figures ON feedback_items (received_at) INCLUDE (place_id, service_id, \(columns))",
            "CREATE INDEX feedback_figures_place ON feedback_items (place_id, received_at) INCLUDE (service_id, \(columns))",
            "CREATE INDEX feedback_figures_service ON feedback_items (service_id, received_at) INCLUDE (place_id, \(columns))",
        ]
    }

    static let drop = [
        "DROP INDEX feedback_figures", "DROP INDEX feedback_figures_place", "DROP INDEX feedback_figures_service",
    ]

    func prepare(on database: any Database) async throws {
        try await run(Self.drop + Self.create(Self.figureColumns), on: database)
    }

    func revert(on database: any Database) async throws {
        try await run(Self.drop + Self.create(M0117_DashboardFilterIndexes.figureColumns), on: database)
    }

    private func run(_ statements: [String], on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        guard sql.dialect.name != "sqlite" else { return }
        for statement in statements { try await sql.raw(SQLQueryString(statement)).run() }
    }
}
