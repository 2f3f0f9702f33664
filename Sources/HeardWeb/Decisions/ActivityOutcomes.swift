import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Vapor

/// Staff record whether an activity happened: held (from its day, with how many came), or cancelled (at any
/// time). A held one is listed under "Events held" on its consultation's page; a cancelled one is not, and
/// takes no more sign-ups. People signed up with an e-mail address are told when one still to come is cancelled.
enum ActivityOutcomes {
    @Sendable static func record(_ request: Request) async throws -> Response {
        let activity = try await ActivitiesController.find(request)
        let typed = ["outcome": Admin.text(request, "outcome"), "attendance": Admin.text(request, "attendance")]
        let outcome = ActivityOutcome(rawValue: typed["outcome"]!)
        let attendanceText = typed["attendance"]!.trimmingWhitespace()
        var errors: [FieldError] = []
        var attendance: Int?
        switch outcome {
        case nil:
            errors.append(FieldError("outcome", "Choose whether it was held or cancelled."))
        case .held where activity.date > request.today:
            errors.append(
                FieldError(
                    "outcome", "It is on \(activity.date.ukText): record that it was held on the day or after."))
        case .held:
            attendance = Int(attendanceText)
            let forms = try await ActivitiesController.monitoringForms(activity, on: request.db)
            if let count = attendance, count >= 0, count <= ActivityInput.maximumAttendees {
                if count < forms {
                    errors.append(
                        FieldError(
                            "attendance",
                            "\(Wording.count(forms, "equality monitoring form is", "equality monitoring forms are")) typed in for this activity, so at least \(Wording.count(forms, "person", "people")) came."
                        ))
                }
            } else {
                errors.append(
                    FieldError(
                        "attendance",
                        "Enter how many people came as a whole number, or 0 if nobody came."))
            }
        case .cancelled:
            break
        }
        guard errors.isEmpty, let outcome else {
            return try await ActivitiesController.renderShow(
                request, activity, failure: ValidationFailure(errors), status: .unprocessableEntity,
                outcomeTyped: typed)
        }
        let before = activity.outcome
        let beforeCount = activity.attendees
        activity.outcome = outcome
        if let attendance { activity.attendees = attendance }
        // Cancelled before the day: those who signed up with an e-mail address hear it from us.
        let tell =
            outcome == .cancelled && before != .cancelled && activity.date >= request.today
            ? try await EventSignups.signups(of: activity, on: request.db).filter { $0.email != nil } : []
        try await request.db.writeTransaction { db in
            try await activity.save(on: db)
            try await AuditLog.record(
                on: db, actor: Admin.actor(request), action: "activity.outcome_recorded", objectType: "activity",
                objectID: activity.id?.uuidString,
                summary: outcome == .held
                    ? "Recorded \(activity.title) as held, with \(Wording.count(activity.attendees, "person", "people"))"
                    : "Recorded \(activity.title) as cancelled",
                changes: [
                    FieldChange("outcome", from: before?.rawValue, to: outcome.rawValue),
                    FieldChange("attendees", from: String(beforeCount), to: String(activity.attendees)),
                ])
            for signup in tell {
                try await cancellation(to: signup, activity: activity, contact: request.heardConfiguration.contact)
                    .create(on: db)
            }
        }
        Admin.flash(
            request,
            (outcome == .held ? "Recorded as held." : "Recorded as cancelled.")
                + (tell.isEmpty
                    ? ""
                    : " \(Wording.count(tell.count, "person who signed up has", "people who signed up have")) been e-mailed.")
        )
        return request.redirect(to: DecisionURL.activity(activity.id!) + "#outcome")
    }

    static func cancellation(to signup: ActivitySignup, activity: InvolvementActivity, contact: SiteContact) -> Notice {
        let notice = Notice(
            to: signup.email ?? "", subject: "Cancelled: \(activity.title)",
            body: """
                Hello \(signup.name),

                You told us you are coming to \(activity.title) on \(activity.when). We are sorry: it has been cancelled.

                To hear about other ways to have your say, \(EventSignups.reach(contact)).
                """, kind: "event_signup")
        notice.activityID = activity.id
        return notice
    }
}
