import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Vapor

/// A forgotten password (an e-mailed link), and changing one's own. A new password signs out every other
/// session of that person.
enum PasswordController {
    // MARK: Forgotten: ask for a link

    @Sendable static func forgot(_ request: Request) async throws -> Response {
        .html(
            PasswordPages.forgot(
                context: PageContext(request, title: "Reset your password"), email: "", failure: nil,
                csrfToken: request.csrfToken))
    }

    @Sendable static func sendLink(_ request: Request) async throws -> Response {
        let email = EmailAddress.normalised(Admin.secret(request, "email"))
        guard EmailAddress.isPlausible(email) else {
            let failure = ValidationFailure([
                FieldError(
                    "email",
                    email.isEmpty
                        ? "Enter the e-mail address you sign in with."
                        : "Enter your e-mail address in the correct format, like name@example.nhs.uk.")
            ])
            return .html(
                PasswordPages.forgot(
                    context: PageContext(request, title: "Reset your password", hasErrors: true), email: email,
                    failure: failure, csrfToken: request.csrfToken),
                status: .unprocessableEntity)
        }
        let now = Date()
        // The same answer whether or not there is an account, so the form does not reveal who has one.
        if let user = try await User.query(on: request.db).filter(\.$email == email).filter(\.$isActive == true)
            .first(),
            try await PasswordResets.recentCount(for: user, now: now, on: request.db) < PasswordResets.perHour
        {
            try await PasswordResets.send(
                to: user, by: nil, siteURL: request.heardConfiguration.publicURL, now: now, on: request.db)
        }
        return .html(PasswordPages.linkSent(context: PageContext(request, title: "Check your e-mail"), email: email))
    }

    // MARK: Forgotten: the link

    @Sendable static func showReset(_ request: Request) async throws -> Response {
        _ = try await usableReset(request)
        return .html(resetPage(request, failure: nil))
    }

    @Sendable static func reset(_ request: Request) async throws -> Response {
        let reset = try await usableReset(request)
        let email = try await reset.$user.get(on: request.db).email
        if let failure = newPasswordProblems(request, email: email) {
            return .html(resetPage(request, failure: failure), status: .unprocessableEntity)
        }
        let hash = try await request.password.async.hash(Admin.secret(request, "password"))
        guard try await PasswordResets.complete(reset, passwordHash: hash, now: Date(), on: request.db) else {
            throw expired
        }
        return .html(PasswordPages.changed(context: PageContext(request, title: "Password changed"), signedIn: false))
    }

    static let expired = Abort(
        .gone,
        reason:
            "This link has been used or has expired. Ask for a new one on the \"Forgot your password?\" page (\(SiteURL.forgotPassword))."
    )

    private static func usableReset(_ request: Request) async throws -> PasswordReset {
        let token = request.parameters.get("token") ?? ""
        guard let reset = try await PasswordResets.find(token: token, now: Date(), on: request.db) else {
            throw expired
        }
        return reset
    }

    private static func resetPage(_ request: Request, failure: ValidationFailure?) -> String {
        PasswordPages.newPassword(
            context: PageContext(request, title: "Choose a new password", hasErrors: failure != nil),
            action: request.url.path, heading: "Choose a new password",
            intro: "Choose the password you will sign in with from now on.", askCurrent: false, failure: failure,
            csrfToken: request.csrfToken)
    }

    /// Both new-password boxes: the policy, and the same twice.
    private static func newPasswordProblems(_ request: Request, email: String) -> ValidationFailure? {
        let password = Admin.secret(request, "password")
        var errors: [FieldError] = []
        if let problem = PasswordPolicy.problem(with: password, forAccount: email) {
            errors.append(FieldError("password", problem))
        } else if Admin.secret(request, "password_again") != password {
            errors.append(FieldError("password_again", "Enter the same new password twice."))
        }
        return errors.isEmpty ? nil : ValidationFailure(errors)
    }

    // MARK: Changing one's own

    @Sendable static func showChange(_ request: Request) async throws -> Response {
        .html(changePage(request, failure: nil))
    }

    @Sendable static func change(_ request: Request) async throws -> Response {
        let user = request.currentUser!
        let current = Admin.secret(request, "current_password")
        let matches = (try? await request.password.async.verify(current, created: user.passwordHash)) ?? false
        var errors = newPasswordProblems(request, email: user.email)?.errors ?? []
        if current.isEmpty {
            errors.insert(FieldError("current_password", "Enter your current password."), at: 0)
        } else if !matches {
            errors.insert(FieldError("current_password", "Enter your current password correctly."), at: 0)
        } else if errors.isEmpty && Admin.secret(request, "password") == current {
            // Only once the current password is proven, so this cannot be used to test guesses at it.
            errors.append(FieldError("password", PasswordPolicy.sameAsCurrent))
        }
        guard errors.isEmpty else {
            return .html(changePage(request, failure: ValidationFailure(errors)), status: .unprocessableEntity)
        }
        user.passwordHash = try await request.password.async.hash(Admin.secret(request, "password"))
        user.sessionEpoch += 1
        try await request.db.writeTransaction { db in
            try await user.save(on: db)
            try await PasswordResets.cancelOpenLinks(of: user, now: Date(), on: db)
            try await AuditLog.record(
                on: db, actor: AuditActor(id: user.id, label: user.email), action: "user.password_changed",
                objectType: "user", objectID: user.id?.uuidString, summary: "\(user.displayName) changed their password"
            )
        }
        // This session carries on; every other one ends.
        request.session.data[SessionKey.epoch] = String(user.sessionEpoch)
        return .html(PasswordPages.changed(context: PageContext(request, title: "Password changed"), signedIn: true))
    }

    private static func changePage(_ request: Request, failure: ValidationFailure?) -> String {
        PasswordPages.newPassword(
            context: PageContext(request, title: "Change your password", hasErrors: failure != nil),
            action: SiteURL.changePassword, heading: "Change your password",
            intro: "Changing your password signs you out everywhere else.", askCurrent: true, failure: failure,
            csrfToken: request.csrfToken)
    }
}
