import Fluent
import Foundation
import HeardDomain
import HeardStorage
import SQLKit
import Vapor

/// Password reset links: asked for from the sign-in page or sent by an administrator, e-mailed through the
/// outbox, usable once. Setting a new password signs out every earlier session of that person.
public enum PasswordResets {
    /// A link the person asked for works for an hour; one an administrator sends (often for a new account)
    /// works for three days.
    static let selfServiceLifetime: TimeInterval = 3600
    static let administratorLifetime: TimeInterval = 3 * 86400
    /// At most this many links per account per hour, so the form cannot be used to flood someone's inbox.
    static let perHour = 3

    /// A new link for `user` (saved) and the e-mail carrying it (queued), in one transaction.
    static func send(
        to user: User, by administrator: User?, siteURL: String, now: Date, on db: any Database
    ) async throws {
        let token = SecretToken.make()
        let lifetime = administrator == nil ? selfServiceLifetime : administratorLifetime
        let reset = PasswordReset(
            userID: user.id!, tokenHash: SecretToken.hash(token), expiresAt: now.addingTimeInterval(lifetime),
            createdByID: administrator?.id)
        let validity = administrator == nil ? "one hour" : "three days"
        let why =
            administrator == nil
            ? "Someone asked to reset the password of your Heard account. If it was not you, you can ignore this e-mail: your password has not changed."
            : "\(administrator!.displayName) has sent you a link to set the password of your Heard account."
        try await db.writeTransaction { db in
            try await reset.create(on: db)
            try await Notice(
                to: user.email, subject: "Set your Heard password",
                body: """
                    Dear \(user.displayName),

                    \(why)

                    Choose a new password here (the link works once, for \(validity)):
                    \(siteURL)\(SiteURL.passwordReset(token))

                    Setting a new password signs you out everywhere else.
                    """,
                kind: "password_reset"
            ).create(on: db)
            try await AuditLog.record(
                on: db,
                actor: administrator.map { AuditActor(id: $0.id, label: $0.email) }
                    ?? AuditActor(id: user.id, label: user.email),
                action: "user.password_reset_sent", objectType: "user", objectID: user.id?.uuidString,
                summary: "Password reset link e-mailed to \(user.email)")
        }
    }

    /// A new password makes every other link for the account useless: one asked for earlier, or sent by an
    /// administrator, must not set a password again.
    public static func cancelOpenLinks(of user: User, now: Date, on db: any Database) async throws {
        try await PasswordReset.query(on: db).filter(\.$user.$id == user.id!).filter(\.$usedAt == nil)
            .set(\.$usedAt, to: now).update()
    }

    /// The reset a token belongs to, if it can still be used by an active account.
    static func find(token: String, now: Date, on db: any Database) async throws -> PasswordReset? {
        guard
            let reset = try await PasswordReset.query(on: db).filter(\.$tokenHash == SecretToken.hash(token))
                .with(\.$user).first(),
            reset.isUsable(at: now), reset.user.isActive
        else { return nil }
        return reset
    }

    /// How many links went to `user` in the last hour.
    static func recentCount(for user: User, now: Date, on db: any Database) async throws -> Int {
        try await PasswordReset.query(on: db).filter(\.$user.$id == user.id!)
            .filter(\.$createdAt > now.addingTimeInterval(-3600)).count()
    }

    /// Sets the new password through `reset`, claimed with a conditional update so a link used twice at the
    /// same moment sets one password: the other finds it used. Returns false when it was already used.
    static func complete(
        _ reset: PasswordReset, passwordHash: String, now: Date, on db: any Database
    ) async throws -> Bool {
        try await db.writeTransaction { db in
            guard try await SecretToken.claim(PasswordReset.schema, id: reset.id!, at: now, on: db) else {
                return false
            }
            let user = reset.user
            user.passwordHash = passwordHash
            user.sessionEpoch += 1
            try await user.save(on: db)
            try await cancelOpenLinks(of: user, now: now, on: db)
            try await AuditLog.record(
                on: db, actor: AuditActor(id: user.id, label: user.email), action: "user.password_reset",
                objectType: "user", objectID: user.id?.uuidString,
                summary: "\(user.displayName) set a new password from an e-mailed link")
            return true
        }
    }
}
