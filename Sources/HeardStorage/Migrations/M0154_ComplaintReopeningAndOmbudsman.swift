import Fluent

/// Complaints reopened after their response or closure (each kept); the complainant going to the Ombudsman:
/// the date, and the Ombudsman's decision with its date and a note; and who is complaining (the person
/// affected, or someone for them with why they can). Complaints before this were the person's own.
struct M0154_ComplaintReopeningAndOmbudsman: AsyncMigration {
    static let ombudsmanColumns = ["ombudsman_referred_on", "ombudsman_outcome", "ombudsman_outcome_on"]

    func prepare(on database: any Database) async throws {
        try await database.schema(ComplaintReopening.schema)
            .id()
            .field("complaint_id", .uuid, .required, .references(Complaint.schema, "id"))
            .field("reopened_on", .string, .required)
            .field("reason", .string, .required)
            .field("note", .string, .required)
            .field("new_response_by", .string, .required)
            .field("previous_responded_on", .string)
            .field("previous_closed_on", .string)
            .field("previous_outcome", .string)
            .field("recorded_by_id", .uuid)
            .field("created_at", .datetime)
            .create()
        // One column per ALTER: SQLite adds columns one at a time.
        for column in Self.ombudsmanColumns {
            try await database.schema(Complaint.schema).field(FieldKey(stringLiteral: column), .string).update()
        }
        try await database.schema(Complaint.schema)
            .field("ombudsman_note", .string, .required, .sql(.default(""))).update()
        try await database.schema(Complaint.schema)
            .field("complainant_type", .string, .required, .sql(.default("person_affected"))).update()
        try await database.schema(Complaint.schema)
            .field("representative_relationship", .string, .required, .sql(.default(""))).update()
        try await database.schema(Complaint.schema).field("representative_basis", .string).update()
    }

    func revert(on database: any Database) async throws {
        let standing = ["complainant_type", "representative_relationship", "representative_basis"]
        for column in Self.ombudsmanColumns + ["ombudsman_note"] + standing {
            try await database.schema(Complaint.schema).deleteField(FieldKey(stringLiteral: column)).update()
        }
        try await database.schema(ComplaintReopening.schema).delete()
    }
}
