import Fluent
import Foundation
import HeardDomain
import HeardStorage
import SQLKit
import Vapor

/// Putting a survey right before anyone answers it: changing a question (its wording, kind and choices) and
/// moving it up or down. Adding and removing one are in `ConsultationsController`; all four follow its
/// `questionsCanChange` rule and give its reasons in the same words.
enum SurveyQuestionsController {
    /// The question the address names, with its number in the survey (1 is asked first).
    struct Found {
        var consultation: Consultation
        var bundle: InitiativeBundle
        var question: SurveyQuestion
        var number: Int
    }

    /// A question of another survey, or none, is not found (404).
    static func find(_ request: Request) async throws -> Found {
        let (consultation, bundle) = try await ConsultationsController.load(request)
        guard let id = UUID(uuidString: request.parameters.get("question") ?? ""),
            let index = bundle.questions.firstIndex(where: { $0.id == id })
        else { throw Abort(.notFound) }
        return Found(consultation: consultation, bundle: bundle, question: bundle.questions[index], number: index + 1)
    }

    static func input(_ request: Request) -> QuestionInput {
        QuestionInput(
            text: Admin.text(request, "text"), kind: Admin.text(request, "kind"),
            choices: Admin.text(request, "choices"))
    }

    /// What the change form shows, for `EditVersion`.
    static func editable(_ question: SurveyQuestion?) -> [String?] {
        [question?.text, question?.kind.rawValue, question?.choices]
    }

    /// The change form, filled in with the question as it is.
    @Sendable static func edit(_ request: Request) async throws -> Response {
        let found = try await find(request)
        if let locked = ConsultationsController.questionsLocked(found.bundle, today: request.today, field: "questions")
        {
            return try await ConsultationsController.renderShow(
                request, bundle: found.bundle, failure: ValidationFailure([locked]), typed: [:], status: .conflict)
        }
        let question = found.question
        return try await render(
            request, found,
            input: QuestionInput(text: question.text, kind: question.kind.rawValue, choices: question.choices),
            failure: nil, version: EditVersion.of(editable(question)), status: .ok)
    }

    /// Saves a changed question, checked as a new one is, while nobody has answered the survey.
    @Sendable static func update(_ request: Request) async throws -> Response {
        let found: Found
        do {
            found = try await find(request)
        } catch let abort as Abort where abort.status == .notFound {
            // Removed by a colleague while this form was open: the words typed come back to copy, not a bare 404.
            return ExpiredFormPage.wordsKept(
                for: request, heading: "This question is no longer in the survey",
                lead:
                    "It was removed after you opened this form, so your changes were not saved. What you typed is below, to copy into a new question if you still need it.",
                status: .notFound, formLink: false)
        }
        let (consultation, question, number) = (found.consultation, found.question, found.number)
        let input = input(request)
        let sentVersion = EditVersion.sent(request) ?? EditVersion.of(editable(question))
        if let locked = ConsultationsController.questionsLocked(found.bundle, today: request.today) {
            // What was typed stays in the form, with the reason it cannot be saved.
            return try await render(
                request, found, input: input, failure: ValidationFailure([locked]), version: sentVersion,
                status: .conflict)
        }
        do {
            let valid = try input.validated()
            let before = QuestionWording(question)
            let after = QuestionWording(text: valid.text, kind: valid.kind, choices: valid.choices)
            guard before != after else {
                Admin.flash(request, "Question \(number) is unchanged: it already read like that.")
                return request.redirect(to: DecisionURL.consultation(consultation.id!) + "#questions")
            }
            let warnings = try await ConsultationsController.wordingWarnings(
                valid, consultation: consultation, on: request.db)
            let questionID = question.id!
            question.text = valid.text
            question.kind = valid.kind
            question.choices = valid.choices.joined(separator: "\n")
            try await request.db.writeTransaction { db in
                try await EditVersion.check(
                    sent: EditVersion.sent(request),
                    stored: { editable(try await SurveyQuestion.find(questionID, on: $0)) },
                    schema: SurveyQuestion.schema, id: questionID, objectType: "consultation",
                    auditID: consultation.id, noun: "question", on: db)
                try await question.save(on: db)
                try await AuditLog.record(
                    on: db, actor: Admin.actor(request), action: "consultation.question_changed",
                    objectType: "consultation", objectID: consultation.id?.uuidString,
                    summary: "Changed question \(number): \(before.changes(to: after))"
                        + ConsultationsController.auditedWarnings(warnings),
                    changes: before.fieldChanges(to: after))
            }
            Admin.flash(request, "Question \(number) changed." + ConsultationsController.checkerNotice(warnings))
            return request.redirect(to: DecisionURL.consultation(consultation.id!) + "#questions")
        } catch let failure as ValidationFailure {
            return try await render(
                request, found, input: input, failure: failure, version: sentVersion, status: .unprocessableEntity)
        } catch let stale as EditVersion.Stale {
            var now = found
            now.question = try await SurveyQuestion.find(question.id, on: request.db) ?? question
            return try await render(
                request, now, input: input, failure: ValidationFailure([FieldError("text", stale.message)]),
                version: EditVersion.of(editable(now.question)), status: .conflict)
        }
    }

    /// Swaps a question with the one before it (`direction=up`) or after it (`down`); the survey stays numbered
    /// 1 to n. The first has no "Move up" button and the last no "Move down": asked anyway, it is refused (409).
    @Sendable static func move(_ request: Request) async throws -> Response {
        let found = try await find(request)
        let consultationID = found.consultation.id!
        let direction = Admin.text(request, "direction")
        var problem: (FieldError, HTTPResponseStatus)? = nil
        if direction != "up" && direction != "down" {
            problem = (FieldError("questions", "Choose whether to move the question up or down."), .unprocessableEntity)
        } else if let locked = ConsultationsController.questionsLocked(
            found.bundle, today: request.today, field: "questions")
        {
            problem = (locked, .conflict)
        }
        if let (error, status) = problem {
            return try await ConsultationsController.renderShow(
                request, bundle: found.bundle, failure: ValidationFailure([error]), typed: [:], status: status)
        }
        let questionID = found.question.id!
        do {
            let (from, to) = try await request.db.writeTransaction { db -> (Int, Int) in
                // Holds the consultation's row until commit: two moves at once renumber one after the other,
                // never both from the same old order (which could leave two questions at one number).
                try await (db as! any SQLDatabase).raw(
                    "UPDATE \(ident: Consultation.schema) SET id = id WHERE id = \(bind: consultationID)"
                ).run()
                var order = try await SurveyQuestion.inOrder(of: consultationID, on: db)
                guard let index = order.firstIndex(where: { $0.id == questionID }) else { throw Abort(.notFound) }
                let target = direction == "up" ? index - 1 : index + 1
                guard order.indices.contains(target) else {
                    throw ValidationFailure([
                        FieldError(
                            "questions",
                            direction == "up"
                                ? "Question \(index + 1) is already the first question, so it cannot move up."
                                : "Question \(index + 1) is already the last question, so it cannot move down.")
                    ])
                }
                order.swapAt(index, target)
                for (place, question) in order.enumerated() where question.position != place + 1 {
                    question.position = place + 1
                    try await question.save(on: db)
                }
                try await AuditLog.record(
                    on: db, actor: Admin.actor(request), action: "consultation.question_moved",
                    objectType: "consultation", objectID: consultationID.uuidString,
                    summary: "Moved question \"\(order[target].text)\" \(direction) from \(index + 1) to \(target + 1)",
                    changes: [FieldChange("position", from: String(index + 1), to: String(target + 1))])
                return (index + 1, target + 1)
            }
            Admin.flash(request, "Question \(from) moved \(direction): it is now question \(to).")
            return request.redirect(to: DecisionURL.consultation(consultationID) + "#questions")
        } catch let failure as ValidationFailure {
            return try await ConsultationsController.renderShow(
                request, bundle: found.bundle, failure: failure, typed: [:], status: .conflict)
        }
    }

    static func render(
        _ request: Request, _ found: Found, input: QuestionInput, failure: ValidationFailure?, version: String,
        status: HTTPResponseStatus
    ) async throws -> Response {
        let question = found.question
        let warnings = try await GlossaryController.checker(on: request.db).check(
            question.text, kind: question.kind, optionsKnown: !found.consultation.options.isEmpty)
        return .html(
            SurveyQuestionViews.edit(
                request, consultation: found.consultation, question: question, number: found.number, input: input,
                warnings: warnings, failure: failure, version: version), status: status)
    }
}

/// What a question asks and how, compared before and after a change and described for the audit log.
struct QuestionWording: Equatable {
    var text: String
    var kind: QuestionKind
    var choices: [String]

    init(text: String, kind: QuestionKind, choices: [String]) {
        self.text = text
        self.kind = kind
        self.choices = choices
    }

    init(_ question: SurveyQuestion) {
        self.init(text: question.text, kind: question.kind, choices: question.choiceList)
    }

    /// `wording "How far?" → "How far do you travel?"; choices Bus; Car → Bus; Car; Walk`: only what changed.
    func changes(to after: QuestionWording) -> String {
        var parts: [String] = []
        if text != after.text { parts.append("wording \"\(text)\" → \"\(after.text)\"") }
        if kind != after.kind { parts.append("kind \(kind.title) → \(after.kind.title)") }
        if choices != after.choices {
            parts.append("choices \(Self.listed(choices)) → \(Self.listed(after.choices))")
        }
        // Said which question it is when its wording stayed the same.
        return (text == after.text ? "\"\(text)\", " : "") + parts.joined(separator: "; ")
    }

    func fieldChanges(to after: QuestionWording) -> [FieldChange] {
        [
            FieldChange("text", from: text, to: after.text),
            FieldChange("kind", from: kind.rawValue, to: after.kind.rawValue),
            FieldChange("choices", from: choices.joined(separator: "\n"), to: after.choices.joined(separator: "\n")),
        ]
    }

    static func listed(_ choices: [String]) -> String { choices.isEmpty ? "none" : choices.joined(separator: "; ") }
}
