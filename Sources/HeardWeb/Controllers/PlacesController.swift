import Fluent
import HeardDomain
import HeardStorage
import Vapor

enum PlacesController {
    struct Form: Content {
        var name: String?
    }

    /// Places in use, by name; retired ones too when asked (`?retired=show`), marked with the day.
    @Sendable static func index(_ request: Request) async throws -> Response {
        let showRetired = request.query[String.self, at: "retired"] == "show"
        let all = try await Place.query(on: request.db).sort(\.$name).all()
        let places = showRetired ? all : all.filter { !$0.isRetired }
        let services = try await Service.query(on: request.db).all()
        let counts = Dictionary(grouping: services.filter { !$0.isRetired }, by: { $0.$place.id }).mapValues(\.count)
        let token = request.csrfToken
        let rows: [[HTMLNode]] = places.map { place in
            [
                .text(place.name), .text(String(counts[place.id!] ?? 0)),
                .text(place.retiredAt.map(RetirementViews.retiredOn) ?? "In use"),
                RetirementViews.actions(
                    noun: "place", name: place.name, editPath: SiteURL.edit(SiteURL.places, id: place.id!),
                    retiredAt: place.retiredAt, retirePath: SiteURL.retirement(SiteURL.places, id: place.id!, "retire"),
                    restorePath: SiteURL.retirement(SiteURL.places, id: place.id!, "restore"), csrfToken: token),
            ]
        }
        let page = ReferenceDataViews.list(
            context: PageContext(request, title: "Places"), heading: "Places",
            intro: "The localities of the integrated care system. Feedback, events and reports are grouped by place.",
            newPath: SiteURL.new(SiteURL.places), newLabel: "Add a place",
            headers: ["Name", "Services in use", "Status", "Action"], rows: rows, notice: Admin.takeFlash(request),
            emptyText: showRetired || all.isEmpty ? "There are none yet." : "Every place is retired.",
            retiredToggle: RetirementViews.toggle(
                noun: "place", showing: showRetired, retiredCount: all.count - all.filter { !$0.isRetired }.count,
                showPath: SiteURL.places + "?retired=show", hidePath: SiteURL.places))
        return .html(page)
    }

    /// What retiring means, and the button; or, while services there are still in use, which ones.
    @Sendable static func confirmRetire(_ request: Request) async throws -> Response {
        let place = try await find(request)
        if place.isRetired {
            Admin.flash(request, "\(place.name) is already retired.")
            return request.redirect(to: SiteURL.places + "?retired=show")
        }
        return .html(
            try await confirmPage(request, place: place, problem: try await problem(retiring: place, request.db)))
    }

    /// Retires a place whose services are all retired; refused, naming them, while any is in use.
    @Sendable static func retire(_ request: Request) async throws -> Response {
        let place = try await find(request)
        guard !place.isRetired else {
            Admin.flash(request, "\(place.name) is already retired.")
            return request.redirect(to: SiteURL.places + "?retired=show")
        }
        let refused = try await request.db.writeTransaction { db -> String? in
            if let problem = try await problem(retiring: place, db) { return problem }
            place.retiredAt = Date()
            try await place.save(on: db)
            try await AuditLog.record(
                on: db, actor: Admin.actor(request), action: "place.retired", objectType: "place",
                objectID: place.id?.uuidString, summary: "Retired place \(place.name)",
                changes: [FieldChange("retired_at", from: nil, to: place.retiredAt.map(Self.stamp))])
            return nil
        }
        if let refused {
            return .html(try await confirmPage(request, place: place, problem: refused), status: .conflict)
        }
        Admin.flash(request, "Place retired: \(place.name). It is no longer offered; its history is kept.")
        return request.redirect(to: SiteURL.places)
    }

    /// Offers a retired place again.
    @Sendable static func restore(_ request: Request) async throws -> Response {
        let place = try await find(request)
        guard let retiredAt = place.retiredAt else {
            Admin.flash(request, "\(place.name) is in use already.")
            return request.redirect(to: SiteURL.places)
        }
        place.retiredAt = nil
        try await request.db.writeTransaction { db in
            try await place.save(on: db)
            try await AuditLog.record(
                on: db, actor: Admin.actor(request), action: "place.restored", objectType: "place",
                objectID: place.id?.uuidString, summary: "Restored place \(place.name)",
                changes: [FieldChange("retired_at", from: Self.stamp(retiredAt), to: nil)])
        }
        Admin.flash(request, "Place restored: \(place.name). It is offered again.")
        return request.redirect(to: SiteURL.places)
    }

    /// An instant as the audit log's changes show it.
    static func stamp(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }

    private static func problem(retiring place: Place, _ db: any Database) async throws -> String? {
        let live = try await Service.query(on: db).filter(\.$place.$id == place.id!).filter(\.$retiredAt == nil)
            .all()
        return Retirement.placeProblem(place: place.name, liveServices: live.map(\.name))
    }

    private static func confirmPage(_ request: Request, place: Place, problem: String?) async throws -> String {
        RetirementViews.confirmPage(
            context: PageContext(request, title: "Retire \(place.name)", hasErrors: problem != nil), noun: "place",
            name: place.name,
            consequences: [
                "It is no longer offered when adding a service, action or event, or on the public pages that choose a place.",
                "Feedback, complaints, actions and reports already about \(place.name) stay, and still show its name.",
                "Its services must be retired, or moved to another place, first.",
            ], problem: problem, action: SiteURL.retirement(SiteURL.places, id: place.id!, "retire"),
            backPath: SiteURL.places, csrfToken: request.csrfToken)
    }

    @Sendable static func new(_ request: Request) async throws -> Response {
        .html(render(request, input: PlaceInput(), failure: nil, editing: nil))
    }

    @Sendable static func edit(_ request: Request) async throws -> Response {
        let place = try await find(request)
        return .html(render(request, input: PlaceInput(name: place.name), failure: nil, editing: place))
    }

    @Sendable static func create(_ request: Request) async throws -> Response { try await save(request, editing: nil) }

    @Sendable static func update(_ request: Request) async throws -> Response {
        try await save(request, editing: try await find(request))
    }

    private static func save(_ request: Request, editing existing: Place?) async throws -> Response {
        let input = PlaceInput(name: try request.content.decode(Form.self).name ?? "")
        do {
            let valid = try input.validated()
            let place = existing ?? Place()
            let changes = [FieldChange("name", from: existing?.name, to: valid.name)]
            place.name = valid.name
            // The address is made once, from the first name: a rename must not break the links already
            // published to it (posters, QR codes, council papers).
            if existing == nil { place.slug = valid.slug }
            do {
                try await request.db.writeTransaction { db in
                    if let id = existing?.id {
                        try await EditVersion.check(
                            sent: EditVersion.sent(request), stored: { editable(try await Place.find(id, on: $0)) },
                            schema: Place.schema, id: id, objectType: "place", noun: "place", on: db)
                    }
                    try await place.save(on: db)
                    try await AuditLog.record(
                        on: db, actor: Admin.actor(request),
                        action: existing == nil ? "place.created" : "place.updated",
                        objectType: "place", objectID: place.id?.uuidString,
                        summary: "\(existing == nil ? "Added" : "Changed") place \(place.name)", changes: changes)
                }
            } catch  where Admin.isUniqueViolation(error) {
                // A retired place of that name is the likeliest clash: restoring it keeps its history together.
                let retired = try await Place.query(on: request.db).filter(\.$slug == valid.slug)
                    .filter(\.$retiredAt != nil).first()
                throw ValidationFailure([
                    FieldError(
                        "name",
                        retired.map {
                            "\($0.name) is a retired place. Restore it from the list of places (show retired places) "
                                + "rather than adding it again, or choose a name that tells them apart."
                        }
                            ?? "There is already a place called \(valid.name), or one whose web address would be the same (\(valid.slug)). Choose a name that tells them apart."
                    )
                ])
            }
            Admin.flash(request, existing == nil ? "Place added: \(place.name)" : "Place changed: \(place.name)")
            return request.redirect(to: SiteURL.places)
        } catch let failure as ValidationFailure {
            // A refused save keeps the version the form was opened with: correcting it is no reason to overwrite.
            return .html(
                render(
                    request, input: input, failure: failure, editing: try await Admin.stored(existing, request),
                    version: EditVersion.sent(request)),
                status: .unprocessableEntity)
        } catch let stale as EditVersion.Stale {
            return .html(
                render(
                    request, input: input, failure: ValidationFailure([FieldError("name", stale.message)]),
                    editing: try await find(request)), status: .conflict)
        }
    }

    /// What the edit form shows, for `EditVersion`.
    static func editable(_ place: Place?) -> [String?] { [place?.name] }

    private static func find(_ request: Request) async throws -> Place {
        guard let place = try await Place.find(try Admin.uuidParameter(request), on: request.db) else {
            throw Abort(.notFound)
        }
        return place
    }

    /// `version`: the one a refused form was opened with; otherwise the place's as stored.
    private static func render(
        _ request: Request, input: PlaceInput, failure: ValidationFailure?, editing: Place?, version: String? = nil
    )
        -> String
    {
        let heading = editing == nil ? "Add a place" : "Change \(editing!.name)"
        let action = editing.map { SiteURL.edit(SiteURL.places, id: $0.id!) } ?? SiteURL.new(SiteURL.places)
        return ReferenceDataViews.form(
            context: PageContext(request, title: heading, hasErrors: failure != nil), heading: heading, action: action,
            failure: failure, submitLabel: "Save place", backPath: SiteURL.places, csrfToken: request.csrfToken,
            after: editing.map {
                RetirementViews.status(
                    noun: "place", name: $0.name, retiredAt: $0.retiredAt,
                    retirePath: SiteURL.retirement(SiteURL.places, id: $0.id!, "retire"),
                    restorePath: SiteURL.retirement(SiteURL.places, id: $0.id!, "restore"), csrfToken: request.csrfToken
                )
            } ?? .empty
        ) {
            FormComponents.textField(
                name: "name", label: "Name", value: input.name, failure: failure,
                hint: editing.map {
                    "As local people say it. Its public address stays \(SiteURL.youSaidWeDid(place: $0.slug)) whatever the name."
                } ?? "As local people say it, for example Calderdale.")
            if let editing { EditVersion.hiddenField(version ?? EditVersion.of(editable(editing))) }
        }
    }
}
