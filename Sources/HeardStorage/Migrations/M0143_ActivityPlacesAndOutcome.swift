import Fluent

/// How many people an activity has room for (optional, set by staff; sign-ups stop when the people signed up
/// fill it), and whether it happened: "held" or "cancelled", recorded by staff, or nil while not recorded.
/// Activities recorded before have neither.
struct M0143_ActivityPlacesAndOutcome: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(InvolvementActivity.schema).field("capacity", .int).update()
        try await database.schema(InvolvementActivity.schema).field("outcome", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(InvolvementActivity.schema).deleteField("outcome").update()
        try await database.schema(InvolvementActivity.schema).deleteField("capacity").update()
    }
}
