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
            alert.acknowledgedAt = Date()
            alert.acknowledgedByID = request.currentUser?.id
            try await request.db.writeTransaction { db in
                try await alert.save(on: db)
                try await AuditLog.record(
                    on: db, actor: Admin.actor(request), action: "alert.acknowledged", objectType: "feedback",
                    objectID: alert.$feedback.id.uuidString, summary: "Took an urgent alert in hand")
            }
        }
        return request.redirect(to: SiteURL.feedback(alert.$feedback.id))
    }
}
