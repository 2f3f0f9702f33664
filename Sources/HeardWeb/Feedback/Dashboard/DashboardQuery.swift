import Fluent
import Foundation
import HeardDomain
import HeardStorage
import HeardText
import SQLKit

/// The feedback figures on the staff dashboard, each a single aggregate query.
struct FeedbackDashboard {
    struct Week {
        var start: Date
        var count: Int
    }

    struct PlaceRow {
        var slug: String
        var name: String
        var received: Int
        var negative: Int
        var published: Int
        var replied: Int
    }

    struct Waiting {
        var moderation: Int
        var replies: Int
        var overdueActions: Int
        var escalated: Int
    }

    var weeks: [Week]
    var themes: [YouSaidWeDidController.ThemeCount]
    var relational: [(flag: RelationalFlag, count: Int)]
    var places: [PlaceRow]
    var waiting: Waiting
    var alerts: [UrgentAlert]
    var loop: LoopClosure
    var analysedCount: Int

    static let weekCount = 12

    static func load(on db: any Database, now: Date = Date()) async throws -> FeedbackDashboard {
        let sql = db as! any SQLDatabase
        return FeedbackDashboard(
            weeks: try await weeks(sql, now: now),
            themes: try await allThemeCounts(sql),
            relational: try await relational(sql),
            places: try await places(sql),
            waiting: Waiting(
                moderation: try await FeedbackItem.query(on: db).filter(\.$status == .awaitingModeration).count(),
                replies: try await FeedbackItem.query(on: db).filter(\.$status == .published).filter(
                    \.$needsAnswer == true
                )
                .filter(\.$firstReplyAt == nil).count(),
                overdueActions: try await ActionItem.query(on: db).filter(\.$status ~~ [.planned, .inProgress])
                    .filter(\.$dueOn < now).count(),
                escalated: try await FeedbackItem.query(on: db).filter(\.$status == .escalated).count()),
            alerts: try await UrgentAlert.query(on: db).filter(\.$acknowledgedAt == nil).with(\.$feedback)
                .sort(\.$createdAt, .descending).limit(20).all(),
            loop: try await LoopClosureQuery.run(.everywhere, on: db),
            analysedCount: try await FeedbackItem.query(on: db).filter(\.$analysedAt != nil).count())
    }

    /// Feedback received per week for the last twelve weeks, oldest first, empty weeks included.
    static func weeks(_ sql: any SQLDatabase, now: Date) async throws -> [Week] {
        let start = now.addingTimeInterval(-Double(weekCount) * 7 * 86400)
        let bucket: SQLQueryString =
            sql.dialect.name == "sqlite"
            ? "CAST((received_at - \(bind: start.timeIntervalSince1970)) / 604800 AS INTEGER)"
            : "FLOOR(EXTRACT(EPOCH FROM (received_at - \(bind: start))) / 604800)"
        let rows = try await sql.raw(
            "SELECT " + bucket
                + " AS week, COUNT(*) AS total FROM feedback_items WHERE received_at >= \(bind: start) GROUP BY 1"
        ).all()
        var counts = [Int](repeating: 0, count: weekCount)
        for row in rows {
            let week = Int(try row.decode(column: "week", as: Double.self))
            if (0..<weekCount).contains(week) { counts[week] = try row.decode(column: "total", as: Int.self) }
        }
        return counts.enumerated().map {
            Week(start: start.addingTimeInterval(Double($0.offset) * 7 * 86400), count: $0.element)
        }
    }

    /// Themes over all analysed feedback (not only published), with the sentiment split.
    static func allThemeCounts(_ sql: any SQLDatabase) async throws -> [YouSaidWeDidController.ThemeCount] {
        let rows = try await sql.raw(
            """
            SELECT t.theme AS theme, COUNT(*) AS total,
              SUM(CASE WHEN f.sentiment <= 2 THEN 1 ELSE 0 END) AS positive,
              SUM(CASE WHEN f.sentiment >= 4 THEN 1 ELSE 0 END) AS negative
            FROM feedback_themes t JOIN feedback_items f ON f.id = t.feedback_id
            GROUP BY t.theme ORDER BY total DESC, t.theme LIMIT 12
            """
        ).all()
        return try rows.map {
            .init(
                theme: try $0.decode(column: "theme", as: String.self),
                count: try $0.decode(column: "total", as: Int.self),
                positive: try $0.decode(column: "positive", as: Int?.self) ?? 0,
                negative: try $0.decode(column: "negative", as: Int?.self) ?? 0)
        }
    }

    static func relational(_ sql: any SQLDatabase) async throws -> [(flag: RelationalFlag, count: Int)] {
        var result: [(RelationalFlag, Int)] = []
        for flag in RelationalFlag.allCases {
            let row = try await sql.raw(
                "SELECT COUNT(*) AS total FROM feedback_items WHERE relational LIKE \(bind: "%" + flag.rawValue + "%")"
            ).first()
            result.append((flag, try row?.decode(column: "total", as: Int.self) ?? 0))
        }
        return result
    }

    static func places(_ sql: any SQLDatabase) async throws -> [PlaceRow] {
        let rows = try await sql.raw(
            """
            SELECT p.slug AS slug, p.name AS name, COUNT(f.id) AS received,
              SUM(CASE WHEN f.sentiment >= 4 THEN 1 ELSE 0 END) AS negative,
              SUM(CASE WHEN f.status = 'published' THEN 1 ELSE 0 END) AS published,
              SUM(CASE WHEN f.first_reply_at IS NOT NULL THEN 1 ELSE 0 END) AS replied
            FROM places p LEFT JOIN feedback_items f ON f.place_id = p.id
            GROUP BY p.slug, p.name ORDER BY p.name
            """
        ).all()
        return try rows.map {
            PlaceRow(
                slug: try $0.decode(column: "slug", as: String.self),
                name: try $0.decode(column: "name", as: String.self),
                received: try $0.decode(column: "received", as: Int.self),
                negative: try $0.decode(column: "negative", as: Int?.self) ?? 0,
                published: try $0.decode(column: "published", as: Int?.self) ?? 0,
                replied: try $0.decode(column: "replied", as: Int?.self) ?? 0)
        }
    }
}
