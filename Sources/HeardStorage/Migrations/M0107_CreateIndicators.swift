import Fluent

/// Indicators tracked per place over time, and their values.
struct M0107_CreateIndicators: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Indicator.schema)
            .id()
            .field("name", .string, .required)
            .field("description", .string, .required)
            .field("unit", .string, .required)
            .field("direction", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "name")
            .create()
        try await database.schema(IndicatorValue.schema)
            .id()
            .field("indicator_id", .uuid, .required, .references(Indicator.schema, "id"))
            .field("place_id", .uuid, .required, .references(Place.schema, "id"))
            .field("period_start", .string, .required)
            .field("value", .double, .required)
            .field("source", .string, .required)
            .field("recorded_by_id", .uuid)
            .field("created_at", .datetime)
            .unique(on: "indicator_id", "place_id", "period_start")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(IndicatorValue.schema).delete()
        try await database.schema(Indicator.schema).delete()
    }
}
