import Fluent
import Foundation
import HeardDomain
import HeardStorage
import SQLKit

/// Which part of the system a figure is about.
enum FeedbackScope: Equatable {
    case everywhere
    case organisation(UUID)
    case place(UUID)
    case service(UUID)

    /// The column and value that restrict feedback_items (and actions) to this scope.
    var filter: (column: String, id: UUID)? {
        switch self {
        case .everywhere: nil
        case .organisation(let id): ("organisation_id", id)
        case .place(let id): ("place_id", id)
        case .service(let id): ("service_id", id)
        }
    }
}

/// The loop-closure figures, aggregated in SQL so they stay fast on millions of items.
enum LoopClosureQuery {
    static func run(_ scope: FeedbackScope, on db: any Database) async throws -> LoopClosure {
        let sql = db as! any SQLDatabase
        let whereScope = scope.filter.map { SQLQueryString(" AND \(unsafeRaw: $0.column) = ") + "\(bind: $0.id)" } ?? ""
        let counts = try await sql.raw(
            """
            SELECT COUNT(*) AS needing,
              SUM(CASE WHEN first_reply_at IS NOT NULL THEN 1 ELSE 0 END) AS replied,
              SUM(CASE WHEN action_linked_at IS NOT NULL THEN 1 ELSE 0 END) AS linked
            FROM feedback_items WHERE status = 'published' AND needs_answer = \(bind: true)\(whereScope)
            """
        ).first()
        let needing = try counts?.decode(column: "needing", as: Int?.self) ?? 0
        let replied = try counts?.decode(column: "replied", as: Int?.self) ?? 0
        let linked = try counts?.decode(column: "linked", as: Int?.self) ?? 0

        let actionScope =
            scope.filter.map { SQLQueryString(" AND \(unsafeRaw: $0.column) = ") + "\(bind: $0.id)" } ?? ""
        let actionCounts = try await sql.raw(
            """
            SELECT COUNT(*) AS total,
              SUM(CASE WHEN status IN ('done', 'not_possible') THEN 1 ELSE 0 END) AS closed
            FROM actions WHERE 1 = 1\(actionScope)
            """
        ).first()
        let actions = try actionCounts?.decode(column: "total", as: Int?.self) ?? 0
        let closed = try actionCounts?.decode(column: "closed", as: Int?.self) ?? 0

        let replyDays = try await medianDays(
            from: "published_at", to: "first_reply_at", scope: whereScope, on: sql)
        let weDidDays = try await medianDays(from: "received_at", to: "we_did_at", scope: whereScope, on: sql)
        return LoopClosure(
            needingAnswer: needing, replied: replied, linkedToAction: linked, actions: actions, actionsClosed: closed,
            medianDaysToReply: replyDays, medianDaysToWeDid: weDidDays)
    }

    /// PostgreSQL computes the median itself; SQLite hands back the durations and Swift takes the middle.
    static func medianDays(
        from start: String, to end: String, scope: SQLQueryString, on sql: any SQLDatabase
    )
        async throws -> Double?
    {
        if sql.dialect.name == "sqlite" {
            let rows = try await sql.raw(
                """
                SELECT \(unsafeRaw: end) - \(unsafeRaw: start) AS seconds FROM feedback_items
                WHERE status = 'published' AND needs_answer = \(bind: true) AND \(unsafeRaw: end) IS NOT NULL\(scope)
                """
            ).all()
            let days = try rows.map { try $0.decode(column: "seconds", as: Double.self) / 86400 }
            return LoopClosure.median(days)
        }
        let row = try await sql.raw(
            """
            SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM (\(unsafeRaw: end) - \(unsafeRaw: start)))) / 86400.0 AS days
            FROM feedback_items
            WHERE status = 'published' AND needs_answer = \(bind: true) AND \(unsafeRaw: end) IS NOT NULL\(scope)
            """
        ).first()
        return try row?.decode(column: "days", as: Double?.self)
    }
}
