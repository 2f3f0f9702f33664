import Fluent
import Foundation
import HeardDomain

/// A proposed change heading for a decision: a service change, a commissioning decision, a strategy.
public final class Initiative: Model, @unchecked Sendable {
    public static let schema = "initiatives"

    @ID(key: .id) public var id: UUID?
    @Field(key: "title") public var title: String
    @Field(key: "what") public var what: String
    @Field(key: "why") public var why: String
    /// Comma-separated place ids the change covers.
    @Field(key: "place_ids") public var placeIDs: String
    /// Comma-separated service ids the change covers.
    @Field(key: "service_ids") public var serviceIDs: String
    @Field(key: "affects_services") public var affectsServices: Bool
    @Field(key: "substantial_variation") public var substantialVariation: Bool
    @Field(key: "decision_body") public var decisionBody: String
    /// ISO date, `2027-03-31`.
    @OptionalField(key: "target_date") public var targetDate: String?
    @Field(key: "stage") public var stage: InitiativeStage
    @Field(key: "lived_experience_members") public var livedExperienceMembers: Int
    /// ISO date the health overview and scrutiny committee was consulted (substantial variations, s244).
    @OptionalField(key: "scrutiny_consulted_on") public var scrutinyConsultedOn: String?
    /// What the committee said.
    @OptionalField(key: "scrutiny_response") public var scrutinyResponse: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}

    public init(
        id: UUID? = nil, title: String, what: String, why: String, placeIDs: [UUID] = [], serviceIDs: [UUID] = [],
        affectsServices: Bool, substantialVariation: Bool, decisionBody: String, targetDate: SimpleDate?,
        stage: InitiativeStage = .idea, livedExperienceMembers: Int = 0
    ) {
        self.id = id
        self.title = title
        self.what = what
        self.why = why
        self.placeIDs = placeIDs.map(\.uuidString).joined(separator: ",")
        self.serviceIDs = serviceIDs.map(\.uuidString).joined(separator: ",")
        self.affectsServices = affectsServices
        self.substantialVariation = substantialVariation
        self.decisionBody = decisionBody
        self.targetDate = targetDate?.iso
        self.stage = stage
        self.livedExperienceMembers = livedExperienceMembers
    }

    public var placeIDList: [UUID] { placeIDs.split(separator: ",").compactMap { UUID(uuidString: String($0)) } }
    public var serviceIDList: [UUID] { serviceIDs.split(separator: ",").compactMap { UUID(uuidString: String($0)) } }
    public var target: SimpleDate? { targetDate.flatMap { SimpleDate(iso: $0) } }
    public var scrutinyConsulted: SimpleDate? { scrutinyConsultedOn.flatMap { SimpleDate(iso: $0) } }
}

/// An event or meeting where people were involved: a community meeting in a scout hut, a workshop, a stall.
public final class InvolvementActivity: Model, @unchecked Sendable {
    public static let schema = "involvement_activities"

    @ID(key: .id) public var id: UUID?
    @OptionalParent(key: "initiative_id") public var initiative: Initiative?
    @Parent(key: "place_id") public var place: Place
    @Field(key: "kind") public var kind: ActivityKind
    @Field(key: "title") public var title: String
    @Field(key: "held_on") public var heldOn: String
    @Field(key: "venue") public var venue: String
    @Field(key: "step_free") public var stepFree: Bool
    @Field(key: "hearing_loop") public var hearingLoop: Bool
    @Field(key: "interpreters") public var interpreters: Bool
    @Field(key: "easy_read") public var easyRead: Bool
    @Field(key: "attendees") public var attendees: Int
    @Field(key: "notes") public var notes: String
    @Field(key: "what_changed") public var whatChanged: String
    /// When it starts and ends, "18:00"; nil when not recorded (the date alone is shown).
    @OptionalField(key: "start_time") public var startTime: String?
    @OptionalField(key: "end_time") public var endTime: String?
    /// How many people it has room for; nil when there is no limit. Sign-ups stop once their people fill it.
    @OptionalField(key: "capacity") public var capacity: Int?
    /// Whether it happened, as staff recorded after the day; nil until they do.
    @OptionalField(key: "outcome") public var outcome: ActivityOutcome?
    /// The involvement payment offered to people who take part, in pence; nil when it offers none. Expenses
    /// are paid back either way.
    @OptionalField(key: "payment_pence") public var paymentPence: Int?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(
        id: UUID? = nil, initiativeID: UUID?, placeID: UUID, kind: ActivityKind, title: String, heldOn: SimpleDate,
        venue: String, stepFree: Bool = false, hearingLoop: Bool = false, interpreters: Bool = false,
        easyRead: Bool = false, attendees: Int, notes: String = "", whatChanged: String = ""
    ) {
        self.id = id
        self.$initiative.id = initiativeID
        self.$place.id = placeID
        self.kind = kind
        self.title = title
        self.heldOn = heldOn.iso
        self.venue = venue
        self.stepFree = stepFree
        self.hearingLoop = hearingLoop
        self.interpreters = interpreters
        self.easyRead = easyRead
        self.attendees = attendees
        self.notes = notes
        self.whatChanged = whatChanged
    }

    public var date: SimpleDate { SimpleDate(iso: heldOn) ?? SimpleDate(year: 1970, month: 1, day: 1) }

    /// "Tuesday 20 January 2027, 6pm to 8pm", or the date alone when no time was recorded.
    public var when: String { ActivityTime.when(date, starts: startTime, ends: endTime) }

    public var isCancelled: Bool { outcome == .cancelled }
}

/// A comment someone made at an activity, captured as feedback: the original kept for staff, a redacted copy
/// for publishing.
public final class ActivityComment: Model, @unchecked Sendable {
    public static let schema = "activity_comments"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "activity_id") public var activity: InvolvementActivity
    @Field(key: "text") public var text: String
    @Field(key: "redacted_text") public var redactedText: String
    @Field(key: "was_redacted") public var wasRedacted: Bool
    /// The feedback item it became, when staff named the service it was about.
    @OptionalField(key: "feedback_id") public var feedbackID: UUID?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(activityID: UUID, text: String, redactedText: String, wasRedacted: Bool) {
        self.$activity.id = activityID
        self.text = text
        self.redactedText = redactedText
        self.wasRedacted = wasRedacted
    }
}
