import Fluent
import Foundation
import HeardDomain
import HeardStorage
import HeardText
import Vapor

/// The complaints received in a period as CSV, one row per complaint with its dates and outcome: what the
/// quarterly complaints return (KO41) and a board report are built from. No text and no contact details.
enum ComplaintsCSV {
    static let header = [
        "reference", "received_on", "organisation", "service", "channel", "themes", "acknowledgement_due",
        "acknowledged_on", "acknowledged_in_time", "response_due", "responded_on", "responded_in_time",
        "delay_explained_on", "outcome",
    ]

    @Sendable static func download(_ request: Request) async throws -> Response {
        let today = request.today
        let from = try date(request, "from") ?? today.adding(months: -12).adding(days: 1)
        let to = try date(request, "to") ?? today
        guard from <= to else {
            throw Abort(
                .badRequest, reason: "The 'from' date (\(from.iso)) must not be after the 'to' date (\(to.iso)).")
        }
        let rows = try await ComplaintsExport.rows(from: from, to: to, today: today, on: request.db)
        return CSVResponse.make([header] + rows, fileName: "heard-complaints-\(from.iso)-to-\(to.iso).csv")
    }

    static func date(_ request: Request, _ name: String) throws -> SimpleDate? {
        guard let text = request.query[String.self, at: name], !text.isEmpty else { return nil }
        guard let date = SimpleDate(iso: text) else {
            throw Abort(.badRequest, reason: "'\(name)' must be a date like 2026-03-31, not '\(text)'.")
        }
        return date
    }
}

/// The complaints CSV outside a request: the same rows, for `heard export complaints`.
public enum ComplaintsExport {
    static func rows(
        from: SimpleDate, to: SimpleDate, today: SimpleDate, on db: any Database
    ) async throws
        -> [[String]]
    {
        let complaints = try await Complaint.query(on: db)
            .filter(\.$receivedOn >= from.iso).filter(\.$receivedOn <= to.iso)
            .with(\.$feedback) { $0.with(\.$service).with(\.$organisation) }
            .sort(\.$receivedOn).all()
        return complaints.map { complaint -> [String] in
            let clock = complaint.clock
            let item = complaint.feedback
            func inTime(_ done: SimpleDate?, due: SimpleDate) -> String {
                if let done { return done <= due ? "yes" : "no" }
                return today > due ? "no" : ""
            }
            return [
                item.reference, clock.receivedOn.iso, item.organisation.name, item.service.name, item.channel.rawValue,
                item.themeList.joined(separator: ";"), clock.acknowledgementDue.iso, clock.acknowledgedOn?.iso ?? "",
                inTime(clock.acknowledgedOn, due: clock.acknowledgementDue), clock.responseDue.iso,
                clock.respondedOn?.iso ?? "", inTime(clock.respondedOn, due: clock.responseDue),
                clock.delayExplainedOn?.iso ?? "", complaint.outcome?.rawValue ?? "",
            ]
        }
    }

    /// Writes the complaints received from `from` to `to` (UK days, inclusive); returns how many.
    @discardableResult
    public static func write(
        to url: URL, from: SimpleDate, to last: SimpleDate, today: SimpleDate, on db: any Database
    ) async throws -> Int {
        let rows = try await rows(from: from, to: last, today: today, on: db)
        var writer = try CSVWriter(url: url)
        try writer.writeRow(ComplaintsCSV.header)
        for row in rows { try writer.writeRow(row.map(CSVResponse.defused)) }
        try writer.close()
        return rows.count
    }
}
