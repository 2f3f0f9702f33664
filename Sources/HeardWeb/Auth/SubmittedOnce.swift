import Fluent
import HeardStorage
import Vapor

/// Staff forms that create something make it once per filling-in (see `FormSubmission`): the form carries a key,
/// the save records it in the same transaction as what it makes, and a second sending of that key (a double
/// click, a resend, a refreshed result page, the same form posted to two instances at once) is taken back to
/// what the first made.
enum SubmittedOnce {
    static let fieldName = "submission_key"

    /// `key`: `Request.newSubmissionKey`, new for each page shown.
    static func hiddenField(_ key: String) -> HTMLNode {
        input(.type("hidden"), .name(fieldName), .value(key))
    }

    /// A field with a new key, for a page that is never kept in the public cache (staff and signed-in pages).
    static func freshHiddenField() -> HTMLNode {
        hiddenField(Request.randomSubmissionKey())
    }

    /// The key the form was sent with; nil when it sent none (a script posting its own form) or a malformed one.
    static func key(_ request: Request) -> String? {
        guard let text = try? request.content.get(String.self, at: fieldName), (8...64).contains(text.count),
            text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        else { return nil }
        return text
    }

    /// Where what the first sending of `key` made can be seen, if it was sent before.
    static func earlier(_ key: String?, on db: any Database) async throws -> String? {
        guard let key else { return nil }
        return try await FormSubmission.query(on: db).filter(\.$key == key).first()?.resultPath
    }

    /// Records `key` in the transaction that makes the thing at `resultPath`. A second sending at the same
    /// moment waits on the key's unique index and then fails, so its transaction makes nothing.
    static func record(_ key: String?, resultPath: String, on db: any Database) async throws {
        guard let key else { return }
        try await FormSubmission(key: key, resultPath: resultPath).create(on: db)
    }

    /// The answer to a repeat: what the first sending made, and why nothing new appeared.
    static func repeated(_ request: Request, resultPath: String) -> Response {
        Admin.flash(request, "That form had already been sent, so nothing new was made. This is what it made.")
        return request.redirect(to: resultPath)
    }

    /// Runs `save` once per filling-in: a form sent before is taken to what it made, and one sent at the same
    /// moment as the copy that won gets the same answer. `save` records `key` (with `record`) in the transaction
    /// that makes the thing.
    static func once(
        _ request: Request, key: String?, _ save: () async throws -> Response
    ) async throws -> Response {
        if let path = try await earlier(key, on: request.db) { return repeated(request, resultPath: path) }
        do {
            return try await save()
        } catch {
            if let response = try await repeatedAfterClash(request, key: key, error: error) { return response }
            throw error
        }
    }

    /// For a failed save: the repeat's answer when the failure was this key already being stored (a sending at
    /// the same moment won), else nil and the caller rethrows.
    static func repeatedAfterClash(_ request: Request, key: String?, error: any Error) async throws -> Response? {
        guard Admin.isUniqueViolation(error), let path = try await earlier(key, on: request.db) else { return nil }
        return repeated(request, resultPath: path)
    }
}
