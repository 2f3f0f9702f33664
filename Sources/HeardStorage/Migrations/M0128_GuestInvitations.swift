import Fluent
import SQLKit

/// Guests without a Heard account can be invited to an activity: an invitation has a user, or a guest's name
/// and e-mail address, with the hash of the token in the link they reply through. `user_id` becomes optional.
/// PostgreSQL alters the column; SQLite cannot, so there the table is built again in the new shape and the
/// rows copied across (nothing references invitations, so dropping the old table touches nothing else).
struct M0128_GuestInvitations: AsyncMigration {
    static let columns = ["id", "activity_id", "user_id", "status", "access_needs", "replied_at", "created_at"]
    static let guestColumns = ["guest_name", "guest_email", "guest_contact", "reply_token_hash"]

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        if sql.dialect.name == "sqlite" {
            try await Self.rebuildOnSQLite(database, userRequired: false, withGuests: true)
        } else {
            try await sql.raw("ALTER TABLE invitations ALTER COLUMN user_id DROP NOT NULL").run()
            try await database.schema(Invitation.schema)
                .field("guest_name", .string).field("guest_email", .string).field("guest_contact", .string)
                .field("reply_token_hash", .string)
                .update()
        }
        // A link finds one invitation; one guest address is invited once to an activity (NULLs never clash,
        // so invitations of account holders are not affected).
        try await sql.create(index: "invitations_reply_token_hash").unique().on(Invitation.schema)
            .column("reply_token_hash").run()
        try await sql.create(index: "invitations_activity_guest_email").unique().on(Invitation.schema)
            .column("activity_id").column("guest_email").run()
    }

    /// Guests' invitations go: the old shape has nowhere to keep them.
    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.drop(index: "invitations_activity_guest_email").run()
        try await sql.drop(index: "invitations_reply_token_hash").run()
        try await sql.raw("DELETE FROM invitations WHERE user_id IS NULL").run()
        if sql.dialect.name == "sqlite" {
            try await Self.rebuildOnSQLite(database, userRequired: true, withGuests: false)
        } else {
            try await database.schema(Invitation.schema)
                .deleteField("guest_name").deleteField("guest_email").deleteField("guest_contact")
                .deleteField("reply_token_hash")
                .update()
            try await sql.raw("ALTER TABLE invitations ALTER COLUMN user_id SET NOT NULL").run()
        }
    }

    /// Builds `invitations` again with `user_id` required or not, copying every row, in one transaction.
    private static func rebuildOnSQLite(
        _ database: any Database, userRequired: Bool, withGuests: Bool
    )
        async throws
    {
        try await database.writeTransaction { db in
            let sql = db as! any SQLDatabase
            let building = "invitations_rebuilt"
            var schema = db.schema(building)
                .id()
                .field("activity_id", .uuid, .required, .references(InvolvementActivity.schema, "id"))
            schema =
                userRequired
                ? schema.field("user_id", .uuid, .required, .references(User.schema, "id"))
                : schema.field("user_id", .uuid, .references(User.schema, "id"))
            schema = schema.field("status", .string, .required)
                .field("access_needs", .string, .required)
                .field("replied_at", .datetime)
                .field("created_at", .datetime)
            if withGuests {
                for column in guestColumns { schema = schema.field(.string(column), .string) }
            }
            // The name the constraint had, so the table reads as M0105 made it.
            try await schema.unique(
                on: "activity_id", "user_id", name: "uq:invitations.activity_id+invitations.user_id"
            ).create()
            let copied = columns.map { "\"\($0)\"" }.joined(separator: ", ")
            try await sql.raw(
                "INSERT INTO \(ident: building) (\(unsafeRaw: copied)) SELECT \(unsafeRaw: copied) FROM invitations"
            ).run()
            try await sql.raw("DROP TABLE invitations").run()
            try await sql.raw("ALTER TABLE \(ident: building) RENAME TO invitations").run()
        }
    }
}
