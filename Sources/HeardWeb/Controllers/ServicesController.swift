import Fluent
import FluentSQL
import HeardDomain
import HeardStorage
import SQLKit
import Vapor

enum ServicesController {
    struct Form: Content {
        var name: String?
        var summary: String?
        var organisationID: String?
        var placeID: String?

        enum CodingKeys: String, CodingKey {
            case name, summary
            case organisationID = "organisation_id"
            case placeID = "place_id"
        }

        var input: ServiceInput {
            ServiceInput(
                name: name ?? "", summary: summary ?? "", organisationID: organisationID ?? "", placeID: placeID ?? "")
        }
    }

    /// Every service, filtered by words in its name, organisation and place; 50 a page, by name. Retired
    /// services are left out unless asked for (`retired=show` for all, `retired=only`).
    @Sendable static func index(_ request: Request) async throws -> Response {
        let words = (request.query[String.self, at: "q"] ?? "").trimmingWhitespace()
        let organisationID = request.query[String.self, at: "organisation"] ?? ""
        let placeSlug = request.query[String.self, at: "place"] ?? ""
        let organisations = try await Organisation.query(on: request.db).sort(\.$name).all()
        let places = try await Place.query(on: request.db).sort(\.$name).all()
        var query = Service.query(on: request.db)
        var problems = FilterProblems()
        let retired =
            problems.choice(request.query[String.self, at: "retired"] ?? "", "choice for retired services") {
                RetiredFilter(rawValue: $0 == "hide" ? "" : $0)
            } ?? .hide
        if let organisation = problems.choice(
            organisationID, "organisation", { id in organisations.first { $0.id == UUID(uuidString: id) } })
        {
            query = query.filter(\.$organisation.$id == organisation.id!)
        }
        if let place = problems.choice(placeSlug, "place", { slug in places.first { $0.slug == slug } }) {
            query = query.filter(\.$place.$id == place.id!)
        }
        query = problems.narrowing(query)
        if !words.isEmpty { query = query.filter(ListPage.contains(words, column: "name", table: Service.schema)) }
        let retiredHere = try await query.copy().filter(\.$retiredAt != nil).count()
        switch retired {
        case .hide: query = query.filter(\.$retiredAt == nil)
        case .only: query = query.filter(\.$retiredAt != nil)
        case .show: break
        }
        let total = try await query.copy().count()
        let page = ListPage(requested: ListPage.requested(request), total: total)
        let services = try await query.with(\.$organisation).with(\.$place).sort(\.$name).sort(\.$id)
            .range(page.range).all()
        let token = request.csrfToken
        let rows: [[HTMLNode]] = services.map { service in
            [
                .text(service.name), .text(service.organisation.name),
                .text(Retirement.label(service.place.name, retired: service.place.isRetired)),
                .text(service.retiredAt.map(RetirementViews.retiredOn) ?? "In use"),
                RetirementViews.actions(
                    noun: "service", name: service.name, editPath: SiteURL.edit(SiteURL.services, id: service.id!),
                    retiredAt: service.retiredAt,
                    retirePath: SiteURL.retirement(SiteURL.services, id: service.id!, "retire"),
                    restorePath: SiteURL.retirement(SiteURL.services, id: service.id!, "restore"), csrfToken: token),
            ]
        }
        let filterValues = [
            ("q", words), ("organisation", organisationID), ("place", placeSlug), ("retired", retired.rawValue),
        ]
        let filters = HeardWeb.form(.action(SiteURL.services), .method("get"), .class("filters")) {
            FormComponents.textField(name: "q", label: "Name contains", value: words, failure: nil, required: false)
            FormComponents.selectField(
                name: "organisation", label: "Organisation",
                choices: organisations.map { .init(value: $0.id!.uuidString, label: $0.name) },
                selected: UUID(uuidString: organisationID)?.uuidString ?? organisationID, failure: nil,
                prompt: "Any organisation")
            FormComponents.selectField(
                name: "place", label: "Place",
                choices: places.map { .init(value: $0.slug, label: Retirement.label($0.name, retired: $0.isRetired)) },
                selected: placeSlug, failure: nil, prompt: "Any place")
            FormComponents.selectField(
                name: "retired", label: "Retired services",
                choices: [.init(value: "show", label: "Show them too"), .init(value: "only", label: "Only retired")],
                selected: retired.rawValue, failure: nil, prompt: "Hide them")
            button(.type("submit"), .class("button button-secondary")) { "Filter" }
        }
        let html = ReferenceDataViews.list(
            context: PageContext(request, title: "Services"), heading: "Services",
            intro: "The services people can give feedback about. Each is run by one organisation in one place.",
            newPath: SiteURL.new(SiteURL.services), newLabel: "Add a service",
            headers: ["Name", "Organisation", "Place", "Status", "Action"], rows: rows,
            notice: problems.notice(request),
            filters: filters,
            emptyText: total == 0 && (words.isEmpty && organisationID.isEmpty && placeSlug.isEmpty)
                && retired == .hide && retiredHere == 0 ? "There are none yet." : "No services match.",
            pagination: Pagination.links(page: page.number, pageCount: page.count) {
                ListPage.path(SiteURL.services, filters: filterValues, page: $0)
            },
            retiredToggle: retired == .only
                ? .empty
                : RetirementViews.toggle(
                    noun: "service", showing: retired == .show, retiredCount: retiredHere,
                    showPath: ListPage.path(
                        SiteURL.services, filters: Array(filterValues.dropLast()) + [("retired", "show")], page: 1),
                    hidePath: ListPage.path(SiteURL.services, filters: Array(filterValues.dropLast()), page: 1)))
        return .html(html)
    }

    /// Which services the list shows: in use (the default), all, or only retired ones.
    enum RetiredFilter: String {
        case hide = ""
        case show, only

    }

    /// What retiring means, and the button.
    @Sendable static func confirmRetire(_ request: Request) async throws -> Response {
        let service = try await find(request)
        if service.isRetired {
            Admin.flash(request, "\(service.name) is already retired.")
            return request.redirect(to: SiteURL.services + "?retired=show")
        }
        return .html(confirmPage(request, service: service))
    }

    @Sendable static func retire(_ request: Request) async throws -> Response {
        let service = try await find(request)
        guard !service.isRetired else {
            Admin.flash(request, "\(service.name) is already retired.")
            return request.redirect(to: SiteURL.services + "?retired=show")
        }
        service.retiredAt = Date()
        try await request.db.writeTransaction { db in
            try await service.save(on: db)
            try await AuditLog.record(
                on: db, actor: Admin.actor(request), action: "service.retired", objectType: "service",
                objectID: service.id?.uuidString, summary: "Retired service \(service.name)",
                changes: [FieldChange("retired_at", from: nil, to: service.retiredAt.map(PlacesController.stamp))])
        }
        request.application.serviceDirectory.forget()
        Admin.flash(request, "Service retired: \(service.name). It no longer takes new feedback; its history is kept.")
        return request.redirect(to: SiteURL.services)
    }

    /// Offers a retired service again, unless its place is retired too.
    @Sendable static func restore(_ request: Request) async throws -> Response {
        let service = try await find(request)
        guard let retiredAt = service.retiredAt else {
            Admin.flash(request, "\(service.name) is in use already.")
            return request.redirect(to: SiteURL.services)
        }
        let place = try await service.$place.get(on: request.db)
        if let problem = Retirement.restoreProblem(
            service: service.name, place: place.name,
            placeRetiredOn: place.retiredAt.map { SimpleDate.ukDay(of: $0) })
        {
            return .html(
                try await render(
                    request, input: input(service), failure: ValidationFailure([FieldError("place_id", problem)]),
                    editing: service), status: .conflict)
        }
        service.retiredAt = nil
        try await request.db.writeTransaction { db in
            try await service.save(on: db)
            try await AuditLog.record(
                on: db, actor: Admin.actor(request), action: "service.restored", objectType: "service",
                objectID: service.id?.uuidString, summary: "Restored service \(service.name)",
                changes: [FieldChange("retired_at", from: PlacesController.stamp(retiredAt), to: nil)])
        }
        request.application.serviceDirectory.forget()
        Admin.flash(
            request,
            "Service restored: \(service.name). It takes feedback again."
                + (try await sameNameNote(service, on: request.db)))
        return request.redirect(to: SiteURL.services)
    }

    private static func confirmPage(_ request: Request, service: Service) -> String {
        RetirementViews.confirmPage(
            context: PageContext(request, title: "Retire \(service.name)"), noun: "service", name: service.name,
            consequences: [
                "It is no longer offered on the public feedback form, to staff entering feedback, in imports or through the API.",
                "A link straight to its feedback form says it has closed and points to the services in use.",
                "Feedback, complaints, actions and stories already about \(service.name) stay, and still show its name.",
            ], problem: nil, action: SiteURL.retirement(SiteURL.services, id: service.id!, "retire"),
            backPath: SiteURL.services, csrfToken: request.csrfToken)
    }

    /// Two services in use may share a name (an emergency department in two places), but then a file or an API
    /// call that names one cannot say which: the person saving it is told, in time to rename it.
    static func sameNameNote(_ service: Service, on db: any Database) async throws -> String {
        let name = service.name.lowercased()
        let others = try await Service.query(on: db).filter(\.$retiredAt == nil).filter(\.$id != service.id!)
            .with(\.$place).all().filter { $0.name.lowercased() == name }
        guard !others.isEmpty else { return "" }
        let places = others.map(\.place.name).sorted().joined(separator: ", ")
        return " Another service in use is also called \(service.name) (in \(places)): imports and API calls that "
            + "name a service will need its id, or rename one of them."
    }

    private static func input(_ service: Service) -> ServiceInput {
        ServiceInput(
            name: service.name, summary: service.summary, organisationID: service.$organisation.id.uuidString,
            placeID: service.$place.id.uuidString)
    }

    @Sendable static func new(_ request: Request) async throws -> Response {
        .html(try await render(request, input: ServiceInput(), failure: nil, editing: nil))
    }

    @Sendable static func edit(_ request: Request) async throws -> Response {
        let service = try await find(request)
        return .html(try await render(request, input: input(service), failure: nil, editing: service))
    }

    @Sendable static func create(_ request: Request) async throws -> Response { try await save(request, editing: nil) }

    @Sendable static func update(_ request: Request) async throws -> Response {
        try await save(request, editing: try await find(request))
    }

    private static func save(_ request: Request, editing existing: Service?) async throws -> Response {
        let input = try request.content.decode(Form.self).input
        do {
            var problems: [FieldError] = []
            var valid: (name: String, summary: String)?
            do { valid = try input.validated() } catch { problems = error.errors }
            let organisation = try await UUID(uuidString: input.organisationID).asyncFlatMap {
                try await Organisation.find($0, on: request.db)
            }
            let place = try await UUID(uuidString: input.placeID).asyncFlatMap {
                try await Place.find($0, on: request.db)
            }
            if organisation == nil, !input.organisationID.isEmpty {
                problems.append(FieldError("organisation_id", "Select an organisation from the list."))
            }
            if place == nil, !input.placeID.isEmpty {
                problems.append(FieldError("place_id", "Select a place from the list."))
            }
            // A service in use cannot be in a place that is not; a retired one may stay where it was.
            if let place, let retiredAt = place.retiredAt, existing?.isRetired != true {
                problems.append(
                    FieldError("place_id", Retirement.placeRetired(place.name, on: SimpleDate.ukDay(of: retiredAt))))
            }
            guard problems.isEmpty, let valid, let organisation, let place else { throw ValidationFailure(problems) }
            // The database's unique index is case-sensitive; people (and imports, which match names without
            // regard to case) are not.
            let sameName = try await Service.query(on: request.db).filter(\.$organisation.$id == organisation.id!)
                .filter(\.$place.$id == place.id!).all()
                .first { $0.id != existing?.id && Self.sameName($0.name, valid.name) }
            if let sameName {
                throw ValidationFailure([
                    FieldError(
                        "name", "\(organisation.name) already has a service called \(sameName.name) in \(place.name).")
                ])
            }

            let service = existing ?? Service()
            let changes = [
                FieldChange("name", from: existing?.name, to: valid.name),
                FieldChange("description", from: existing?.summary, to: valid.summary),
                FieldChange(
                    "organisation_id", from: existing?.$organisation.id.uuidString, to: organisation.id?.uuidString),
                FieldChange("place_id", from: existing?.$place.id.uuidString, to: place.id?.uuidString),
            ]
            service.name = valid.name
            service.summary = valid.summary
            service.$organisation.id = organisation.id!
            service.$place.id = place.id!
            do {
                try await request.db.writeTransaction { db in
                    if let id = existing?.id {
                        try await EditVersion.check(
                            sent: EditVersion.sent(request), stored: { editable(try await Service.find(id, on: $0)) },
                            schema: Service.schema, id: id, objectType: "service", noun: "service", on: db)
                    }
                    try await service.save(on: db)
                    try await AuditLog.record(
                        on: db, actor: Admin.actor(request),
                        action: existing == nil ? "service.created" : "service.updated",
                        objectType: "service", objectID: service.id?.uuidString,
                        summary: "\(existing == nil ? "Added" : "Changed") service \(service.name)", changes: changes)
                }
                // Moved to another place or organisation: new feedback must be filed there from now on.
                request.application.serviceDirectory.forget()
            } catch  where Admin.isUniqueViolation(error) {
                throw ValidationFailure([
                    FieldError(
                        "name", "\(organisation.name) already has a service called \(valid.name) in \(place.name).")
                ])
            }
            Admin.flash(
                request,
                (existing == nil ? "Service added: \(service.name)" : "Service changed: \(service.name)")
                    + (try await sameNameNote(service, on: request.db)))
            return request.redirect(to: SiteURL.services)
        } catch let failure as ValidationFailure {
            // A refused save keeps the version the form was opened with: correcting it is no reason to overwrite.
            return .html(
                try await render(
                    request, input: input, failure: failure, editing: try await Admin.stored(existing, request),
                    version: EditVersion.sent(request)),
                status: .unprocessableEntity)
        } catch let stale as EditVersion.Stale {
            return .html(
                try await render(
                    request, input: input, failure: ValidationFailure([FieldError("name", stale.message)]),
                    editing: try await find(request)), status: .conflict)
        }
    }

    /// What the edit form shows, for `EditVersion`.
    static func editable(_ service: Service?) -> [String?] {
        [
            service?.name, service?.summary, service?.$organisation.id.uuidString,
            service?.$place.id.uuidString,
        ]
    }

    /// Names that differ only in capitals or spacing name the same service.
    static func sameName(_ a: String, _ b: String) -> Bool {
        func key(_ name: String) -> String {
            name.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        return key(a) == key(b)
    }

    private static func find(_ request: Request) async throws -> Service {
        guard let service = try await Service.find(try Admin.uuidParameter(request), on: request.db) else {
            throw Abort(.notFound)
        }
        return service
    }

    /// `version`: the one a refused form was opened with; otherwise the service's as stored.
    private static func render(
        _ request: Request, input: ServiceInput, failure: ValidationFailure?, editing: Service?,
        version: String? = nil
    )
        async throws -> String
    {
        let organisations = try await Organisation.query(on: request.db).sort(\.$name).all()
        // Retired places are not offered, except the one a service being changed is already in.
        let places = try await Place.query(on: request.db).sort(\.$name).all().filter {
            !$0.isRetired || $0.id == editing?.$place.id
        }
        let heading = editing == nil ? "Add a service" : "Change \(editing!.name)"
        let action = editing.map { SiteURL.edit(SiteURL.services, id: $0.id!) } ?? SiteURL.new(SiteURL.services)
        return ReferenceDataViews.form(
            context: PageContext(request, title: heading, hasErrors: failure != nil), heading: heading, action: action,
            failure: failure, submitLabel: "Save service", backPath: SiteURL.services, csrfToken: request.csrfToken,
            after: editing.map {
                RetirementViews.status(
                    noun: "service", name: $0.name, retiredAt: $0.retiredAt,
                    retirePath: SiteURL.retirement(SiteURL.services, id: $0.id!, "retire"),
                    restorePath: SiteURL.retirement(SiteURL.services, id: $0.id!, "restore"),
                    csrfToken: request.csrfToken)
            } ?? .empty
        ) {
            FormComponents.textField(name: "name", label: "Name", value: input.name, failure: failure)
            FormComponents.selectField(
                name: "organisation_id", label: "Organisation that runs it",
                choices: organisations.map { .init(value: $0.id!.uuidString, label: $0.name) },
                selected: input.organisationID, failure: failure)
            FormComponents.selectField(
                name: "place_id", label: "Place",
                choices: places.map {
                    .init(value: $0.id!.uuidString, label: Retirement.label($0.name, retired: $0.isRetired))
                }, selected: input.placeID, failure: failure)
            FormComponents.textArea(
                name: "summary", label: "What the service does (optional)", value: input.summary, failure: failure,
                hint: "One or two plain sentences, shown to people choosing a service.")
            if let editing { EditVersion.hiddenField(version ?? EditVersion.of(editable(editing))) }
        }
    }
}

extension Optional {
    func asyncFlatMap<U>(_ transform: (Wrapped) async throws -> U?) async rethrows -> U? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
