import Fluent

/// When an activity starts and ends ("18:00", 24-hour), both optional: people deciding whether they can come to
/// an evening meeting need the time as well as the day. Activities recorded before have the date alone.
struct M0142_ActivityTimes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(InvolvementActivity.schema).field("start_time", .string).update()
        try await database.schema(InvolvementActivity.schema).field("end_time", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(InvolvementActivity.schema).deleteField("end_time").update()
        try await database.schema(InvolvementActivity.schema).deleteField("start_time").update()
    }
}
