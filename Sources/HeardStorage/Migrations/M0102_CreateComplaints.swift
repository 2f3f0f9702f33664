import Fluent

/// Complaints: a feedback item escalated by a moderator becomes a case with the regulation 13/14 clock.
struct M0102_CreateComplaints: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Complaint.schema)
            .id()
            .field("feedback_id", .uuid, .required, .references(FeedbackItem.schema, "id"))
            .field("received_on", .string, .required)
            .field("event_on", .string)
            .field("late_reason", .string, .required)
            .field("acknowledged_on", .string)
            .field("acknowledgement_note", .string, .required)
            .field("agreed_response_by", .string)
            .field("delay_explained_on", .string)
            .field("delay_reason", .string, .required)
            .field("responded_on", .string)
            .field("how_considered", .string, .required)
            .field("conclusions", .string, .required)
            .field("remedial_action", .string, .required)
            .field("ombudsman_right_given", .bool, .required)
            .field("outcome", .string)
            .field("created_by_id", .uuid)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "feedback_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Complaint.schema).delete()
    }
}
