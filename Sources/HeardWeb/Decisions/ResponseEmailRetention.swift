import Fluent
import Foundation
import HeardDomain
import HeardStorage

/// Someone who responds to a consultation gives an e-mail address "only to send you the outcome". Once the
/// outcome e-mail to that address has been sent, the response no longer needs it: it is cleared. The outbox
/// keeps its own copy of the address for an e-mail still waiting or failed, so at the latest the response's is
/// cleared `latest` after the outcome was published, sent or not.
enum ResponseEmailRetention {
    /// How long after the outcome is published a response keeps its address, whatever became of the e-mail.
    static let latest: TimeInterval = 30 * 24 * 60 * 60

    /// Clears the addresses no longer needed; returns how many responses lost theirs.
    @discardableResult
    static func clearSent(now: Date, on db: any Database) async throws -> Int {
        let published = try await Consultation.query(on: db).filter(\.$analysisPublishedAt != nil).all()
        var cleared = 0
        for consultation in published {
            guard let id = consultation.id, let publishedAt = consultation.analysisPublishedAt else { continue }
            let holding = try await SurveyResponse.query(on: db).filter(\.$consultation.$id == id)
                .filter(\.$contactEmail != nil).all()
            guard !holding.isEmpty else { continue }
            let pastLatest = now.timeIntervalSince(publishedAt) >= latest
            let sentTo =
                pastLatest
                ? []
                : Set(
                    try await Notice.query(on: db).filter(\.$kind == "consultation_outcome")
                        .filter(\.$consultationID == id).filter(\.$status == .sent).all()
                        .map { EmailAddress.normalised($0.toAddress) })
            for response in holding {
                guard let email = response.contactEmail,
                    pastLatest || sentTo.contains(EmailAddress.normalised(email))
                else { continue }
                response.contactEmail = nil
                try await response.update(on: db)
                cleared += 1
            }
        }
        return cleared
    }
}
