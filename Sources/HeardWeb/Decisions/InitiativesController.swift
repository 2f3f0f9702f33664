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

        enum CodingKeys: String, CodingKey {
            case title, what, why
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

    @Sendable static func index(_ request: Request) async throws -> Response {
        let initiatives = try await Initiative.query(on: request.db).sort(\.$createdAt, .descending).all()
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
                rows, context: PageContext(request, title: "Initiatives"), notice: Admin.takeFlash(request)))
    }

    @Sendable static func new(_ request: Request) async throws -> Response {
        let places = try await Place.query(on: request.db).sort(\.$name).all()
        let services = try await Service.query(on: request.db).with(\.$place).sort(\.$name).all()
        return .html(
            InitiativeViews.form(
                request, input: InitiativeInput(), placeIDs: [], serviceIDs: [], places: places, services: services,
                failure: nil))
    }

    @Sendable static func create(_ request: Request) async throws -> Response {
        let form = try request.content.decode(Form.self)
        let places = try await Place.query(on: request.db).sort(\.$name).all()
        let services = try await Service.query(on: request.db).with(\.$place).sort(\.$name).all()
        let chosen = (form.placeIDs ?? []).compactMap { UUID(uuidString: $0) }.filter { id in
            places.contains { $0.id == id }
        }
        let chosenServices = (form.serviceIDs ?? []).compactMap { UUID(uuidString: $0) }.filter { id in
            services.contains { $0.id == id }
        }
        do {
            let valid = try form.input.validated()
            if chosen.isEmpty { throw ValidationFailure([FieldError("place_ids", "Select at least one place.")]) }
            let initiative = Initiative(
                title: valid.title, what: valid.what, why: valid.why, placeIDs: chosen, serviceIDs: chosenServices,
                affectsServices: valid.affectsServices, substantialVariation: valid.substantialVariation,
                decisionBody: valid.decisionBody, targetDate: valid.targetDate,
                livedExperienceMembers: valid.livedExperienceMembers)
            try await request.db.transaction { db in
                try await initiative.create(on: db)
                try await AuditLog.record(
                    on: db, actor: Admin.actor(request), action: "initiative.created", objectType: "initiative",
                    objectID: initiative.id?.uuidString, summary: "Added initiative \(valid.title)",
                    changes: [
                        FieldChange("title", from: nil, to: valid.title),
                        FieldChange("affects_services", from: nil, to: String(valid.affectsServices)),
                        FieldChange("substantial_variation", from: nil, to: String(valid.substantialVariation)),
                    ])
            }
            Admin.flash(request, "Initiative added: \(valid.title)")
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
                    failure: ValidationFailure(errors)), status: .unprocessableEntity)
        }
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        let bundle = try await InitiativeBundle.load(try Admin.uuidParameter(request), on: request.db)
        return .html(
            InitiativeViews.overview(
                bundle, today: request.today, context: PageContext(request, title: bundle.initiative.title),
                notice: Admin.takeFlash(request), refusal: nil))
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
        try await request.db.transaction { db in
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
