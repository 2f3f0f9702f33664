import HeardDomain
import HeardStorage

/// The page a guest without an account reaches from the link in their invitation: what, when and where, the
/// arrangements, and a form to say whether they can come and what they need. Works without JavaScript.
enum GuestInvitationPage {
    static func render(
        _ invitation: Invitation, today: SimpleDate, context: PageContext, csrfToken: String,
        failure: ValidationFailure?, typed: [String: String], saved: Bool
    ) -> String {
        let activity = invitation.activity
        let access = ActivityViews.accessibility(activity)
        let isOpen = activity.date >= today
        return PageLayout.render(context) {
            FormComponents.errorSummary(failure)
            if saved {
                div(.class("notice"), .role("status")) {
                    invitation.status == .accepted
                        ? "Thank you: your reply is saved. We look forward to seeing you on \(activity.date.ukText)."
                        : "Thank you for letting us know: your reply is saved."
                }
            }
            h1 { activity.title }
            p(.class("lead")) { "\(invitation.inviteeName), you are invited to take part." }
            DecisionForms.summaryList([
                ("What", .text(activity.kind.title)),
                ("When", .text(activity.when)),
                ("Where", .text(activity.venue.isEmpty ? "Online" : "\(activity.venue), \(activity.place.name)")),
                ("Arrangements", .text(access.isEmpty ? "None recorded yet" : access.joined(separator: ", "))),
                ("Your reply", .text(invitation.status.title)),
            ])
            if isOpen {
                h2 { invitation.status == .invited ? "Your reply" : "Change your reply" }
                p { "You do not need an account. You can change your reply here until \(activity.date.ukText)." }
                HeardWeb.form(.method("post"), .novalidate) {
                    FormComponents.csrfField(csrfToken)
                    fields(invitation, failure: failure, typed: typed)
                    FormComponents.submitButton(invitation.status == .invited ? "Send my reply" : "Change my reply")
                }
            } else {
                p { "This activity has already happened, so replies are closed." }
                if let needs = typed["access_needs"], !needs.isEmpty {
                    // Nothing typed is lost: shown back to copy, since it could not be saved.
                    h2 { "What you wrote" }
                    p(.class("hint")) {
                        "It was not saved. Copy it if you want to send it to the person who invited you."
                    }
                    p(.class("panel")) { needs }
                }
            }
        }
    }

    private static func fields(
        _ invitation: Invitation, failure: ValidationFailure?, typed: [String: String]
    ) -> HTMLNode {
        .fragment([
            FormComponents.radios(
                name: "reply", legend: "Can you come?",
                choices: [
                    .init(value: InvitationStatus.accepted.rawValue, label: "Yes, I can come"),
                    .init(value: InvitationStatus.declined.rawValue, label: "No, I cannot come"),
                ],
                selected: typed["reply"] ?? (invitation.status == .invited ? "" : invitation.status.rawValue),
                failure: failure, inline: true),
            FormComponents.textArea(
                name: "access_needs", label: "Anything you need to take part (optional)",
                value: typed["access_needs"] ?? invitation.accessNeeds, failure: failure,
                hint:
                    "For example step-free access, an interpreter, a carer coming with you, or help with travel costs.",
                rows: 3),
        ])
    }
}
