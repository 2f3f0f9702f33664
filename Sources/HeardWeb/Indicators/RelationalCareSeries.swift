import Fluent
import Foundation
import HeardDomain
import HeardStorage
import HeardText
import SQLKit

/// The relational side of care found in feedback for one place, by quarter: what share of comments speak of
/// compassion, dignity, being listened to, coordination, and waiting, side by side (domain rules §9).
struct RelationalCareSeries {
    struct Quarter {
        var start: SimpleDate
        var comments: Int
        /// Comments mentioning each relational flag, then waiting ("Timeliness of care").
        var mentions: [Int]

        var label: String {
            "\(["January", "April", "July", "October"][(start.month - 1) / 3]) to \(["March", "June", "September", "December"][(start.month - 1) / 3]) \(start.year)"
        }
    }

    static let waitingTheme = "Timeliness of care"
    /// Only feedback moderators kept is counted: what they rejected, or have not yet read, is not what people
    /// told us about care (the same feedback an action can answer).
    static let counted = FeedbackStatus.allCases.filter(\.canBeAnswered)
    /// Says on the page which feedback the shares are of.
    static let countedDescription =
        "Counted: feedback moderators kept, whether published, approved but not published, escalated to a complaint or withdrawn from publication. Feedback still waiting for moderation, and feedback moderators rejected, is left out, as are answers with no comment, non-answers such as \"N/A\", and comments that may not be in English."
    static let columns = RelationalFlag.allCases.map(\.title) + ["Waiting (timeliness of care)"]
    var quarters: [Quarter]

    /// The last `count` quarters up to the one containing `today`, oldest first.
    static func load(
        place: UUID, today: SimpleDate, count: Int = 8, on db: any Database
    ) async throws
        -> RelationalCareSeries
    {
        let current = SimpleDate(year: today.year, month: (today.month - 1) / 3 * 3 + 1, day: 1)
        let sql = db as! any SQLDatabase
        var quarters: [Quarter] = []
        for back in (0..<count).reversed() {
            let start = current.adding(months: -3 * back)
            let end = start.adding(months: 3)
            // One pass over the place's rows for the quarter (the place and received_at index narrows it).
            var query: SQLQueryString = "SELECT COUNT(*) AS comments"
            let patterns = RelationalFlag.allCases.map { "%\($0.rawValue)%" }
            for (index, pattern) in patterns.enumerated() {
                query =
                    query
                    + ", SUM(CASE WHEN relational LIKE \(bind: pattern) THEN 1 ELSE 0 END) AS m\(unsafeRaw: String(index))"
            }
            query =
                query
                + ", SUM(CASE WHEN themes LIKE \(bind: "%\(waitingTheme)%") THEN 1 ELSE 0 END) AS m\(unsafeRaw: String(patterns.count))"
            query =
                query
                + " FROM feedback_items WHERE place_id = \(bind: place) AND received_at >= \(bind: Self.date(start))"
                + " AND received_at < \(bind: Self.date(end))"
                + " AND status IN (\(binds: counted.map(\.rawValue)))"
                // Comments the engine could read: not an FFT answer with no words, "N/A", or one that may not be
                // in English, none of which can speak of care (all stored with no sentiment).
                + " AND sentiment IS NOT NULL"
            let row = try await sql.raw(query).first()
            let comments = try row?.decode(column: "comments", as: Int.self) ?? 0
            let mentions = try (0..<columns.count).map { try row?.decode(column: "m\($0)", as: Int?.self) ?? 0 }
            quarters.append(Quarter(start: start, comments: comments, mentions: mentions))
        }
        return RelationalCareSeries(quarters: quarters)
    }

    /// Midnight UK time at the start of `day`, as the database stores `received_at`.
    static func date(_ day: SimpleDate) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/London") ?? .gmt
        return calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day))!
    }

    static func percent(_ part: Int, of whole: Int) -> String {
        whole == 0 ? "–" : "\(Int((Double(part) * 100 / Double(whole)).rounded()))%"
    }
}
