import Fluent
import Foundation
import HeardDomain

/// The equality impact assessment for an initiative.
public final class EqualityAssessment: Model, @unchecked Sendable {
    public static let schema = "equality_assessments"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "initiative_id") public var initiative: Initiative
    @Field(key: "who_affected") public var whoAffected: String
    /// JSON: characteristic raw value → entry.
    @Field(key: "entries") public var entries: String
    @Field(key: "status") public var status: EIAStatus
    @OptionalField(key: "signed_off_by") public var signedOffBy: String?
    @OptionalField(key: "signed_off_on") public var signedOffOn: String?
    @OptionalField(key: "review_on") public var reviewOn: String?
    /// The UK day the assessment was first saved (`YYYY-MM-DD`): it must be in the consultation pack before the
    /// consultation opens (Gunning G2). Nil for an assessment whose first save was not recorded.
    @OptionalField(key: "first_saved_on") public var firstSavedOn: String?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}

    public init(initiativeID: UUID, whoAffected: String, entries: [String: Entry], status: EIAStatus) {
        self.$initiative.id = initiativeID
        self.whoAffected = whoAffected
        self.entries = Self.encode(entries)
        self.status = status
    }

    public struct Entry: Codable, Sendable, Equatable {
        public var evidence: String
        public var engagement: String
        /// positive, negative, neutral or unknown.
        public var impact: String
        public var mitigations: String
        public var actions: String

        public init(evidence: String, engagement: String, impact: String, mitigations: String, actions: String) {
            self.evidence = evidence
            self.engagement = engagement
            self.impact = impact
            self.mitigations = mitigations
            self.actions = actions
        }
    }

    public var entryMap: [String: Entry] { Self.decode(entries) }

    /// The entries stored as JSON (see `encode`); empty if the text is not such JSON.
    public static func decode(_ entries: String) -> [String: Entry] {
        (try? JSONDecoder().decode([String: Entry].self, from: Data(entries.utf8))) ?? [:]
    }

    public static func encode(_ entries: [String: Entry]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? String(decoding: encoder.encode(entries), as: UTF8.self)) ?? "{}"
    }
}

/// The decision on an initiative: proposed until approved through the Gunning gate, public once made.
public final class Decision: Model, @unchecked Sendable {
    public static let schema = "decisions"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "initiative_id") public var initiative: Initiative
    @Field(key: "title") public var title: String
    @Field(key: "meeting") public var meeting: String
    @Field(key: "meeting_on") public var meetingOn: String
    @Field(key: "members_present") public var membersPresent: String
    @Field(key: "declarations") public var declarations: String
    @Field(key: "outcome") public var outcome: String
    /// proposed or approved.
    @Field(key: "status") public var status: String
    @OptionalField(key: "approved_at") public var approvedAt: Date?
    @OptionalField(key: "approved_by") public var approvedBy: String?
    /// Whether the meeting stayed quorate for this item, once the meeting has said; nil until then.
    @OptionalField(key: "quorate") public var quorate: Bool?
    /// When Heard counted the quorum at approval (the board has one set and the paper left the question
    /// unanswered): how many voting members it counted present for the item, and the board's quorum then. Nil
    /// when the paper answered, and for decisions approved before Heard kept the count.
    @OptionalField(key: "quorum_voting_present") public var quorumVotingPresent: Int?
    @OptionalField(key: "quorum_required") public var quorumRequired: Int?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(
        id: UUID? = nil, initiativeID: UUID, title: String, meeting: String, meetingOn: SimpleDate,
        membersPresent: String, declarations: String, outcome: String, quorate: Bool?
    ) {
        self.id = id
        self.$initiative.id = initiativeID
        self.title = title
        self.meeting = meeting
        self.meetingOn = meetingOn.iso
        self.membersPresent = membersPresent
        self.declarations = declarations
        self.outcome = outcome
        self.quorate = quorate
        self.status = "proposed"
    }

    public var isApproved: Bool { status == "approved" }
}

/// One group's share of a place's population (Census 2021 for the demo places, or an administrator's CSV).
public final class PopulationFigure: Model, @unchecked Sendable {
    public static let schema = "population_figures"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "place_id") public var place: Place
    @Field(key: "characteristic") public var characteristic: String
    @Field(key: "category") public var category: String
    @Field(key: "percent") public var percent: Double
    @Field(key: "source") public var source: String

    public init() {}

    public init(placeID: UUID, characteristic: String, category: String, percent: Double, source: String) {
        self.$place.id = placeID
        self.characteristic = characteristic
        self.category = category
        self.percent = percent
        self.source = source
    }
}
