import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Vapor

/// Settings that staff manage in the app: API tokens (shown once; administrators only, others see their own),
/// and what the operator configured.
enum SettingsController {
    @Sendable static func show(_ request: Request) async throws -> Response {
        .html(try await render(request, newToken: nil, typed: TokenForm(), failure: nil))
    }

    struct TokenForm: Content {
        var userID: String?
        var name: String?
        var lastDay: String?
        enum CodingKeys: String, CodingKey {
            case name
            case userID = "user_id"
            case lastDay = "last_day"
        }
    }

    @Sendable static func createToken(_ request: Request) async throws -> Response {
        guard request.currentUser?.role == .administrator else {
            throw Abort(.forbidden, reason: "Only administrators can create API tokens.")
        }
        let form = try request.content.decode(TokenForm.self)
        // The page that shows a new token answers the form itself (the token is shown once, never stored), so
        // refreshing it would send the form again: the key turns that into the list, not a second token.
        let submission = SubmittedOnce.key(request)
        if let path = try await SubmittedOnce.earlier(submission, on: request.db) {
            return SubmittedOnce.repeated(request, resultPath: path)
        }
        var errors: [FieldError] = []
        let user = try await form.userID.flatMap(UUID.init(uuidString:)).asyncFlatMap {
            try await User.find($0, on: request.db)
        }
        if user == nil {
            errors.append(FieldError("user_id", "Choose whose token this is."))
        } else if let user, !user.isActive || !user.role.isStaff {
            // The list offers only active staff; a token for anyone else would not work, or would give an
            // involved person a key to the staff API.
            errors.append(
                FieldError(
                    "user_id",
                    user.isActive
                        ? "\(user.displayName) is not a member of staff: choose a member of staff from the list."
                        : "\(user.displayName)'s account is switched off: choose an active member of staff from the list."
                ))
        }
        let name = (form.name ?? "").trimmingCharacters(in: .whitespaces)
        if name.isEmpty {
            errors.append(FieldError("name", "Say what the token is for, for example: survey tool upload."))
        }
        let lastDay = Admin.date(form.lastDay, field: "last_day", into: &errors)
        if let lastDay, lastDay < request.today {
            errors.append(
                FieldError(
                    "last_day",
                    "The last day must be today or later: a token past its last day would not work. Leave it empty for a token that works until it is revoked."
                ))
        } else if let lastDay, lastDay > request.today.adding(months: 60) {
            // "2207" for "2027": a mistyped year would make a short-lived token last for ever.
            errors.append(
                FieldError(
                    "last_day",
                    "The last day must be within 5 years (by \(request.today.adding(months: 60).ukText)): check the year. Leave it empty for a token that works until it is revoked."
                ))
        }
        guard errors.isEmpty, let user, user.isActive, user.role.isStaff else {
            return .html(
                try await render(request, newToken: nil, typed: form, failure: ValidationFailure(errors)),
                status: .unprocessableEntity)
        }
        do {
            try await SubmittedOnce.record(submission, resultPath: SiteURL.settings, on: request.db)
        } catch {
            if let response = try await SubmittedOnce.repeatedAfterClash(request, key: submission, error: error) {
                return response
            }
            throw error
        }
        let token = try await APITokens.create(
            for: user, name: name, lastDay: lastDay, actor: Admin.actor(request), on: request.db)
        return .html(try await render(request, newToken: token, typed: TokenForm(), failure: nil))
    }

    @Sendable static func revokeToken(_ request: Request) async throws -> Response {
        guard request.currentUser?.role == .administrator else {
            throw Abort(.forbidden, reason: "Only administrators can revoke API tokens.")
        }
        guard let token = try await APIToken.find(try Admin.uuidParameter(request), on: request.db) else {
            throw Abort(.notFound)
        }
        if token.revokedAt == nil {
            token.revokedAt = Date()
            try await request.db.writeTransaction { db in
                try await token.save(on: db)
                try await AuditLog.record(
                    on: db, actor: Admin.actor(request), action: "api_token.revoked", objectType: "api_token",
                    objectID: token.id?.uuidString, summary: "Revoked API token \"\(token.name)\"")
            }
        }
        return request.redirect(to: SiteURL.settings)
    }

    /// What the token's status is; for an administrator, a way to revoke it while it is not revoked.
    private static func statusCell(
        _ record: APIToken, canRevoke: Bool, csrfToken: String, today: SimpleDate
    ) -> HTMLNode {
        let status = APITokenStatus(
            isRevoked: record.revokedAt != nil, accountIsActive: record.user.isActive, lastDay: record.lastDay,
            today: today)
        guard canRevoke, status != .revoked, status != .expired else { return .text(status.title) }
        return .fragment([
            .text(status.title + " "),
            HeardWeb.form(
                .action(SiteURL.settings + "/tokens/" + record.id!.uuidString.lowercased() + "/revoke"),
                .method("post"), .class("inline-form")
            ) {
                FormComponents.csrfField(csrfToken)
                button(.type("submit"), .class("link-button")) {
                    "Revoke"; span(.class("visually-hidden")) { " \(record.name)" }
                }
            },
        ])
    }

    static func render(
        _ request: Request, newToken: String?, typed: TokenForm, failure: ValidationFailure?
    ) async throws -> String {
        // Administrators make and revoke every token. Anyone else here (an engagement officer) sees only the
        // tokens made for their own account: others' token names, accounts and last use are not theirs to see.
        let isAdmin = request.currentUser?.role == .administrator
        var tokenQuery = APIToken.query(on: request.db).with(\.$user).sort(\.$createdAt, .descending)
        if !isAdmin { tokenQuery = tokenQuery.filter(\.$user.$id == (request.currentUser?.id ?? UUID())) }
        let tokens = try await tokenQuery.all()
        let users =
            isAdmin
            ? try await User.query(on: request.db).filter(\.$isActive == true).filter(\.$role != .involvedPerson)
                .sort(\.$email).all() : []
        let config = request.heardConfiguration
        let token = request.csrfToken
        return PageLayout.render(PageContext(request, title: "Settings", hasErrors: failure != nil)) {
            FormComponents.errorSummary(failure)
            h1 { "Settings" }
            PlaceholderContact.banner(request)
            h2 { "How this installation is set up" }
            dl(.class("summary-list")) {
                FeedbackSummaryList.row("Database", config.database.isPostgres ? "PostgreSQL" : "SQLite")
                FeedbackSummaryList.row(
                    "Mail relay", config.smtp.map { "\($0.host):\($0.port)" } ?? "Not set: notices wait in the outbox")
                FeedbackSummaryList.row("Notices sent from", config.mailFrom)
                FeedbackSummaryList.row(
                    "Named as running the site (HEARD_CONTACT)",
                    config.contact.isConfigured
                        ? "\(config.contact.name) <\(config.contact.email)>"
                        : "Not set: public pages give no address and say to contact \(PlaceholderContact.whoRunsTheSite)"
                )
                FeedbackSummaryList.row(
                    "Data Protection Officer (HEARD_DPO)",
                    config.contact.dataProtectionOfficer.map { "\($0.name) <\($0.email)>" }
                        ?? "Not set: the privacy notice names no Data Protection Officer")
                FeedbackSummaryList.row(
                    "Public phone number (HEARD_CONTACT_PHONE)", config.contact.phone ?? "Not set")
                FeedbackSummaryList.row(
                    "Postal address (HEARD_CONTACT_ADDRESS)",
                    config.contact.postalAddress.isEmpty ? "Not set" : ContactWays.address(config.contact))
                FeedbackSummaryList.row(
                    "Public submissions per address per hour",
                    config.submissionsPerAddressPerHour == 0 ? "No limit" : String(config.submissionsPerAddressPerHour))
                FeedbackSummaryList.row(
                    "Text model",
                    request.listeningEngine.modelProblem
                        ?? "\(request.listeningEngine.model?.card.name ?? "Loaded") "
                        + "(\(request.listeningEngine.themeNames.count) themes"
                        + (request.listeningEngine.modelPath == nil ? ", shipped with Heard)" : ", from HEARD_MODEL)"))
            }
            p { a(.href(TextModelController.path)) { "See the text model's themes and how well it does" } }
            p(.class("hint")) { "These are set by whoever runs Heard, with environment variables (see the README)." }
            if let role = request.currentUser?.role, StaffArea.notices.allows(role) {
                p { a(.href(OutboxController.path)) { "See every e-mail Heard has sent or is waiting to send" } }
            }
            h2 { "API tokens" }
            if newToken == nil, failure == nil, let notice = Admin.takeFlash(request) {
                div(.class("notice"), .role("status")) { notice }
            }
            if let newToken {
                div(.class("notice"), .role("status")) {
                    p { strong { "Copy this token now. It will not be shown again." } }
                    p { HTMLNode.element("code", [.class("token")], children: [.text(newToken)]) }
                }
            }
            if !isAdmin {
                p(.class("hint")) {
                    "Only the tokens made for your account are shown. Administrators create and revoke API tokens."
                }
            }
            if tokens.isEmpty, !isAdmin {
                p { "No API tokens have been made for your account." }
            } else {
                DataTable.render(
                    caption: isAdmin ? "Every token, with its account" : "The tokens made for your account",
                    headers: ["Name", "Account", "Created", "Last used", "Works until", "Status"],
                    rows: tokens.map { record in
                        [
                            .text(record.name), .text("\(record.user.email) (\(record.user.role.title))"),
                            .text((record.createdAt ?? Date()).formatted(AuditPage.dateFormat)),
                            .text(record.lastUsedAt.map { $0.formatted(AuditPage.dateFormat) } ?? "Never"),
                            .text(record.lastDay.map { "The end of \($0.ukText)" } ?? "Until revoked"),
                            statusCell(record, canRevoke: isAdmin, csrfToken: token, today: request.today),
                        ]
                    }, captionHidden: true)
            }
            if isAdmin {
                h3 { "Create a token" }
                HeardWeb.form(.action(SiteURL.settings + "/tokens"), .method("post"), .novalidate) {
                    FormComponents.csrfField(token)
                    SubmittedOnce.hiddenField(request.newSubmissionKey)
                    FormComponents.selectField(
                        name: "user_id", label: "For",
                        choices: users.map { .init(value: $0.id!.uuidString, label: "\($0.email) (\($0.role.title))") },
                        selected: typed.userID ?? "", failure: failure,
                        hint: "The token can do what this person's role allows.")
                    FormComponents.textField(
                        name: "name", label: "What it is for", value: typed.name ?? "", failure: failure,
                        width: "medium")
                    FormComponents.textField(
                        name: "last_day", label: "Last day it works (optional)", value: typed.lastDay ?? "",
                        failure: failure,
                        hint:
                            "For example, 2027-03-31: for a supplier's upload or a project with an end. Leave it empty for a token that works until it is revoked.",
                        type: "date", required: false, width: "short")
                    FormComponents.submitButton("Create token")
                }
            }
        }
    }
}
