import Fluent
import Foundation
import HeardDomain

/// A feedback item handled as a formal complaint, with its clock (dates kept as `YYYY-MM-DD`, the UK calendar
/// day they happened) and the regulation 14 response.
public final class Complaint: Model, @unchecked Sendable {
    public static let schema = "complaints"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "feedback_id") public var feedback: FeedbackItem
    @Field(key: "received_on") public var receivedOn: String
    /// When what the complaint is about happened (or the person first knew of it), if known.
    @OptionalField(key: "event_on") public var eventOn: String?
    /// Why a complaint outside the 12-month limit is taken on.
    @Field(key: "late_reason") public var lateReason: String
    /// Whether the handler confirmed, with `lateReason`, that it is still possible to investigate the complaint
    /// effectively and fairly (regulation 12(4)(b)). False for cases taken on before it was asked (M0129).
    @Field(key: "late_still_fair") public var lateStillFair: Bool
    @OptionalField(key: "acknowledged_on") public var acknowledgedOn: String?
    /// How it will be handled and how long it is likely to take, as offered in the acknowledgement.
    @Field(key: "acknowledgement_note") public var acknowledgementNote: String
    @OptionalField(key: "agreed_response_by") public var agreedResponseBy: String?
    @OptionalField(key: "delay_explained_on") public var delayExplainedOn: String?
    @Field(key: "delay_reason") public var delayReason: String
    /// The new response date given in the latest delay letter; every letter is kept in `delayLetters`.
    @OptionalField(key: "response_expected_by") public var responseExpectedBy: String?
    @Children(for: \.$complaint) public var delayLetters: [ComplaintDelayLetter]
    /// Later response dates agreed with the complainant, each with the date it replaced.
    @Children(for: \.$complaint) public var extensions: [ComplaintExtension]
    @OptionalField(key: "responded_on") public var respondedOn: String?
    @Field(key: "how_considered") public var howConsidered: String
    @Field(key: "conclusions") public var conclusions: String
    @Field(key: "remedial_action") public var remedialAction: String
    @Field(key: "ombudsman_right_given") public var ombudsmanRightGiven: Bool
    @OptionalField(key: "outcome") public var outcome: ComplaintOutcome?
    /// Set when the complaint is closed without a response; `outcome` then says why (a closure).
    @OptionalField(key: "closed_on") public var closedOn: String?
    @OptionalField(key: "closed_reason") public var closedReason: String?
    /// Who is complaining (a `ComplainantType`): the person affected, or someone for them (regulation 5), with
    /// how they know the person and why they can complain for them (a `RepresentativeBasis`).
    @Field(key: "complainant_type") public var complainantType: String
    @Field(key: "representative_relationship") public var representativeRelationship: String
    @OptionalField(key: "representative_basis") public var representativeBasis: String?
    /// Each time it was taken up again after its response or closure.
    @Children(for: \.$complaint) public var reopenings: [ComplaintReopening]
    /// When the complainant went to the Ombudsman, and what the Ombudsman decided (an `OmbudsmanOutcome`),
    /// when and why.
    @OptionalField(key: "ombudsman_referred_on") public var ombudsmanReferredOn: String?
    @OptionalField(key: "ombudsman_outcome") public var ombudsmanOutcome: OmbudsmanOutcome?
    @OptionalField(key: "ombudsman_outcome_on") public var ombudsmanOutcomeOn: String?
    @Field(key: "ombudsman_note") public var ombudsmanNote: String
    @OptionalField(key: "created_by_id") public var createdByID: UUID?
    /// The member of staff handling it (nil until someone takes it on or acknowledges it).
    @OptionalParent(key: "handler_id") public var handler: User?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}

    public init(id: UUID? = nil, feedbackID: UUID, receivedOn: SimpleDate, createdByID: UUID?) {
        self.id = id
        self.$feedback.id = feedbackID
        self.receivedOn = receivedOn.iso
        self.lateReason = ""
        self.lateStillFair = false
        self.acknowledgementNote = ""
        self.delayReason = ""
        self.howConsidered = ""
        self.conclusions = ""
        self.remedialAction = ""
        self.ombudsmanRightGiven = false
        self.ombudsmanNote = ""
        self.complainantType = ComplainantType.personAffected.rawValue
        self.representativeRelationship = ""
        self.createdByID = createdByID
    }

    public var standing: ComplainantStanding {
        ComplainantStanding(
            type: ComplainantType(rawValue: complainantType) ?? .personAffected,
            relationship: representativeRelationship,
            basis: representativeBasis.flatMap(RepresentativeBasis.init(rawValue:)))
    }

    public func record(_ standing: ComplainantStanding) {
        complainantType = standing.type.rawValue
        representativeRelationship = standing.relationship
        representativeBasis = standing.basis?.rawValue
    }

    /// The first response's date before any later date was agreed (six months, or agreed at acknowledgement):
    /// the first extension's starting point. Needs `extensions` and `reopenings` loaded.
    public var responseDueBeforeExtensions: String {
        let firstResponse = firstResponseReopening?.previousRespondedOn
        return extensions.filter { firstResponse == nil || $0.agreedOn <= firstResponse! }
            .min { ($0.agreedOn, $0.fromDate) < ($1.agreedOn, $1.fromDate) }?.fromDate
            ?? reportedClock.originalResponseDue.iso
    }

    /// The reopening that keeps the first regulation 14 response, when the complaint was reopened after it
    /// (needs `reopenings` loaded). The first response is the one the figures, the CSV and the API report:
    /// reopening later never changes whether it was in time or what it found.
    public var firstResponseReopening: ComplaintReopening? {
        reopenings.filter(\.replacedResponse).min {
            ($0.reopenedOn, $0.createdAt ?? .distantPast) < ($1.reopenedOn, $1.createdAt ?? .distantPast)
        }
    }

    /// The clock as it stood at the first response: the live one until a response was reopened. A closure
    /// reopened as "closed in error" was a mistake, so the figures follow the case as corrected (the closure
    /// stays on the case page, on its reopening and in the audit log). Needs `reopenings` loaded.
    public var reportedClock: ComplaintClock {
        guard let first = firstResponseReopening,
            let responded = first.previousRespondedOn.flatMap(SimpleDate.init(iso:))
        else { return clock }
        var reported = clock
        reported.respondedOn = responded
        reported.closedOn = nil
        reported.openedInError = false
        // Before M0158 the date judged against was not kept: the six months is the best that can be said.
        reported.agreedResponseBy = first.previousResponseDue.flatMap(SimpleDate.init(iso:))
        reported.responseExpectedBy = first.previousResponseExpectedBy.flatMap(SimpleDate.init(iso:))
        return reported
    }

    /// The first response's finding (see `reportedClock`).
    public var reportedOutcome: ComplaintOutcome? {
        guard let first = firstResponseReopening else { return outcome }
        return first.previousOutcome.flatMap(ComplaintOutcome.init(rawValue:))
    }

    /// Whether there is a further response (or a further response is due) after the first was reopened.
    public var isAfterFirstResponse: Bool { firstResponseReopening != nil }

    public var clock: ComplaintClock {
        ComplaintClock(
            receivedOn: SimpleDate(iso: receivedOn)!, acknowledgedOn: acknowledgedOn.flatMap(SimpleDate.init(iso:)),
            agreedResponseBy: agreedResponseBy.flatMap(SimpleDate.init(iso:)),
            respondedOn: respondedOn.flatMap(SimpleDate.init(iso:)),
            delayExplainedOn: delayExplainedOn.flatMap(SimpleDate.init(iso:)),
            responseExpectedBy: responseExpectedBy.flatMap(SimpleDate.init(iso:)),
            closedOn: closedOn.flatMap(SimpleDate.init(iso:)), openedInError: outcome == .openedInError)
    }
}
