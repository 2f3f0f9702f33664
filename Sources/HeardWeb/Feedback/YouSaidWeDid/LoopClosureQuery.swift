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

    /// The actions of this scope: those made for it, and those answering its feedback. An action is often made
    /// for the organisation or another service than the feedback it answers; counting only the first kind, a
    /// service's page said "100% led to an action" beside "0 actions" and "nothing completed yet". Nil for
    /// everywhere. The links are few (one per answered item), so the subquery stays cheap at any scale.
    var actionCondition: SQLQueryString? {
        guard let (column, id) = filter else { return nil }
        return """
            (actions.\(unsafeRaw: column) = \(bind: id) OR actions.id IN (SELECT l.action_id FROM action_feedback l \
            JOIN feedback_items f ON f.id = l.feedback_id WHERE f.\(unsafeRaw: column) = \(bind: id)))
            """
    }
}

/// The loop-closure figures, aggregated in SQL so they stay fast on millions of items.
enum LoopClosureQuery {
    /// - Parameter since: count only feedback published from this moment, and only actions still open then
    ///   or closed since (nil: all of it).
    static func run(_ scope: FeedbackScope, since: Date? = nil, on db: any Database) async throws -> LoopClosure {
        let sql = db as! any SQLDatabase
        var whereScope = scope.filter.map { SQLQueryString(" AND \(unsafeRaw: $0.column) = ") + "\(bind: $0.id)" } ?? ""
        if let since { whereScope = whereScope + " AND published_at >= \(bind: since)" }
        let needing: Int
        let replied: Int
        let linked: Int
        let replyDays: Double?
        let weDidDays: Double?
        if sql.dialect.name == "sqlite" {
            let counts = try await sql.raw(
                """
                SELECT COUNT(*) AS needing,
                  SUM(CASE WHEN first_reply_at IS NOT NULL THEN 1 ELSE 0 END) AS replied,
                  SUM(CASE WHEN action_linked_at IS NOT NULL THEN 1 ELSE 0 END) AS linked
                FROM feedback_items WHERE status = 'published' AND needs_answer = \(bind: true)\(whereScope)
                """
            ).first()
            needing = try counts?.decode(column: "needing", as: Int?.self) ?? 0
            replied = try counts?.decode(column: "replied", as: Int?.self) ?? 0
            linked = try counts?.decode(column: "linked", as: Int?.self) ?? 0
            replyDays = try await medianDays(from: "published_at", to: "first_reply_at", scope: whereScope, on: sql)
            weDidDays = try await medianDays(from: "received_at", to: "we_did_at", scope: whereScope, on: sql)
        } else {
            // One pass over the partial covering index of published items needing an answer (M0101): the
            // ordered-set aggregates skip NULLs, so each median covers only the items that got there.
            let row = try await sql.raw(
                """
                SELECT COUNT(*) AS needing, COUNT(first_reply_at) AS replied, COUNT(action_linked_at) AS linked,
                  percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM (first_reply_at - published_at)))
                    / 86400.0 AS reply_days,
                  percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM (we_did_at - received_at)))
                    / 86400.0 AS we_did_days
                FROM feedback_items WHERE status = 'published' AND needs_answer\(whereScope)
                """
            ).first()
            needing = try row?.decode(column: "needing", as: Int?.self) ?? 0
            replied = try row?.decode(column: "replied", as: Int?.self) ?? 0
            linked = try row?.decode(column: "linked", as: Int?.self) ?? 0
            replyDays = try row?.decode(column: "reply_days", as: Double?.self)
            weDidDays = try row?.decode(column: "we_did_days", as: Double?.self)
        }

        var actionScope = scope.actionCondition.map { " AND " + $0 } ?? ""
        // Over a period, the actions that were live at some point in it: still open, or closed within it.
        if let since { actionScope = actionScope + " AND (closed_at IS NULL OR closed_at >= \(bind: since))" }
        let actionCounts = try await sql.raw(
            """
            SELECT COUNT(*) AS total,
              SUM(CASE WHEN status IN ('done', 'not_possible') THEN 1 ELSE 0 END) AS closed
            FROM actions WHERE 1 = 1\(actionScope)
            """
        ).first()
        let actions = try actionCounts?.decode(column: "total", as: Int?.self) ?? 0
        let closed = try actionCounts?.decode(column: "closed", as: Int?.self) ?? 0

        return LoopClosure(
            needingAnswer: needing, replied: replied, linkedToAction: linked, actions: actions, actionsClosed: closed,
            medianDaysToReply: replyDays, medianDaysToWeDid: weDidDays)
    }

    /// SQLite has no percentile function: it hands back the durations and Swift takes the middle.
    static func medianDays(
        from start: String, to end: String, scope: SQLQueryString, on sql: any SQLDatabase
    )
        async throws -> Double?
    {
        let rows = try await sql.raw(
            """
            SELECT \(unsafeRaw: end) - \(unsafeRaw: start) AS seconds FROM feedback_items
            WHERE status = 'published' AND needs_answer = \(bind: true) AND \(unsafeRaw: end) IS NOT NULL\(scope)
            """
        ).all()
        let days = try rows.map { try $0.decode(column: "seconds", as: Double.self) / 86400 }
        return LoopClosure.median(days)
    }
}
