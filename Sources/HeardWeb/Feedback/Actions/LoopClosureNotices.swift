import Fluent
import Foundation
import HeardDomain
import HeardStorage

/// When an action is done or found not possible, everyone whose feedback it answers and who left an
/// e-mail address is told, once per person per action. Written to the outbox in the same transaction.
enum LoopClosureNotices {
    /// Returns how many people will be told.
    @discardableResult
    /// `only`, when given, limits it to those items (feedback linked to an action already closed).
    /// `publicURL`: the site's public address, for the link to "You said, we did" (none when empty).
    static func queue(
        for action: ActionItem, on db: any Database, now: Date, only: Set<UUID>? = nil, publicURL: String = ""
    ) async throws -> Int {
        let links = try await ActionFeedbackLink.query(on: db).filter(\.$action.$id == action.id!).with(\.$feedback)
            .all().filter { only?.contains($0.$feedback.id) ?? true }
        var told = Set<String>()
        var queued = 0
        if only != nil {
            // Adding feedback to a closed action: whoever was told of this outcome already is not told twice.
            let kind = action.status == .done ? "we_did" : "not_possible"
            told = Set(
                try await Notice.query(on: db).filter(\.$actionID == action.id!).filter(\.$kind == kind).all()
                    .map(\.toAddress))
        }
        for link in links {
            let item = link.feedback
            if item.weDidAt == nil {
                item.weDidAt = now
                try await item.save(on: db)
            }
            guard let email = item.contactEmail, !told.contains(email) else { continue }
            told.insert(email)
            queued += 1
            let done = action.status == .done
            let body = """
                Thank you for your feedback (reference \(item.reference)).

                What people told us: \(action.youSaid)

                \(done ? "What we did: \(action.title).\n\(action.outcome)" : "What we looked at: \(action.title).\nWhy we could not do it: \(action.outcome)")

                \(done ? "" : "We are sorry this change was not possible. We wanted you to know why.\n")
                You can see what changed because of feedback on our "You said, we did" page\(publicURL.isEmpty ? "." : ": " + publicURL + SiteURL.youSaidWeDid)
                """
            try await Notice(
                to: email, subject: done ? "You said, we did: \(action.title)" : "About your feedback: \(action.title)",
                body: body, kind: done ? "we_did" : "not_possible", feedbackID: item.id, actionID: action.id
            ).create(on: db)
        }
        return queued
    }

    /// An action re-opened no longer answers its feedback: each item it answered counts as answered only while
    /// another of its actions is still closed.
    static func withdraw(for action: ActionItem, on db: any Database) async throws {
        let links = try await ActionFeedbackLink.query(on: db).filter(\.$action.$id == action.id!).with(\.$feedback)
            .all()
        for link in links where link.feedback.weDidAt != nil {
            let stillAnswered = try await ActionFeedbackLink.query(on: db)
                .filter(\.$feedback.$id == link.feedback.id!).filter(\.$action.$id != action.id!)
                .join(ActionItem.self, on: \ActionFeedbackLink.$action.$id == \ActionItem.$id)
                .filter(ActionItem.self, \.$status ~~ ActionStatus.allCases.filter(\.isClosed))
                .count()
            if stillAnswered == 0 {
                link.feedback.weDidAt = nil
                try await link.feedback.save(on: db)
            }
        }
    }
}
