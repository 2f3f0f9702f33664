import Fluent

/// The second part of regulation 12(4) for a complaint taken on although late: that it is still possible to
/// investigate it effectively and fairly. Complaints recorded before were never asked, so they get false, and
/// the case page says "not recorded" for one taken on with a late reason, rather than claiming either answer.
struct M0129_ComplaintLateStillFair: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Complaint.schema)
            .field("late_still_fair", .bool, .required, .sql(.default(false))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Complaint.schema).deleteField("late_still_fair").update()
    }
}
