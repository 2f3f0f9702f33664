import Fluent

/// Organisations, places and services: the reference data every feature hangs off.
struct M0001_CreateReferenceData: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Organisation.schema)
            .id()
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("ods_code", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "name")
            .create()
        try await database.schema(Place.schema)
            .id()
            .field("name", .string, .required)
            .field("slug", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "name")
            .unique(on: "slug")
            .create()
        try await database.schema(Service.schema)
            .id()
            .field("name", .string, .required)
            .field("description", .string, .required)
            .field("organisation_id", .uuid, .required, .references(Organisation.schema, "id"))
            .field("place_id", .uuid, .required, .references(Place.schema, "id"))
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "name", "organisation_id", "place_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Service.schema).delete()
        try await database.schema(Place.schema).delete()
        try await database.schema(Organisation.schema).delete()
    }
}
