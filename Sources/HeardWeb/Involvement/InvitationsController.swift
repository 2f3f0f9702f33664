import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Vapor

/// Involved people invited in person to activities: staff invite from the activity's page, the person replies
/// on their own page with what they need to take part, and afterwards sees what changed.
enum InvitationsController {
    /// Staff: invite the ticked involved people to a future activity; each gets an e-mail.
    @Sendable static func invite(_ request: Request) async throws -> Response {
        let activity = try await ActivitiesController.find(request)
        let chosen = Set(Admin.list(request, "people").compactMap(UUID.init(uuidString:)))
        let errors = InvitationRules.inviteProblems(
            activityOn: activity.date, today: request.today, chosen: chosen.count)
        guard errors.isEmpty else {
            return try await ActivitiesController.renderShow(
                request, activity, failure: ValidationFailure(errors), status: .unprocessableEntity)
        }
        let invitations = try await Invitation.query(on: request.db).filter(\.$activity.$id == activity.id!).all()
        let already = Set(invitations.compactMap(\.$user.id))
        // Someone invited as a guest who has since been given an account is invited already, by that address.
        let guestEmails = Set(invitations.compactMap { $0.guestEmail.map(EmailAddress.normalised) })
        let eligible = try await User.query(on: request.db).filter(\.$id ~~ Array(chosen))
            .filter(\.$role == .involvedPerson).filter(\.$isActive == true).all()
        guard eligible.count == chosen.count else {
            // Not silently dropped: "Invited 0 people" after ticking someone would read as done.
            let problem = FieldError(
                "people",
                "Choose people from the list: \(chosen.count - eligible.count) of those ticked cannot be invited, because only people with an active involvement account can be."
            )
            return try await ActivitiesController.renderShow(
                request, activity, failure: ValidationFailure([problem]), status: .unprocessableEntity)
        }
        let people = eligible.filter {
            !already.contains($0.id!) && !guestEmails.contains(EmailAddress.normalised($0.email))
        }
        try await request.db.writeTransaction { db in
            for person in people {
                let invitation = Invitation(activityID: activity.id!, userID: person.id!)
                try await invitation.create(on: db)
                try await accountNotice(to: person, activity: activity).create(on: db)
            }
            try await AuditLog.record(
                on: db, actor: Admin.actor(request), action: "activity.invited", objectType: "activity",
                objectID: activity.id?.uuidString,
                summary: "Invited \(people.map(\.displayName).joined(separator: ", ")) to \(activity.title)")
        }
        Admin.flash(
            request,
            people.isEmpty
                ? "Everyone ticked was already invited."
                : "Invited \(people.count) \(people.count == 1 ? "person" : "people"). They have been e-mailed.")
        return request.redirect(to: DecisionURL.activity(activity.id!) + "#invitations")
    }

    /// The e-mail inviting someone with an account: they reply on their own page.
    static func accountNotice(to person: User, activity: InvolvementActivity) -> Notice {
        Notice(
            to: person.email, subject: "You are invited: \(activity.title)",
            body: """
                Hello \(person.displayName),

                \(whatAndWhen(activity))
                Sign in and open "Your involvement" to say whether you can come and tell us anything you need to take part.
                """, kind: "invitation")
    }

    /// "You are invited to … on …, at …." and the arrangements, as every invitation e-mail says them.
    static func whatAndWhen(_ activity: InvolvementActivity) -> String {
        let access = ActivityViews.accessibility(activity)
        return """
            You are invited to \(activity.title) on \(activity.when), \(activity.venue.isEmpty ? "online" : "at \(activity.venue)").
            \(access.isEmpty ? "" : "Arrangements: \(access.joined(separator: ", ")).\n")
            """
    }

    /// The involved person's reply, from their own page.
    @Sendable static func reply(_ request: Request) async throws -> Response {
        guard let user = request.currentUser else { throw Abort(.unauthorized) }
        guard
            let invitation = try await Invitation.query(on: request.db)
                .filter(\.$id == (try Admin.uuidParameter(request))).filter(\.$user.$id == user.id!)
                .with(\.$activity).first()
        else { throw Abort(.notFound) }
        let replyField = field("reply", invitation)
        let needsField = field("access_needs", invitation)
        let reply = InvitationStatus(rawValue: Admin.text(request, replyField))
        let needs = Admin.text(request, needsField).trimmingWhitespace()
        let errors = InvitationRules.replyProblems(
            activityOn: invitation.activity.date, today: request.today, reply: reply, accessNeeds: needs)
        guard errors.isEmpty, let reply else {
            return try await IdeasController.minePage(
                request,
                failure: ValidationFailure(errors.map { FieldError(Self.field($0.field, invitation), $0.message) }),
                typed: [replyField: Admin.text(request, replyField), needsField: needs],
                notice: nil)
        }
        let from = invitation.status
        invitation.status = reply
        invitation.accessNeeds = needs
        invitation.repliedAt = Date()
        try await request.db.writeTransaction { db in
            try await invitation.save(on: db)
            try await AuditLog.record(
                on: db, actor: Admin.actor(request), action: "invitation.replied", objectType: "invitation",
                objectID: invitation.id?.uuidString,
                summary: "\(user.displayName) replied \(reply.title.lowercased()) to \(invitation.activity.title)",
                changes: [FieldChange("status", from: from.rawValue, to: reply.rawValue)])
        }
        Admin.flash(
            request,
            reply == .accepted
                ? "Thank you: we look forward to seeing you on \(invitation.activity.date.ukText)."
                : "Thank you for letting us know.")
        return request.redirect(to: SiteURL.involvement)
    }

    /// Each invitation's form has its own field names, so an error links to the right form on a page of several.
    static func field(_ name: String, _ invitation: Invitation) -> String {
        "\(name)-\(invitation.id!.uuidString.lowercased())"
    }
}
