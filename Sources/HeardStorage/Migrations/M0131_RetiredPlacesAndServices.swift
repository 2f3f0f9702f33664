import Fluent

/// Places and services an ICS no longer uses: retired, not deleted, so the feedback, complaints and actions
/// recorded against them keep their names. Empty means in use; everything before this migration is in use.
struct M0131_RetiredPlacesAndServices: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Place.schema).field("retired_at", .datetime).update()
        try await database.schema(Service.schema).field("retired_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Service.schema).deleteField("retired_at").update()
        try await database.schema(Place.schema).deleteField("retired_at").update()
    }
}
