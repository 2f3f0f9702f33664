import Foundation
import HeardDomain
import HeardStorage
import SQLKit

/// The Friends and Family Test answers of a month, counted answer by answer as NHS England's monthly return
/// gives them: by service, by how they were collected, and month by month for the year to that month.
///
/// A month runs from the start of its first UK day to the start of the next month's (midnight GMT or BST), the
/// days the feedback list's "received from" and "to" show. Every answer counts, with or without a comment;
/// feedback a moderator rejected does not, as on the dashboard. Each count is one aggregate over a received_at
/// range, which PostgreSQL answers from the covering figure indexes (M0147 put fft_rating in them).
struct FFTResults {
    struct ServiceRow {
        var id: UUID
        var name: String
        var place: String
        var organisation: String
        var odsCode: String
        var isRetired: Bool
        var tally: FFTTally
    }

    struct MonthRow {
        var month: CalendarMonth
        var tally: FFTTally
    }

    var filters: FFTResultsFilters
    /// Every answer of the month in the filters.
    var tally: FFTTally
    /// Every service in the filters, with or without answers, by organisation, place and name.
    var services: [ServiceRow]
    /// How the month's answers reached us, the most first.
    var channels: [(channel: FeedbackChannel, tally: FFTTally)]
    /// The 12 months to the chosen one, oldest first.
    var months: [MonthRow]
    var today: SimpleDate

    static let trendMonths = 12

    /// Whether the month is still going, so its figures are "so far".
    var isMonthSoFar: Bool { filters.month == CalendarMonth(containing: today) }

    static func load(
        _ filters: FFTResultsFilters, on sql: any SQLDatabase, today: SimpleDate
    ) async throws
        -> FFTResults
    {
        let byService = try await tallies(sql, by: "service_id", month: filters.month, filters: filters)
        let byChannel = try await tallies(sql, by: "channel", month: filters.month, filters: filters)
        let tally = byService.values.reduce(into: FFTTally()) { $0.add($1) }
        let channels = byChannel.compactMap { key, tally in FeedbackChannel(rawValue: key).map { ($0, tally) } }
            .sorted { $0.1.total != $1.1.total ? $0.1.total > $1.1.total : $0.0.title < $1.0.title }
        return FFTResults(
            filters: filters, tally: tally,
            services: try await services(sql, filters: filters, tallies: byService),
            channels: channels, months: try await months(sql, filters: filters), today: today)
    }

    /// The start of the month's first UK day, and of the next month's.
    static func bounds(_ month: CalendarMonth) -> (start: Date, end: Date) {
        (DecisionClock.startOfUKDay(month.firstDay), DecisionClock.startOfUKDay(month.adding(months: 1).firstDay))
    }

    /// ` AND organisation_id = …` for each filter.
    static func conditions(_ filters: FFTResultsFilters, table: String? = nil) -> SQLQueryString {
        var condition: SQLQueryString = ""
        for (column, id) in filters.conditions {
            condition = condition + " AND \(unsafeRaw: (table.map { $0 + "." } ?? "") + column) = \(bind: id)"
        }
        return condition
    }

    /// The month's answers grouped by `column` (service_id or channel), each group's six counts.
    static func tallies(
        _ sql: any SQLDatabase, by column: String, month: CalendarMonth, filters: FFTResultsFilters
    ) async throws -> [String: FFTTally] {
        let (start, end) = bounds(month)
        let rows = try await sql.raw(
            """
            SELECT \(unsafeRaw: column) AS grouped, fft_rating, COUNT(*) AS answers FROM feedback_items
            WHERE received_at >= \(bind: start) AND received_at < \(bind: end) AND fft_rating IS NOT NULL
            AND status <> 'rejected'\(conditions(filters))
            GROUP BY \(unsafeRaw: column), fft_rating
            """
        ).all()
        var tallies: [String: FFTTally] = [:]
        for row in rows {
            guard let rating = FFTRating(rawValue: try row.decode(column: "fft_rating", as: Int.self)) else { continue }
            // Service ids are UUIDs, channels text.
            let key =
                column == "service_id"
                ? try row.decode(column: "grouped", as: UUID.self).uuidString
                : try row.decode(column: "grouped", as: String.self)
            tallies[key, default: FFTTally()].add(rating, count: try row.decode(column: "answers", as: Int.self))
        }
        return tallies
    }

    /// Every service the filters cover, with its tally (empty when nobody answered): a return lists the
    /// services that collected nothing too, and a service that stopped collecting should show.
    static func services(
        _ sql: any SQLDatabase, filters: FFTResultsFilters, tallies: [String: FFTTally]
    ) async throws -> [ServiceRow] {
        var query: SQLQueryString = """
            SELECT s.id AS id, s.name AS name, s.retired_at AS retired_at, p.name AS place, o.name AS organisation,
              o.ods_code AS ods_code
            FROM services s JOIN places p ON p.id = s.place_id JOIN organisations o ON o.id = s.organisation_id
            WHERE 1 = 1
            """
        for (column, id) in filters.conditions {
            query = query + " AND s.\(unsafeRaw: column == "service_id" ? "id" : column) = \(bind: id)"
        }
        return try await sql.raw(query).all().compactMap { row -> ServiceRow? in
            let id = try row.decode(column: "id", as: UUID.self)
            let tally = tallies[id.uuidString] ?? FFTTally()
            let isRetired = try row.decode(column: "retired_at", as: Date?.self) != nil
            // A retired service with no answers this month is history, not a gap in the return.
            if isRetired && tally.total == 0 { return nil }
            return ServiceRow(
                id: id, name: try row.decode(column: "name", as: String.self),
                place: try row.decode(column: "place", as: String.self),
                organisation: try row.decode(column: "organisation", as: String.self),
                odsCode: try row.decode(column: "ods_code", as: String?.self) ?? "", isRetired: isRetired,
                tally: tally)
        }
        .sorted {
            ($0.organisation.lowercased(), $0.place.lowercased(), $0.name.lowercased())
                < ($1.organisation.lowercased(), $1.place.lowercased(), $1.name.lowercased())
        }
    }

    /// The six counts of each of the 12 months to the chosen one, in one pass over the year.
    static func months(_ sql: any SQLDatabase, filters: FFTResultsFilters) async throws -> [MonthRow] {
        let months = (0..<trendMonths).map { filters.month.adding(months: $0 - trendMonths + 1) }
        let bounds = (months + [filters.month.adding(months: 1)]).map { DecisionClock.startOfUKDay($0.firstDay) }
        var query: SQLQueryString = "SELECT fft_rating"
        for index in months.indices {
            query =
                query
                + ", SUM(CASE WHEN received_at >= \(bind: bounds[index]) AND received_at < \(bind: bounds[index + 1]) "
                + "THEN 1 ELSE 0 END) AS m\(unsafeRaw: String(index))"
        }
        query =
            query
                + """
                 FROM feedback_items WHERE received_at >= \(bind: bounds[0]) AND received_at < \(bind: bounds[months.count]) \
                AND fft_rating IS NOT NULL AND status <> 'rejected'
                """ + conditions(filters) + " GROUP BY fft_rating"
        var rows = months.map { MonthRow(month: $0, tally: FFTTally()) }
        for row in try await sql.raw(query).all() {
            guard let rating = FFTRating(rawValue: try row.decode(column: "fft_rating", as: Int.self)) else { continue }
            for index in months.indices {
                rows[index].tally.add(rating, count: try row.decode(column: "m\(index)", as: Int?.self) ?? 0)
            }
        }
        return rows
    }
}
