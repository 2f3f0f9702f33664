import Fluent

/// The days whose reminders have been sent (one row a day).
struct M0108_CreateReminderRuns: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ReminderRun.schema)
            .id()
            .field("day", .string, .required)
            .field("notices", .int, .required)
            .field("created_at", .datetime)
            .unique(on: "day")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ReminderRun.schema).delete()
    }
}
