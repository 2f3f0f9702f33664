import Fluent
import SQLKit

/// Indexes for the dashboard's place, service and period filters (README "Scale", docs/scale.md).
///
/// The dashboard counts the feedback received in a period, now narrowed to one place or one service and grouped
/// by service as well as place. Without these, a service's figures would read every item the whole region
/// received in the period (the received_at index) and check its service: 500 times the rows it needs, with a
/// visit to the table for each. On PostgreSQL each index is led by the filter column, then received_at, and
/// covers every column the figures read, so a place's or a service's figures are an index-only range scan of
/// its own items. `feedback_figures` replaces M0101's `feedback_received_figures` with service_id added, so the
/// by-service table for everywhere stays index-only too. SQLite gets the same keys without `INCLUDE`.
struct M0117_DashboardFilterIndexes: AsyncMigration {
    /// What the figures read besides the key columns.
    static let figureColumns = "status, sentiment, first_reply_at, analysed_at, relational, themes"

    static let postgres: [String] = [
        "CREATE INDEX feedback_figures ON feedback_items (received_at) INCLUDE (place_id, service_id, \(figureColumns))",
        "CREATE INDEX feedback_figures_place ON feedback_items (place_id, received_at) INCLUDE (service_id, \(figureColumns))",
        "CREATE INDEX feedback_figures_service ON feedback_items (service_id, received_at) INCLUDE (place_id, \(figureColumns))",
        "DROP INDEX feedback_received_figures",
    ]

    static let postgresRevert: [String] = [
        """
        CREATE INDEX feedback_received_figures ON feedback_items (received_at)
        INCLUDE (place_id, status, sentiment, first_reply_at, analysed_at, relational, themes)
        """,
        "DROP INDEX feedback_figures", "DROP INDEX feedback_figures_place", "DROP INDEX feedback_figures_service",
    ]

    static let sqlite: [String] = [
        "CREATE INDEX feedback_figures_place ON feedback_items (place_id, received_at)",
        "CREATE INDEX feedback_figures_service ON feedback_items (service_id, received_at)",
    ]

    static let sqliteRevert = ["DROP INDEX feedback_figures_place", "DROP INDEX feedback_figures_service"]

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for statement in sql.dialect.name == "sqlite" ? Self.sqlite : Self.postgres {
            try await sql.raw(SQLQueryString(statement)).run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for statement in sql.dialect.name == "sqlite" ? Self.sqliteRevert : Self.postgresRevert {
            try await sql.raw(SQLQueryString(statement)).run()
        }
    }
}
