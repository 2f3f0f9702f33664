import HeardDomain
import HeardStorage
import Vapor

/// The survey builder's parts: the question's fields (the same for adding and changing one), the checker's
/// warnings, each question's Change / Move / Remove actions, and the page for changing a question.
enum SurveyQuestionViews {
    static func fields(_ input: QuestionInput, failure: ValidationFailure?) -> HTMLNode {
        .fragment([
            FormComponents.textArea(
                name: "text", label: "Question", value: input.text, failure: failure,
                hint: "Plain words, one thing at a time. The checker will flag wording problems.", rows: 2),
            FormComponents.selectField(
                name: "kind", label: "Kind of question",
                choices: QuestionKind.allCases.map { .init(value: $0.rawValue, label: $0.title) },
                selected: input.kind, failure: failure),
            FormComponents.textArea(
                name: "choices",
                label:
                    "Choices, one on each line (for choice, ranking and option questions; for a scale, what 1 and 5 mean)",
                value: input.choices, failure: failure, rows: 4),
        ])
    }

    static func warnings(_ warnings: [QuestionWarning]) -> HTMLNode {
        guard !warnings.isEmpty else { return .empty }
        return ul(.class("warning-list")) {
            for warning in warnings {
                li {
                    strong { warning.problem.title + ": " }
                    warning.explanation + " "
                    span(.class("hint")) { "Try: " + warning.hint }
                }
            }
        }
    }

    /// Change, Move up, Move down and Remove for question `number` of `count`: plain links and forms, no script.
    /// The first has no Move up and the last no Move down. Each names its question to a screen reader.
    static func actions(
        consultationID: UUID, question: SurveyQuestion, number: Int, count: Int, csrfToken: String
    ) -> HTMLNode {
        let which = " question \(number)"
        return ul(.class("question-actions")) {
            li {
                a(.href(DecisionURL.editQuestion(consultationID, question.id!))) {
                    "Change"
                    span(.class("visually-hidden")) { which }
                }
            }
            for (direction, shown) in [("up", number > 1), ("down", number < count)] {
                if shown {
                    li {
                        HeardWeb.form(
                            .action(DecisionURL.moveQuestion(consultationID, question.id!)), .method("post"),
                            .class("inline-form")
                        ) {
                            FormComponents.csrfField(csrfToken)
                            button(.type("submit"), .name("direction"), .value(direction), .class("link-button")) {
                                "Move \(direction)"
                                span(.class("visually-hidden")) { which }
                            }
                        }
                    }
                }
            }
            li {
                HeardWeb.form(
                    .action(DecisionURL.removeQuestion(consultationID, question.id!)), .method("post"),
                    .class("inline-form")
                ) {
                    FormComponents.csrfField(csrfToken)
                    button(.type("submit"), .class("link-button")) {
                        "Remove"
                        span(.class("visually-hidden")) { " the question \"\(question.text)\"" }
                    }
                }
            }
        }
    }

    /// The form for changing question `number`, filled in with `input` (the question, or what was typed).
    static func edit(
        _ request: Request, consultation: Consultation, question: SurveyQuestion, number: Int, input: QuestionInput,
        warnings: [QuestionWarning], failure: ValidationFailure?, version: String
    ) -> String {
        let heading = "Change question \(number)"
        let id = consultation.id!
        return PageLayout.render(PageContext(request, title: heading, hasErrors: failure != nil)) {
            p {
                a(.class("back-link"), .href(DecisionURL.consultation(id) + "#questions")) {
                    "Back to the consultation"
                }
            }
            FormComponents.errorSummary(failure)
            h1 { heading }
            p(.class("lead")) { "In the survey for \(consultation.title)." }
            if !warnings.isEmpty {
                // As the survey list shows them: suggestions, not errors.
                p { strong { "The checker's suggestions on the question as it is now:" } }
                SurveyQuestionViews.warnings(warnings)
            }
            HeardWeb.form(.action(DecisionURL.editQuestion(id, question.id!)), .method("post"), .novalidate) {
                FormComponents.csrfField(request.csrfToken)
                EditVersion.hiddenField(version)
                fields(input, failure: failure)
                FormComponents.submitButton("Save question")
            }
        }
    }
}
