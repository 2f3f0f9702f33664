import Fluent
import Foundation
import HeardDomain
import HeardStorage
import HeardText
import Vapor

/// The complaints received in a period as CSV, one row per complaint with its dates and outcome: what the
/// quarterly complaints return (KO41) and a board report are built from. No text and no contact details.
///
/// A reopened complaint keeps its first response: `response_due`, `responded_on`, `responded_in_time` and
/// `outcome` are always the first regulation 14 response (so a return already sent never changes), and the
/// `further_` columns say what followed the latest reopening: the date the further response is due, and when
/// it was sent or the case closed again, with its finding. `response_expected_by` is the date the latest delay
/// letter gave; `response_due` is not moved by it.
enum ComplaintsCSV {
    static let header = [
        "reference", "received_on", "organisation", "service", "channel", "themes", "acknowledgement_due",
        "acknowledged_on", "acknowledged_in_time", "original_response_due", "response_due", "responded_on",
        "responded_in_time",
        "delay_explained_on", "outcome", "closed_on", "reopened_on", "ombudsman_referred_on", "ombudsman_outcome",
        "ombudsman_outcome_on", "complainant_type", "response_expected_by", "further_response_due",
        "further_responded_on", "further_closed_on", "further_outcome",
    ]

    @Sendable static func download(_ request: Request) async throws -> Response {
        let period = Period(request)
        guard period.failure == nil else {
            // From the complaints page's form: show it again with the dates to fix, not a bare error.
            return try await ComplaintsController.listPage(request, period: period)
        }
        let rows = try await ComplaintsExport.rows(
            from: period.from, to: period.to, today: request.today, on: request.db)
        return CSVResponse.make(
            [header] + rows, fileName: "heard-complaints-\(period.from.iso)-to-\(period.to.iso).csv")
    }

    /// The period the figures and the CSV cover: `from` and `to` (received dates, inclusive), by default the
    /// last twelve months. Bad dates leave the default in place and say what to fix.
    struct Period {
        var from: SimpleDate
        var to: SimpleDate
        var typed: [String: String]
        var failure: ValidationFailure?
        /// Whether the person chose the period (typed a date) rather than taking the default: only then does
        /// the list of cases keep to it, so the work queue still shows older open cases by default.
        var chosen: Bool

        init(_ request: Request) {
            let today = request.today
            typed = [
                "from": (request.query[String.self, at: "from"] ?? "").trimmingWhitespace(),
                "to": (request.query[String.self, at: "to"] ?? "").trimmingWhitespace(),
            ]
            var errors: [FieldError] = []
            let defaultFrom = today.adding(months: -12).adding(days: 1)
            let from = Admin.date(typed["from"], field: "from", into: &errors) ?? defaultFrom
            let to = Admin.date(typed["to"], field: "to", into: &errors) ?? today
            // Complaint records are kept 10 years; a period far outside that is a typing slip (0001 for 2001).
            for (field, date) in [("from", from), ("to", to)] where !errors.contains(where: { $0.field == field }) {
                if let problem = date.implausibleYear(today: today, yearsBack: 25, yearsAhead: 1) {
                    errors.append(FieldError(field, problem))
                }
            }
            if errors.isEmpty, from > to {
                errors.append(FieldError("to", "The end of the period cannot be before its start (\(from.ukText))."))
            }
            let anyTyped = !(typed["from"]!.isEmpty && typed["to"]!.isEmpty)
            self.from = errors.isEmpty ? from : defaultFrom
            self.to = errors.isEmpty ? to : today
            if typed["from"]!.isEmpty { typed["from"] = self.from.iso }
            if typed["to"]!.isEmpty { typed["to"] = self.to.iso }
            failure = errors.isEmpty ? nil : ValidationFailure(errors)
            chosen = errors.isEmpty && anyTyped
        }

        /// The received dates the list of cases keeps to: the period when chosen, else every case.
        var listRange: ClosedRange<SimpleDate>? { chosen ? from...to : nil }

        /// What the list's links carry over: the period only when it was chosen.
        var linkDates: [String: String] { chosen ? typed : [:] }
    }
}

/// What followed the first response of a reopened complaint (all nil when it was not reopened after one): the
/// date the further response is due while it is open, and how it ended again. Needs `reopenings` loaded.
struct Further {
    var responseDue: String?
    var respondedOn: String?
    var closedOn: String?
    var outcome: ComplaintOutcome?

    init(_ complaint: Complaint) {
        guard complaint.isAfterFirstResponse else { return }
        let live = complaint.clock
        responseDue = live.responseDue.iso
        respondedOn = live.respondedOn?.iso
        closedOn = live.respondedOn == nil ? live.closedOn?.iso : nil
        outcome = complaint.outcome
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
            .with(\.$feedback) { $0.with(\.$service).with(\.$organisation) }.with(\.$extensions)
            .with(\.$reopenings).sort(\.$receivedOn).all()
        return complaints.map { complaint -> [String] in
            let clock = complaint.reportedClock
            let further = Further(complaint)
            let item = complaint.feedback
            func yesNo(_ value: Bool?) -> String { value.map { $0 ? "yes" : "no" } ?? "" }
            return [
                item.reference, clock.receivedOn.iso, item.organisation.name, item.service.name, item.channel.rawValue,
                item.namedThemes.joined(separator: ";"), clock.acknowledgementDue.iso, clock.acknowledgedOn?.iso ?? "",
                yesNo(clock.acknowledgedInTime(today: today)), complaint.responseDueBeforeExtensions,
                clock.originalResponseDue.iso,
                clock.respondedOn?.iso ?? "", yesNo(clock.respondedInTime(today: today)),
                clock.delayExplainedOn?.iso ?? "", complaint.reportedOutcome?.rawValue ?? "",
                clock.closedOn?.iso ?? "",
                // The latest time it was taken up again, if ever.
                complaint.reopenings.map(\.reopenedOn).max() ?? "", complaint.ombudsmanReferredOn ?? "",
                complaint.ombudsmanOutcome?.rawValue ?? "", complaint.ombudsmanOutcomeOn ?? "",
                complaint.complainantType, clock.responseExpectedBy?.iso ?? "", further.responseDue ?? "",
                further.respondedOn ?? "", further.closedOn ?? "", further.outcome?.rawValue ?? "",
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
        writer.writeByteOrderMark()  // like the download: for Excel
        try writer.writeRow(ComplaintsCSV.header)
        for row in rows { try writer.writeRow(row.map(CSVResponse.defused)) }
        try writer.close()
        return rows.count
    }
}
