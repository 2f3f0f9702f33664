import Fluent

/// Whether someone who said they were coming did come, as staff recorded after the activity: true, false, or
/// nil until recorded (every invitation before this). Expenses are claimed only by those not recorded as
/// absent, and the privacy notice's "whether you came" is this.
struct M0157_InvitationAttendance: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Invitation.schema).field("attended", .bool).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Invitation.schema).deleteField("attended").update()
    }
}
