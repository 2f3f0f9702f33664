import Fluent
import Foundation
import HeardDomain

/// The day each theme's response in the decision paper was last changed, so approval can tell whether the
/// meeting considered it as recorded (Gunning G4). Responses recorded before this migration get the day of the
/// latest "answered theme" entry the audit log holds for them; with none, the day stays empty and is not checked.
struct M0130_ThemeResponseDates: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ConsultationTheme.schema).field("responded_on", .string).update()
        try await Self.backfill(on: database)
    }

    static func backfill(on database: any Database) async throws {
        // Only the columns this migration knows: a later one may add others the table does not have yet.
        let answered = try await ConsultationTheme.query(on: database).filter(\.$responseKind != nil)
            .filter(\.$respondedOn == nil).field(\.$id).field(\.$consultation.$id).field(\.$name).all()
        for theme in answered {
            // The audit summary is "Answered theme <name>: <response>", on the consultation.
            let entries = try await AuditEvent.query(on: database).filter(\.$objectType == "consultation")
                .filter(\.$objectID == theme.$consultation.id.uuidString)
                .filter(\.$action == "consultation.theme_answered").sort(\.$occurredAt, .descending).all()
            guard let latest = entries.first(where: { $0.summary.hasPrefix("Answered theme \(theme.name): ") })
            else { continue }
            try await ConsultationTheme.query(on: database).filter(\.$id == theme.id!)
                .set(\.$respondedOn, to: SimpleDate.ukDay(of: latest.occurredAt).iso).update()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ConsultationTheme.schema).deleteField("responded_on").update()
    }
}
