import Fluent

/// How many voting members Heard counted present for the decision item, and the board's quorum then, kept when
/// it counted them at approval instead of the paper answering yes or no: the record then says "Yes (4 voting
/// members present; quorum 4)", not only "Yes". Empty for decisions approved before, and for those whose paper
/// answered the question.
struct M0137_DecisionQuorumCount: AsyncMigration {
    /// One column at a time: SQLite adds a single column for each `ALTER TABLE`.
    func prepare(on database: any Database) async throws {
        try await database.schema(Decision.schema).field("quorum_voting_present", .int).update()
        try await database.schema(Decision.schema).field("quorum_required", .int).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Decision.schema).deleteField("quorum_required").update()
        try await database.schema(Decision.schema).deleteField("quorum_voting_present").update()
    }
}
