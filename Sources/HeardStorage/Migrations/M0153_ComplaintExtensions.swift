import Fluent

/// Every later response date agreed with a complainant, kept with the date it replaced and why: until now only
/// the audit log held them. Extensions agreed before this have no row; their complaints show the current date.
struct M0153_ComplaintExtensions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ComplaintExtension.schema)
            .id()
            .field("complaint_id", .uuid, .required, .references(Complaint.schema, "id"))
            .field("agreed_on", .string, .required)
            .field("from_date", .string, .required)
            .field("to_date", .string, .required)
            .field("reason", .string, .required)
            .field("recorded_by_id", .uuid)
            .field("created_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ComplaintExtension.schema).delete()
    }
}
