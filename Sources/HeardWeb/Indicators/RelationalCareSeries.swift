import Fluent
import Foundation
import HeardDomain
import HeardStorage
import HeardText

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
    static let columns = RelationalFlag.allCases.map(\.title) + ["Waiting (timeliness of care)"]
    var quarters: [Quarter]

    /// The last `count` quarters up to the one containing `today`, oldest first.
    static func load(
        place: UUID, today: SimpleDate, count: Int = 8, on db: any Database
    ) async throws
        -> RelationalCareSeries
    {
        let current = SimpleDate(year: today.year, month: (today.month - 1) / 3 * 3 + 1, day: 1)
        var quarters: [Quarter] = []
        for back in (0..<count).reversed() {
            let start = current.adding(months: -3 * back)
            let end = start.adding(months: 3)
            let range = FeedbackItem.query(on: db).filter(\.$place.$id == place)
                .filter(\.$receivedAt >= Self.date(start)).filter(\.$receivedAt < Self.date(end))
            let comments = try await range.copy().count()
            var mentions: [Int] = []
            if comments > 0 {
                for flag in RelationalFlag.allCases {
                    mentions.append(try await range.copy().filter(\.$relational ~~ flag.rawValue).count())
                }
                mentions.append(try await range.copy().filter(\.$themes ~~ waitingTheme).count())
            } else {
                mentions = Array(repeating: 0, count: columns.count)
            }
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
