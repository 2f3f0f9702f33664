import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Vapor

/// `GET /api/v1/complaints` (staff token, complaints area): each complaint's clock for a period, for a case
/// management system or a board report. Like the CSV, no text and no contact details.
enum ComplaintsAPI {
    struct Item: Content {
        var id: UUID
        var reference: String
        var feedbackID: UUID
        var receivedOn: String
        var organisation: String
        var service: String
        var channel: String
        var themes: [String]
        var acknowledgementDue: String
        @NullEncoded var acknowledgedOn: String?
        @NullEncoded var acknowledgedInTime: Bool?
        /// Six months or the date agreed: what "responded in time" is judged against (a delay letter does not move it).
        var responseDue: String
        /// The new date the latest delay letter gave, if one was sent.
        @NullEncoded var responseExpectedBy: String?
        @NullEncoded var respondedOn: String?
        @NullEncoded var respondedInTime: Bool?
        @NullEncoded var delayExplainedOn: String?
        var nextStep: String
        @NullEncoded var nextStepDue: String?
        var overdue: Bool
        @NullEncoded var outcome: ComplaintOutcome?
        /// Set when the complaint was closed without a response; `outcome` then says why.
        @NullEncoded var closedOn: String?
        /// The response date before any later date was agreed (what a KO41 return reports).
        var originalResponseDue: String
        /// Each later response date agreed with the complainant, oldest first.
        var extensions: [Extension]
        /// The latest day it was taken up again after its response or closure.
        @NullEncoded var reopenedOn: String?
        @NullEncoded var ombudsmanReferredOn: String?
        @NullEncoded var ombudsmanOutcome: OmbudsmanOutcome?
        @NullEncoded var ombudsmanOutcomeOn: String?
        /// The person affected, or someone complaining for them (regulation 5).
        var complainantType: ComplainantType
        /// Why a representative can complain for the person; null for the person affected.
        @NullEncoded var representativeBasis: RepresentativeBasis?
        /// After a reopened response (`responded_on` and `outcome` stay the first response, as sent): when the
        /// further response is due (the same date the case page gives), and when it was sent or the case
        /// closed again, with its finding. All null when it was not reopened after a response.
        @NullEncoded var furtherResponseDue: String?
        @NullEncoded var furtherRespondedOn: String?
        @NullEncoded var furtherClosedOn: String?
        @NullEncoded var furtherOutcome: ComplaintOutcome?

        enum CodingKeys: String, CodingKey {
            case id, reference, organisation, service, channel, themes, overdue, outcome
            case feedbackID = "feedback_id", receivedOn = "received_on"
            case acknowledgementDue = "acknowledgement_due", acknowledgedOn = "acknowledged_on"
            case acknowledgedInTime = "acknowledged_in_time", respondedInTime = "responded_in_time"
            case responseDue = "response_due", respondedOn = "responded_on", delayExplainedOn = "delay_explained_on"
            case responseExpectedBy = "response_expected_by"
            case nextStep = "next_step", nextStepDue = "next_step_due", closedOn = "closed_on"
            case originalResponseDue = "original_response_due", extensions, reopenedOn = "reopened_on"
            case ombudsmanReferredOn = "ombudsman_referred_on", ombudsmanOutcome = "ombudsman_outcome"
            case ombudsmanOutcomeOn = "ombudsman_outcome_on", complainantType = "complainant_type"
            case representativeBasis = "representative_basis"
            case furtherResponseDue = "further_response_due", furtherRespondedOn = "further_responded_on"
            case furtherClosedOn = "further_closed_on", furtherOutcome = "further_outcome"
        }
    }

    /// A later response date agreed with the complainant (regulation 14(4)(b)); the reason stays on the case
    /// page, as it may describe the person.
    struct Extension: Content {
        var agreedOn: String
        var fromDate: String
        var toDate: String

        enum CodingKeys: String, CodingKey {
            case agreedOn = "agreed_on", fromDate = "from", toDate = "to"
        }
    }

    @Sendable static func list(_ request: Request) async throws -> PagedList<Item> {
        let today = request.today
        let page = try APIPage(request)
        let from = try date(request, "from") ?? today.adding(months: -12).adding(days: 1)
        let to = try date(request, "to") ?? today
        for (name, date) in [("from", from), ("to", to)] {
            if let problem = date.implausibleYear(today: today, yearsBack: 25, yearsAhead: 1) {
                throw APIError(.unprocessableEntity, "'\(name)' (\(date.iso)): \(problem)", field: name)
            }
        }
        guard from <= to else {
            throw APIError(
                .unprocessableEntity, "The 'from' date (\(from.iso)) must not be after the 'to' date (\(to.iso)).",
                field: "from"
            )
        }
        let status = request.query[String.self, at: "status"] ?? "all"
        var query = Complaint.query(on: request.db).filter(\.$receivedOn >= from.iso).filter(\.$receivedOn <= to.iso)
        switch status {
        case "all": break
        case "open": query = query.filter(\.$respondedOn == nil).filter(\.$closedOn == nil)
        case "responded": query = query.filter(\.$respondedOn != nil)
        case "closed": query = query.filter(\.$respondedOn == nil).filter(\.$closedOn != nil)
        default:
            throw APIError(
                .unprocessableEntity, "'status' must be open, responded, closed or all, not '\(status)'.",
                field: "status")
        }
        let total = try await query.copy().count()
        let complaints = try await query.with(\.$feedback) { $0.with(\.$service).with(\.$organisation) }
            .with(\.$extensions).with(\.$reopenings).sort(\.$receivedOn).sort(\.$id).range(page.range).all()
        return page.list(
            complaints.map { complaint in
                // The first response as sent; the next step is the live one.
                let clock = complaint.reportedClock
                let further = Further(complaint)
                let item = complaint.feedback
                let step = complaint.clock.step(today: today)
                return Item(
                    id: complaint.id!, reference: item.reference, feedbackID: item.id!,
                    receivedOn: clock.receivedOn.iso,
                    organisation: item.organisation.name, service: item.service.name, channel: item.channel.rawValue,
                    themes: item.namedThemes, acknowledgementDue: clock.acknowledgementDue.iso,
                    acknowledgedOn: clock.acknowledgedOn?.iso,
                    acknowledgedInTime: clock.acknowledgedInTime(today: today),
                    responseDue: clock.originalResponseDue.iso, responseExpectedBy: clock.responseExpectedBy?.iso,
                    respondedOn: clock.respondedOn?.iso, respondedInTime: clock.respondedInTime(today: today),
                    delayExplainedOn: clock.delayExplainedOn?.iso,
                    nextStep: stepName(step), nextStepDue: step.due?.iso, overdue: step.isOverdue,
                    outcome: complaint.reportedOutcome, closedOn: clock.closedOn?.iso,
                    originalResponseDue: complaint.responseDueBeforeExtensions,
                    extensions: complaint.extensions.sorted { ($0.agreedOn, $0.fromDate) < ($1.agreedOn, $1.fromDate) }
                        .map { Extension(agreedOn: $0.agreedOn, fromDate: $0.fromDate, toDate: $0.toDate) },
                    reopenedOn: complaint.reopenings.map(\.reopenedOn).max(),
                    ombudsmanReferredOn: complaint.ombudsmanReferredOn, ombudsmanOutcome: complaint.ombudsmanOutcome,
                    ombudsmanOutcomeOn: complaint.ombudsmanOutcomeOn, complainantType: complaint.standing.type,
                    representativeBasis: complaint.standing.type == .representative ? complaint.standing.basis : nil,
                    furtherResponseDue: further.responseDue, furtherRespondedOn: further.respondedOn,
                    furtherClosedOn: further.closedOn, furtherOutcome: further.outcome)
            }, total: total)
    }

    static func stepName(_ step: ComplaintClock.Step) -> String {
        switch step {
        case .acknowledge: "acknowledge"
        case .respond: "respond"
        case .explainDelay: "explain_delay"
        case .respondLate: "respond_late"
        case .responded: "responded"
        case .closed: "closed"
        }
    }

    static func date(_ request: Request, _ name: String) throws -> SimpleDate? {
        guard let text = request.query[String.self, at: name], !text.isEmpty else { return nil }
        guard let date = SimpleDate(iso: text) else {
            throw APIError(
                .unprocessableEntity, "'\(name)' must be a date like 2026-03-31, not '\(text)'.", field: name)
        }
        return date
    }
}
