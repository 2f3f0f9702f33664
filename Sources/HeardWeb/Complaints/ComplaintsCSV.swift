import Fluent
import Foundation
import HeardDomain
import HeardStorage
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
        let complaints = try await Complaint.query(on: request.db)
            .filter(\.$receivedOn >= from.iso).filter(\.$receivedOn <= to.iso)
            .with(\.$feedback) { $0.with(\.$service).with(\.$organisation) }
            .sort(\.$receivedOn).all()
        let rows = complaints.map { complaint -> [String] in
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
