import Fluent

/// When a notice that could not be sent is tried again: a mail relay down for a few seconds used to use up all
/// five tries at once, leaving every notice of that moment failed until an administrator sent it again.
struct M0133_NoticeRetryTimes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Notice.schema).field("next_attempt_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Notice.schema).deleteField("next_attempt_at").update()
    }
}
