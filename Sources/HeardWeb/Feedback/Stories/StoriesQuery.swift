import Fluent
import Foundation
import HeardDomain
import HeardStorage
import SQLKit
import Vapor

/// Published stories, filtered and paged. Only published, redacted text ever leaves this query.
///
/// Built for millions of stories (README "Scale"): the page's ids come from one index-only scan of a
/// partial index on published stories (`M0101_ScaleIndexes`), the theme filter reads the item's own theme
/// list instead of joining `feedback_themes`, and the total is counted up to `countLimit` in the same pass.
struct StoriesQuery {
    struct Filters: Content {
        var place: String?
        var service: String?
        var theme: String?
        var sentiment: String?
        /// Never decoded from the address: the web page reads it leniently (`ListPage`), the API strictly
        /// (`APIPage`), and each sets it here.
        var page: Int?

        enum CodingKeys: String, CodingKey {
            case place, service, theme, sentiment
        }
    }

    /// The web page's size; the API's is its `per_page`.
    static let pageSize = 20
    /// Matching stories are counted up to this many (500 of the web page's pages); past it the total reads
    /// "10,000 or more". Counting every match of a broad filter over millions of stories would cost a full scan
    /// per page view.
    static let countLimit = 10_000

    struct Result {
        var stories: [FeedbackItem]
        /// Exact when `totalIsCapped` is false; `countLimit` (meaning "at least") when it is true.
        var total: Int
        var totalIsCapped: Bool = false
        var page: Int
        var pageCount: Int
    }

    static func run(
        _ filters: Filters, pageSize: Int = StoriesQuery.pageSize, on db: any Database
    ) async throws -> Result {
        let sql = db as! any SQLDatabase
        // A literal, not a bound value, so both databases can use the partial indexes on published stories.
        var conditions: SQLQueryString = "status = 'published'"
        if let slug = filters.place, !slug.isEmpty {
            guard let place = try await Place.query(on: db).filter(\.$slug == slug).first() else {
                return Result(stories: [], total: 0, page: 1, pageCount: 1)
            }
            conditions = conditions + " AND place_id = \(bind: place.id!)"
        }
        if let service = filters.service.flatMap(UUID.init(uuidString:)) {
            conditions = conditions + " AND service_id = \(bind: service)"
        }
        if let theme = filters.theme, !theme.isEmpty {
            // `themes` is the item's theme list ("A;B;C"), written together with its feedback_themes rows.
            let position = sql.dialect.name == "sqlite" ? "instr" : "strpos"
            conditions =
                conditions + " AND \(unsafeRaw: position)(';' || themes || ';', \(bind: ";" + theme + ";")) > 0"
        }
        switch filters.sentiment {
        case "positive": conditions = conditions + " AND sentiment <= 2"
        case "mixed": conditions = conditions + " AND sentiment = 3"
        case "negative": conditions = conditions + " AND sentiment >= 4"
        default: break
        }
        // One pass: the newest countLimit + 1 matches (ids only, from the index), their number, and the page.
        let matching = conditions
        func page(_ number: Int) async throws -> (total: Int, ids: [UUID]) {
            let rows = try await sql.raw(
                "WITH matching AS (SELECT id, published_at FROM feedback_items WHERE " + matching
                    + " ORDER BY published_at DESC, id LIMIT \(unsafeRaw: String(countLimit + 1)))"
                    + " SELECT (SELECT COUNT(*) FROM matching) AS total, shown.id AS id"
                    + " FROM (SELECT 1 AS one) AS one LEFT JOIN (SELECT id, published_at FROM matching"
                    + " ORDER BY published_at DESC, id LIMIT \(unsafeRaw: String(pageSize))"
                    + " OFFSET \(unsafeRaw: String((number - 1) * pageSize))) AS shown ON 1 = 1"
                    + " ORDER BY shown.published_at DESC, shown.id"
            ).all()
            return (
                try rows.first?.decode(column: "total", as: Int.self) ?? 0,
                try rows.compactMap { try $0.decode(column: "id", as: UUID?.self) }
            )
        }
        // No page past the last countable one is ever shown, so clamp before any arithmetic: a page number
        // near Int.max would otherwise overflow the offset.
        let requested = min(max(1, filters.page ?? 1), (countLimit + pageSize - 1) / pageSize)
        var (counted, ids) = try await page(requested)
        let total = min(counted, countLimit)
        let pageCount = max(1, (total + pageSize - 1) / pageSize)
        let shown = min(requested, pageCount)
        if shown != requested { (counted, ids) = try await page(shown) }
        let position = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($0.element, $0.offset) })
        let stories =
            ids.isEmpty
            ? []
            : try await FeedbackItem.query(on: db).filter(\.$id ~~ ids).with(\.$service).with(\.$place)
                .with(\.$replies).all()
                .sorted { (position[$0.id!] ?? 0) < (position[$1.id!] ?? 0) }
        return Result(
            stories: stories, total: total, totalIsCapped: counted > countLimit, page: shown, pageCount: pageCount)
    }

    /// A filter value that names nothing: the API refuses it (422), the page says so above an empty list.
    struct Problem {
        var field: String
        /// For API clients, pointing at the endpoint that lists what exists.
        var api: String
        /// For people on the stories page.
        var page: String
    }

    /// What is wrong with `filters`, in the order of the form. `modelThemes` are the themes the listening
    /// engine can give, which are valid filters even before any story has them.
    static func problems(in filters: Filters, modelThemes: [String], on db: any Database) async throws -> [Problem] {
        var problems: [Problem] = []
        if let slug = filters.place, !slug.isEmpty,
            try await Place.query(on: db).filter(\.$slug == slug).first() == nil
        {
            problems.append(
                Problem(
                    field: "place", api: "No place has the slug '\(slug)'. See /api/v1/places.",
                    page: "There is no place \"\(slug)\". Choose one from the list."))
        }
        if let text = filters.service, !text.isEmpty {
            let found = try await UUID(uuidString: text).asyncFlatMap { try await Service.find($0, on: db) }
            if found == nil {
                problems.append(
                    Problem(
                        field: "service", api: "No service has the id '\(text)'. See /api/v1/services.",
                        page: "There is no service \"\(text)\". Choose one from the list."))
            }
        }
        // The labels that name no subject ("Not assigned") are not themes a reader can ask for.
        if let theme = filters.theme, !theme.isEmpty {
            var known = !ListeningEngine.labelsWithoutSubject.contains(theme) && modelThemes.contains(theme)
            if !known, !ListeningEngine.labelsWithoutSubject.contains(theme) {
                known = try await themeNames(on: db).contains(theme)
            }
            if !known {
                problems.append(
                    Problem(
                        field: "theme",
                        api:
                            "No theme is called '\(theme)'. Themes are spelt as in the stories' themes lists, for example 'Timeliness of care'.",
                        page: "There is no theme \"\(theme)\". Choose one from the list."))
            }
        }
        if let sentiment = filters.sentiment, !sentiment.isEmpty,
            !["positive", "mixed", "negative"].contains(sentiment)
        {
            problems.append(
                Problem(
                    field: "sentiment", api: "sentiment must be positive, mixed or negative.",
                    page: "\"\(sentiment)\" is not a feeling to filter by: choose positive, mixed or negative."))
        }
        return problems
    }

    /// Every theme in use, sorted. A loose index scan (one probe of the theme index per theme) rather than
    /// `SELECT DISTINCT`, which reads all of `feedback_themes` (tens of millions of rows at scale).
    static func themeNames(on db: any Database) async throws -> [String] {
        let sql = db as! any SQLDatabase
        return try await sql.raw(
            """
            WITH RECURSIVE names(theme) AS (
              SELECT MIN(theme) FROM feedback_themes
              UNION ALL
              SELECT (SELECT MIN(t.theme) FROM feedback_themes t WHERE t.theme > n.theme)
              FROM names n WHERE n.theme IS NOT NULL
            )
            SELECT theme FROM names WHERE theme IS NOT NULL
            """
        ).all().map { try $0.decode(column: "theme", as: String.self) }.sorted()
    }
}
