import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Vapor

/// People without a Heard account (community members, carers, champions) invited to an activity: staff type
/// their name and e-mail address on the activity's page, and they reply through a private link e-mailed to
/// them, with no account and no sign-in. The link works until the day of the activity, so they can change
/// their reply; only a hash of its token is stored (see `SecretToken`).
///
/// Their name and address stay out of the audit log, which can never be changed: a request to erase their
/// data (`PersonalDataHeld`) must be able to remove them completely.
enum GuestInvitations {
    static let fields = ["guest_name", "guest_email", "guest_contact"]

    static func path(_ token: String) -> String { "/invitation/" + token }

    // MARK: Staff invite someone

    @Sendable static func invite(_ request: Request) async throws -> Response {
        let activity = try await ActivitiesController.find(request)
        var typed: [String: String] = [:]
        for field in fields { typed[field] = Admin.text(request, field).trimmingWhitespace() }
        let errors = InvitationRules.guestProblems(
            activityOn: activity.date, today: request.today, name: typed["guest_name"]!,
            email: typed["guest_email"]!, contactPreference: typed["guest_contact"]!)
        guard errors.isEmpty else {
            return try await ActivitiesController.renderShow(
                request, activity, failure: ValidationFailure(errors), status: .unprocessableEntity,
                guestTyped: typed)
        }
        let email = EmailAddress.normalised(typed["guest_email"]!)
        let back = request.redirect(to: DecisionURL.activity(activity.id!) + "#invitations")
        if try await isInvited(email, to: activity, on: request.db) {
            Admin.flash(request, "Someone with the e-mail address \(email) is already invited. Nothing more was sent.")
            return back
        }
        // Someone with an involvement account is invited as one, and replies on their own page.
        if let person = try await User.query(on: request.db).filter(\.$email == email)
            .filter(\.$role == .involvedPerson).filter(\.$isActive == true).first()
        {
            try await request.db.writeTransaction { db in
                try await Invitation(activityID: activity.id!, userID: person.id!).create(on: db)
                try await InvitationsController.accountNotice(to: person, activity: activity).create(on: db)
                try await AuditLog.record(
                    on: db, actor: Admin.actor(request), action: "activity.invited", objectType: "activity",
                    objectID: activity.id?.uuidString, summary: "Invited \(person.displayName) to \(activity.title)")
            }
            Admin.flash(
                request,
                "\(email) belongs to \(person.displayName)'s involvement account, so their account was invited. They have been e-mailed and reply on their own page."
            )
            return back
        }
        let token = SecretToken.make()
        let invitation = Invitation(
            activityID: activity.id!, guestName: typed["guest_name"]!, guestEmail: email,
            guestContact: typed["guest_contact"]!, replyTokenHash: SecretToken.hash(token))
        do {
            try await request.db.writeTransaction { db in
                try await invitation.create(on: db)
                try await notice(
                    to: invitation, activity: activity, url: request.heardConfiguration.publicURL + path(token)
                ).create(on: db)
                try await AuditLog.record(
                    on: db, actor: Admin.actor(request), action: "activity.invited", objectType: "activity",
                    objectID: activity.id?.uuidString,
                    summary: "Invited someone without an account to \(activity.title)",
                    changes: [FieldChange("guest_invitation", from: nil, to: invitation.id?.uuidString)])
            }
        } catch  where Admin.isUniqueViolation(error) {
            // The same address sent twice at the same moment: the first one invited them.
            Admin.flash(request, "Someone with the e-mail address \(email) is already invited. Nothing more was sent.")
            return back
        }
        Admin.flash(
            request, "Invited \(invitation.inviteeName). They have been e-mailed a link to reply without an account.")
        return back
    }

    /// The accounts that guests' addresses belong to, by invitation: a member of staff (or someone whose
    /// involvement account is switched off) is invited as a guest, but does have an account.
    static func accounts(of invitations: [Invitation], on db: any Database) async throws -> [UUID: User] {
        let guests = invitations.filter(\.isGuest)
        let emails = Set(guests.map { EmailAddress.normalised($0.inviteeEmail) })
        guard !emails.isEmpty else { return [:] }
        let users = try await User.query(on: db).filter(\.$email ~~ Array(emails)).all()
        let byEmail = Dictionary(users.map { (EmailAddress.normalised($0.email), $0) }, uniquingKeysWith: { a, _ in a })
        var accounts: [UUID: User] = [:]
        for guest in guests {
            if let user = byEmail[EmailAddress.normalised(guest.inviteeEmail)] { accounts[guest.id!] = user }
        }
        return accounts
    }

    /// Whether `email` is already invited to `activity`, as a guest or by an account with that address.
    static func isInvited(_ email: String, to activity: InvolvementActivity, on db: any Database) async throws -> Bool {
        let invitations = try await Invitation.query(on: db).filter(\.$activity.$id == activity.id!).with(\.$user)
            .all()
        return invitations.contains { EmailAddress.normalised($0.inviteeEmail) == email }
    }

    static func notice(to invitation: Invitation, activity: InvolvementActivity, url: String) -> Notice {
        Notice(
            to: invitation.inviteeEmail, subject: "You are invited: \(activity.title)",
            body: """
                Hello \(invitation.inviteeName),

                \(InvitationsController.whatAndWhen(activity))
                Please tell us whether you can come, and anything you need to take part, such as step-free access, an interpreter, a carer coming with you or help with travel costs. You do not need an account:
                \(url)

                You can change your reply through the same link until \(activity.date.ukText). The link is yours alone, so please do not share it.
                """, kind: "invitation")
    }

    // MARK: The guest replies

    /// The invitation the link is for, with its activity; nil for a wrong or unknown link.
    static func find(_ request: Request) async throws -> Invitation? {
        let token = request.parameters.get("token") ?? ""
        guard !token.isEmpty else { return nil }
        return try await Invitation.query(on: request.db).filter(\.$replyTokenHash == SecretToken.hash(token))
            .with(\.$activity) { $0.with(\.$place) }.first()
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        guard let invitation = try await find(request) else { return notFound(request) }
        let saved = request.query[String.self, at: "saved"] == "yes"
        return .html(
            GuestInvitationPage.render(
                invitation, today: request.today, context: PageContext(request, title: title(invitation)),
                csrfToken: request.csrfToken, failure: nil, typed: [:], saved: saved))
    }

    @Sendable static func reply(_ request: Request) async throws -> Response {
        guard let invitation = try await find(request) else { return notFound(request) }
        let typed = [
            "reply": Admin.text(request, "reply"),
            "access_needs": Admin.text(request, "access_needs").trimmingWhitespace(),
        ]
        let reply = InvitationStatus(rawValue: typed["reply"]!)
        let needs = typed["access_needs"]!
        let errors = InvitationRules.replyProblems(
            activityOn: invitation.activity.date, today: request.today, reply: reply, accessNeeds: needs)
        guard errors.isEmpty, let reply else {
            return .html(
                GuestInvitationPage.render(
                    invitation, today: request.today,
                    context: PageContext(request, title: title(invitation), hasErrors: true),
                    csrfToken: request.csrfToken, failure: ValidationFailure(errors), typed: typed, saved: false),
                status: .unprocessableEntity)
        }
        let from = invitation.status
        invitation.status = reply
        invitation.accessNeeds = needs
        invitation.repliedAt = Date()
        try await request.db.writeTransaction { db in
            try await invitation.save(on: db)
            try await AuditLog.record(
                on: db, actor: AuditActor(id: nil, label: "Guest (e-mailed invitation link)"),
                action: "invitation.replied", objectType: "invitation", objectID: invitation.id?.uuidString,
                summary:
                    "Someone without an account replied \(reply.title.lowercased()) to \(invitation.activity.title)",
                changes: [FieldChange("status", from: from.rawValue, to: reply.rawValue)])
        }
        let token = request.parameters.get("token") ?? ""
        return request.redirect(to: path(token) + "?saved=yes")
    }

    static func title(_ invitation: Invitation) -> String { "Your invitation: \(invitation.activity.title)" }

    /// A link that is not right: said in plain words, with what to do.
    static func notFound(_ request: Request) -> Response {
        .html(
            PageLayout.render(PageContext(request, title: "This invitation link is not right")) {
                h1 { "This invitation link is not right" }
                p {
                    "Check that you copied the whole link from the e-mail inviting you: it is one long line, and the end is easy to miss."
                }
                p {
                    "If it still does not work, contact the person who invited you and they will send it again."
                }
            },
            status: .notFound)
    }
}
