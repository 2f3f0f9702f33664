import Foundation
import HeardDomain
import HeardStorage
import HeardText
import SQLKit

/// The dashboard's tables by place and by service, with relational care and the analysed count, from one pass
/// over the period's feedback grouped by place and service.
extension FeedbackDashboard {
    /// What the place and service tables show for each row.
    struct Counts {
        var received = 0
        var negative = 0
        var published = 0
        var replied = 0
        /// Friends and Family Test answers, with or without a comment.
        var fft = FFTScore()

        mutating func add(_ other: Counts) {
            received += other.received
            negative += other.negative
            published += other.published
            replied += other.replied
            fft.add(other.fft)
        }

        /// The CSV download's cells, counts only (`csvHeaders`).
        var cells: [String] {
            [received, negative, published, replied, fft.answers, fft.positive, fft.negative].map { String($0) }
        }

        static let csvHeaders = [
            "received", "negative", "published", "replied", "fft_answers", "fft_very_good_or_good",
            "fft_poor_or_very_poor",
        ]

        /// The page's cells (`pageHeaders`): the FFT result as a share of its answers.
        var pageCells: [String] {
            [received, negative, published, replied].map { String($0) } + [fft.positiveText]
        }

        static let pageHeaders = ["Received", "Negative", "Published", "Replied", "FFT very good or good"]
    }

    struct PlaceRow {
        var slug: String
        var name: String
        var counts: Counts
    }

    struct ServiceRow {
        var id: UUID
        var name: String
        var place: String
        var counts: Counts

        /// "Emergency department, Calderdale", as the feedback list names services.
        var label: String { FeedbackItem.serviceAndPlace(service: name, place: place) }
    }

    struct Summary {
        var places: [PlaceRow]
        var services: [ServiceRow]
        var relational: [(flag: RelationalFlag, count: Int)]
        var analysed: Int
        /// Every FFT answer in the scope and period.
        var fft: FFTScore
    }

    /// Places, services, relational care and the analysed count for feedback received since `start` in `scope`,
    /// in one pass grouped by place and service (at most one group per service, a few hundred rows), read from
    /// a covering index (M0117). Places are listed with zeros when nothing came in: every place, or only
    /// `onlyPlace` when the figures are narrowed to one place or service. Services are those with feedback in
    /// the period, the busiest first.
    static func summary(
        _ sql: any SQLDatabase, since start: Date, scope: FeedbackScope = .everywhere, onlyPlace: UUID? = nil
    ) async throws -> Summary {
        var query: SQLQueryString = """
            SELECT place_id, service_id, COUNT(*) AS received,
              SUM(CASE WHEN sentiment >= 4 THEN 1 ELSE 0 END) AS negative,
              SUM(CASE WHEN status = 'published' THEN 1 ELSE 0 END) AS published,
              SUM(CASE WHEN first_reply_at IS NOT NULL THEN 1 ELSE 0 END) AS replied,
              SUM(CASE WHEN analysed_at IS NOT NULL AND sentiment IS NOT NULL THEN 1 ELSE 0 END) AS analysed,
              SUM(CASE WHEN fft_rating IS NOT NULL AND status <> 'rejected' THEN 1 ELSE 0 END) AS fft_answers,
              SUM(CASE WHEN fft_rating IN (1, 2) AND status <> 'rejected' THEN 1 ELSE 0 END) AS fft_positive,
              SUM(CASE WHEN fft_rating IN (4, 5) AND status <> 'rejected' THEN 1 ELSE 0 END) AS fft_negative
            """
        for flag in RelationalFlag.allCases {
            query =
                query + ", SUM(CASE WHEN relational LIKE \(bind: "%" + flag.rawValue + "%") THEN 1 ELSE 0 END) AS "
                + "\(unsafeRaw: flag.rawValue)"
        }
        query =
            query + " FROM feedback_items WHERE received_at >= \(bind: start)" + condition(scope)
            + " GROUP BY place_id, service_id"
        let rows = try await sql.raw(query).all()
        var byPlace: [UUID: Counts] = [:]
        var byService: [UUID: Counts] = [:]
        for row in rows {
            let counts = Counts(
                received: try row.decode(column: "received", as: Int.self),
                negative: try row.decode(column: "negative", as: Int?.self) ?? 0,
                published: try row.decode(column: "published", as: Int?.self) ?? 0,
                replied: try row.decode(column: "replied", as: Int?.self) ?? 0,
                fft: FFTScore(
                    answers: try row.decode(column: "fft_answers", as: Int?.self) ?? 0,
                    positive: try row.decode(column: "fft_positive", as: Int?.self) ?? 0,
                    negative: try row.decode(column: "fft_negative", as: Int?.self) ?? 0))
            byPlace[try row.decode(column: "place_id", as: UUID.self), default: Counts()].add(counts)
            byService[try row.decode(column: "service_id", as: UUID.self), default: Counts()].add(counts)
        }
        let places = try await sql.raw("SELECT id, slug, name FROM places ORDER BY name").all().compactMap {
            place -> PlaceRow? in
            let id = try place.decode(column: "id", as: UUID.self)
            if let onlyPlace, id != onlyPlace { return nil }
            return PlaceRow(
                slug: try place.decode(column: "slug", as: String.self),
                name: try place.decode(column: "name", as: String.self), counts: byPlace[id] ?? Counts())
        }
        let relational = try RelationalFlag.allCases.map { flag in
            (flag, try rows.reduce(0) { $0 + (try $1.decode(column: flag.rawValue, as: Int?.self) ?? 0) })
        }
        let analysed = try rows.reduce(0) { $0 + (try $1.decode(column: "analysed", as: Int?.self) ?? 0) }
        let fft = byService.values.reduce(into: FFTScore()) { $0.add($1.fft) }
        return Summary(
            places: places, services: try await services(sql, counts: byService), relational: relational,
            analysed: analysed, fft: fft)
    }

    /// The services behind `counts`, named, the most feedback first (then by name, so ties keep their order).
    static func services(_ sql: any SQLDatabase, counts: [UUID: Counts]) async throws -> [ServiceRow] {
        guard !counts.isEmpty else { return [] }
        let named = try await sql.raw(
            """
            SELECT s.id AS id, s.name AS name, p.name AS place FROM services s JOIN places p ON p.id = s.place_id
            """
        ).all()
        return try named.compactMap { row -> ServiceRow? in
            let id = try row.decode(column: "id", as: UUID.self)
            guard let counts = counts[id] else { return nil }
            return ServiceRow(
                id: id, name: try row.decode(column: "name", as: String.self),
                place: try row.decode(column: "place", as: String.self), counts: counts)
        }
        .sorted { first, second in
            first.counts.received != second.counts.received
                ? first.counts.received > second.counts.received : first.label.lowercased() < second.label.lowercased()
        }
    }
}
