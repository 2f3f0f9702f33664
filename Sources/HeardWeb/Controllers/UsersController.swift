import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Vapor

/// Administrators add accounts, choose roles, and switch accounts off (never delete: the audit log names them).
enum UsersController {
    struct Form: Content {
        var email: String?
        var displayName: String?
        var role: String?
        var password: String?
        var organisationID: String?

        enum CodingKeys: String, CodingKey {
            case email, role, password
            case displayName = "display_name"
            case organisationID = "organisation_id"
        }
    }

    /// Everyone with an account, filtered by role, whether switched on, and words in the name or e-mail.
    @Sendable static func index(_ request: Request) async throws -> Response {
        let words = (request.query[String.self, at: "q"] ?? "").trimmingWhitespace()
        let roleFilter = request.query[String.self, at: "role"] ?? ""
        let statusFilter = request.query[String.self, at: "status"] ?? ""
        var query = User.query(on: request.db)
        var problems = FilterProblems()
        if let role = problems.choice(roleFilter, "role", Role.init(rawValue:)) {
            query = query.filter(\.$role == role)
        }
        if let active = problems.choice(statusFilter, "status", { ["active": true, "off": false][$0] }) {
            query = query.filter(\.$isActive == active)
        }
        query = problems.narrowing(query)
        if !words.isEmpty {
            query = query.group(.or) {
                $0.filter(ListPage.contains(words, column: "display_name", table: User.schema))
                    .filter(ListPage.contains(words, column: "email", table: User.schema))
            }
        }
        let total = try await query.copy().count()
        let page = ListPage(requested: ListPage.requested(request), total: total)
        let users = try await query.sort(\.$role).sort(\.$email).range(page.range).all()
        let token = request.csrfToken
        let rows: [[HTMLNode]] = users.map { user in
            let action = user.isActive ? "deactivate" : "activate"
            let isSelf = user.id == request.currentUser?.id
            return [
                a(.href(SiteURL.user(user.id!))) { user.displayName }, .text(user.email), .text(user.role.title),
                .text(user.isActive ? "Active" : "Switched off"),
                isSelf
                    ? .text("This is you")
                    : form(.action(SiteURL.user(user.id!, action)), .method("post"), .class("inline-form")) {
                        FormComponents.csrfField(token)
                        button(.type("submit"), .class("link-button")) {
                            user.isActive ? "Switch off" : "Switch on"
                            span(.class("visually-hidden")) { " \(user.email)" }
                        }
                    },
            ]
        }
        let html = ReferenceDataViews.list(
            context: PageContext(request, title: "People"), heading: "People with accounts",
            intro: "Staff and involved people who sign in. Switching an account off stops it signing in at once.",
            newPath: SiteURL.new(SiteURL.users), newLabel: "Add a person",
            headers: ["Name", "E-mail", "Role", "Status", "Action"], rows: rows, notice: problems.notice(request),
            filters: HeardWeb.form(.action(SiteURL.users), .method("get"), .class("filters")) {
                FormComponents.textField(
                    name: "q", label: "Name or e-mail contains", value: words, failure: nil, required: false)
                FormComponents.selectField(
                    name: "role", label: "Role",
                    choices: Role.allCases.map { .init(value: $0.rawValue, label: $0.title) },
                    selected: roleFilter, failure: nil, prompt: "Any role")
                FormComponents.selectField(
                    name: "status", label: "Status",
                    choices: [.init(value: "active", label: "Active"), .init(value: "off", label: "Switched off")],
                    selected: statusFilter, failure: nil, prompt: "Any status")
                button(.type("submit"), .class("button button-secondary")) { "Filter" }
            },
            emptyText: total == 0 && words.isEmpty && roleFilter.isEmpty && statusFilter.isEmpty
                ? "There are none yet." : "Nobody matches.",
            pagination: Pagination.links(page: page.number, pageCount: page.count) {
                ListPage.path(
                    SiteURL.users, filters: [("q", words), ("role", roleFilter), ("status", statusFilter)], page: $0)
            })
        return .html(html)
    }

    @Sendable static func new(_ request: Request) async throws -> Response {
        .html(try await render(request, form: Form(), failure: nil))
    }

    @Sendable static func create(_ request: Request) async throws -> Response {
        let form = try request.content.decode(Form.self)
        let (name, email, role, found) = try await details(
            name: form.displayName, email: form.email, role: form.role, editing: nil, on: request.db)
        var errors = found
        let organisation = try await chosenOrganisation(form.organisationID, into: &errors, on: request.db)
        if let problem = PasswordPolicy.problem(with: form.password ?? "", forAccount: email) {
            errors.append(FieldError("password", problem))
        }
        guard errors.isEmpty, let role else {
            return .html(
                try await render(request, form: form, failure: ValidationFailure(errors)), status: .unprocessableEntity)
        }
        let user = User(
            email: email, displayName: name, role: role,
            passwordHash: try await request.password.async.hash(form.password!), organisationID: organisation?.id)
        try await request.db.writeTransaction { db in
            try await user.create(on: db)
            try await AuditLog.record(
                on: db, actor: Admin.actor(request), action: "user.created", objectType: "user",
                objectID: user.id?.uuidString, summary: "Added \(name) as \(role.title)",
                changes: [
                    FieldChange("email", from: nil, to: email), FieldChange("role", from: nil, to: role.rawValue),
                ])
        }
        Admin.flash(request, "Account added for \(email)")
        return request.redirect(to: SiteURL.users)
    }

    // MARK: One account: name, e-mail, role, organisation; a password link

    struct EditForm: Content {
        var email: String?
        var displayName: String?
        var role: String?
        var organisationID: String?

        enum CodingKeys: String, CodingKey {
            case email, role
            case displayName = "display_name"
            case organisationID = "organisation_id"
        }
    }

    @Sendable static func edit(_ request: Request) async throws -> Response {
        let user = try await find(request)
        let form = EditForm(
            email: user.email, displayName: user.displayName, role: user.role.rawValue,
            organisationID: user.$organisation.id?.uuidString ?? "")
        return .html(try await editPage(request, user: user, form: form, failure: nil))
    }

    @Sendable static func update(_ request: Request) async throws -> Response {
        let user = try await find(request)
        let form = try request.content.decode(EditForm.self)
        let (name, email, role, found) = try await details(
            name: form.displayName, email: form.email, role: form.role, editing: user, on: request.db)
        var errors = found
        if let role, role != user.role {
            if user.id == request.currentUser?.id {
                errors.append(FieldError("role", "You cannot change your own role. Ask another administrator."))
            }
        }
        let organisation = try await chosenOrganisation(form.organisationID, into: &errors, on: request.db)
        guard errors.isEmpty, let role else {
            // A refused save keeps the version the form was opened with: correcting it is no reason to overwrite.
            return .html(
                try await editPage(
                    request, user: user, form: form, failure: ValidationFailure(errors),
                    version: EditVersion.sent(request)),
                status: .unprocessableEntity)
        }
        let changes = [
            FieldChange("display_name", from: user.displayName, to: name),
            FieldChange("email", from: user.email, to: email),
            FieldChange("role", from: user.role.rawValue, to: role.rawValue),
            FieldChange(
                "organisation_id", from: user.$organisation.id?.uuidString, to: organisation?.id?.uuidString),
        ].filter { $0.from != $0.to }
        let previousEmail = user.email
        user.displayName = name
        user.email = email
        user.role = role
        user.$organisation.id = organisation?.id
        let administrator = request.currentUser?.displayName ?? "An administrator"
        let id = user.id!
        do {
            try await request.db.writeTransaction { db in
                try await EditVersion.check(
                    sent: EditVersion.sent(request), stored: { editable(try await User.find(id, on: $0)) },
                    schema: User.schema, id: id, objectType: "user", noun: "account", on: db)
                try await user.save(on: db)
                if previousEmail != email {
                    // Both addresses hear of it: the old one can raise the alarm if the change was not expected.
                    for address in [previousEmail, email] {
                        try await Notice(
                            to: address, subject: "Your Heard account's e-mail address has changed",
                            body: """
                                Dear \(name),

                                \(administrator) changed the e-mail address you sign in to Heard with, from \(previousEmail) \
                                to \(email). Sign in with the new address from now on; your password is the same.

                                If you did not expect this, tell your Heard administrator at once.
                                """,
                            kind: "account_email_changed"
                        ).create(on: db)
                    }
                }
                try await AuditLog.record(
                    on: db, actor: Admin.actor(request), action: "user.updated", objectType: "user",
                    objectID: user.id?.uuidString, summary: "Changed the account of \(email)", changes: changes)
            }
        } catch let stale as EditVersion.Stale {
            return .html(
                try await editPage(
                    request, user: try await find(request), form: form,
                    failure: ValidationFailure([FieldError("display_name", stale.message)])),
                status: .conflict)
        }
        Admin.flash(request, changes.isEmpty ? "Nothing changed for \(email)." : "Account changed: \(email)")
        return request.redirect(to: SiteURL.users)
    }

    /// Name, e-mail (well formed, and nobody else's) and role, checked in the order of the form's fields so the
    /// error summary reads top to bottom. `editing` is the account being changed, whose own address is no clash.
    private static func details(
        name: String?, email: String?, role: String?, editing: User?, on db: any Database
    ) async throws -> (name: String, email: String, role: Role?, errors: [FieldError]) {
        var errors: [FieldError] = []
        let name = (name ?? "").trimmingWhitespace()
        if name.isEmpty {
            errors.append(FieldError("display_name", "Enter the person's name."))
        } else if let problem = TextLimit.problem(name, limit: TextLimit.personName, what: "the name") {
            errors.append(FieldError("display_name", problem))
        }
        let email = EmailAddress.normalised(email ?? "")
        if !EmailAddress.isPlausible(email) {
            errors.append(
                FieldError("email", "Enter an e-mail address in the correct format, like name@example.nhs.uk."))
        } else if email != editing?.email, try await User.query(on: db).filter(\.$email == email).first() != nil {
            errors.append(FieldError("email", "There is already an account for \(email)."))
        }
        let role = Role(rawValue: role ?? "")
        if role == nil { errors.append(FieldError("role", "Select a role.")) }
        return (name, email, role, errors)
    }

    /// The organisation picked from the list, or nil for none; anything else is an error on the field.
    private static func chosenOrganisation(
        _ text: String?, into errors: inout [FieldError], on db: any Database
    ) async throws -> Organisation? {
        let text = text ?? ""
        let organisation = try await UUID(uuidString: text).asyncFlatMap { try await Organisation.find($0, on: db) }
        if !text.isEmpty, organisation == nil {
            errors.append(FieldError("organisation_id", "Choose an organisation from the list."))
        }
        return organisation
    }

    /// E-mails the person a link to set a new password (a new account's first, or a forgotten one).
    @Sendable static func sendPasswordReset(_ request: Request) async throws -> Response {
        let user = try await find(request)
        guard user.isActive else {
            throw Abort(.badRequest, reason: "\(user.email) is switched off: switch the account on first.")
        }
        try await PasswordResets.send(
            to: user, by: request.currentUser, siteURL: request.heardConfiguration.publicURL, now: Date(),
            on: request.db)
        Admin.flash(
            request, "A link to set a new password has been e-mailed to \(user.email). It works for three days.")
        return request.redirect(to: SiteURL.user(user.id!))
    }

    private static func find(_ request: Request) async throws -> User {
        guard let user = try await User.find(try Admin.uuidParameter(request), on: request.db) else {
            throw Abort(.notFound)
        }
        return user
    }

    /// What the edit form shows, for `EditVersion`: not the sign-in times, which change without an edit.
    static func editable(_ user: User?) -> [String?] {
        [user?.displayName, user?.email, user?.role.rawValue, user?.$organisation.id?.uuidString]
    }

    /// `version`: the one a refused form was opened with; otherwise the account's as stored.
    private static func editPage(
        _ request: Request, user: User, form: EditForm, failure: ValidationFailure?, version: String? = nil
    ) async throws -> String {
        let organisations = try await Organisation.query(on: request.db).sort(\.$name).all()
        let token = request.csrfToken
        let notice = Admin.takeFlash(request)
        return PageLayout.render(PageContext(request, title: user.displayName, hasErrors: failure != nil)) {
            p { a(.class("back-link"), .href(SiteURL.users)) { "All people" } }
            if let notice { div(.class("notice"), .role("status")) { notice } }
            FormComponents.errorSummary(failure)
            h1 { user.displayName }
            p {
                (user.isActive ? "Active" : "Switched off") + ". "
                    + (user.lastSignInAt.map { "Last signed in \($0.formatted(AuditPage.dateFormat))." }
                        ?? "Has not signed in yet.")
            }
            HeardWeb.form(.action(SiteURL.user(user.id!)), .method("post"), .novalidate) {
                FormComponents.csrfField(token)
                FormComponents.textField(
                    name: "display_name", label: "Name", value: form.displayName ?? "", failure: failure,
                    autocomplete: "off")
                FormComponents.textField(
                    name: "email", label: "E-mail address", value: form.email ?? "", failure: failure, type: "email",
                    autocomplete: "off")
                FormComponents.selectField(
                    name: "role", label: "Role",
                    choices: Role.allCases.map { .init(value: $0.rawValue, label: $0.title) },
                    selected: form.role ?? "", failure: failure)
                FormComponents.selectField(
                    name: "organisation_id", label: "Organisation",
                    choices: organisations.map { .init(value: $0.id!.uuidString, label: $0.name) },
                    selected: form.organisationID ?? "", failure: failure,
                    hint: "Replies this person publishes are signed with their role and this organisation.",
                    prompt: "None")
                EditVersion.hiddenField(version ?? EditVersion.of(editable(user)))
                FormComponents.submitButton("Save changes")
            }
            h2 { "Password" }
            p {
                "Heard never shows passwords. E-mail the person a link to choose a new one (it works once, for three days); their current password keeps working until they do."
            }
            HeardWeb.form(.action(SiteURL.user(user.id!, "password-reset")), .method("post")) {
                FormComponents.csrfField(token)
                button(.type("submit"), .class("button button-secondary")) { "E-mail a password link" }
            }
        }
    }

    @Sendable static func activate(_ request: Request) async throws -> Response { try await setActive(request, true) }
    @Sendable static func deactivate(_ request: Request) async throws -> Response {
        try await setActive(request, false)
    }

    private static func setActive(_ request: Request, _ active: Bool) async throws -> Response {
        guard let user = try await User.find(try Admin.uuidParameter(request), on: request.db) else {
            throw Abort(.notFound)
        }
        guard user.id != request.currentUser?.id else {
            throw Abort(.badRequest, reason: "You cannot switch off your own account. Ask another administrator.")
        }
        let before = user.isActive
        user.isActive = active
        try await request.db.writeTransaction { db in
            try await user.save(on: db)
            try await AuditLog.record(
                on: db, actor: Admin.actor(request), action: active ? "user.activated" : "user.deactivated",
                objectType: "user", objectID: user.id?.uuidString,
                summary: "\(active ? "Switched on" : "Switched off") the account of \(user.email)",
                changes: [FieldChange("is_active", from: String(before), to: String(active))])
        }
        // Its API tokens pause while it is off and work again when it is back on: say so, by name, so one
        // no longer wanted is revoked rather than quietly revived.
        let tokens = try await APIToken.query(on: request.db).filter(\.$user.$id == user.id!)
            .filter(\.$revokedAt == nil).sort(\.$name).all()
            .filter { record in record.lastDay.map { $0 >= request.today } ?? true }
        let names = tokens.map { "\"\($0.name)\"" }.joined(separator: ", ")
        let one = tokens.count == 1
        let tokenNote =
            tokens.isEmpty
            ? ""
            : active
                ? " Its API \(one ? "token works" : "tokens work") again: \(names). Revoke any no longer needed in Settings."
                : " Its API \(one ? "token is" : "tokens are") refused while it is off (\(names)), and \(one ? "works" : "work") again if it is switched back on: revoke \(one ? "it" : "them") in Settings if no longer needed."
        Admin.flash(request, "\(active ? "Switched on" : "Switched off"): \(user.email).\(tokenNote)")
        return request.redirect(to: SiteURL.users)
    }

    private static func render(_ request: Request, form input: Form, failure: ValidationFailure?) async throws -> String
    {
        let organisations = try await Organisation.query(on: request.db).sort(\.$name).all()
        return ReferenceDataViews.form(
            context: PageContext(request, title: "Add a person", hasErrors: failure != nil), heading: "Add a person",
            action: SiteURL.new(SiteURL.users), failure: failure, submitLabel: "Add account", backPath: SiteURL.users,
            csrfToken: request.csrfToken
        ) {
            FormComponents.textField(
                name: "display_name", label: "Name", value: input.displayName ?? "", failure: failure,
                autocomplete: "off")
            FormComponents.textField(
                name: "email", label: "E-mail address", value: input.email ?? "", failure: failure, type: "email",
                autocomplete: "off")
            FormComponents.selectField(
                name: "role", label: "Role", choices: Role.allCases.map { .init(value: $0.rawValue, label: $0.title) },
                selected: input.role ?? "", failure: failure)
            FormComponents.selectField(
                name: "organisation_id", label: "Organisation",
                choices: organisations.map { .init(value: $0.id!.uuidString, label: $0.name) },
                selected: input.organisationID ?? "", failure: failure,
                hint: "Replies this person publishes are signed with their role and this organisation.", prompt: "None")
            FormComponents.textField(
                name: "password", label: "First password", value: "", failure: failure,
                hint: "\(PasswordPolicy.hint) Give it to the person privately.",
                type: "password", autocomplete: "new-password")
        }
    }
}
