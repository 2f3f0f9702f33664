import Foundation
import HeardStorage
import SQLKit
import Vapor

/// CSV downloads of the dashboard tables. Aggregates only: no personal data.
enum DashboardCSV {
    @Sendable static func download(_ request: Request) async throws -> Response {
        let name = request.parameters.get("table") ?? ""
        let sql = request.db
        let rows: [[String]]
        switch name {
        case "volumes.csv":
            rows =
                [["week_starting", "received"]]
                + (try await FeedbackDashboard.weeks(sql as! any SQLDatabase, now: Date())).map {
                    [DateInput.format($0.start), String($0.count)]
                }
        case "themes.csv":
            rows =
                [["theme", "all", "positive", "negative"]]
                + (try await FeedbackDashboard.allThemeCounts(
                    sql as! any SQLDatabase, since: FeedbackDashboard.figuresStart(now: Date()))).map {
                    [$0.theme, String($0.count), String($0.positive), String($0.negative)]
                }
        case "places.csv":
            rows =
                [["place", "received", "negative", "published", "replied"]]
                + (try await FeedbackDashboard.summary(
                    sql as! any SQLDatabase, since: FeedbackDashboard.figuresStart(now: Date()))).places.map {
                    [$0.name, String($0.received), String($0.negative), String($0.published), String($0.replied)]
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
