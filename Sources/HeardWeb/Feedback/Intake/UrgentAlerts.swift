import Fluent
import Foundation
import HeardDomain
import HeardStorage

/// Feedback that suggests risk goes to people at once: an alert on the dashboard and an e-mail notice
/// to every active moderator and complaints handler.
enum UrgentAlerts {
    static let notifiedRoles: [Role] = [.moderator, .complaintsHandler]

    /// `siteURL`: the site's public address, for the link to the alerts page (none when empty).
    static func raise(for item: FeedbackItem, siteURL: String, on db: any Database) async throws {
        try await raise(
            feedbackID: item.id!, reference: item.reference, serviceID: item.$service.id, reasons: item.urgentReasons,
            siteURL: siteURL, on: db)
    }

    static func raise(for item: NewFeedback, siteURL: String, on db: any Database) async throws {
        try await raise(
            feedbackID: item.id, reference: item.reference, serviceID: item.serviceID, reasons: item.urgentReasons,
            siteURL: siteURL, on: db)
    }

    private static func raise(
        feedbackID: UUID, reference: String, serviceID: UUID, reasons: String, siteURL: String, on db: any Database
    ) async throws {
        try await UrgentAlert(feedbackID: feedbackID, reasons: reasons).create(on: db)
        let staff = try await User.query(on: db).filter(\.$role ~~ notifiedRoles).filter(\.$isActive == true).all()
        let service = try await Service.find(serviceID, on: db)
        for person in staff {
            // The notice names the reference, not what was written: e-mail is not the place for personal data.
            try await Notice(
                to: person.email, subject: "Urgent feedback needs attention: \(reference)",
                body: """
                    Feedback \(reference) about \(service?.name ?? "a service") may show a risk to someone's safety \
                    (\(reasons.replacingOccurrences(of: ";", with: ", "))).

                    Please look at it now: \(siteURL.isEmpty ? "sign in to Heard and open Urgent alerts on the dashboard." : "sign in to Heard and open Urgent alerts, " + siteURL + SiteURL.alerts)
                    """,
                kind: "urgent_alert", feedbackID: feedbackID
            ).create(on: db)
        }
    }
}
