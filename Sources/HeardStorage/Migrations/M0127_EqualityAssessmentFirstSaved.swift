import Fluent
import Foundation
import HeardDomain

/// The day each equality impact assessment was first saved, so approval can tell whether it was in the
/// consultation pack before the consultation opened (Gunning G2). Assessments saved before this migration get
/// the day of the first save the audit log recorded for their initiative; with none recorded it stays empty, and
/// only whether an assessment exists is checked, as before.
struct M0127_EqualityAssessmentFirstSaved: AsyncMigration {
    static let saveActions = ["eia.saved", "eia.signed_off", "eia.reviewed"]

    func prepare(on database: any Database) async throws {
        try await database.schema(EqualityAssessment.schema).field("first_saved_on", .string).update()
        try await Self.backfill(on: database)
    }

    /// Gives each assessment without a first-save day the earliest one in the audit log.
    static func backfill(on database: any Database) async throws {
        let assessments = try await EqualityAssessment.query(on: database).filter(\.$firstSavedOn == nil)
            .field(\.$id).field(\.$initiative.$id).all()
        for assessment in assessments {
            guard
                let first = try await AuditEvent.query(on: database).filter(\.$objectType == "initiative")
                    .filter(\.$objectID == assessment.$initiative.id.uuidString)
                    .filter(\.$action ~~ Self.saveActions).sort(\.$occurredAt).first()
            else { continue }
            try await EqualityAssessment.query(on: database).filter(\.$id == assessment.id!)
                .set(\.$firstSavedOn, to: SimpleDate.ukDay(of: first.occurredAt).iso).update()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(EqualityAssessment.schema).deleteField("first_saved_on").update()
    }
}
