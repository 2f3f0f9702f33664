import Fluent
import Foundation
import HeardDomain
import HeardStorage
import SQLKit
import Vapor

/// Public "You said, we did": what people said, what was done, and the loop-closure figures,
/// for the whole system and per organisation, place and service.
enum YouSaidWeDidController {
    struct ThemeCount {
        var theme: String
        var count: Int
        var positive: Int
        var negative: Int
    }

    struct Model {
        var title: String
        var scopeDescription: String
        var loop: LoopClosure
        var publishedCount: Int
        var themes: [ThemeCount]
        var quotes: [FeedbackItem]
        /// One page of the actions done or closed, and one of those still open, each newest first.
        var closedActions: [ActionItem]
        var closedPage: ListPage
        var closedCount: Int
        var openActions: [ActionItem]
        var openPage: ListPage
        var openCount: Int
        var places: [Place]
        var organisations: [Organisation]
        var servicesHere: [Service]
        /// On a place's page: each indicator with its figures for the place (domain rules §9).
        var indicators: [(indicator: Indicator, values: [IndicatorValue])] = []
        /// The latest approved decisions about changes here: what was decided after listening.
        var decisions: [Decision] = []
    }

    /// How many decisions a page lists before linking to them all.
    static let decisionsShown = 5

    @Sendable static func index(_ request: Request) async throws -> Response {
        try await render(request, scope: .everywhere, title: "You said, we did", description: "across the whole system")
    }

    @Sendable static func place(_ request: Request) async throws -> Response {
        guard let slug = request.parameters.get("slug"),
            let place = try await Place.query(on: request.db).filter(\.$slug == slug).first()
        else { throw Abort(.notFound) }
        return try await render(
            request, scope: .place(place.id!), title: "You said, we did in \(place.name)",
            description: "in \(place.name)")
    }

    @Sendable static func organisation(_ request: Request) async throws -> Response {
        guard let organisation = try await Organisation.find(try Admin.uuidParameter(request), on: request.db) else {
            throw Abort(.notFound)
        }
        return try await render(
            request, scope: .organisation(organisation.id!), title: "You said, we did: \(organisation.name)",
            description: "about \(organisation.name)")
    }

    @Sendable static func service(_ request: Request) async throws -> Response {
        guard let service = try await Service.find(try Admin.uuidParameter(request), on: request.db) else {
            throw Abort(.notFound)
        }
        return try await render(
            request, scope: .service(service.id!), title: "You said, we did: \(service.name)",
            description: "about \(service.name)")
    }

    static func render(
        _ request: Request, scope: FeedbackScope, title: String, description: String
    ) async throws -> Response {
        let pages = ActionPages(
            done: request.query[String.self, at: "done"].flatMap(ListPage.requested),
            open: request.query[String.self, at: "open"].flatMap(ListPage.requested))
        var model = try await query(scope, title: title, description: description, pages: pages, on: request.db)
        model.decisions = try await decisions(scope, on: request.db)
        return .html(
            YouSaidWeDidPage.render(
                model, scope: scope, path: request.url.path, context: PageContext(request, title: title)))
    }

    /// Approved decisions whose change covers the scope's place or service (all of them for the whole system),
    /// newest meeting first. Decisions are few (tens a year), so they are filtered here rather than in SQL.
    static func decisions(_ scope: FeedbackScope, on db: any Database) async throws -> [Decision] {
        let approved = try await Decision.query(on: db).filter(\.$status == "approved").with(\.$initiative)
            .sort(\.$meetingOn, .descending).all()
        let matching: [Decision]
        switch scope {
        case .everywhere: matching = approved
        case .place(let id): matching = approved.filter { $0.initiative.placeIDList.contains(id) }
        case .service(let id): matching = approved.filter { $0.initiative.serviceIDList.contains(id) }
        case .organisation: matching = []
        }
        return Array(matching.prefix(decisionsShown))
    }

    /// How far back the public figures go: what people said (stories, themes) and closing the loop.
    /// A fixed, recent period keeps every page the same cost with years of a region's feedback behind it
    /// (README "Scale"); the actions listed are the latest whatever their age.
    static let period = "in the last 4 weeks"

    /// The dashboard's "last 4 weeks" (this week so far and the 3 before it, from a Monday by UK day), so an
    /// officer quoting the dashboard gives the figures the public pages show. It was 28 days back from now,
    /// up to six days more than the dashboard counted, under the same words.
    static func periodStart(now: Date = Date()) -> Date {
        DashboardPeriod.standard.start(today: SimpleDate.ukDay(of: now))
    }

    /// The page asked for in each list of actions: `done` and `open` in the address.
    struct ActionPages {
        var done: Int?
        var open: Int?
    }

    static let actionsPerPage = 20

    static func query(
        _ scope: FeedbackScope, title: String, description: String, pages: ActionPages = .init(),
        on db: any Database
    ) async throws -> Model {
        let start = periodStart()
        async let loop = LoopClosureQuery.run(scope, since: start, on: db)
        async let themes = themeCounts(scope, since: start, on: db)
        var published = FeedbackItem.query(on: db).filter(\.$status == .published)
        var actions = ActionItem.query(on: db).with(\.$updates).with(\.$place).with(\.$organisation)
        switch scope {
        case .everywhere: break
        case .organisation(let id): published = published.filter(\.$organisation.$id == id)
        case .place(let id): published = published.filter(\.$place.$id == id)
        case .service(let id): published = published.filter(\.$service.$id == id)
        }
        if let condition = scope.actionCondition { actions = actions.filter(.sql(embed: condition)) }
        let publishedCount = try await published.copy().filter(\.$publishedAt >= start).count()
        let quotes = try await published.copy().with(\.$service).with(\.$place).sort(\.$publishedAt, .descending).limit(
            4
        ).all()
        let closed = actions.copy().filter(\.$status ~~ ActionStatus.allCases.filter(\.isClosed))
        let open = actions.copy().filter(\.$status ~~ ActionStatus.allCases.filter { !$0.isClosed })
        let closedCount = try await closed.copy().count()
        let openCount = try await open.copy().count()
        let closedPage = ListPage(requested: pages.done, total: closedCount, size: actionsPerPage)
        let openPage = ListPage(requested: pages.open, total: openCount, size: actionsPerPage)
        let closedActions = try await closed.sort(\.$updatedAt, .descending).sort(\.$id).range(closedPage.range).all()
        let openActions = try await open.sort(\.$updatedAt, .descending).sort(\.$id).range(openPage.range).all()
        var indicators: [(indicator: Indicator, values: [IndicatorValue])] = []
        if case .place(let id) = scope {
            let values = Dictionary(
                grouping: try await IndicatorValue.query(on: db).filter(\.$place.$id == id).all(),
                by: { $0.$indicator.id })
            indicators = try await Indicator.query(on: db).sort(\.$name).all().compactMap { indicator in
                values[indicator.id!].map { (indicator, $0) }
            }
        }
        var servicesHere: [Service] = []
        if case .place(let id) = scope {
            servicesHere = try await Service.query(on: db).filter(\.$place.$id == id).sort(\.$name).all()
        } else if case .organisation(let id) = scope {
            servicesHere = try await Service.query(on: db).filter(\.$organisation.$id == id).sort(\.$name).all()
        }
        return Model(
            title: title, scopeDescription: description, loop: try await loop, publishedCount: publishedCount,
            themes: try await themes, quotes: quotes,
            closedActions: closedActions, closedPage: closedPage, closedCount: closedCount,
            openActions: openActions, openPage: openPage, openCount: openCount,
            places: try await Place.query(on: db).sort(\.$name).all(),
            organisations: try await Organisation.query(on: db).sort(\.$name).all(), servicesHere: servicesHere,
            indicators: indicators)
    }

    /// Theme counts with the sentiment split, for feedback in scope published since `start`: one GROUP BY.
    /// PostgreSQL counts each distinct theme list (`themes`, written with the item's feedback_themes rows) from the
    /// covering index on published stories (M0101), then splits the lists, instead of joining feedback_themes.
    static func themeCounts(
        _ scope: FeedbackScope, since start: Date, on db: any Database, limit: Int = 10
    ) async throws -> [ThemeCount] {
        let sql = db as! any SQLDatabase
        let whereScope =
            scope.filter.map { SQLQueryString(" AND f.\(unsafeRaw: $0.column) = ") + "\(bind: $0.id)" } ?? ""
        let rows: [any SQLRow]
        if sql.dialect.name == "sqlite" {
            rows = try await sql.raw(
                """
                SELECT t.theme AS theme, COUNT(*) AS total,
                  SUM(CASE WHEN f.sentiment <= 2 THEN 1 ELSE 0 END) AS positive,
                  SUM(CASE WHEN f.sentiment >= 4 THEN 1 ELSE 0 END) AS negative
                FROM feedback_themes t JOIN feedback_items f ON f.id = t.feedback_id
                WHERE f.status = 'published' AND f.published_at >= \(bind: start)\(whereScope)
                GROUP BY t.theme ORDER BY total DESC, t.theme LIMIT \(unsafeRaw: String(limit))
                """
            ).all()
        } else {
            rows = try await sql.raw(
                """
                SELECT t.theme AS theme, CAST(SUM(g.total) AS BIGINT) AS total,
                  CAST(SUM(g.positive) AS BIGINT) AS positive, CAST(SUM(g.negative) AS BIGINT) AS negative
                FROM (
                  SELECT f.themes AS themes, COUNT(*) AS total,
                    SUM(CASE WHEN f.sentiment <= 2 THEN 1 ELSE 0 END) AS positive,
                    SUM(CASE WHEN f.sentiment >= 4 THEN 1 ELSE 0 END) AS negative
                  FROM feedback_items f
                  WHERE f.status = 'published' AND f.published_at >= \(bind: start)\(whereScope) AND f.themes <> ''
                  GROUP BY f.themes
                ) AS g CROSS JOIN LATERAL unnest(string_to_array(g.themes, ';')) AS t(theme)
                GROUP BY t.theme ORDER BY total DESC, t.theme LIMIT \(unsafeRaw: String(limit))
                """
            ).all()
        }
        return try rows.map {
            ThemeCount(
                theme: try $0.decode(column: "theme", as: String.self),
                count: try $0.decode(column: "total", as: Int.self),
                positive: try $0.decode(column: "positive", as: Int?.self) ?? 0,
                negative: try $0.decode(column: "negative", as: Int?.self) ?? 0)
        }
    }
}
