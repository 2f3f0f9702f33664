import Fluent

/// Members of the public telling us they are coming to an event, without an account. Their name and contact
/// details are cleared after the event (`ActivitySignup.anonymise`); the number of people stays for the counts.
struct M0144_CreateActivitySignups: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ActivitySignup.schema)
            .id()
            .field("activity_id", .uuid, .required, .references(InvolvementActivity.schema, "id"))
            .field("name", .string, .required)
            .field("email", .string)
            .field("phone", .string)
            .field("people", .int, .required)
            .field("access_needs", .string, .required)
            .field("submitter_hash", .string)
            .field("anonymised_at", .datetime)
            .field("created_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ActivitySignup.schema).delete()
    }
}
