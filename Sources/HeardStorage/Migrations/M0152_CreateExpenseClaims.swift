import Fluent

/// Expense claims and their lines, for involved people after an activity, and the involvement payment an
/// activity offers (in pence; nil when it offers none, as every activity recorded before does).
struct M0152_CreateExpenseClaims: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(InvolvementActivity.schema).field("payment_pence", .int).update()
        try await database.schema(ExpenseClaim.schema)
            .id()
            .field("invitation_id", .uuid, .required, .references(Invitation.schema, "id"))
            .field("user_id", .uuid, .required, .references(User.schema, "id"))
            .field("status", .string, .required)
            .field("payment_pence", .int)
            .field("wants_payment", .bool)
            .field("total_pence", .int, .required)
            .field("decided_by_id", .uuid, .references(User.schema, "id"))
            .field("decided_at", .datetime)
            .field("rejection_reason", .string)
            .field("paid_on", .string)
            .field("created_at", .datetime)
            .create()
        try await database.schema(ExpenseClaimLine.schema)
            .id()
            .field("claim_id", .uuid, .required, .references(ExpenseClaim.schema, "id"))
            .field("position", .int, .required)
            .field("kind", .string, .required)
            .field("pence", .int, .required)
            .field("tenths_of_mile", .int)
            .field("note", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ExpenseClaimLine.schema).delete()
        try await database.schema(ExpenseClaim.schema).delete()
        try await database.schema(InvolvementActivity.schema).deleteField("payment_pence").update()
    }
}
