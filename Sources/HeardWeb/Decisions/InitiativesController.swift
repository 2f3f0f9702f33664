import Fluent
import HeardDomain
import HeardStorage
import Vapor

/// Staff pages for initiatives: list, add, overview and moving between stages.
enum InitiativesController {
    struct Form: Content {
        var title: String?
        var what: String?
        var why: String?
        var affectsServices: String?
        var substantialVariation: String?
        var decisionBody: String?
        var targetDate: String?
        var livedExperienceMembers: String?
        var placeIDs: [String]?
        var serviceIDs: [String]?
        /// Editing only: why "changes services" or "substantial variation" went from yes to no.
        var changeReason: String?

        enum CodingKeys: String, CodingKey {
            case title, what, why
            case changeReason = "change_reason"
            case affectsServices = "affects_services"
            case substantialVariation = "substantial_variation"
            case decisionBody = "decision_body"
            case targetDate = "target_date"
            case livedExperienceMembers = "lived_experience_members"
            case placeIDs = "place_ids"
            case serviceIDs = "service_ids"
        }

        var input: InitiativeInput {
            InitiativeInput(
                title: title ?? "", what: what ?? "", why: why ?? "", affectsServices: affectsServices ?? "",
                substantialVariation: substantialVariation ?? "", decisionBody: decisionBody ?? "",
                targetDate: targetDate ?? "", livedExperienceMembers: livedExperienceMembers ?? "0")
        }
    }

    /// Initiatives by stage and words in the title, 25 a page: each row loads the initiative's whole record
    /// (consultation, decision), so a page is bounded rather than every initiative ever proposed.
    @Sendable static func index(_ request: Request) async throws -> Response {
        let words = (request.query[String.self, at: "q"] ?? "").trimmingWhitespace()
        let stageFilter = request.query[String.self, at: "stage"] ?? ""
        var query = Initiative.query(on: request.db)
        var problems = FilterProblems()
        if let stage = problems.choice(stageFilter, "stage", InitiativeStage.init(rawValue:)) {
            query = query.filter(\.$stage == stage)
        }
        query = problems.narrowing(query)
        if !words.isEmpty { query = query.filter(ListPage.contains(words, column: "title", table: Initiative.schema)) }
        let page = ListPage(
            requested: ListPage.requested(request), total: try await query.copy().count(), size: 25)
        let initiatives = try await query.sort(\.$createdAt, .descending).sort(\.$id).range(page.range).all()
        var rows: [InitiativeViews.ListRow] = []
        for initiative in initiatives {
            let bundle = try await InitiativeBundle.load(initiative, on: request.db)
            rows.append(
                .init(
                    bundle: bundle,
                    consultationState: bundle.consultationFacts?.state(on: request.today)))
        }
        return .html(
            InitiativeViews.list(
                rows, words: words, stage: stageFilter, page: page, context: PageContext(request, title: "Initiatives"),
                notice: problems.notice(request)))
    }

    /// Places and services an initiative can name: those in use, and any it already names (kept, marked).
    static func choices(keeping initiative: Initiative?, on db: any Database) async throws -> ([Place], [Service]) {
        let places = Set(initiative?.placeIDList ?? [])
        let services = Set(initiative?.serviceIDList ?? [])
        return (
            try await Place.query(on: db).sort(\.$name).all().filter { !$0.isRetired || places.contains($0.id!) },
            try await Service.query(on: db).with(\.$place).sort(\.$name).all().filter {
                !$0.isRetired || services.contains($0.id!)
            }
        )
    }

    @Sendable static func new(_ request: Request) async throws -> Response {
        let (places, services) = try await choices(keeping: nil, on: request.db)
        return .html(
            InitiativeViews.form(
                request, input: InitiativeInput(), placeIDs: [], serviceIDs: [], places: places, services: services,
                failure: nil))
    }

    @Sendable static func edit(_ request: Request) async throws -> Response {
        let initiative = try await find(request)
        let (places, services) = try await choices(keeping: initiative, on: request.db)
        let input = InitiativeInput(
            title: initiative.title, what: initiative.what, why: initiative.why,
            affectsServices: initiative.affectsServices ? "yes" : "no",
            substantialVariation: initiative.substantialVariation ? "yes" : "no", decisionBody: initiative.decisionBody,
            targetDate: initiative.targetDate ?? "", livedExperienceMembers: String(initiative.livedExperienceMembers))
        return .html(
            InitiativeViews.form(
                request, input: input, placeIDs: Set(initiative.placeIDList.map(\.uuidString)),
                serviceIDs: Set(initiative.serviceIDList.map(\.uuidString)), places: places, services: services,
                failure: nil, editing: initiative))
    }

    @Sendable static func update(_ request: Request) async throws -> Response {
        try await save(request, editing: try await find(request))
    }

    static func find(_ request: Request) async throws -> Initiative {
        guard let initiative = try await Initiative.find(try Admin.uuidParameter(request), on: request.db) else {
            throw Abort(.notFound)
        }
        return initiative
    }

    @Sendable static func create(_ request: Request) async throws -> Response {
        try await save(request, editing: nil)
    }

    static func save(_ request: Request, editing existing: Initiative?) async throws -> Response {
        let form = try request.content.decode(Form.self)
        let submission = existing == nil ? SubmittedOnce.key(request) : nil
        if let path = try await SubmittedOnce.earlier(submission, on: request.db) {
            return SubmittedOnce.repeated(request, resultPath: path)
        }
        let (places, services) = try await choices(keeping: existing, on: request.db)
        let chosen = (form.placeIDs ?? []).compactMap { UUID(uuidString: $0) }.filter { id in
            places.contains { $0.id == id }
        }
        let chosenServices = (form.serviceIDs ?? []).compactMap { UUID(uuidString: $0) }.filter { id in
            services.contains { $0.id == id }
        }
        do {
            let valid = try form.input.validated(today: request.today, storedTarget: existing?.targetDate)
            if chosen.isEmpty { throw ValidationFailure([FieldError("place_ids", "Select at least one place.")]) }
            let changeReason = (form.changeReason ?? "").trimmingWhitespace()
            if let existing {
                try await checkDutyChange(existing, to: valid, reason: changeReason, on: request.db)
            }
            let initiative =
                existing
                ?? Initiative(
                    title: valid.title, what: valid.what, why: valid.why, affectsServices: valid.affectsServices,
                    substantialVariation: valid.substantialVariation, decisionBody: valid.decisionBody,
                    targetDate: valid.targetDate)
            if initiative.id == nil { initiative.id = UUID() }
            let changes = [
                FieldChange("title", from: existing?.title, to: valid.title),
                FieldChange("what", from: existing?.what, to: valid.what),
                FieldChange("why", from: existing?.why, to: valid.why),
                FieldChange(
                    "affects_services", from: existing.map { String($0.affectsServices) },
                    to: String(valid.affectsServices)),
                FieldChange(
                    "substantial_variation", from: existing.map { String($0.substantialVariation) },
                    to: String(valid.substantialVariation)),
                FieldChange("decision_body", from: existing?.decisionBody, to: valid.decisionBody),
                FieldChange("target_date", from: existing?.targetDate, to: valid.targetDate?.iso),
                FieldChange(
                    "lived_experience_members", from: existing.map { String($0.livedExperienceMembers) },
                    to: String(valid.livedExperienceMembers)),
                FieldChange("place_ids", from: existing?.placeIDs, to: chosen.map(\.uuidString).joined(separator: ",")),
                FieldChange(
                    "service_ids", from: existing?.serviceIDs,
                    to: chosenServices.map(\.uuidString).joined(separator: ",")),
            ]
            initiative.title = valid.title
            initiative.what = valid.what
            initiative.why = valid.why
            initiative.placeIDs = chosen.map(\.uuidString).joined(separator: ",")
            initiative.serviceIDs = chosenServices.map(\.uuidString).joined(separator: ",")
            initiative.affectsServices = valid.affectsServices
            initiative.substantialVariation = valid.substantialVariation
            initiative.decisionBody = valid.decisionBody
            initiative.targetDate = valid.targetDate?.iso
            initiative.livedExperienceMembers = valid.livedExperienceMembers
            do {
                try await request.db.writeTransaction { db in
                    if let id = existing?.id {
                        try await EditVersion.check(
                            sent: EditVersion.sent(request),
                            stored: { editable(try await Initiative.find(id, on: $0)) },
                            schema: Initiative.schema, id: id, objectType: "initiative", noun: "initiative", on: db)
                    }
                    try await SubmittedOnce.record(
                        submission, resultPath: DecisionURL.initiative(initiative.id!), on: db)
                    try await initiative.save(on: db)
                    try await AuditLog.record(
                        on: db, actor: Admin.actor(request),
                        action: existing == nil ? "initiative.created" : "initiative.updated", objectType: "initiative",
                        objectID: initiative.id?.uuidString,
                        summary: "\(existing == nil ? "Added" : "Changed") initiative \(valid.title)"
                            + (changeReason.isEmpty ? "" : ". Why: \(changeReason)"), changes: changes)
                }
            } catch let error where !(error is EditVersion.Stale) {
                if let response = try await SubmittedOnce.repeatedAfterClash(request, key: submission, error: error) {
                    return response
                }
                throw error
            }
            Admin.flash(
                request, existing == nil ? "Initiative added: \(valid.title)" : "Initiative changed: \(valid.title)")
            return request.redirect(to: DecisionURL.initiative(initiative.id!))
        } catch let failure as ValidationFailure {
            var errors = failure.errors
            if chosen.isEmpty && !errors.contains(where: { $0.field == "place_ids" }) {
                errors.append(FieldError("place_ids", "Select at least one place."))
            }
            return .html(
                InitiativeViews.form(
                    request, input: form.input, placeIDs: Set(form.placeIDs ?? []),
                    serviceIDs: Set(form.serviceIDs ?? []), places: places, services: services,
                    failure: ValidationFailure(errors), editing: existing, changeReason: form.changeReason ?? "",
                    // A refused save keeps the version it was opened with: correcting it is no reason to overwrite.
                    version: EditVersion.sent(request)),
                status: .unprocessableEntity)
        } catch let stale as EditVersion.Stale {
            return .html(
                InitiativeViews.form(
                    request, input: form.input, placeIDs: Set(form.placeIDs ?? []),
                    serviceIDs: Set(form.serviceIDs ?? []), places: places, services: services,
                    failure: ValidationFailure([FieldError("title", stale.message)]), editing: try await find(request),
                    changeReason: form.changeReason ?? ""),
                status: .conflict)
        }
    }

    /// What the edit form shows, for `EditVersion`.
    static func editable(_ initiative: Initiative?) -> [String?] {
        guard let initiative else { return [] }
        return [
            initiative.title, initiative.what, initiative.why, String(initiative.affectsServices),
            String(initiative.substantialVariation), initiative.decisionBody, initiative.targetDate,
            String(initiative.livedExperienceMembers), initiative.placeIDs, initiative.serviceIDs,
        ]
    }

    /// Answering no to "changes services" or "substantial variation" removes the duty to involve or the
    /// scrutiny committee's part, so it needs a reason, and cannot happen once the decision is approved.
    static func checkDutyChange(
        _ existing: Initiative, to valid: InitiativeInput.Valid, reason: String, on db: any Database
    ) async throws {
        let dropped = [
            ("affects_services", existing.affectsServices && !valid.affectsServices),
            ("substantial_variation", existing.substantialVariation && !valid.substantialVariation),
        ].filter(\.1).map(\.0)
        let changed =
            existing.affectsServices != valid.affectsServices
            || existing.substantialVariation != valid.substantialVariation
        guard changed else { return }
        let decided = try await Decision.query(on: db).filter(\.$initiative.$id == existing.id!).all()
            .contains(where: \.isApproved)
        if decided {
            throw ValidationFailure([
                FieldError(
                    "affects_services",
                    "The decision is approved, so whether it changes services is part of the record and cannot change now."
                )
            ])
        }
        guard let field = dropped.first else { return }
        if let problem = RecordedReason.problem(
            reason, ask: "Say why the answer is now no: the duty to involve or scrutiny no longer applies.")
        {
            throw ValidationFailure([
                FieldError("change_reason", problem), FieldError(field, "Say why this changed below."),
            ])
        }
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        let bundle = try await InitiativeBundle.load(try Admin.uuidParameter(request), on: request.db)
        return .html(
            InitiativeViews.overview(
                bundle, today: request.today, context: PageContext(request, title: bundle.initiative.title),
                notice: Admin.takeFlash(request), refusal: nil))
    }

    /// Records when the health overview and scrutiny committee considered a substantial variation, and what
    /// it said; kept as it was once the decision is approved.
    @Sendable static func recordScrutiny(_ request: Request) async throws -> Response {
        let bundle = try await InitiativeBundle.load(try Admin.uuidParameter(request), on: request.db)
        let initiative = bundle.initiative
        let typed = [
            "scrutiny_consulted_on": Admin.text(request, "scrutiny_consulted_on").trimmingWhitespace(),
            "scrutiny_response": Admin.text(request, "scrutiny_response").trimmingWhitespace(),
        ]
        // The form is not on the page once the decision is approved, so its field errors would show nowhere: say
        // why at the top instead.
        if bundle.decision?.isApproved == true {
            return .html(
                InitiativeViews.overview(
                    bundle, today: request.today, context: PageContext(request, title: initiative.title),
                    notice: "The decision is approved, so the scrutiny committee's response is kept as it was.",
                    refusal: nil), status: .conflict)
        }
        var errors: [FieldError] = []
        if !initiative.substantialVariation {
            errors.append(
                FieldError(
                    "scrutiny_consulted_on", "This initiative is not a substantial variation, so s244 does not apply."))
        }
        let date = Admin.requiredDate(
            typed["scrutiny_consulted_on"], field: "scrutiny_consulted_on",
            missing: "Enter the date the committee considered it, like 2026-11-12.", into: &errors)
        if let date, date > request.today {
            errors.append(
                FieldError(
                    "scrutiny_consulted_on",
                    "The date is in the future: record the committee's response once it has met."))
        } else if let problem = date?.implausibleYear(today: request.today, yearsBack: 10) {
            errors.append(FieldError("scrutiny_consulted_on", problem))
        }
        if let problem = RecordedReason.problem(typed["scrutiny_response"]!, ask: "Say what the committee said.") {
            errors.append(FieldError("scrutiny_response", problem))
        } else if let problem = request.listeningEngine.personalDataProblem(
            in: typed["scrutiny_response"]!, field: "scrutiny_response", allowingContactDetails: true)
        {
            errors.append(problem)
        }
        guard errors.isEmpty, let date else {
            let failure = ValidationFailure(errors)
            return .html(
                InitiativeViews.overview(
                    bundle, today: request.today,
                    context: PageContext(request, title: initiative.title, hasErrors: true), notice: nil,
                    refusal: nil, scrutinyFailure: failure, scrutinyTyped: typed), status: .unprocessableEntity)
        }
        let changes = [
            FieldChange("scrutiny_consulted_on", from: initiative.scrutinyConsultedOn, to: date.iso),
            FieldChange("scrutiny_response", from: initiative.scrutinyResponse, to: typed["scrutiny_response"]),
        ]
        initiative.scrutinyConsultedOn = date.iso
        initiative.scrutinyResponse = typed["scrutiny_response"]
        try await request.db.writeTransaction { db in
            try await initiative.save(on: db)
            try await AuditLog.record(
                on: db, actor: Admin.actor(request), action: "initiative.scrutiny_recorded", objectType: "initiative",
                objectID: initiative.id?.uuidString,
                summary: "Recorded the scrutiny committee's response to \(initiative.title) (\(date.ukText))",
                changes: changes)
        }
        Admin.flash(request, "The scrutiny committee's response is recorded.")
        return request.redirect(to: DecisionURL.initiative(initiative.id!) + "#scrutiny")
    }

    /// Moves the initiative to the stage asked for, or shows why it cannot.
    @Sendable static func advance(_ request: Request) async throws -> Response {
        let bundle = try await InitiativeBundle.load(try Admin.uuidParameter(request), on: request.db)
        let initiative = bundle.initiative
        guard let target = InitiativeStage(rawValue: Admin.text(request, "stage")) else {
            throw Abort(.badRequest, reason: "Choose a stage to move to.")
        }
        if let refusal = StageRules.refusal(toEnter: target, bundle.facts(today: request.today), today: request.today) {
            try await AuditLog.record(
                on: request.db, actor: Admin.actor(request), action: "initiative.stage_refused",
                objectType: "initiative", objectID: initiative.id?.uuidString,
                summary: "Refused moving \(initiative.title) to \(target.title): \(refusal.message)")
            return .html(
                InitiativeViews.overview(
                    bundle, today: request.today,
                    context: PageContext(request, title: initiative.title, hasErrors: true), notice: nil,
                    refusal: refusal), status: .conflict)
        }
        let from = initiative.stage
        initiative.stage = target
        try await request.db.writeTransaction { db in
            try await initiative.save(on: db)
            try await AuditLog.record(
                on: db, actor: Admin.actor(request), action: "initiative.stage_changed", objectType: "initiative",
                objectID: initiative.id?.uuidString, summary: "Moved \(initiative.title) to \(target.title)",
                changes: [FieldChange("stage", from: from.rawValue, to: target.rawValue)])
        }
        Admin.flash(request, "Moved to \(target.title).")
        return request.redirect(to: DecisionURL.initiative(initiative.id!))
    }
}
