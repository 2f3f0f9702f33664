import Fluent
import Foundation

/// A signed-off equality impact assessment as it stood before a review replaced it. The duty continues after
/// a decision, so an assessment can be reviewed; the version the decision relied on must still be on the record
/// (the Brown principles), so each replaced version is kept here, with the day and the reason it was replaced.
public final class EqualityAssessmentVersion: Model, @unchecked Sendable {
    public static let schema = "equality_assessment_versions"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "initiative_id") public var initiative: Initiative
    @Field(key: "who_affected") public var whoAffected: String
    /// JSON, as `EqualityAssessment.entries`.
    @Field(key: "entries") public var entries: String
    @Field(key: "signed_off_by") public var signedOffBy: String
    @Field(key: "signed_off_on") public var signedOffOn: String
    @OptionalField(key: "review_on") public var reviewOn: String?
    /// The UK day the review replaced this version.
    @Field(key: "replaced_on") public var replacedOn: String
    /// What the review found, as the reviewer wrote it: public, with the versions.
    @Field(key: "review_reason") public var reviewReason: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    /// The version `assessment` holds now, replaced on `replacedOn` for `reason`.
    public init(replacing assessment: EqualityAssessment, on replacedOn: String, reason: String) {
        self.$initiative.id = assessment.$initiative.id
        self.whoAffected = assessment.whoAffected
        self.entries = assessment.entries
        self.signedOffBy = assessment.signedOffBy ?? ""
        self.signedOffOn = assessment.signedOffOn ?? ""
        self.reviewOn = assessment.reviewOn
        self.replacedOn = replacedOn
        self.reviewReason = reason
    }

    public var entryMap: [String: EqualityAssessment.Entry] { EqualityAssessment.decode(entries) }
}
