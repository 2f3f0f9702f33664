import Fluent
import Foundation
import HeardStorage
import Vapor

enum AlertsController {
    @Sendable static func acknowledge(_ request: Request) async throws -> Response {
        guard let alert = try await UrgentAlert.find(try Admin.uuidParameter(request), on: request.db) else {
            throw Abort(.notFound)
        }
        if alert.acknowledgedAt == nil {
            let reference = try await FeedbackItem.find(alert.$feedback.id, on: request.db)?.reference ?? "feedback"
            let actor = Admin.actor(request)
            let userID = request.currentUser?.id
            let now = Date()
            // Two handlers pressing at once: the first is recorded as taking it; the second sees who did.
            try await request.db.writeTransaction { db in
                try await db.lockRow(in: UrgentAlert.schema, id: alert.id!)
                guard let current = try await UrgentAlert.find(alert.id, on: db), current.acknowledgedAt == nil
                else { return }
                current.acknowledgedAt = now
                current.acknowledgedByID = userID
                try await current.save(on: db)
                try await AuditLog.record(
                    on: db, actor: actor, action: "alert.acknowledged", objectType: "feedback",
                    objectID: alert.$feedback.id.uuidString, summary: "Took the urgent alert on \(reference) in hand")
            }
        }
        return request.redirect(to: SiteURL.feedback(alert.$feedback.id))
    }
}
