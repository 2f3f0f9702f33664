import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Vapor

/// The question checker's glossary: Heard's built-in terms plus the local ones staff add here.
enum GlossaryController {
    static let path = "/staff/glossary"

    /// The checker with the built-in glossary and every local term (a local term replaces a built-in one).
    static func checker(on db: any Database) async throws -> QuestionChecker {
        let local = try await GlossaryTerm.query(on: db).sort(\.$term).all()
        let localTerms = Set(local.map { $0.term.lowercased() })
        let entries =
            QuestionChecker.defaultGlossary.filter { !localTerms.contains($0.term.lowercased()) }
            + local.map { GlossaryEntry(term: $0.term, plainWords: $0.plainWords) }
        return QuestionChecker(glossary: entries)
    }

    @Sendable static func index(_ request: Request) async throws -> Response {
        try await render(request, term: "", plain: "", failure: nil, status: .ok)
    }

    static func render(
        _ request: Request, term: String, plain: String, failure: ValidationFailure?, status: HTTPResponseStatus
    ) async throws -> Response {
        let local = try await GlossaryTerm.query(on: request.db).sort(\.$term).all()
        let page = PageLayout.render(PageContext(request, title: "Question glossary", hasErrors: failure != nil)) {
            FormComponents.errorSummary(failure)
            if let notice = Admin.takeFlash(request) { div(.class("notice"), .role("status")) { notice } }
            h1 { "Question glossary" }
            p(.class("lead")) {
                "The survey question checker flags these words and suggests plain ones instead. Add the jargon and abbreviations used locally."
            }
            DataTable.render(
                caption: "Local terms", headers: ["Term", "Say instead", "Action"],
                rows: local.map { entry in
                    [
                        .text(entry.term), .text(entry.plainWords),
                        HeardWeb.form(
                            .action(path + "/" + entry.id!.uuidString.lowercased() + "/delete"), .method("post"),
                            .class("inline-form")
                        ) {
                            FormComponents.csrfField(request.csrfToken)
                            button(.type("submit"), .class("link-button")) {
                                "Remove"; span(.class("visually-hidden")) { " " + entry.term }
                            }
                        },
                    ]
                })
            HeardWeb.form(.action(path), .method("post"), .novalidate, .class("panel")) {
                h2 { "Add a term" }
                FormComponents.csrfField(request.csrfToken)
                FormComponents.textField(
                    name: "term", label: "Term", value: term, failure: failure,
                    hint: "For example, \"UTC\" or \"hub\".",
                    width: "medium")
                FormComponents.textField(
                    name: "plain_words", label: "Plain words to use instead", value: plain, failure: failure)
                FormComponents.submitButton("Add term")
            }
            DataTable.render(
                caption: "Built-in terms", headers: ["Term", "Say instead"],
                rows: QuestionChecker.defaultGlossary.map { [.text($0.term), .text($0.plainWords)] })
        }
        return .html(page, status: status)
    }

    @Sendable static func add(_ request: Request) async throws -> Response {
        let term = Admin.text(request, "term").trimmingWhitespace()
        let plain = Admin.text(request, "plain_words").trimmingWhitespace()
        var errors: [FieldError] = []
        if term.isEmpty || term.count > 60 { errors.append(FieldError("term", "Enter the term, up to 60 characters.")) }
        if plain.isEmpty { errors.append(FieldError("plain_words", "Enter the plain words to use instead.")) }
        let exists = try await GlossaryTerm.query(on: request.db).all().contains {
            $0.term.lowercased() == term.lowercased()
        }
        if exists { errors.append(FieldError("term", "\(term) is already in the glossary.")) }
        guard errors.isEmpty else {
            return try await render(
                request, term: term, plain: plain, failure: ValidationFailure(errors), status: .unprocessableEntity)
        }
        let entry = GlossaryTerm(term: term, plainWords: plain)
        try await request.db.writeTransaction { db in
            try await entry.create(on: db)
            try await AuditLog.record(
                on: db, actor: Admin.actor(request), action: "glossary.added", objectType: "glossary_term",
                objectID: entry.id?.uuidString, summary: "Added \(term) to the question glossary",
                changes: [FieldChange("plain_words", from: nil, to: plain)])
        }
        Admin.flash(request, "Added \(term).")
        return request.redirect(to: path)
    }

    @Sendable static func remove(_ request: Request) async throws -> Response {
        guard let entry = try await GlossaryTerm.find(try Admin.uuidParameter(request), on: request.db) else {
            throw Abort(.notFound)
        }
        try await request.db.writeTransaction { db in
            try await entry.delete(on: db)
            try await AuditLog.record(
                on: db, actor: Admin.actor(request), action: "glossary.removed", objectType: "glossary_term",
                objectID: entry.id?.uuidString, summary: "Removed \(entry.term) from the question glossary",
                changes: [FieldChange("plain_words", from: entry.plainWords, to: nil)])
        }
        Admin.flash(request, "Removed \(entry.term).")
        return request.redirect(to: path)
    }
}
