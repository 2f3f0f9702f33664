import Fluent
import Foundation
import HeardDomain
import HeardStorage
import HeardText
import Vapor

/// Answers to a consultation's survey, online from the public page or typed in from paper by staff.
enum ResponsesController {
    /// What was typed, kept to re-show the form on error.
    struct Submission {
        var fields: [String: String]

        func value(_ name: String) -> String { fields[name] ?? "" }
    }

    /// Checks a submission against the survey and returns the answers to store, or every problem found.
    static func validate(
        _ submission: Submission, questions: [SurveyQuestion], places: [Place]
    ) throws(ValidationFailure) -> (
        answers: [String: String], freeText: String, placeID: UUID?, email: String?, equality: [String: String],
        onBehalfOf: String?
    ) {
        var errors: [FieldError] = []
        let sentVersion = submission.value(surveyVersionField)
        if !sentVersion.isEmpty && sentVersion != surveyVersion(questions) {
            // Staff may correct a survey until the first answer arrives: an answer typed under the old wording
            // must not be stored as if it answered the new one.
            errors.append(
                FieldError(
                    "questions",
                    "The questions were changed while you were answering. Your answers are still below: check each one against the question as it reads now, then send them again."
                ))
        }
        let known = Set(questions.map { $0.id!.uuidString.lowercased() })
        for key in submission.fields.keys where key.hasPrefix("q-") {
            let id = String(key.dropFirst(2).prefix(36)).lowercased()
            if !known.contains(id) {
                errors.append(
                    FieldError(
                        "questions",
                        "One of the answers is for a question that is not in this survey. Reload the page and try again."
                    ))
                break
            }
        }
        if questions.isEmpty {
            errors.append(FieldError("questions", "This survey has no questions yet, so there is nothing to answer."))
        }
        var answers: [String: String] = [:]
        var freeText: [String] = []
        for question in questions {
            let key = "q-" + question.id!.uuidString.lowercased()
            let choices = question.choiceList
            switch question.kind {
            case .singleChoice, .scale:
                let value = submission.value(key)
                let allowed = question.kind == .scale ? ScaleLabels.values : choices
                if !value.isEmpty {
                    if allowed.contains(value) {
                        answers[question.id!.uuidString] = value
                    } else {
                        errors.append(FieldError(key, "Choose one of the answers given for \"\(question.text)\"."))
                    }
                }
            case .multipleChoice:
                let picked = choices.indices.filter { submission.value("\(key)-\($0)") == "on" }.map { choices[$0] }
                if picked.count > 1, let none = picked.first(where: Self.meansNone) {
                    errors.append(
                        FieldError(
                            key, "\"\(none)\" cannot be ticked with other answers in \"\(question.text)\": untick one.")
                    )
                } else if !picked.isEmpty {
                    answers[question.id!.uuidString] = picked.joined(separator: "\n")
                }
            case .ranking:
                var ranked: [(Int, String)] = []
                var misnumbered = false
                for (index, choice) in choices.enumerated() {
                    let text = submission.value("\(key)-\(index)").trimmingWhitespace()
                    guard !text.isEmpty else { continue }
                    guard let rank = Int(text), (1...choices.count).contains(rank) else {
                        misnumbered = true
                        continue
                    }
                    ranked.append((rank, choice))
                }
                if misnumbered {
                    errors.append(
                        FieldError(key, "Give each choice a number from 1 to \(choices.count) in \"\(question.text)\".")
                    )
                } else if Set(ranked.map(\.0)).count != ranked.count {
                    errors.append(FieldError(key, "Give each choice a different number in \"\(question.text)\"."))
                } else if !ranked.isEmpty {
                    answers[question.id!.uuidString] = ranked.sorted { $0.0 < $1.0 }.map(\.1).joined(separator: "\n")
                }
            case .preferredOption:
                let value = submission.value(key)
                let why = submission.value(key + "-why").trimmingWhitespace()
                if !value.isEmpty && !choices.contains(value) {
                    errors.append(FieldError(key, "Choose one of the options given."))
                } else if why.count > 10_000 {
                    errors.append(FieldError(key + "-why", "Keep your reason to 10,000 characters or fewer."))
                } else if !value.isEmpty || !why.isEmpty {
                    answers[question.id!.uuidString] = value + "\n" + why
                    if !why.isEmpty { freeText.append(why) }
                }
            case .freeText:
                let value = submission.value(key).trimmingWhitespace()
                if value.count > 10_000 {
                    errors.append(FieldError(key, "Keep your answer to 10,000 characters or fewer."))
                } else if !value.isEmpty {
                    answers[question.id!.uuidString] = value
                    freeText.append(value)
                }
            }
        }
        if errors.isEmpty && answers.isEmpty && !questions.isEmpty {
            errors.append(FieldError("questions", "Answer at least one question."))
        }
        var placeID: UUID?
        let placeText = submission.value("place_id")
        if !placeText.isEmpty {
            placeID = UUID(uuidString: placeText).flatMap { id in places.first { $0.id == id }?.id }
            if placeID == nil { errors.append(FieldError("place_id", "Choose a place from the list.")) }
        }
        let email = submission.value("contact_email").trimmingWhitespace()
        if !email.isEmpty && !EmailAddress.isPlausible(email) {
            errors.append(
                FieldError("contact_email", "Enter an e-mail address like name@example.com, or leave it blank."))
        }
        var onBehalfOf: String?
        switch organisation(submission) {
        case .success(let name): onBehalfOf = name
        case .failure(let problem): errors.append(problem)
        }
        let (equality, equalityErrors) = equalityAnswers(submission)
        errors += equalityErrors
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        return (
            answers, freeText.joined(separator: "\n\n"), placeID, email.isEmpty ? nil : EmailAddress.normalised(email),
            equality, onBehalfOf
        )
    }

    static let surveyVersionField = "survey_version"

    /// The organisation or group the response is sent for (nil for an individual). Its name is published with
    /// the outcome as given, so one that holds contact details or an identifier (an e-mail address, a phone
    /// number: what the redactor removes from published text) is refused. A person's name after a title is
    /// allowed: "Dr Patel's Surgery Patient Group" names a group.
    static func organisation(_ submission: Submission) -> Result<String?, FieldError> {
        let read = OnBehalfOf.read(
            respondingAs: submission.value("responding_as"), name: submission.value("on_behalf_of"))
        guard case .success(let name?) = read else { return read }
        let found = Redactor().redact(name).kinds.filter { $0 != .name }
        guard let first = found.first else { return read }
        return .failure(
            FieldError(
                "on_behalf_of",
                "The name of the organisation or group looks like it includes someone's \(first.phrase). "
                    + "Enter just the name of the organisation or group: it is published with the outcome."))
    }

    /// A fingerprint of what the survey asks (each question's wording, kind and choices; not their order, since
    /// moving a question does not change what an answer means), sent with the form it was shown in.
    static func surveyVersion(_ questions: [SurveyQuestion]) -> String {
        EditVersion.of(
            questions.sorted { $0.id!.uuidString < $1.id!.uuidString }.flatMap {
                [$0.id!.uuidString, $0.kind.rawValue, $0.text, $0.choices]
            })
    }

    /// A choice that rules out the others ("None of these", "None of the above", "None").
    static func meansNone(_ choice: String) -> Bool {
        let lower = choice.lowercased().trimmingWhitespace().trimmingCharacters(in: .punctuationCharacters)
        return lower == "none" || lower.hasPrefix("none of")
    }

    /// The equality monitoring answers in a submission (the shared questions, `eq-<question>` fields), and any
    /// that are not among the choices offered.
    static func equalityAnswers(_ submission: Submission) -> ([String: String], [FieldError]) {
        var answers: [String: String] = [:]
        var errors: [FieldError] = []
        for question in EqualityQuestion.allCases {
            let name = "eq-" + question.rawValue
            let value = submission.value(name)
            guard !value.isEmpty else { continue }
            if let accepted = question.accepted(value) {
                answers[question.rawValue] = accepted
            } else {
                errors.append(FieldError(name, "Choose one of the answers given for \"\(question.question)\"."))
            }
        }
        return (answers, errors)
    }

    /// Stores one response. Returns false when this browser's form was already submitted (nothing is lost:
    /// the first copy stands).
    static func store(
        consultation: Consultation, channel: String, submission: Submission, questions: [SurveyQuestion],
        places: [Place], request: Request, receivedOn: SimpleDate? = nil
    ) async throws -> Bool {
        let valid = try validate(submission, questions: questions, places: places)
        let key = submission.value("submission_key")
        guard !key.isEmpty, key.count <= 64 else {
            throw ValidationFailure([FieldError("questions", "This form has expired. Reload the page and try again.")])
        }
        if try await SurveyResponse.query(on: request.db).filter(\.$consultation.$id == consultation.id!)
            .filter(\.$submissionKey == key).first() != nil
        {
            return false
        }
        let redacted =
            valid.freeText.isEmpty ? "" : DecisionText.analyse(valid.freeText, engine: request.listeningEngine).redacted
        let response = SurveyResponse(
            consultationID: consultation.id!, channel: channel, placeID: valid.placeID, answers: valid.answers,
            redactedText: redacted, submissionKey: key, contactEmail: valid.email)
        if let organisation = valid.onBehalfOf {
            response.respondingAs = OnBehalfOf.organisation
            response.onBehalfOf = organisation
        }
        do {
            try await request.db.writeTransaction { db in
                try await response.create(on: db)
                // Stored apart from the answers, linked only to the consultation, never to the response.
                if let answers = EqualityAnswers.encode(valid.equality) {
                    try await EqualityResponse(
                        contextType: "consultation", contextID: consultation.id!, placeID: valid.placeID,
                        answers: answers
                    ).create(on: db)
                }
                if channel == "paper" {
                    try await AuditLog.record(
                        on: db, actor: Admin.actor(request), action: "consultation.paper_response_added",
                        objectType: "consultation", objectID: consultation.id?.uuidString,
                        summary: "Typed in a paper response to \(consultation.title)"
                            + (receivedOn.map { ", received on \($0.ukText)" } ?? ""))
                }
            }
        } catch  where Admin.isUniqueViolation(error) {
            return false
        }
        return true
    }

    static func submission(_ request: Request) throws -> Submission {
        Submission(fields: (try? request.content.decode([String: String].self)) ?? [:])
    }

    // MARK: Paper responses (staff)

    @Sendable static func paperForm(_ request: Request) async throws -> Response {
        let (consultation, bundle) = try await ConsultationsController.load(request)
        let places = try await Place.query(on: request.db).sort(\.$name).all()
        let today = request.today
        // The last day for responses, offered as the date received once the consultation has closed.
        let received = min(today, lastResponseDay(consultation))
        return .html(
            ResponseViews.paperPage(
                request, bundle: bundle, places: places, submission: Submission(fields: ["received_on": received.iso]),
                key: request.newSubmissionKey, failure: nil, notice: Admin.takeFlash(request),
                closed: closedProblem(consultation, today: today)))
    }

    @Sendable static func paperSubmit(_ request: Request) async throws -> Response {
        let (consultation, bundle) = try await ConsultationsController.load(request)
        let places = try await Place.query(on: request.db).sort(\.$name).all()
        let submission = try submission(request)
        let today = request.today
        if let closed = closedProblem(consultation, today: today) {
            return .html(
                ResponseViews.paperPage(
                    request, bundle: bundle, places: places, submission: submission, key: "", failure: nil,
                    notice: nil, closed: closed),
                status: .conflict)
        }
        do {
            let receivedOn: SimpleDate
            switch PaperResponses.receivedOn(
                submission.value("received_on"), opensOn: consultation.opens, lastDay: lastResponseDay(consultation),
                today: today)
            {
            case .success(let day): receivedOn = day
            case .failure(let problem):
                // Every problem at once: the date's, and the answers'.
                var errors = [problem]
                do { _ = try validate(submission, questions: bundle.questions, places: places) } catch {
                    errors += error.errors
                }
                throw ValidationFailure(errors)
            }
            let stored = try await store(
                consultation: consultation, channel: "paper", submission: submission, questions: bundle.questions,
                places: places, request: request, receivedOn: receivedOn)
            Admin.flash(
                request, stored ? "Paper response saved. Type in the next one." : "That response was already saved.")
            return request.redirect(to: DecisionURL.paper(consultation.id!))
        } catch let failure as ValidationFailure {
            return .html(
                ResponseViews.paperPage(
                    request, bundle: bundle, places: places, submission: submission,
                    key: submission.value("submission_key"), failure: failure, notice: nil),
                status: .unprocessableEntity)
        }
    }

    private static func lastResponseDay(_ consultation: Consultation) -> SimpleDate {
        PaperResponses.lastResponseDay(
            closesOn: consultation.closes, closedEarlyOn: consultation.closedEarlyOn.flatMap(SimpleDate.init(iso:)))
    }

    private static func closedProblem(_ consultation: Consultation, today: SimpleDate) -> String? {
        PaperResponses.closedProblem(
            opensOn: consultation.opens, outcomePublished: consultation.analysisPublishedAt != nil, today: today)
    }
}
