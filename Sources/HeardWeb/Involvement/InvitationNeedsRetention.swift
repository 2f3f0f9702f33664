import Fluent
import HeardDomain
import HeardStorage

/// What an invited person said they need to take part (step-free access, an interpreter, a quiet room) can be
/// about their health, and is asked only to make the arrangements: it is cleared the day after the activity, as a
/// public sign-up's details are (`EventSignups.anonymiseEnded`). The reply itself (coming or not) stays, for
/// "what changed after you took part".
enum InvitationNeedsRetention {
    /// Clears the needs of invitations to activities held before `today`; returns how many were cleared.
    @discardableResult
    static func clearEnded(today: SimpleDate, on db: any Database) async throws -> Int {
        let ended = try await InvolvementActivity.query(on: db).filter(\.$heldOn < today.iso).field(\.$id).all()
            .compactMap(\.id)
        guard !ended.isEmpty else { return 0 }
        let holding = try await Invitation.query(on: db).filter(\.$activity.$id ~~ ended)
            .filter(\.$accessNeeds != "").count()
        guard holding > 0 else { return 0 }
        try await Invitation.query(on: db).filter(\.$activity.$id ~~ ended).filter(\.$accessNeeds != "")
            .set(\.$accessNeeds, to: "").update()
        return holding
    }
}
