import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Vapor

/// Staff pages for a consultation: the pack, the checklist (Gunning G1–G4 and question warnings),
/// the survey builder, paper responses, closing, themes and publishing the outcome.
enum ConsultationsController {
    static let formats: [FormComponents.Choice] = [
        .init(value: "online", label: "Online"), .init(value: "paper", label: "Paper"),
        .init(value: "easy_read", label: "Easy read"), .init(value: "other_languages", label: "Other languages"),
        .init(value: "events", label: "Events"),
    ]

    static func input(_ request: Request) -> ConsultationInput {
        ConsultationInput(
            title: Admin.text(request, "title"), background: Admin.text(request, "background"),
            options: Admin.text(request, "options"),
            discardedAlternatives: Admin.text(request, "discarded_alternatives"),
            reasons: Admin.text(request, "reasons"), opensOn: Admin.text(request, "opens_on"),
            closesOn: Admin.text(request, "closes_on"),
            shortDurationReason: Admin.text(request, "short_duration_reason"))
    }

    /// Sets up the consultation, or changes its pack while it has not opened yet.
    @Sendable static func new(_ request: Request) async throws -> Response {
        let bundle = try await InitiativeBundle.load(try Admin.uuidParameter(request), on: request.db)
        let today = request.today
        if let existing = bundle.consultation {
            guard bundle.consultationFacts!.state(on: today) == .forthcoming else {
                return request.redirect(to: DecisionURL.consultation(existing.id!))
            }
            let input = ConsultationInput(
                title: existing.title, background: existing.background, options: existing.options,
                discardedAlternatives: existing.discardedAlternatives, reasons: existing.reasons,
                opensOn: existing.opensOn, closesOn: existing.closesOn,
                shortDurationReason: existing.shortDurationReason)
            return .html(
                ConsultationViews.form(
                    request, bundle: bundle, input: input, formats: Set(existing.formatList), failure: nil))
        }
        if bundle.initiative.stage < .optionsDeveloped {
            // Said before the pack is written, not after: the form would only be refused.
            Admin.flash(
                request,
                "This initiative is at \(bundle.initiative.stage.title). Move it to Options developed before setting up its consultation: a consultation asks people about the options."
            )
            return request.redirect(to: DecisionURL.initiative(bundle.initiative.id!))
        }
        let input = ConsultationInput(
            title: bundle.initiative.title, opensOn: today.adding(days: 1).iso,
            closesOn: today.adding(days: GunningGate.defaultMinimumDays).iso)  // 12 weeks of response days
        return .html(
            ConsultationViews.form(request, bundle: bundle, input: input, formats: ["online", "paper"], failure: nil))
    }

    @Sendable static func create(_ request: Request) async throws -> Response {
        let bundle = try await InitiativeBundle.load(try Admin.uuidParameter(request), on: request.db)
        let existing = bundle.consultation
        let input = input(request)
        let chosenFormats = Admin.list(request, "formats").filter { value in formats.contains { $0.value == value } }
        do {
            if let existing, bundle.consultationFacts!.state(on: request.today) != .forthcoming {
                throw ValidationFailure([
                    FieldError(
                        "title",
                        "\(existing.title) has already opened, so its pack cannot change now: people are responding to it."
                    )
                ])
            }
            if existing == nil, bundle.initiative.stage < .optionsDeveloped {
                // A consultation asks about options, and people must be involved before options are drafted.
                throw ValidationFailure([
                    FieldError(
                        "title",
                        "This initiative is at \(bundle.initiative.stage.title). Move it to Options developed before setting up its consultation: a consultation asks people about the options."
                    )
                ])
            }
            let decided = bundle.decision?.isApproved == true || bundle.initiative.stage >= .decision
            let missing = ConsultationTiming.missingBeforeOpening(
                questionCount: existing == nil ? 0 : bundle.questions.count, eiaStatus: bundle.eiaStatus)
            let valid = try input.validated(
                initiativeDecided: decided, today: request.today, missingBeforeOpening: missing)
            // The pack is published as written.
            let published = [
                ("title", valid.title), ("background", valid.background), ("options", valid.options),
                ("discarded_alternatives", valid.discardedAlternatives), ("reasons", valid.reasons),
                ("short_duration_reason", valid.shortDurationReason),
            ]
            let personal = published.compactMap {
                request.listeningEngine.personalDataProblem(in: $0.1, field: $0.0, allowingContactDetails: true)
            }
            if !personal.isEmpty { throw ValidationFailure(personal) }
            if chosenFormats.isEmpty {
                throw ValidationFailure([FieldError("formats", "Select at least one way people can respond.")])
            }
            let consultation =
                existing
                ?? Consultation(
                    initiativeID: bundle.initiative.id!, title: valid.title, background: valid.background,
                    options: valid.options, discardedAlternatives: valid.discardedAlternatives, reasons: valid.reasons,
                    opensOn: valid.opensOn, closesOn: valid.closesOn, shortDurationReason: valid.shortDurationReason,
                    formats: chosenFormats)
            let changes = [
                FieldChange("title", from: existing?.title, to: valid.title),
                FieldChange("background", from: existing?.background, to: valid.background),
                FieldChange("opens_on", from: existing?.opensOn, to: valid.opensOn.iso),
                FieldChange("closes_on", from: existing?.closesOn, to: valid.closesOn.iso),
                FieldChange("options", from: existing?.options, to: valid.options),
                FieldChange(
                    "discarded_alternatives", from: existing?.discardedAlternatives, to: valid.discardedAlternatives),
                FieldChange("reasons", from: existing?.reasons, to: valid.reasons),
                FieldChange(
                    "short_duration_reason", from: existing?.shortDurationReason, to: valid.shortDurationReason),
            ]
            consultation.title = valid.title
            consultation.background = valid.background
            consultation.options = valid.options
            consultation.discardedAlternatives = valid.discardedAlternatives
            consultation.reasons = valid.reasons
            consultation.opensOn = valid.opensOn.iso
            consultation.closesOn = valid.closesOn.iso
            consultation.shortDurationReason = valid.shortDurationReason
            consultation.formats = chosenFormats.joined(separator: ",")
            let retitled = try await request.db.writeTransaction { db in
                if let id = existing?.id {
                    try await EditVersion.check(
                        sent: EditVersion.sent(request), stored: { editable(try await Consultation.find(id, on: $0)) },
                        schema: Consultation.schema, id: id, objectType: "consultation", noun: "consultation pack",
                        on: db)
                }
                try await consultation.save(on: db)
                let retitled = try await Self.followPackOptions(consultation, on: db)
                try await AuditLog.record(
                    on: db, actor: Admin.actor(request),
                    action: existing == nil ? "consultation.created" : "consultation.updated",
                    objectType: "consultation", objectID: consultation.id?.uuidString,
                    summary:
                        "\(existing == nil ? "Set up" : "Changed the pack of") consultation \(valid.title), \(valid.opensOn.ukText) to \(valid.closesOn.ukText)",
                    changes: changes)
                return retitled
            }
            Admin.flash(
                request,
                existing == nil
                    ? "Consultation set up. Add the survey questions next."
                    : "Consultation pack changed."
                        + retitled.map { " “\($0)” now offers the pack's options." }.joined())
            return request.redirect(to: DecisionURL.consultation(consultation.id!))
        } catch let failure as ValidationFailure {
            return .html(
                ConsultationViews.form(
                    request, bundle: bundle, input: input, formats: Set(chosenFormats), failure: failure,
                    version: EditVersion.sent(request)),
                status: .unprocessableEntity)
        } catch let stale as EditVersion.Stale {
            // The pack as stored now carries the version; what they typed stays in the form.
            let now = try await InitiativeBundle.load(bundle.initiative.id!, on: request.db)
            return .html(
                ConsultationViews.form(
                    request, bundle: now, input: input, formats: Set(chosenFormats),
                    failure: ValidationFailure([FieldError("title", stale.message)])),
                status: .conflict)
        }
    }

    /// Sets the choices of the survey's preferred-option questions to the options the pack sets out, so
    /// people choose between the options they have just read about. Returns the texts of the questions changed.
    /// A pack that names no options (prose) leaves the questions as they are; the checklist compares them.
    /// Answers are stored as the choice chosen and counted by the option's name, so an answer given before an
    /// option was retitled still counts, and one for an option taken out is still shown.
    static func followPackOptions(_ consultation: Consultation, on db: any Database) async throws -> [String] {
        let choices = PackOptions.choices(consultation.options)
        guard !choices.isEmpty, let id = consultation.id else { return [] }
        var changed: [String] = []
        for question in try await SurveyQuestion.inOrder(of: id, on: db)
        where question.kind == .preferredOption && question.choiceList != choices {
            question.choices = choices.joined(separator: "\n")
            try await question.save(on: db)
            changed.append(question.text)
        }
        return changed
    }

    /// What the pack form shows, for `EditVersion`.
    static func editable(_ consultation: Consultation?) -> [String?] {
        guard let consultation else { return [] }
        return [
            consultation.title, consultation.background, consultation.options, consultation.discardedAlternatives,
            consultation.reasons, consultation.opensOn, consultation.closesOn, consultation.shortDurationReason,
            consultation.formats,
        ]
    }

    static func load(_ request: Request) async throws -> (Consultation, InitiativeBundle) {
        guard let consultation = try await Consultation.find(try Admin.uuidParameter(request), on: request.db) else {
            throw Abort(.notFound)
        }
        let bundle = try await InitiativeBundle.load(consultation.$initiative.id, on: request.db)
        return (consultation, bundle)
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        let (_, bundle) = try await load(request)
        return try await renderShow(request, bundle: bundle, failure: nil, typed: [:], status: .ok)
    }

    static func renderShow(
        _ request: Request, bundle: InitiativeBundle, failure: ValidationFailure?, typed: [String: String],
        status: HTTPResponseStatus
    ) async throws -> Response {
        let analysis = try await ConsultationAnalysis.load(bundle, on: request.db)
        let checker = try await GlossaryController.checker(on: request.db)
        var reading = ConsultationAnalysis.FreeTextReading(themes: [], notEnglish: [])
        if let id = bundle.consultation?.id, bundle.consultationFacts?.state(on: request.today) != .open {
            let texts = try await SurveyResponse.query(on: request.db).filter(\.$consultation.$id == id).all()
                .map(\.redactedText)
            reading = ConsultationAnalysis.readFreeText(texts, engine: request.listeningEngine)
        }
        return .html(
            ConsultationViews.show(
                bundle, analysis: analysis, suggested: reading.themes, notEnglish: reading.notEnglish, checker: checker,
                today: request.today,
                context: PageContext(request, title: bundle.consultation!.title, hasErrors: failure != nil),
                notice: Admin.takeFlash(request), failure: failure, typed: typed), status: status)
    }

    @Sendable static func addQuestion(_ request: Request) async throws -> Response {
        let (consultation, bundle) = try await load(request)
        let input = QuestionInput(
            text: Admin.text(request, "text"), kind: Admin.text(request, "kind"),
            choices: Admin.text(request, "choices"))
        do {
            if let locked = questionsLocked(bundle, today: request.today, adding: true) {
                throw ValidationFailure([locked])
            }
            let valid = try input.validated()
            let question = SurveyQuestion(
                consultationID: consultation.id!, position: bundle.questions.count + 1, kind: valid.kind,
                text: valid.text, choices: valid.choices)
            let warnings = try await wordingWarnings(valid, consultation: consultation, on: request.db)
            try await request.db.writeTransaction { db in
                try await question.create(on: db)
                try await AuditLog.record(
                    on: db, actor: Admin.actor(request), action: "consultation.question_added",
                    objectType: "consultation", objectID: consultation.id?.uuidString,
                    summary: "Added question \"\(valid.text)\"" + auditedWarnings(warnings))
            }
            Admin.flash(request, "Question added." + checkerNotice(warnings))
            return request.redirect(to: DecisionURL.consultation(consultation.id!) + "#questions")
        } catch let failure as ValidationFailure {
            return try await renderShow(
                request, bundle: bundle, failure: failure,
                typed: ["text": input.text, "kind": input.kind, "choices": input.choices], status: .unprocessableEntity)
        }
    }

    /// Until someone answers (and before the analysis is published), the survey can still be put right.
    /// Before it opens, or while open and unanswered; never once closed, when nobody could answer a new question.
    static func questionsCanChange(_ bundle: InitiativeBundle, today: SimpleDate) -> Bool {
        guard let consultation = bundle.consultation, consultation.analysisPublishedAt == nil else { return false }
        let state = bundle.consultationFacts!.state(on: today)
        return state == .forthcoming || (state == .open && bundle.responseCount == 0)
    }

    /// Why the questions cannot change now, said the same way by adding, changing, moving and removing one;
    /// nil while they can.
    static func questionsLocked(
        _ bundle: InitiativeBundle, today: SimpleDate, field: String = "text", adding: Bool = false
    ) -> FieldError? {
        guard !questionsCanChange(bundle, today: today) else { return nil }
        if bundle.consultationFacts?.state(on: today) == .open {
            return FieldError(field, "People have already answered this survey, so its questions cannot change now.")
        }
        return FieldError(
            field,
            adding
                ? "This consultation has closed, so nobody could answer a new question."
                : "This consultation has closed, so its questions cannot change now: they are the questions people were asked."
        )
    }

    /// The checker's warnings on a question as it will be saved, with the local glossary.
    static func wordingWarnings(
        _ valid: (text: String, kind: QuestionKind, choices: [String]), consultation: Consultation,
        on db: any Database
    ) async throws -> [QuestionWarning] {
        try await GlossaryController.checker(on: db).check(
            valid.text, kind: valid.kind, optionsKnown: !consultation.options.isEmpty)
    }

    /// " with 2 wording warnings", for the audit summary of a question saved with warnings.
    static func auditedWarnings(_ warnings: [QuestionWarning]) -> String {
        warnings.isEmpty ? "" : " with \(Wording.count(warnings.count, "wording warning"))"
    }

    /// " The checker has 1 suggestion for it below.", after the confirmation of a question saved with warnings.
    static func checkerNotice(_ warnings: [QuestionWarning]) -> String {
        warnings.isEmpty ? "" : " The checker has \(Wording.count(warnings.count, "suggestion")) for it below."
    }

    /// Takes a question out of a survey nobody has answered yet; the others close up behind it.
    @Sendable static func removeQuestion(_ request: Request) async throws -> Response {
        let (consultation, bundle) = try await load(request)
        guard let questionID = UUID(uuidString: request.parameters.get("question") ?? ""),
            let question = bundle.questions.first(where: { $0.id == questionID })
        else { throw Abort(.notFound) }
        if bundle.consultationFacts!.state(on: request.today) == .open, bundle.questions.count == 1 {
            return try await renderShow(
                request, bundle: bundle,
                failure: ValidationFailure([
                    FieldError(
                        "text",
                        "This is the only question of an open consultation: people would find nothing to answer. Add the new question first, then remove this one."
                    )
                ]), typed: [:], status: .conflict)
        }
        if let locked = questionsLocked(bundle, today: request.today, field: "questions") {
            return try await renderShow(
                request, bundle: bundle, failure: ValidationFailure([locked]), typed: [:], status: .conflict)
        }
        try await request.db.writeTransaction { db in
            try await question.delete(on: db)
            for (index, other) in bundle.questions.filter({ $0.id != questionID }).enumerated()
            where other.position != index + 1 {
                other.position = index + 1
                try await other.save(on: db)
            }
            try await AuditLog.record(
                on: db, actor: Admin.actor(request), action: "consultation.question_removed",
                objectType: "consultation", objectID: consultation.id?.uuidString,
                summary: "Removed question \"\(question.text)\"")
        }
        Admin.flash(request, "Question removed: \(question.text)")
        return request.redirect(to: DecisionURL.consultation(consultation.id!) + "#questions")
    }

    @Sendable static func closeEarly(_ request: Request) async throws -> Response {
        let (consultation, bundle) = try await load(request)
        guard bundle.consultationFacts!.state(on: request.today) == .open else {
            throw Abort(.conflict, reason: "Only an open consultation can be closed.")
        }
        let reason = Admin.text(request, "reason").trimmingWhitespace()
        // The reason is what G3 is then judged on, so it has to explain.
        var problems: [FieldError] = []
        if let problem = RecordedReason.problem(reason, ask: "Say why the consultation is closing early.") {
            problems.append(FieldError("reason", problem))
        } else if let problem = request.listeningEngine.personalDataProblem(in: reason, field: "reason") {
            problems.append(problem)
        }
        if !problems.isEmpty {
            return try await renderShow(
                request, bundle: bundle, failure: ValidationFailure(problems), typed: ["reason": reason],
                status: .unprocessableEntity)
        }
        consultation.closedEarlyOn = request.today.iso
        if !consultation.shortDurationReason.isEmpty { consultation.shortDurationReason += " " }
        consultation.shortDurationReason += Consultation.closedEarlyPrefix + reason
        try await request.db.writeTransaction { db in
            try await consultation.save(on: db)
            try await AuditLog.record(
                on: db, actor: Admin.actor(request), action: "consultation.closed_early", objectType: "consultation",
                objectID: consultation.id?.uuidString, summary: "Closed \(consultation.title) early: \(reason)",
                changes: [FieldChange("closed_early_on", from: nil, to: request.today.iso)])
        }
        Admin.flash(request, "Consultation closed.")
        return request.redirect(to: DecisionURL.consultation(consultation.id!))
    }

    /// Gives people longer to respond: a later closing date, with the reason recorded and published.
    @Sendable static func extend(_ request: Request) async throws -> Response {
        let (consultation, bundle) = try await load(request)
        let typed = Admin.text(request, "closes_on")
        let reason = Admin.text(request, "extension_reason")
        let facts = bundle.consultationFacts!
        let extended: (closesOn: SimpleDate, reason: String)
        do {
            extended = try ConsultationTiming.extended(
                of: facts, closesOn: typed, reason: reason, today: request.today)
            if let problem = request.listeningEngine.personalDataProblem(in: extended.reason, field: "extension_reason")
            {
                throw ValidationFailure([problem])
            }
        } catch let failure as ValidationFailure {
            return try await renderShow(
                request, bundle: bundle, failure: failure,
                typed: ["closes_on": typed, "extension_reason": reason], status: .unprocessableEntity)
        }
        let before = consultation.closesOn
        consultation.closesOn = extended.closesOn.iso
        consultation.extendedFrom = before
        consultation.extensionReason = extended.reason
        try await request.db.writeTransaction { db in
            try await consultation.save(on: db)
            try await AuditLog.record(
                on: db, actor: Admin.actor(request), action: "consultation.extended", objectType: "consultation",
                objectID: consultation.id?.uuidString,
                summary: "Extended \(consultation.title) to \(extended.closesOn.ukText): \(extended.reason)",
                changes: [FieldChange("closes_on", from: before, to: extended.closesOn.iso)])
        }
        Admin.flash(request, "Consultation extended: it now closes on \(extended.closesOn.ukText).")
        return request.redirect(to: DecisionURL.consultation(consultation.id!))
    }

    @Sendable static func addTheme(_ request: Request) async throws -> Response {
        let (consultation, bundle) = try await load(request)
        let name = Admin.text(request, "name").trimmingWhitespace()
        let summary = Admin.text(request, "summary").trimmingWhitespace()
        let mentionsText = Admin.text(request, "mentions").trimmingWhitespace()
        let sentimentText = Admin.text(request, "sentiment")
        let quote = Admin.text(request, "quote").trimmingWhitespace()
        var errors: [FieldError] = []
        if name.isEmpty {
            errors.append(FieldError("name", "Enter the theme, for example \"Travel to the new site\"."))
        }
        if bundle.themes.contains(where: { $0.name.lowercased() == name.lowercased() }) {
            errors.append(FieldError("name", "There is already a theme called \(name)."))
        }
        let mentions = Int(mentionsText)
        if mentions == nil || mentions! < 1 {
            errors.append(FieldError("mentions", "Enter how many responses raised it, 1 or more."))
        } else if bundle.responseCount > 0, mentions! > bundle.responseCount {
            // The count is published beside the number of responses: it cannot be more than there were.
            errors.append(
                FieldError(
                    "mentions",
                    bundle.responseCount == 1
                        ? "Only 1 response was received, so no theme was raised by \(mentions!). Enter 1."
                        : "\(bundle.responseCount) responses were received, so no theme was raised by \(mentions!). Enter a number from 1 to \(bundle.responseCount)."
                ))
        }
        let sentiment = Int(sentimentText)
        if sentiment == nil || !(1...5).contains(sentiment!) {
            errors.append(FieldError("sentiment", "Select how people felt about it."))
        }
        if bundle.consultationFacts!.state(on: request.today) == .open {
            errors.append(FieldError("name", "The consultation is still open. Themes are found once it has closed."))
        }
        if let decided = Self.decidedProblem(bundle, field: "name") {
            errors.append(decided)
        } else if consultation.analysisPublishedAt != nil {
            errors.append(
                FieldError(
                    "name",
                    "The analysis is published, so its themes are part of the published record. Record themes before publishing."
                ))
        }
        if let problem = request.listeningEngine.personalDataProblem(in: name, field: "name") { errors.append(problem) }
        if let problem = request.listeningEngine.personalDataProblem(in: summary, field: "summary") {
            errors.append(problem)
        }
        guard errors.isEmpty, let mentions, let sentiment else {
            return try await renderShow(
                request, bundle: bundle, failure: ValidationFailure(errors),
                typed: [
                    "name": name, "summary": summary, "mentions": mentionsText, "sentiment": sentimentText,
                    "quote": quote,
                ], status: .unprocessableEntity)
        }
        let theme = ConsultationTheme(
            consultationID: consultation.id!, name: name, summary: summary, mentions: mentions, sentiment: sentiment,
            quote: DecisionText.analyse(quote, engine: request.listeningEngine).redacted)
        try await request.db.writeTransaction { db in
            try await theme.create(on: db)
            try await AuditLog.record(
                on: db, actor: Admin.actor(request), action: "consultation.theme_added", objectType: "consultation",
                objectID: consultation.id?.uuidString, summary: "Recorded theme \(name) (\(mentions) responses)")
        }
        Admin.flash(request, "Theme recorded: \(name)")
        return request.redirect(to: DecisionURL.consultation(consultation.id!) + "#themes")
    }

    /// Takes out a theme recorded by mistake, until the analysis is published (then it is part of the record).
    @Sendable static func removeTheme(_ request: Request) async throws -> Response {
        let (consultation, bundle) = try await load(request)
        guard let themeID = UUID(uuidString: request.parameters.get("theme") ?? ""),
            let theme = bundle.themes.first(where: { $0.id == themeID })
        else { throw Abort(.notFound) }
        var errors: [FieldError] = []
        if consultation.analysisPublishedAt != nil {
            errors.append(
                FieldError(
                    "name",
                    "The analysis is published with \(theme.name) in it, so the theme stays: the published record cannot change."
                ))
        } else if let decided = Self.decidedProblem(bundle, field: "name") {
            errors.append(decided)
        }
        guard errors.isEmpty else {
            return try await renderShow(
                request, bundle: bundle, failure: ValidationFailure(errors), typed: [:], status: .conflict)
        }
        try await request.db.writeTransaction { db in
            try await theme.delete(on: db)
            try await AuditLog.record(
                on: db, actor: Admin.actor(request), action: "consultation.theme_removed", objectType: "consultation",
                objectID: consultation.id?.uuidString,
                summary: "Removed theme \(theme.name) (\(theme.mentions) responses)")
        }
        Admin.flash(request, "Theme removed: \(theme.name)")
        return request.redirect(to: DecisionURL.consultation(consultation.id!) + "#themes")
    }

    /// The decision paper's response to one theme: accepted, proposal changed, or not accepted, with a reason.
    @Sendable static func respondToTheme(_ request: Request) async throws -> Response {
        let (consultation, bundle) = try await load(request)
        guard let themeID = UUID(uuidString: request.parameters.get("theme") ?? ""),
            let theme = bundle.themes.first(where: { $0.id == themeID })
        else { throw Abort(.notFound) }
        let sentKind = Admin.text(request, "response_kind")
        let kind = ThemeResponseKind(rawValue: sentKind)
        let reason = Admin.text(request, "response_reason").trimmingWhitespace()
        var errors: [FieldError] = []
        if kind == nil {
            errors.append(FieldError("response_kind", "Select how the decision paper responds to \(theme.name)."))
        }
        if let problem = RecordedReason.problem(reason, ask: "Give the reason, in words the public will read.") {
            errors.append(FieldError("response_reason", problem))
        } else if let problem = request.listeningEngine.personalDataProblem(in: reason, field: "response_reason") {
            errors.append(problem)
        }
        if let decided = Self.decidedProblem(bundle, field: "response_reason") { errors.append(decided) }
        guard errors.isEmpty, let kind else {
            return try await renderShow(
                request, bundle: bundle, failure: ValidationFailure(errors),
                typed: ["response_kind": sentKind, "response_reason": reason, "theme": themeID.uuidString],
                status: .unprocessableEntity)
        }
        let before = theme.responseKind?.rawValue
        // Saving the same words again changes nothing the meeting considered, so the day stays.
        if theme.responseKind != kind || theme.responseReason != reason { theme.respondedOn = request.today.iso }
        theme.responseKind = kind
        theme.responseReason = reason
        try await request.db.writeTransaction { db in
            try await theme.save(on: db)
            try await AuditLog.record(
                on: db, actor: Admin.actor(request), action: "consultation.theme_answered", objectType: "consultation",
                objectID: consultation.id?.uuidString, summary: "Answered theme \(theme.name): \(kind.title)",
                changes: [FieldChange("response_kind", from: before, to: kind.rawValue)])
        }
        Admin.flash(request, "Response to \(theme.name) saved.")
        return request.redirect(to: DecisionURL.consultation(consultation.id!) + "#themes")
    }

    /// An approved decision's record is kept as it was approved (the Brown principles: records must be kept).
    static func decidedProblem(_ bundle: InitiativeBundle, field: String) -> FieldError? {
        guard bundle.decision?.isApproved == true else { return nil }
        return FieldError(
            field,
            "The decision on this consultation is approved, so its record of themes and responses is kept as it was approved."
        )
    }

    /// Publishes the outcome report and owes a message to everyone who left contact details.
    @Sendable static func publish(_ request: Request) async throws -> Response {
        let (consultation, bundle) = try await load(request)
        let state = bundle.consultationFacts!.state(on: request.today)
        var errors: [FieldError] = []
        if state == .open || state == .forthcoming {
            errors.append(
                FieldError("outcome_summary", "The consultation is still open. Publish the analysis after it closes."))
        }
        if bundle.themes.isEmpty && bundle.responseCount > 0 {
            errors.append(FieldError("outcome_summary", "Record the themes found in the responses first."))
        }
        let summary = Admin.text(request, "outcome_summary").trimmingWhitespace()
        if summary.isEmpty { errors.append(FieldError("outcome_summary", "Write a short summary of what you heard.")) }
        if let problem = request.listeningEngine.personalDataProblem(
            in: summary, field: "outcome_summary", allowingContactDetails: true)
        {
            errors.append(problem)
        }
        if consultation.analysisPublishedAt != nil {
            errors.append(FieldError("outcome_summary", "The analysis is already published."))
        }
        guard errors.isEmpty else {
            return try await renderShow(
                request, bundle: bundle, failure: ValidationFailure(errors), typed: ["outcome_summary": summary],
                status: .unprocessableEntity)
        }
        // Compared with the decision meeting's day at approval (Gunning G4).
        consultation.analysisPublishedAt = request.nowOnDecisionClock
        consultation.outcomeSummary = summary
        let emails = Set(
            try await SurveyResponse.query(on: request.db).filter(\.$consultation.$id == consultation.id!).all()
                .compactMap(\.contactEmail))
        let title = consultation.title
        let link = request.heardConfiguration.publicURL + DecisionURL.outcome(consultation.id!)
        let body = outcomeNoticeBody(title: title, summary: summary, link: link, themes: bundle.themes)
        try await request.db.writeTransaction { db in
            try await consultation.save(on: db)
            for email in emails.sorted() {
                let notice = Notice(
                    to: email, subject: "We asked, you said, we did: \(title)", body: body,
                    kind: "consultation_outcome")
                notice.consultationID = consultation.id
                try await notice.create(on: db)
            }
            try await AuditLog.record(
                on: db, actor: Admin.actor(request), action: "consultation.analysis_published",
                objectType: "consultation", objectID: consultation.id?.uuidString,
                summary: "Published the analysis of \(consultation.title); outcome owed to \(emails.count) people")
        }
        Admin.flash(request, publishedMessage(people: emails.count, relaySet: request.heardConfiguration.smtp != nil))
        return request.redirect(to: DecisionURL.consultation(consultation.id!))
    }

    /// The e-mail to the people who took part: it promises a response to each theme only when the paper has one.
    static func outcomeNoticeBody(
        title: String, summary: String, link: String, themes: [ConsultationTheme]
    )
        -> String
    {
        let waiting = themes.filter { $0.responseKind == nil }.count
        let report: String
        if themes.isEmpty {
            report = "You can read the full report at \(link)"
        } else if waiting == 0 {
            report =
                "You can read the full report, including what we are doing about each thing people raised, at \(link)"
        } else {
            let undecided =
                waiting == themes.count
                ? "We have not yet decided what to do about the things people raised."
                : "We have not yet decided what to do about \(waiting) of the \(themes.count) things people raised."
            report = """
                You can read the report at \(link): what people told us, and what we are doing about each thing so far.

                \(undecided) The report will show our response to each one, at the same address, once it is decided.
                """
        }
        return """
            Thank you for taking part in our consultation on \(title).

            What we heard: \(summary)

            \(report)
            """
    }

    /// What publishing did about e-mail: without a mail relay the e-mails wait in the outbox, and it says so.
    static func publishedMessage(people: Int, relaySet: Bool) -> String {
        guard people > 0 else {
            return "Analysis published. Nobody who responded left contact details, so no e-mails were written."
        }
        let who = Wording.count(people, "person", "people")
        guard relaySet else {
            return "Analysis published. The outcome e-mails to \(who) who left contact details are queued in the"
                + " outbox: no mail relay is set up yet, so they will be sent when e-mail is set up."
        }
        return "Analysis published. \(who) who left contact details will be sent the outcome."
    }
}
