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
        /// How its answers were collected, as the return's mode of collection asks.
        var channels: [FeedbackChannel: Int] = [:]

        /// Its answers by NHS England's modes of collection.
        var modes: [FFTCollectionMode: Int] { FFTResults.modes(channels) }
    }

    /// Answers counted by channel, added up by the return's modes of collection.
    static func modes(_ channels: [FeedbackChannel: Int]) -> [FFTCollectionMode: Int] {
        channels.reduce(into: [:]) { $0[$1.key.fftMode, default: 0] += $1.value }
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
        let services = try await byService(sql, filters: filters)
        let channels = try await byChannel(sql, filters: filters)
            .sorted { $0.1.total != $1.1.total ? $0.1.total > $1.1.total : $0.0.title < $1.0.title }
        return FFTResults(
            filters: filters, tally: services.reduce(into: FFTTally()) { $0.add($1.tally) }, services: services,
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

    /// The month's answers in the filters grouped by `columns`, one row for each group and answer.
    private static func grouped(
        _ sql: any SQLDatabase, by columns: String, filters: FFTResultsFilters
    )
        async throws -> [any SQLRow]
    {
        let (start, end) = bounds(filters.month)
        return try await sql.raw(
            """
            SELECT \(unsafeRaw: columns), fft_rating, COUNT(*) AS answers FROM feedback_items
            WHERE received_at >= \(bind: start) AND received_at < \(bind: end) AND fft_rating IS NOT NULL
            AND status <> 'rejected'\(conditions(filters))
            GROUP BY \(unsafeRaw: columns), fft_rating
            """
        ).all()
    }

    /// How the month's answers reached us.
    static func byChannel(
        _ sql: any SQLDatabase, filters: FFTResultsFilters
    ) async throws
        -> [(channel: FeedbackChannel, tally: FFTTally)]
    {
        var tallies: [FeedbackChannel: FFTTally] = [:]
        for row in try await grouped(sql, by: "channel", filters: filters) {
            guard let rating = FFTRating(rawValue: try row.decode(column: "fft_rating", as: Int.self)),
                let channel = FeedbackChannel(rawValue: try row.decode(column: "channel", as: String.self))
            else { continue }
            tallies[channel, default: FFTTally()].add(rating, count: try row.decode(column: "answers", as: Int.self))
        }
        return tallies.map { ($0.key, $0.value) }
    }

    /// A service as its answers were recorded: an item keeps the organisation and place of the day it came in,
    /// so a service that moved since has a row for each.
    struct ServiceKey: Hashable {
        var service: UUID
        var organisation: UUID
        var place: UUID
    }

    /// Every service the filters cover, with the month's answers: a row for each organisation and place its
    /// answers were recorded under (the rows add up to the headline), and an empty row for each service in use
    /// there now that had none (a return lists those too, and a service that stopped collecting should show).
    static func byService(_ sql: any SQLDatabase, filters: FFTResultsFilters) async throws -> [ServiceRow] {
        var tallies: [ServiceKey: FFTTally] = [:]
        var channels: [ServiceKey: [FeedbackChannel: Int]] = [:]
        for row in try await grouped(sql, by: "service_id, organisation_id, place_id, channel", filters: filters) {
            guard let rating = FFTRating(rawValue: try row.decode(column: "fft_rating", as: Int.self)) else { continue }
            let key = ServiceKey(
                service: try row.decode(column: "service_id", as: UUID.self),
                organisation: try row.decode(column: "organisation_id", as: UUID.self),
                place: try row.decode(column: "place_id", as: UUID.self))
            let answers = try row.decode(column: "answers", as: Int.self)
            tallies[key, default: FFTTally()].add(rating, count: answers)
            if let channel = FeedbackChannel(rawValue: try row.decode(column: "channel", as: String.self)) {
                channels[key, default: [:]][channel, default: 0] += answers
            }
        }
        let services = try await sql.raw(
            "SELECT id, name, organisation_id, place_id, retired_at FROM services"
        ).all()
        let organisations = Dictionary(
            uniqueKeysWithValues: try await sql.raw("SELECT id, name, ods_code FROM organisations").all().map {
                (
                    try $0.decode(column: "id", as: UUID.self),
                    (
                        name: try $0.decode(column: "name", as: String.self),
                        ods: try $0.decode(column: "ods_code", as: String?.self) ?? ""
                    )
                )
            })
        let places = Dictionary(
            uniqueKeysWithValues: try await sql.raw("SELECT id, name FROM places").all().map {
                (try $0.decode(column: "id", as: UUID.self), try $0.decode(column: "name", as: String.self))
            })
        var named: [UUID: (name: String, isRetired: Bool)] = [:]
        var silent: [ServiceKey] = []
        let answered = Set(tallies.keys.map(\.service))
        for service in services {
            let id = try service.decode(column: "id", as: UUID.self)
            let isRetired = try service.decode(column: "retired_at", as: Date?.self) != nil
            named[id] = (try service.decode(column: "name", as: String.self), isRetired)
            let key = ServiceKey(
                service: id, organisation: try service.decode(column: "organisation_id", as: UUID.self),
                place: try service.decode(column: "place_id", as: UUID.self))
            // A retired service with no answers is history, not a gap in the return.
            guard !isRetired, !answered.contains(id), filters.covers(key) else { continue }
            silent.append(key)
        }
        return (tallies.map { ($0.key, $0.value) } + silent.map { ($0, FFTTally()) }).compactMap { key, tally in
            guard let service = named[key.service], let organisation = organisations[key.organisation],
                let place = places[key.place]
            else { return nil }
            return ServiceRow(
                id: key.service, name: service.name, place: place, organisation: organisation.name,
                odsCode: organisation.ods, isRetired: service.isRetired, tally: tally, channels: channels[key] ?? [:])
        }
        .sorted {
            ($0.organisation.lowercased(), $0.place.lowercased(), $0.name.lowercased())
                < ($1.organisation.lowercased(), $1.place.lowercased(), $1.name.lowercased())
        }
    }

    /// The six counts of each of the 12 months to the chosen one, in one pass over the year.
    static func months(_ sql: any SQLDatabase, filters: FFTResultsFilters) async throws -> [MonthRow] {
        // Not before the current question: those months have no answers to count, not answers of zero.
        let months = (0..<trendMonths).map { filters.month.adding(months: $0 - trendMonths + 1) }
            .filter { $0 >= CalendarMonth.firstOfCurrentFFT }
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
