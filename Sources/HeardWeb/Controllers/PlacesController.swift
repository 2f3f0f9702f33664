import Fluent
import HeardDomain
import HeardStorage
import Vapor

enum PlacesController {
    struct Form: Content {
        var name: String?
    }

    @Sendable static func index(_ request: Request) async throws -> Response {
        let places = try await Place.query(on: request.db).sort(\.$name).all()
        let services = try await Service.query(on: request.db).all()
        let counts = Dictionary(grouping: services, by: { $0.$place.id }).mapValues(\.count)
        let rows: [[HTMLNode]] = places.map { place in
            [
                .text(place.name), .text(String(counts[place.id!] ?? 0)),
                ReferenceDataViews.editLink(SiteURL.edit(SiteURL.places, id: place.id!), name: place.name),
            ]
        }
        let page = ReferenceDataViews.list(
            context: PageContext(request, title: "Places"), heading: "Places",
            intro: "The localities of the integrated care system. Feedback, events and reports are grouped by place.",
            newPath: SiteURL.new(SiteURL.places), newLabel: "Add a place", headers: ["Name", "Services", "Action"],
            rows: rows, notice: Admin.takeFlash(request))
        return .html(page)
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
                try await request.db.transaction { db in
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
                throw ValidationFailure([
                    FieldError(
                        "name",
                        "There is already a place called \(valid.name), or one whose web address would be the same (\(valid.slug)). Choose a name that tells them apart."
                    )
                ])
            }
            Admin.flash(request, existing == nil ? "Place added: \(place.name)" : "Place changed: \(place.name)")
            return request.redirect(to: SiteURL.places)
        } catch let failure as ValidationFailure {
            return .html(
                render(request, input: input, failure: failure, editing: try await Admin.stored(existing, request)),
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

    private static func render(
        _ request: Request, input: PlaceInput, failure: ValidationFailure?, editing: Place?
    )
        -> String
    {
        let heading = editing == nil ? "Add a place" : "Change \(editing!.name)"
        let action = editing.map { SiteURL.edit(SiteURL.places, id: $0.id!) } ?? SiteURL.new(SiteURL.places)
        return ReferenceDataViews.form(
            context: PageContext(request, title: heading, hasErrors: failure != nil), heading: heading, action: action,
            failure: failure, submitLabel: "Save place", backPath: SiteURL.places, csrfToken: request.csrfToken
        ) {
            FormComponents.textField(
                name: "name", label: "Name", value: input.name, failure: failure,
                hint: editing.map {
                    "As local people say it. Its public address stays \(SiteURL.youSaidWeDid(place: $0.slug)) whatever the name."
                } ?? "As local people say it, for example Calderdale.")
            if let editing { EditVersion.hiddenField(EditVersion.of(editable(editing))) }
        }
    }
}
