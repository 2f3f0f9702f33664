import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Vapor

/// Staff record, after an activity, whether each person who said they were coming came. Expenses are then
/// claimed only by those not recorded as absent, and the expenses list shows it to whoever approves a claim.
enum ActivityAttendance {
    static func path(_ activity: InvolvementActivity) -> String { DecisionURL.activity(activity.id!) + "/attendance" }

    static func field(_ invitation: Invitation) -> String { "came-" + DecisionURL.id(invitation.id!) }

    /// "Came", "Did not come", "Not recorded".
    static func text(_ attended: Bool?) -> String {
        attended.map { $0 ? "Came" : "Did not come" } ?? "Not recorded"
    }

    /// Why attendance cannot be recorded now, or nil: from the day of the activity, and not for one cancelled.
    static func problem(_ activity: InvolvementActivity, today: SimpleDate) -> String? {
        if activity.isCancelled { return "It was cancelled, so there is nobody to record as coming." }
        if activity.date > today {
            return "Record who came on the day of the activity, \(activity.date.ukText), or after."
        }
        return nil
    }

    @Sendable static func record(_ request: Request) async throws -> Response {
        let activity = try await ActivitiesController.find(request)
        let coming = try await Invitation.query(on: request.db).filter(\.$activity.$id == activity.id!)
            .filter(\.$status == .accepted).with(\.$user).sort(\.$createdAt).all()
        guard let first = coming.first else { throw Abort(.notFound) }
        if let problem = problem(activity, today: request.today) {
            return try await ActivitiesController.renderShow(
                request, activity, failure: ValidationFailure([FieldError(field(first), problem)]),
                status: .conflict)
        }
        var typed: [String: String] = [:]
        var errors: [FieldError] = []
        var answers: [(Invitation, Bool?)] = []
        for invitation in coming {
            let answer = Admin.text(request, field(invitation))
            typed[field(invitation)] = answer
            switch answer {
            case "yes": answers.append((invitation, true))
            case "no": answers.append((invitation, false))
            case "": answers.append((invitation, nil))
            default:
                errors.append(
                    FieldError(field(invitation), "Choose whether \(invitation.inviteeName) came or did not come."))
            }
        }
        guard errors.isEmpty else {
            return try await ActivitiesController.renderShow(
                request, activity, failure: ValidationFailure(errors), status: .unprocessableEntity,
                attendanceTyped: typed)
        }
        let changed = answers.filter { $0.0.attended != $0.1 }
        try await request.db.writeTransaction { db in
            for (invitation, came) in changed {
                let before = invitation.attended
                invitation.attended = came
                try await invitation.save(on: db)
                try await AuditLog.record(
                    on: db, actor: Admin.actor(request), action: "activity.attendance_recorded",
                    objectType: "invitation", objectID: invitation.id?.uuidString,
                    summary: "Recorded \(invitation.inviteeName) at \(activity.title): \(text(came).lowercased())",
                    changes: [FieldChange("attended", from: before.map { String($0) }, to: came.map { String($0) })])
            }
        }
        Admin.flash(
            request,
            changed.isEmpty
                ? "Nothing changed in who came."
                : "Saved who came: \(Wording.count(changed.count, "person", "people")) updated.")
        return request.redirect(to: DecisionURL.activity(activity.id!) + "#attendance")
    }

    /// The form on the activity's page: for each person who said they were coming, whether they came.
    static func section(
        _ activity: InvolvementActivity, invitations: [Invitation], today: SimpleDate, context: PageContext,
        failure: ValidationFailure?, typed: [String: String]
    ) -> HTMLNode {
        let coming = invitations.filter { $0.status == .accepted }
        guard !coming.isEmpty else { return .empty }
        let problem = problem(activity, today: today)
        return .fragment([
            h2(.id("attendance")) { "Who came, of those who said they would" },
            p(.class("hint")) {
                "Only people not recorded as \"did not come\" can claim expenses and the involvement payment, and whoever approves a claim sees this."
            },
            problem.map { problem in
                .fragment(
                    coming.map { invitation in
                        p(.id(FormComponents.fieldID(field(invitation))), .tabindex(-1)) {
                            "\(invitation.inviteeName): \(text(invitation.attended).lowercased())."
                        }
                    } + [p(.class("hint")) { problem }])
            }
                ?? HeardWeb.form(.action(path(activity)), .method("post"), .novalidate, .class("panel")) {
                    FormComponents.csrfField(context.csrfToken ?? "")
                    for invitation in coming {
                        FormComponents.radios(
                            name: field(invitation), legend: invitation.inviteeName,
                            choices: [
                                .init(value: "yes", label: "Came"), .init(value: "no", label: "Did not come"),
                                .init(value: "", label: "Not recorded"),
                            ],
                            selected: typed[field(invitation)] ?? invitation.attended.map { $0 ? "yes" : "no" } ?? "",
                            failure: failure, inline: true)
                    }
                    button(.type("submit"), .class("button button-secondary")) { "Save who came" }
                },
        ])
    }
}
