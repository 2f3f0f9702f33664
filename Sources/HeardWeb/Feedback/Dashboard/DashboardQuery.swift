import Fluent
import Foundation
import HeardDomain
import HeardStorage
import HeardText
import SQLKit

/// The feedback figures on the staff dashboard, each a single aggregate query.
///
/// Built to cost the same with five years of a region's feedback behind it as with one week (README "Scale"):
/// the queues ("waiting for you", urgent alerts) count what is waiting everywhere, the replies queue up to
/// `waitingCountLimit`; volumes cover twelve weeks, Monday to Sunday by UK day, counted week by week on a
/// received_at index; themes, relational care, places, services and closing the loop cover the chosen period
/// (the last 4 weeks, the chart's last 4 bars, unless asked). Everything but the queues is narrowed to the chosen place or service on indexes led by place_id or
/// service_id (M0117). The four figure queries run at the same time.
struct FeedbackDashboard {
    /// A week of the chart, Monday to Sunday by the UK day feedback was received.
    struct Week {
        /// The Monday.
        var start: SimpleDate
        var count: Int
        /// This week, counted so far (from Monday, with no end).
        var isCurrent: Bool
        /// The Sunday.
        var end: SimpleDate { start.adding(days: 6) }
    }

    struct Waiting {
        var moderation: Int
        var replies: Int
        var overdueActions: Int
        /// Complaints not yet answered or closed: the complaints list's default, "Open complaints".
        var openComplaints: Int
        /// Open complaints whose next step (acknowledgement, response or delay letter) is past its date.
        var complaintsOverdue: Int
    }

    var weeks: [Week]
    var themes: [YouSaidWeDidController.ThemeCount]
    var relational: [(flag: RelationalFlag, count: Int)]
    var places: [PlaceRow]
    /// Every service with feedback in the period, the busiest first.
    var services: [ServiceRow]
    var waiting: Waiting
    var alerts: [UrgentAlert]
    var loop: LoopClosure
    var analysedCount: Int
    /// Friends and Family Test answers in the scope and period.
    var fft: FFTScore
    var filters: DashboardFilters
    /// What the filter form offers.
    var choices: QueueFilters.Choices
    /// The period's first UK day, which every figure link sends as "received from".
    var firstDay: SimpleDate
    /// The UK day the figures end on (the app's decision clock).
    var today: SimpleDate

    static let weekCount = 12
    /// The replies queue is counted up to this many; the dashboard then says "10,000 or more".
    static let waitingCountLimit = 10_000

    /// The first moment of the period themes, relational care, places, services and closing the loop cover: the
    /// start of the period's first UK day, so the feedback list's "received from" that day shows the same items.
    static func figuresStart(today: SimpleDate, period: DashboardPeriod = .standard) -> Date {
        period.start(today: today)
    }

    static func figuresFirstDay(today: SimpleDate, period: DashboardPeriod = .standard) -> SimpleDate {
        period.firstDay(today: today)
    }

    /// - Parameter today: the UK day (the app's decision clock) the weeks and the period end on.
    static func load(
        on db: any Database, filters: DashboardFilters = DashboardFilters(), today: SimpleDate
    ) async throws -> FeedbackDashboard {
        let sql = db as! any SQLDatabase
        let start = figuresStart(today: today, period: filters.period)
        let scope = filters.scope
        async let weeks = weeks(sql, today: today, scope: scope)
        async let summary = summary(sql, since: start, scope: scope, onlyPlace: filters.placeID)
        async let themes = allThemeCounts(sql, since: start, scope: scope)
        async let loop = LoopClosureQuery.run(scope, since: start, on: db)
        let waiting = Waiting(
            moderation: try await count(status: .awaitingModeration, sql),
            replies: try await waitingForReply(sql),
            overdueActions: try await ActionItem.query(on: db).filter(\.$status ~~ [.planned, .inProgress])
                .filter(\.$dueOn < ActionsController.overdueBefore(today: today)).count(),
            openComplaints: try await Complaint.query(on: db).filter(\.$respondedOn == nil)
                .filter(\.$closedOn == nil).count(),
            complaintsOverdue: try await Complaint.query(on: db).filter(\.$respondedOn == nil).filter(
                \.$closedOn == nil
            )
            .limit(waitingCountLimit)
            .all().filter { $0.clock.step(today: today).isOverdue }.count)
        let alerts = try await UrgentAlert.query(on: db).filter(\.$acknowledgedAt == nil).with(\.$feedback)
            .sort(\.$createdAt, .descending).limit(20).all()
        let figures = try await summary
        return FeedbackDashboard(
            weeks: try await weeks, themes: try await themes, relational: figures.relational, places: figures.places,
            services: figures.services, waiting: waiting, alerts: alerts, loop: try await loop,
            analysedCount: figures.analysed, fft: figures.fft, filters: filters, choices: try await .load(on: db),
            firstDay: figuresFirstDay(today: today, period: filters.period), today: today)
    }

    /// ` AND place_id = …` (or service_id, organisation_id) for a scope, nothing for everywhere; `table` is the
    /// alias of feedback_items when the query joins.
    static func condition(_ scope: FeedbackScope, table: String? = nil) -> SQLQueryString {
        guard let filter = scope.filter else { return "" }
        let column = (table.map { $0 + "." } ?? "") + filter.column
        return " AND \(unsafeRaw: column) = \(bind: filter.id)"
    }

    /// Items with this status. `COUNT(*)`, not Fluent's `COUNT(id)`, so PostgreSQL answers from the status
    /// index alone instead of visiting every row.
    static func count(status: FeedbackStatus, _ sql: any SQLDatabase) async throws -> Int {
        try await sql.raw("SELECT COUNT(*) AS total FROM feedback_items WHERE status = \(bind: status.rawValue)")
            .first()?.decode(column: "total", as: Int.self) ?? 0
    }

    /// Published stories that need an answer and have none yet (the replies queue, on its partial index),
    /// counted up to `waitingCountLimit`.
    static func waitingForReply(_ sql: any SQLDatabase) async throws -> Int {
        try await sql.raw(
            """
            SELECT COUNT(*) AS total FROM (SELECT 1 FROM feedback_items
            WHERE status = 'published' AND needs_answer = \(bind: true) AND first_reply_at IS NULL
            LIMIT \(unsafeRaw: String(waitingCountLimit))) AS waiting
            """
        ).first()?.decode(column: "total", as: Int.self) ?? 0
    }

    /// Feedback received per week for the last twelve weeks, oldest first, empty weeks included. A week runs
    /// Monday to Sunday by the UK day an item was received (midnight in the UK, GMT or BST), so each equals the
    /// feedback list from its Monday to its Sunday; the last is this week so far, counted from its Monday with no
    /// end, as the period's figures are. One range count per week, each answered from an index alone
    /// (received_at, or place or service then received_at), with no date arithmetic per row.
    static func weeks(
        _ sql: any SQLDatabase, today: SimpleDate, scope: FeedbackScope = .everywhere
    ) async throws -> [Week] {
        let firstMonday = DashboardPeriod.monday(of: today).adding(days: -7 * (weekCount - 1))
        let mondays = (0..<weekCount).map { firstMonday.adding(days: 7 * $0) }
        let bounds = mondays.map(DecisionClock.startOfUKDay)
        var query: SQLQueryString = "SELECT "
        for week in 0..<weekCount {
            if week > 0 { query = query + ", " }
            query =
                query + "(SELECT COUNT(*) FROM feedback_items WHERE received_at >= \(bind: bounds[week])"
                + condition(scope)
            if week + 1 < weekCount { query = query + " AND received_at < \(bind: bounds[week + 1])" }
            query = query + ") AS w\(unsafeRaw: String(week))"
        }
        let row = try await sql.raw(query).first()
        return try mondays.enumerated().map { week, monday in
            Week(
                start: monday, count: try row?.decode(column: "w\(week)", as: Int.self) ?? 0,
                isCurrent: week + 1 == weekCount)
        }
    }

    /// Themes of the feedback received since `start` in `scope`, with the sentiment split. PostgreSQL counts each
    /// distinct theme list (`themes`, written with the item's feedback_themes rows) from a covering index on
    /// received_at (M0117, led by place_id or service_id when narrowed), then splits the few thousand lists,
    /// instead of joining millions of feedback_themes rows.
    static func allThemeCounts(
        _ sql: any SQLDatabase, since start: Date, scope: FeedbackScope = .everywhere
    ) async throws
        -> [YouSaidWeDidController.ThemeCount]
    {
        let rows: [any SQLRow]
        if sql.dialect.name == "sqlite" {
            rows = try await sql.raw(
                """
                SELECT t.theme AS theme, COUNT(*) AS total,
                  SUM(CASE WHEN f.sentiment <= 2 THEN 1 ELSE 0 END) AS positive,
                  SUM(CASE WHEN f.sentiment >= 4 THEN 1 ELSE 0 END) AS negative
                FROM feedback_themes t JOIN feedback_items f ON f.id = t.feedback_id
                WHERE f.received_at >= \(bind: start)\(condition(scope, table: "f"))
                GROUP BY t.theme ORDER BY total DESC, t.theme LIMIT 12
                """
            ).all()
        } else {
            rows = try await sql.raw(
                """
                SELECT t.theme AS theme, CAST(SUM(g.total) AS BIGINT) AS total,
                  CAST(SUM(g.positive) AS BIGINT) AS positive, CAST(SUM(g.negative) AS BIGINT) AS negative
                FROM (
                  SELECT themes, COUNT(*) AS total,
                    SUM(CASE WHEN sentiment <= 2 THEN 1 ELSE 0 END) AS positive,
                    SUM(CASE WHEN sentiment >= 4 THEN 1 ELSE 0 END) AS negative
                  FROM feedback_items WHERE received_at >= \(bind: start)\(condition(scope)) AND themes <> ''
                  GROUP BY themes
                ) AS g CROSS JOIN LATERAL unnest(string_to_array(g.themes, ';')) AS t(theme)
                GROUP BY t.theme ORDER BY total DESC, t.theme LIMIT 12
                """
            ).all()
        }
        return try rows.map {
            .init(
                theme: try $0.decode(column: "theme", as: String.self),
                count: try $0.decode(column: "total", as: Int.self),
                positive: try $0.decode(column: "positive", as: Int?.self) ?? 0,
                negative: try $0.decode(column: "negative", as: Int?.self) ?? 0)
        }
    }
}
