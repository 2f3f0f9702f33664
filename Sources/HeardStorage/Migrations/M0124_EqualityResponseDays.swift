import Fluent
import SQLKit

/// Equality answers given before they were stored by the day only (see `EqualityResponse.submittedAt`): their
/// exact time is cut to the day, so none can be matched to the feedback or consultation response sent with it.
struct M0124_EqualityResponseDays: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        if sql.dialect.name == "sqlite" {
            // Fluent keeps dates on SQLite as seconds since 1970.
            try await sql.raw(
                "UPDATE equality_responses SET submitted_at = CAST(submitted_at / 86400 AS INTEGER) * 86400"
            ).run()
        } else {
            try await sql.raw(
                "UPDATE equality_responses SET submitted_at = date_trunc('day', submitted_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'"
            ).run()
        }
    }

    /// The exact times are gone for good; reverting leaves the days.
    func revert(on database: any Database) async throws {}
}
