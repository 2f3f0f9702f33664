import Fluent
import Foundation
import Vapor

/// What a staff list's filters asked for and could not use, in words for the notice above the list, as the
/// feedback list and the work queues show it (HTTP 200: the list is an answer, "nothing matches").
///
/// A value that names nothing (a status, role or place from an old link or a typed address) makes the list
/// match nothing, rather than quietly widening it to everything. A date typed wrongly is a form error instead
/// (`Admin.date`, HTTP 422, on its field).
struct FilterProblems {
    /// Each problem as a sentence saying what to do.
    private(set) var sentences: [String] = []

    var isEmpty: Bool { sentences.isEmpty }

    /// `text` read as one of a filter's choices: nil when it is empty, and nil with the problem noted when it
    /// names nothing (`what` is the filter's name in words: "status", "role", "place").
    mutating func choice<Value>(_ text: String, _ what: String, _ read: (String) -> Value?) -> Value? {
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty else { return nil }
        guard let value = read(trimmed) else {
            unknown(what, trimmed)
            return nil
        }
        return value
    }

    /// `text` looked up as one of a filter's choices (a place by its slug, a service by its id), as `choice`.
    mutating func lookUp<Value>(
        _ text: String, _ what: String, _ find: (String) async throws -> Value?
    ) async throws -> Value? {
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty else { return nil }
        guard let value = try await find(trimmed) else {
            unknown(what, trimmed)
            return nil
        }
        return value
    }

    /// Notes that `text` names no `what`: "There is no status "bogus", so nothing matches: choose one from the
    /// list."
    mutating func unknown(_ what: String, _ text: String) {
        sentences.append(
            "There is no \(what) \"\(String(text.prefix(60)))\", so nothing matches: choose one from the list.")
    }

    /// Notes a problem that is not an unknown choice, in a sentence saying what to do.
    mutating func append(_ sentence: String) {
        sentences.append(sentence)
    }

    /// `query` matching nothing when a filter could not be used.
    func narrowing<Model: FluentKit.Model>(_ query: QueryBuilder<Model>) -> QueryBuilder<Model>
    where Model.IDValue == UUID {
        isEmpty ? query : query.filter(\._$id == UUID())
    }

    /// The notice for the top of the list: these problems, or else any message kept for this page.
    func notice(_ request: Request) -> String? {
        isEmpty ? Admin.takeFlash(request) : sentences.joined(separator: " ")
    }
}
