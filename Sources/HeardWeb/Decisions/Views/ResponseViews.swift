import HeardDomain
import HeardStorage
import Vapor

enum ResponseViews {
    /// The survey's questions, the optional place and contact, and the optional equality monitoring. `byStaff`:
    /// staff typing in a paper response, so the hints speak of the respondent, not to them.
    static func surveyFields(
        questions: [SurveyQuestion], places: [Place], submission: ResponsesController.Submission, key: String,
        failure: ValidationFailure?, byStaff: Bool = false
    ) -> HTMLNode {
        .fragment([
            input(.type("hidden"), .name("submission_key"), .value(key)),
            input(
                .type("hidden"), .name(ResponsesController.surveyVersionField),
                .value(ResponsesController.surveyVersion(questions))),
            respondingAsFields(submission: submission, failure: failure, byStaff: byStaff),
            div(.id(FormComponents.fieldID("questions"))) {
                for (number, question) in questions.enumerated() {
                    questionField(question, number: number + 1, submission: submission, failure: failure)
                }
            },
            FormComponents.selectField(
                name: "place_id", label: "Where do you live? (optional)",
                choices: places.map { .init(value: $0.id!.uuidString, label: $0.name) },
                selected: submission.value("place_id"), failure: failure, prompt: "Not answered"),
            FormComponents.textField(
                name: "contact_email", label: "E-mail address (optional)", value: submission.value("contact_email"),
                failure: failure,
                hint: byStaff
                    ? "Only used to send them the outcome, then deleted. It is never published."
                    : "Only to send you the outcome, then deleted. It is never published.", type: "email",
                autocomplete: "email", required: false),
            p(.class("hint")) {
                a(.href(SiteURL.privacy + "#what-we-collect")) { "How we use your information (privacy notice)" }
            },
            equalityFields(submission: submission, failure: failure),
        ])
    }

    /// As an individual, or on behalf of an organisation or group (optional; an individual unless chosen), and
    /// the organisation's name. The name field is always shown, so the form works without JavaScript.
    static func respondingAsFields(
        submission: ResponsesController.Submission, failure: ValidationFailure?, byStaff: Bool
    ) -> HTMLNode {
        let chosen = submission.value("responding_as")
        return .fragment([
            DecisionForms.radios(
                name: "responding_as",
                legend: byStaff
                    ? "Is this response from an individual, or on behalf of an organisation or group?"
                    : "Are you responding as an individual, or on behalf of an organisation or group?",
                choices: [
                    .init(value: OnBehalfOf.individual, label: "As an individual"),
                    .init(value: OnBehalfOf.organisation, label: "On behalf of an organisation or group"),
                ],
                selected: chosen.isEmpty ? OnBehalfOf.individual : chosen, failure: failure,
                hint: "For example a patients' group, a carers' charity or a community group. Responses from "
                    + "organisations and groups are reported separately, with their names."),
            FormComponents.textField(
                name: "on_behalf_of", label: "Name of the organisation or group",
                value: submission.value("on_behalf_of"), failure: failure,
                hint: (byStaff
                    ? "Only if it is sent on behalf of an organisation or group. "
                    : "Only if you are responding on behalf of an organisation or group. ")
                    + "The name is published with the outcome, so do not include anyone's contact details. "
                    + "Up to \(OnBehalfOf.maxNameLength) characters.",
                required: false),
        ])
    }

    /// The optional equality monitoring questions, each with "Prefer not to say".
    static func equalityFields(submission: ResponsesController.Submission, failure: ValidationFailure?) -> HTMLNode {
        let hasError = failure?.errors.contains { $0.field.hasPrefix("eq-") } ?? false
        return HTMLNode.element(
            "details", [.class("details")] + (hasError ? [HTMLAttribute("open", nil)] : []),
            children: [
                summary(.class("details-summary")) { "Equality monitoring (optional)" },
                p {
                    "These questions help us check we heard from everyone. They are stored apart from your answers and only reported as totals, with small numbers hidden. "
                    a(.href(SiteURL.privacy + "#why")) { "Why we ask and how we keep your answers (privacy notice)" }
                },
            ]
                + EqualityQuestion.allCases.map { question in
                    FormComponents.selectField(
                        name: "eq-" + question.rawValue, label: question.question,
                        choices: question.options.map { .init(value: $0.0, label: $0.1) } + [
                            .init(value: EqualityQuestion.preferNotToSay, label: "Prefer not to say")
                        ], selected: submission.value("eq-" + question.rawValue), failure: failure,
                        prompt: "Not answered")
                })
    }

    static func questionField(
        _ question: SurveyQuestion, number: Int, submission: ResponsesController.Submission,
        failure: ValidationFailure?
    ) -> HTMLNode {
        let key = "q-" + question.id!.uuidString.lowercased()
        let label = "\(number). \(question.text)"
        switch question.kind {
        case .singleChoice:
            return DecisionForms.radios(
                name: key, legend: label, choices: question.choiceList.map { .init(value: $0, label: $0) },
                selected: submission.value(key), failure: failure)
        case .scale:
            return DecisionForms.radios(
                name: key, legend: label,
                choices: zip(ScaleLabels.values, ScaleLabels.labels(question.choiceList)).map {
                    .init(value: $0, label: $1)
                },
                selected: submission.value(key), failure: failure)
        case .multipleChoice:
            // The hint and the error are tied to the group (aria-describedby), the error shown beside the
            // question, and the first box carries the field's id so the error summary's link lands on it.
            let id = FormComponents.fieldID(key)
            return FormComponents.fieldset(
                id: id, legend: label, hint: "Select all that apply.", error: failure?.message(for: key),
                content: question.choiceList.enumerated().map { index, choice in
                    let boxID = index == 0 ? id : "\(key)-\(index)"
                    return div(.class("choice")) {
                        input(
                            [.type("checkbox"), .id(boxID), .name("\(key)-\(index)"), .value("on")]
                                + (submission.value("\(key)-\(index)") == "on" ? [.checked] : []))
                        HeardWeb.label(.for(boxID)) { choice }
                    }
                })
        case .ranking:
            let id = FormComponents.fieldID(key)
            let error = failure?.message(for: key)
            return FormComponents.fieldset(
                id: id, legend: label,
                hint: "Number them from 1 (most important) to \(question.choiceList.count).", error: error,
                content: question.choiceList.enumerated().map { index, choice in
                    let boxID = index == 0 ? id : "\(key)-\(index)"
                    return div(.class("choice")) {
                        HeardWeb.label(.for(boxID)) { choice }
                        input(
                            [
                                .type("text"), .id(boxID), .name("\(key)-\(index)"),
                                .value(submission.value("\(key)-\(index)")), .class("input input-short"),
                                HTMLAttribute("inputmode", "numeric"),
                            ] + (error != nil ? [.aria("invalid", "true")] : []))
                    }
                })
        case .preferredOption:
            return div {
                DecisionForms.radios(
                    name: key, legend: label, choices: question.choiceList.map { .init(value: $0, label: $0) },
                    selected: submission.value(key), failure: failure)
                FormComponents.textArea(
                    name: key + "-why", label: "Why do you prefer it?", value: submission.value(key + "-why"),
                    failure: failure, rows: 3)
            }
        case .freeText:
            return FormComponents.textArea(
                name: key, label: label, value: submission.value(key), failure: failure,
                hint: "Please do not include names or other personal details.")
        }
    }

    static func paperPage(
        _ request: Request, bundle: InitiativeBundle, places: [Place], submission: ResponsesController.Submission,
        key: String, failure: ValidationFailure?, notice: String?, closed: String? = nil
    ) -> String {
        let consultation = bundle.consultation!
        let heading = "Type in a paper response"
        return PageLayout.render(PageContext(request, title: heading, hasErrors: failure != nil)) {
            p {
                a(.class("back-link"), .href(DecisionURL.consultation(consultation.id!))) { "Back to the consultation" }
            }
            FormComponents.errorSummary(failure)
            if let notice { div(.class("notice"), .role("status")) { notice } }
            h1 { heading }
            p(.class("lead")) { consultation.title }
            if let closed {
                p { closed }
            } else {
                paperForm(
                    request, consultation: consultation, questions: bundle.questions, places: places,
                    submission: submission, key: key, failure: failure)
            }
        }
    }

    private static func paperForm(
        _ request: Request, consultation: Consultation, questions: [SurveyQuestion], places: [Place],
        submission: ResponsesController.Submission, key: String, failure: ValidationFailure?
    ) -> HTMLNode {
        HeardWeb.form(.action(DecisionURL.paper(consultation.id!)), .method("post"), .novalidate) {
            FormComponents.csrfField(request.csrfToken)
            FormComponents.textField(
                name: "received_on", label: "Date received", value: submission.value("received_on"),
                failure: failure,
                hint:
                    "The day the response reached you. Only responses received while the consultation was open are counted.",
                type: "date", width: "short")
            surveyFields(
                questions: questions, places: places, submission: submission, key: key, failure: failure,
                byStaff: true)
            FormComponents.submitButton("Save paper response")
        }
    }
}
