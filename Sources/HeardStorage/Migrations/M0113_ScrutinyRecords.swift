import Fluent

/// When the council's health overview and scrutiny committee was consulted on a substantial variation, and
/// what it said (NHS Act 2006 s244): a decision on such a change needs both.
struct M0113_ScrutinyRecords: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds one at a time.
        try await database.schema(Initiative.schema).field("scrutiny_consulted_on", .string).update()
        try await database.schema(Initiative.schema).field("scrutiny_response", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Initiative.schema).deleteField("scrutiny_response").update()
        try await database.schema(Initiative.schema).deleteField("scrutiny_consulted_on").update()
    }
}
