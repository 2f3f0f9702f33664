import Fluent

/// Signed-off equality impact assessments replaced by a review after the decision (see
/// `EqualityAssessmentVersion`).
struct M0121_EqualityAssessmentVersions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(EqualityAssessmentVersion.schema)
            .id()
            .field("initiative_id", .uuid, .required, .references(Initiative.schema, "id"))
            .field("who_affected", .string, .required)
            .field("entries", .string, .required)
            .field("signed_off_by", .string, .required)
            .field("signed_off_on", .string, .required)
            .field("review_on", .string)
            .field("replaced_on", .string, .required)
            .field("review_reason", .string, .required)
            .field("created_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(EqualityAssessmentVersion.schema).delete()
    }
}
