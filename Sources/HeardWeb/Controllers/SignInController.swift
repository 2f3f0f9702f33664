import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Vapor

/// Signing in and out. Sessions live in the database, so any instance can continue a session.
enum SignInController {
    struct Form: Content {
        var email: String?
        var password: String?
    }

    static let throttle = SignInThrottle()

    @Sendable static func show(_ request: Request) async throws -> Response {
        if let user = request.currentUser { return request.redirect(to: landing(for: user)) }
        let next = try? request.query.get(String.self, at: "next")
        let page = SignInPage.render(
            .init(next: next), context: PageContext(request, title: "Sign in"), csrfToken: request.csrfToken)
        return .html(page)
    }

    @Sendable static func submit(_ request: Request) async throws -> Response {
        let form = try request.content.decode(Form.self)
        let email = EmailAddress.normalised(form.email ?? "")
        let password = form.password ?? ""
        let next = (try? request.query.get(String.self, at: "next")).flatMap { SiteURL.isSafeRedirect($0) ? $0 : nil }

        func refuse(_ errors: [FieldError], status: HTTPResponseStatus = .unprocessableEntity) -> Response {
            let failure = ValidationFailure(errors)
            let page = SignInPage.render(
                .init(email: email, next: next, failure: failure),
                context: PageContext(request, title: "Sign in", hasErrors: true), csrfToken: request.csrfToken)
            return .html(page, status: status)
        }

        var missing: [FieldError] = []
        if email.isEmpty { missing.append(FieldError("email", "Enter your e-mail address.")) }
        if password.isEmpty { missing.append(FieldError("password", "Enter your password.")) }
        guard missing.isEmpty else { return refuse(missing) }

        let address = request.clientAddress
        let now = Date()
        // The attempt is written (as a failure until the password proves right) before the count that decides
        // whether to check it. Counted after, a burst of guesses sent at once, to one instance or several, would
        // each see the same few earlier failures and all be checked; written first, the last of any six to count
        // sees the other five.
        let attempt = SignInAttempt(email: email, ipAddress: address, succeeded: false, attemptedAt: now)
        try await attempt.create(on: request.db)
        if case .locked(let until) = try await decision(
            email: email, address: address, now: now, excluding: attempt.id, on: request.db)
        {
            // A refused attempt checked nothing, so it does not lengthen the lock.
            try await attempt.delete(on: request.db)
            let minutes = max(1, Int((until - now.timeIntervalSince1970) / 60 + 0.5))
            return refuse(
                [
                    FieldError(
                        "email",
                        "Too many attempts to sign in. Wait \(minutes) minutes and try again, or ask an administrator.")
                ],
                status: .tooManyRequests)
        }

        let user = try await User.query(on: request.db).filter(\.$email == email).first()
        // Verify against a fixed hash when there is no such user, so timing does not reveal who has an account.
        let hash = user?.passwordHash ?? "$2b$12$C6UzMDM.H6dfI/f/IKcEeO5cCTnH5r1Gno0qT9xeLQ5Nk7AknxSeu"
        let matches = (try? request.password.verify(password, created: hash)) ?? false
        let succeeded = matches && (user?.isActive ?? false)
        if succeeded {
            attempt.succeeded = true
            try await attempt.save(on: request.db)
        }
        guard succeeded, let user else {
            request.logger.notice(
                "Sign-in refused",
                metadata: ["email-domain": .string(email.split(separator: "@").last.map(String.init) ?? "")])
            return refuse([FieldError("email", "Enter a correct e-mail address and password.")])
        }

        // A new session id on sign-in stops a planted cookie (session fixation) being used afterwards.
        if let oldID = request.session.id {
            try? await request.application.sessions.driver.deleteSession(oldID, for: request).get()
            request.session.id = nil
        }
        request.session.data = SessionData()
        request.session.data[SessionKey.userID] = user.id!.uuidString
        request.session.data[SessionKey.lastSeen] = String(Int(now.timeIntervalSince1970))
        request.session.data[SessionKey.epoch] = String(user.sessionEpoch)
        _ = request.csrfToken
        user.lastSignInAt = now
        try await user.save(on: request.db)
        try await AuditLog.record(
            on: request.db, actor: AuditActor(id: user.id, label: user.email), action: "user.signed_in",
            objectType: "user", objectID: user.id?.uuidString, summary: "\(user.displayName) signed in")
        return request.redirect(to: next ?? landing(for: user), redirectType: .normal)
    }

    @Sendable static func signOut(_ request: Request) async throws -> Response {
        if let user = request.currentUser {
            try await AuditLog.record(
                on: request.db, actor: AuditActor(id: user.id, label: user.email), action: "user.signed_out",
                objectType: "user", objectID: user.id?.uuidString, summary: "\(user.displayName) signed out")
        }
        request.auth.logout(User.self)
        request.session.destroy()
        return request.redirect(to: SiteURL.home)
    }

    static func landing(for user: User) -> String {
        user.role.homeArea == .dashboard ? SiteURL.dashboard : SiteURL.involvement
    }

    /// `excluding`: the attempt being decided, already written.
    static func decision(
        email: String, address: String, now: Date, excluding own: UUID? = nil, on db: any Database
    ) async throws
        -> SignInThrottle.Decision
    {
        let since = now.addingTimeInterval(-throttle.window)
        let own = own ?? UUID()
        let accountAttempts = try await SignInAttempt.query(on: db)
            .filter(\.$email == email).filter(\.$attemptedAt > since).filter(\.$id != own).all()
            .map {
                SignInThrottle.Attempt(
                    at: $0.attemptedAt.timeIntervalSince1970, succeeded: $0.succeeded,
                    atThisAddress: $0.ipAddress == address)
            }
        let addressFailures = try await SignInAttempt.query(on: db)
            .filter(\.$ipAddress == address).filter(\.$succeeded == false).filter(\.$attemptedAt > since)
            .filter(\.$id != own).all()
            .map { $0.attemptedAt.timeIntervalSince1970 }
        let knownAtAddress =
            try await SignInAttempt.query(on: db)
            .filter(\.$email == email).filter(\.$ipAddress == address).filter(\.$succeeded == true)
            .filter(\.$attemptedAt > now.addingTimeInterval(-throttle.knownAddressWindow)).first() != nil
        return throttle.decide(
            accountAttempts: accountAttempts, addressFailures: addressFailures, knownAtAddress: knownAtAddress,
            now: now.timeIntervalSince1970)
    }
}
