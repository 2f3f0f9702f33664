import Crypto
import Fluent
import Foundation
import HeardStorage
import SQLKit
import Vapor

/// Two people editing one record must not silently undo each other's work (several app instances make this
/// likelier, not rarer). An edit form carries a fingerprint of the values it was opened with; the save locks
/// the row, fingerprints the values stored now, and refuses with 409 when they differ, naming who changed them.
/// The person's typed values come back in the form, and the form then carries the new fingerprint, so saving
/// again is a decision made knowing about the other change.
enum EditVersion {
    static let fieldName = "edit_version"

    /// A short fingerprint of the stored values an edit form shows, in a fixed order.
    static func of(_ values: [String?]) -> String {
        var text = ""
        for value in values {
            // Nil and "" differ, and no value can run into the next.
            text += value.map { "+" + $0.replacingOccurrences(of: "\u{1F}", with: "\u{1F}\u{1F}") } ?? "-"
            text += "\u{1F}"
        }
        return SHA256.hash(data: Data(text.utf8)).prefix(12).map { String(format: "%02x", $0) }.joined()
    }

    static func hiddenField(_ version: String) -> HTMLNode {
        input(.type("hidden"), .name(fieldName), .value(version))
    }

    /// The fingerprint the form was opened with; nil when it sent none (a script posting its own form).
    static func sent(_ request: Request) -> String? {
        let text = (try? request.content.get(String.self, at: fieldName))?.trimmingWhitespace() ?? ""
        return text.isEmpty ? nil : text
    }

    /// Someone else saved the record after this form was opened.
    struct Stale: Error {
        /// "Chloe Wright", or "Someone" when the audit log does not say.
        var changedBy: String
        /// " on 5 December 2026 at 14:32", or "".
        var changedWhen: String
        var noun: String

        /// For an edit form shown again with the person's typed values.
        var message: String {
            "\(changedBy) changed this \(noun)\(changedWhen), after you opened it, so your changes were not saved. They are still in the form: check the \(noun) as it is now (open it in another tab), then save again to replace it with what you see here."
        }

        /// For an approval: what is approved must be what the approver read.
        var approvalMessage: String {
            "\(changedBy) changed this \(noun)\(changedWhen), after you opened it, so it was not approved. Read it again as it is now, below, and approve it if it is right."
        }
    }

    /// In `db`'s transaction: takes the row's write lock (held until commit, so a second save waits for this
    /// one), then throws `Stale` if the values stored now are not those the form was opened with.
    /// `auditID`: the id its changes are audited under, when that is not the row's own (an equality impact
    /// assessment is audited under its initiative).
    static func check(
        sent: String?, stored: @Sendable (any Database) async throws -> [String?], schema: String, id: UUID,
        objectType: String, auditID: UUID? = nil, noun: String, on db: any Database
    ) async throws {
        guard let sent else { return }
        try await (db as! any SQLDatabase).raw("UPDATE \(ident: schema) SET id = id WHERE id = \(bind: id)").run()
        guard try await of(stored(db)) != sent else { return }
        let last = try await AuditEvent.query(on: db).filter(\.$objectType == objectType)
            .filter(\.$objectID == (auditID ?? id).uuidString).sort(\.$occurredAt, .descending).first()
        var who = "Someone"
        if let actorID = last?.actorID, let user = try await User.find(actorID, on: db) {
            who = user.displayName
        } else if let label = last?.actorLabel, !label.isEmpty {
            who = label
        }
        let when = last.map { " on " + $0.occurredAt.formatted(AuditPage.dateFormat) } ?? ""
        throw Stale(changedBy: who, changedWhen: when, noun: noun)
    }
}
