import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Vapor

/// After publication: a moderator takes a story down (the person withdrew consent, personal data slipped
/// through) or changes the text that is shown. Both are audited with who, when and why; neither writes the
/// text being removed into the audit log.
enum PublishedStoryController {
    @Sendable static func withdraw(_ request: Request) async throws -> Response {
        let item = try await ModerationController.find(request)
        let reason = Admin.text(request, "withdrawal_reason").trimmingWhitespace()
        let change = PublishedStoryChange.withdraw(reason: reason)
        if let refused = try await refusal(request, item: item, change: change, typed: .init(withdrawalReason: reason))
        {
            return refused
        }
        let user = request.currentUser!
        item.withdrawnAt = Date()
        item.withdrawnByID = user.id
        item.withdrawalReason = reason
        // The text that was public goes with it; the person's own words stay for staff, as for private feedback.
        item.publishedText = nil
        let saved = try await save(request, item, to: .withdrawn) { db in
            try await AuditLog.record(
                on: db, actor: Admin.actor(request), action: "feedback.withdrawn", objectType: "feedback",
                objectID: item.id?.uuidString, summary: "Withdrawn from publication: \(item.reference)",
                changes: [
                    FieldChange(
                        "status", from: FeedbackStatus.published.rawValue, to: FeedbackStatus.withdrawn.rawValue),
                    FieldChange("reason", from: nil, to: reason),
                ])
        }
        guard saved else { return try await changedMeanwhile(request) }
        Admin.flash(
            request,
            "\(item.reference) is withdrawn from publication. It and its replies are no longer on the stories pages, "
                + "the API or the open data.")
        return request.redirect(to: SiteURL.moderate(item.id!))
    }

    @Sendable static func edit(_ request: Request) async throws -> Response {
        let item = try await ModerationController.find(request)
        let text = Admin.text(request, "published_text").trimmingWhitespace()
        let reason = Admin.text(request, "edit_reason").trimmingWhitespace()
        let change = PublishedStoryChange.edit(publishedText: text, reason: reason)
        if let refused = try await refusal(
            request, item: item, change: change, typed: .init(publishedText: text, editReason: reason))
        {
            return refused
        }
        item.publishedText = text
        let saved = try await save(request, item, to: .published) { db in
            try await AuditLog.record(
                on: db, actor: Admin.actor(request), action: "feedback.published_text_edited", objectType: "feedback",
                objectID: item.id?.uuidString, summary: "Published text edited: \(item.reference)",
                changes: [
                    // The new text is public anyway; the old one may hold the personal data being removed.
                    FieldChange("published_text", from: "(earlier text, not kept in the log)", to: text),
                    FieldChange("reason", from: nil, to: reason),
                ])
        }
        guard saved else { return try await changedMeanwhile(request) }
        Admin.flash(request, "The published text of \(item.reference) is changed.")
        return request.redirect(to: SiteURL.moderate(item.id!))
    }

    /// A refused change: the item page again with what was typed (422), or 409 when the story is no longer
    /// published.
    static func refusal(
        _ request: Request, item: FeedbackItem, change: PublishedStoryChange, typed: ModerationPages.PublishedForms
    ) async throws -> Response? {
        let engine = request.listeningEngine
        let reason: String
        let text: String
        switch change {
        case .withdraw(let typedReason): (reason, text) = (typedReason, "")
        case .edit(let typedText, let typedReason): (reason, text) = (typedReason, typedText)
        }
        let outcome = change.outcome(
            currentStatus: item.status, currentText: item.publishedText,
            personalDataInReason: engine.personalDataFound(in: reason),
            personalDataInPublishedText: engine.personalDataFound(in: text, suggestingPlaceholder: true))
        guard case .failure(let refusal) = outcome else { return nil }
        if case .notPublished = refusal {
            return try await ModerationController.notPublished(request, item: item)
        }
        let reasonField = if case .withdraw = change { "withdrawal_reason" } else { "edit_reason" }
        let field: String =
            switch refusal {
            case .reasonNeeded, .personalDataInReason: reasonField
            default: "published_text"
            }
        return try await ModerationController.render(
            request, item: item, failure: ValidationFailure([FieldError(field, refusal.description)]),
            published: typed, status: .unprocessableEntity)
    }

    /// Saves `item` with its new status if it is still published, and says whether it was: of two moderators
    /// changing it at once, the second finds it changed and nothing of theirs is saved.
    static func save(
        _ request: Request, _ item: FeedbackItem, to status: FeedbackStatus,
        audit: @escaping @Sendable (any Database) async throws -> Void
    ) async throws -> Bool {
        do {
            try await request.db.writeTransaction { db in
                guard
                    try await ConditionalUpdate.set(
                        FeedbackItem.schema, id: item.id!, column: "status", from: FeedbackStatus.published.rawValue,
                        to: status.rawValue, on: db)
                else { throw ModerationController.DecidedMeanwhile() }
                item.status = status
                try await item.save(on: db)
                try await audit(db)
            }
            return true
        } catch is ModerationController.DecidedMeanwhile {
            return false
        }
    }

    static func changedMeanwhile(_ request: Request) async throws -> Response {
        try await ModerationController.notPublished(request, item: try await ModerationController.find(request))
    }
}
