import Foundation
import HeardDomain
import HeardStorage
import SQLKit
import Vapor

/// The Friends and Family Test results page and its two downloads: the month's return, service by service, and
/// the year month by month. Aggregates only: no personal data.
enum FFTResultsController {
    @Sendable static func show(_ request: Request) async throws -> Response {
        let filters = try await FFTResultsFilters.read(request)
        let results = try await FFTResults.load(filters, on: request.db as! any SQLDatabase, today: request.today)
        let choices = try await FFTResultsPage.Choices.load(on: request.db)
        return .html(
            FFTResultsPage.render(
                results, choices: choices, context: PageContext(request, title: "Friends and Family Test results")))
    }

    /// `return.csv`: one row for each service, as the monthly return is made; `months.csv`: one row a month.
    @Sendable static func download(_ request: Request) async throws -> Response {
        let name = request.parameters.get("file") ?? ""
        let filters = try await FFTResultsFilters.read(request)
        // A file is read by a program or pasted into a return, where a notice would not be seen: wider figures
        // than were asked for would pass for them, so the download is refused instead.
        guard filters.problems.isEmpty else {
            throw Abort(
                .unprocessableEntity,
                reason: "Nothing was downloaded. "
                    + filters.problems.map { $0.what + "." }.joined(separator: " ")
                    + " Choose again on the FFT results page and download from there.")
        }
        let sql = request.db as! any SQLDatabase
        // This month's figures so far say so in the file's name, so they are not filed as the month's return.
        let month = filters.month.iso + (filters.month == CalendarMonth(containing: request.today) ? "-so-far" : "")
        switch name {
        case "return.csv":
            let services = try await FFTResults.byService(sql, filters: filters)
            let rows =
                [
                    ["month", "organisation_ods_code", "organisation", "place", "service"] + countHeaders
                        + modeHeaders + channelHeaders
                ]
                + services.map { row in
                    [filters.month.iso, row.odsCode, row.organisation, row.place, row.name] + cells(row.tally)
                        + FFTCollectionMode.allCases.map { String(row.modes[$0] ?? 0) }
                        + FeedbackChannel.allCases.map { String(row.channels[$0] ?? 0) }
                }
            return CSVResponse.make(rows, fileName: "heard-fft-return-\(month).csv")
        case "months.csv":
            let months = try await FFTResults.months(sql, filters: filters)
            let rows = [["month"] + countHeaders] + months.map { [$0.month.iso] + cells($0.tally) }
            return CSVResponse.make(rows, fileName: "heard-fft-months-to-\(month).csv")
        default:
            throw Abort(.notFound)
        }
    }

    static let countHeaders = [
        "very_good", "good", "neither_good_nor_poor", "poor", "very_poor", "dont_know", "total",
        "percent_very_good_or_good", "percent_poor_or_very_poor",
    ]

    /// One column for each of NHS England's modes of collection ("mode_sms_text" …), as the return asks.
    static let modeHeaders = FFTCollectionMode.allCases.map { "mode_" + $0.rawValue }

    /// One column for each way answers reach Heard ("collected_online", "collected_paper" …), finer than the
    /// modes: "Other" split into events, e-mails, letters, imported files and the API.
    static let channelHeaders = FeedbackChannel.allCases.map { "collected_" + $0.rawValue }

    /// The six counts, the total, and the two shares (blank with too few answers for a share).
    static func cells(_ tally: FFTTally) -> [String] {
        let score = tally.score
        return tally.cells.map { String($0) } + [
            String(tally.total), score.percentPositive.map { String($0) } ?? "",
            score.percentNegative.map { String($0) } ?? "",
        ]
    }
}
