import Fluent
import SQLKit

struct M0004_CreateSignInAttempts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SignInAttempt.schema)
            .id()
            .field("email", .string, .required)
            .field("ip_address", .string, .required)
            .field("succeeded", .bool, .required)
            .field("attempted_at", .datetime, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX sign_in_attempts_email ON sign_in_attempts (email, attempted_at)").run()
        try await sql.raw("CREATE INDEX sign_in_attempts_ip ON sign_in_attempts (ip_address, attempted_at)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SignInAttempt.schema).delete()
    }
}
