import Fluent
import Foundation
import HeardDomain
import HeardStorage

/// Feedback that suggests risk goes to people at once: an alert on the dashboard and an e-mail notice
/// to every active moderator and complaints handler.
enum UrgentAlerts {
    static let notifiedRoles: [Role] = [.moderator, .complaintsHandler]

    static func raise(for item: FeedbackItem, on db: any Database) async throws {
        try await UrgentAlert(feedbackID: item.id!, reasons: item.urgentReasons).create(on: db)
        let staff = try await User.query(on: db).filter(\.$role ~~ notifiedRoles).filter(\.$isActive == true).all()
        let service = try await Service.find(item.$service.id, on: db)
        for person in staff {
            // The notice names the reference, not what was written: e-mail is not the place for personal data.
            try await Notice(
                to: person.email, subject: "Urgent feedback needs attention: \(item.reference)",
                body: """
                    Feedback \(item.reference) about \(service?.name ?? "a service") may show a risk to someone's safety \
                    (\(item.urgentReasons.replacingOccurrences(of: ";", with: ", "))).

                    Please look at it now: sign in to Heard and open Urgent alerts on the dashboard.
                    """,
                kind: "urgent_alert", feedbackID: item.id
            ).create(on: db)
        }
    }
}
