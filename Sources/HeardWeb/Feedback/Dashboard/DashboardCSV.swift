import Foundation
import HeardDomain
import HeardStorage
import SQLKit
import Vapor

/// CSV downloads of the dashboard tables, with the dashboard's place, service and period filters (a value that
/// names nothing falls back as it does on the page). Aggregates only: no personal data.
enum DashboardCSV {
    @Sendable static func download(_ request: Request) async throws -> Response {
        let name = request.parameters.get("table") ?? ""
        let sql = request.db as! any SQLDatabase
        let filters = try await DashboardFilters.read(request)
        let today = request.today
        let start = FeedbackDashboard.figuresStart(today: today, period: filters.period)
        let counts = FeedbackDashboard.Counts.csvHeaders
        let rows: [[String]]
        switch name {
        case "volumes.csv":
            // A week is Monday (week_starting) to Sunday (week_ending) by UK day; the last row is this week so
            // far, its week_ending today.
            rows =
                [["week_starting", "week_ending", "received"]]
                + (try await FeedbackDashboard.weeks(sql, today: today, scope: filters.scope)).map {
                    [$0.start.iso, ($0.isCurrent ? today : $0.end).iso, String($0.count)]
                }
        case "themes.csv":
            rows =
                [["theme", "all", "positive", "negative"]]
                + (try await FeedbackDashboard.allThemeCounts(sql, since: start, scope: filters.scope)).map {
                    [$0.theme, String($0.count), String($0.positive), String($0.negative)]
                }
        case "places.csv":
            rows =
                [["place"] + counts]
                + (try await FeedbackDashboard.summary(
                    sql, since: start, scope: filters.scope, onlyPlace: filters.placeID)).places.map {
                    [$0.name] + $0.counts.cells
                }
        case "services.csv":
            rows =
                [["service", "place"] + counts]
                + (try await FeedbackDashboard.summary(
                    sql, since: start, scope: filters.scope, onlyPlace: filters.placeID)).services.map {
                    [$0.name, $0.place] + $0.counts.cells
                }
        default:
            throw Abort(.notFound)
        }
        return CSVResponse.make(rows, fileName: "heard-" + name)
    }
}

/// RFC 4180 CSV with a download file name, for staff to open in a spreadsheet. Cells that start with = + - @
/// are prefixed so spreadsheets do not run them as formulas (CSV injection). The file starts with a UTF-8
/// byte-order mark: without one, Excel on Windows reads the file as Windows-1252 and garbles accented
/// names, curly quotes and "£". (Open data files have none: they are for programs, which read UTF-8.)
enum CSVResponse {
    static let byteOrderMark = "\u{FEFF}"

    static func make(_ rows: [[String]], fileName: String) -> Response {
        var body = byteOrderMark
        for row in rows {
            body += row.map(escape).joined(separator: ",") + "\r\n"
        }
        var headers = HTTPHeaders()
        headers.add(name: .contentType, value: "text/csv; charset=utf-8")
        headers.add(name: .contentDisposition, value: "attachment; filename=\"\(fileName)\"")
        return Response(status: .ok, headers: headers, body: .init(string: body))
    }

    static func escape(_ cell: String) -> String {
        let value = defused(cell)
        if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return value
    }

    /// A cell a spreadsheet would run as a formula (=, +, -, @) is prefixed with an apostrophe.
    static func defused(_ cell: String) -> String {
        if let first = cell.first, "=+-@\t\r".contains(first) { return "'" + cell }
        return cell
    }
}
