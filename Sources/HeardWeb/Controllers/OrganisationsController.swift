import Fluent
import HeardDomain
import HeardStorage
import Vapor

enum OrganisationsController {
    struct Form: Content {
        var name: String?
        var kind: String?
        var odsCode: String?

        enum CodingKeys: String, CodingKey {
            case name, kind
            case odsCode = "ods_code"
        }

        var input: OrganisationInput { OrganisationInput(name: name ?? "", kind: kind ?? "", odsCode: odsCode ?? "") }
    }

    @Sendable static func index(_ request: Request) async throws -> Response {
        let organisations = try await Organisation.query(on: request.db).with(\.$services).sort(\.$name).all()
        let rows: [[HTMLNode]] = organisations.map { org in
            [
                .text(org.name), .text(org.kind.title), .text(org.odsCode ?? "–"), .text(String(org.services.count)),
                ReferenceDataViews.editLink(SiteURL.edit(SiteURL.organisations, id: org.id!), name: org.name),
            ]
        }
        let page = ReferenceDataViews.list(
            context: PageContext(request, title: "Organisations"), heading: "Organisations",
            intro: "The bodies that run, commission or scrutinise services in this system.",
            newPath: SiteURL.new(SiteURL.organisations), newLabel: "Add an organisation",
            headers: ["Name", "Kind", "ODS code", "Services", "Action"], rows: rows, notice: Admin.takeFlash(request))
        return .html(page)
    }

    @Sendable static func new(_ request: Request) async throws -> Response {
        .html(render(request, input: OrganisationInput(), failure: nil, editing: nil))
    }

    @Sendable static func edit(_ request: Request) async throws -> Response {
        let org = try await find(request)
        let input = OrganisationInput(name: org.name, kind: org.kind.rawValue, odsCode: org.odsCode ?? "")
        return .html(render(request, input: input, failure: nil, editing: org))
    }

    @Sendable static func create(_ request: Request) async throws -> Response {
        try await save(request, editing: nil)
    }

    @Sendable static func update(_ request: Request) async throws -> Response {
        try await save(request, editing: try await find(request))
    }

    private static func save(_ request: Request, editing existing: Organisation?) async throws -> Response {
        let input = try request.content.decode(Form.self).input
        do {
            let valid = try input.validated()
            let org = existing ?? Organisation()
            let changes = [
                FieldChange("name", from: existing?.name, to: valid.name),
                FieldChange("kind", from: existing?.kind.rawValue, to: valid.kind.rawValue),
                FieldChange("ods_code", from: existing?.odsCode, to: valid.odsCode),
            ]
            org.name = valid.name
            org.kind = valid.kind
            org.odsCode = valid.odsCode
            do {
                try await request.db.writeTransaction { db in
                    if let id = existing?.id {
                        try await EditVersion.check(
                            sent: EditVersion.sent(request),
                            stored: { editable(try await Organisation.find(id, on: $0)) },
                            schema: Organisation.schema, id: id, objectType: "organisation", noun: "organisation",
                            on: db)
                    }
                    // An ODS code names one organisation: two with the same code would split its figures.
                    if let code = valid.odsCode,
                        let other = try await Organisation.query(on: db).filter(\.$odsCode == code).all()
                            .first(where: { $0.id != existing?.id })
                    {
                        throw ValidationFailure([
                            FieldError(
                                "ods_code",
                                "\(other.name) already has the ODS code \(code). Check the code, or change that organisation's first."
                            )
                        ])
                    }
                    try await org.save(on: db)
                    try await AuditLog.record(
                        on: db, actor: Admin.actor(request),
                        action: existing == nil ? "organisation.created" : "organisation.updated",
                        objectType: "organisation", objectID: org.id?.uuidString,
                        summary: "\(existing == nil ? "Added" : "Changed") organisation \(org.name)", changes: changes)
                }
            } catch  where Admin.isUniqueViolation(error) {
                throw ValidationFailure([FieldError("name", "There is already an organisation called \(valid.name).")])
            }
            Admin.flash(
                request, existing == nil ? "Organisation added: \(org.name)" : "Organisation changed: \(org.name)")
            return request.redirect(to: SiteURL.organisations)
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
    static func editable(_ org: Organisation?) -> [String?] { [org?.name, org?.kind.rawValue, org?.odsCode] }

    private static func find(_ request: Request) async throws -> Organisation {
        guard let org = try await Organisation.find(try Admin.uuidParameter(request), on: request.db) else {
            throw Abort(.notFound)
        }
        return org
    }

    /// `version`: the one a refused form was opened with; otherwise the organisation's as stored.
    private static func render(
        _ request: Request, input: OrganisationInput, failure: ValidationFailure?, editing: Organisation?,
        version: String? = nil
    ) -> String {
        let heading = editing == nil ? "Add an organisation" : "Change \(editing!.name)"
        let action =
            editing.map { SiteURL.edit(SiteURL.organisations, id: $0.id!) } ?? SiteURL.new(SiteURL.organisations)
        return ReferenceDataViews.form(
            context: PageContext(request, title: heading, hasErrors: failure != nil), heading: heading, action: action,
            failure: failure, submitLabel: "Save organisation", backPath: SiteURL.organisations,
            csrfToken: request.csrfToken
        ) {
            FormComponents.textField(name: "name", label: "Name", value: input.name, failure: failure)
            FormComponents.selectField(
                name: "kind", label: "Kind of organisation",
                choices: OrganisationKind.allCases.map { .init(value: $0.rawValue, label: $0.title) },
                selected: input.kind, failure: failure)
            FormComponents.textField(
                name: "ods_code", label: "ODS code (optional)", value: input.odsCode, failure: failure,
                hint: "The Organisation Data Service code, for example RXF.", required: false, width: "short")
            if let editing { EditVersion.hiddenField(version ?? EditVersion.of(editable(editing))) }
        }
    }
}
