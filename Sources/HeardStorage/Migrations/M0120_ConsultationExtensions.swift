import Fluent

/// The latest extension of a consultation's closing date, published with it: the date it was to close on, and
/// why people were given longer (the audit log keeps every extension).
struct M0120_ConsultationExtensions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per ALTER: SQLite adds columns one at a time.
        for column in ["extended_from", "extension_reason"] {
            try await database.schema(Consultation.schema).field(FieldKey(stringLiteral: column), .string).update()
        }
    }

    func revert(on database: any Database) async throws {
        for column in ["extended_from", "extension_reason"] {
            try await database.schema(Consultation.schema).deleteField(FieldKey(stringLiteral: column)).update()
        }
    }
}
