import HeardDomain
import HeardStorage

/// What an involved person sees after signing in: who they are here, the ideas they put forward and the
/// answers they got, and a form to put forward another.
enum InvolvementPage {
    static func render(
        user: User, ideas: [Idea], invitations: [Invitation], memberships: [BoardMember],
        business: BoardBusiness = BoardBusiness(), claims: [ExpenseClaim] = [], today: SimpleDate, context: PageContext,
        failure: ValidationFailure?, typed: [String: String], notice: String?
    ) -> String {
        let upcoming = invitations.filter { $0.activity.date >= today }
        let attended = invitations.filter { $0.activity.date < today && $0.status == .accepted }.reversed()
        let missed = invitations.filter { $0.activity.date < today && $0.status != .accepted }.reversed()
        return PageLayout.render(context) {
            FormComponents.errorSummary(failure)
            if let notice { div(.class("notice"), .role("status")) { notice } }
            h1 { "Your involvement" }
            p(.class("lead")) { "Thank you for giving your time, \(user.displayName)." }
            dl(.class("summary-list")) {
                div {
                    dt { "Name" }; dd { user.displayName }
                }
                div {
                    dt { "E-mail" }; dd { user.email }
                }
                div {
                    dt { "Role" }; dd { user.role.title }
                }
                if let last = user.lastSignInAt {
                    div {
                        dt { "Signed in" }; dd { last.formatted(AuditPage.dateFormat) }
                    }
                }
            }
            if !memberships.isEmpty {
                h2 { "Boards and panels you sit on" }
                for member in memberships {
                    membershipCard(member, today: today, context: context, failure: failure, typed: typed)
                }
                if !business.coming.isEmpty {
                    h3 { "Decisions coming to your meetings" }
                    ul(.class("list-plain")) {
                        for item in business.coming {
                            li {
                                a(.href(DecisionURL.publicInitiative(item.decision.$initiative.id))) {
                                    item.decision.title
                                }
                                " – \(item.board), "
                                    + (SimpleDate(iso: item.decision.meetingOn)?.ukText ?? item.decision.meetingOn)
                                    + ". What people said and the equality assessment are on its page."
                            }
                        }
                    }
                }
            }
            h2 { "Invitations" }
            if upcoming.isEmpty {
                p { "No invitations at the moment." }
            }
            for invitation in upcoming {
                invitationCard(invitation, context: context, failure: failure, typed: typed)
            }
            if !attended.isEmpty || !business.tookPart.isEmpty {
                h2 { "What changed after you took part" }
                ul(.class("story-list")) {
                    for item in business.tookPart {
                        li(.class("story")) {
                            h3(.class("story-title")) { item.decision.title }
                            p(.class("story-meta")) {
                                "\(item.board), "
                                    + (SimpleDate(iso: item.decision.meetingOn)?.ukText ?? item.decision.meetingOn)
                                    + ". You were at the meeting."
                            }
                            DecisionForms.paragraphs(item.decision.outcome)
                            p {
                                a(.href(DecisionURL.publicDecision(item.decision.id!))) { "The decision record" }
                            }
                        }
                    }
                    for invitation in attended {
                        li(.class("story")) {
                            h3(.class("story-title")) { invitation.activity.title }
                            p(.class("story-meta")) { invitation.activity.when }
                            p {
                                invitation.activity.whatChanged.isEmpty
                                    ? "The team has not yet recorded what changed; it will appear here."
                                    : invitation.activity.whatChanged
                            }
                            if let initiative = invitation.activity.initiative {
                                p {
                                    "Part of "
                                    a(.href(DecisionURL.publicInitiative(initiative.id!))) { initiative.title }
                                    ", now at the stage \"\(initiative.stage.title.lowercased())\"."
                                }
                            }
                            errorAnchor(InvitationsController.field("reply", invitation), failure)
                            ExpenseClaimViews.underActivity(
                                invitation, claims: claims.filter { $0.$invitation.id == invitation.id },
                                today: today, context: context, failure: failure, typed: typed)
                        }
                    }
                }
            }
            if !missed.isEmpty {
                h2 { "Earlier invitations" }
                ul(.class("list-plain")) {
                    for invitation in missed {
                        li {
                            "\(invitation.activity.title), \(invitation.activity.date.ukText): "
                                + (invitation.status == .declined
                                    ? "you said you could not come." : "you did not reply.")
                            errorAnchor(InvitationsController.field("reply", invitation), failure)
                            errorAnchor(ExpenseClaims.anchor(invitation), failure)
                        }
                    }
                }
            }
            h2 { "Your ideas" }
            if ideas.isEmpty {
                p { "You have not put forward an idea yet." }
            } else {
                ul(.class("story-list")) {
                    for idea in ideas {
                        li(.class("story")) {
                            h3(.class("story-title")) { idea.title }
                            p(.class("story-meta")) {
                                idea.status == .submitted
                                    ? strong(.class("tag")) { idea.status.title } : .text(idea.status.title)
                            }
                            if idea.status != .submitted {
                                DecisionForms.paragraphs(idea.response)
                            }
                            if let initiative = idea.initiative {
                                p {
                                    "Your idea is now part of "
                                    a(.href(DecisionURL.publicInitiative(initiative.id!))) { initiative.title }
                                    ", at the stage \"\(initiative.stage.title.lowercased())\". You are credited on it."
                                }
                            }
                        }
                    }
                }
            }
            h2 { "Put forward an idea" }
            p {
                "An idea to make local health and care better: you will get an answer, and credit if it is taken forward."
            }
            HeardWeb.form(.action(IdeaURL.submit), .method("post"), .novalidate) {
                FormComponents.csrfField(context.csrfToken ?? "")
                SubmittedOnce.freshHiddenField()
                FormComponents.textField(
                    name: "title", label: "Your idea in a few words", value: typed["title"] ?? "", failure: failure)
                FormComponents.textArea(
                    name: "details", label: "What is the idea, and who would it help?", value: typed["details"] ?? "",
                    failure: failure, rows: 5)
                FormComponents.textField(
                    name: "credit_name", label: "Credit the idea to", value: typed["credit_name"] ?? user.displayName,
                    failure: failure, hint: "Your name, or a name you prefer, such as your group's.")
                FormComponents.checkbox(
                    name: "credit_publicly", label: "Show this name on public pages if the idea is taken forward",
                    checked: typed["credit_publicly"] == "yes",
                    hint: "If you leave this unticked, public pages say \"a member of the public\".")
                FormComponents.submitButton("Put forward my idea")
            }
            p { a(.href(IdeaURL.publicIdeas)) { "Ideas that were taken forward" } }
        }
    }

    /// Where an error about a form that is not on the page (a reply once replies are closed, a claim for an
    /// activity they did not come to) is said, so the error summary's link lands on it.
    static func errorAnchor(_ field: String, _ failure: ValidationFailure?) -> HTMLNode {
        guard let message = failure?.message(for: field) else { return .empty }
        return p(.class("error-message"), .id(FormComponents.fieldID(field)), .tabindex(-1)) {
            span(.class("visually-hidden")) { "Error: " }; message
        }
    }

    /// One upcoming invitation: what, when, where, the arrangements, and the reply form.
    static func invitationCard(
        _ invitation: Invitation, context: PageContext, failure: ValidationFailure?, typed: [String: String]
    ) -> HTMLNode {
        let activity = invitation.activity
        let access = ActivityViews.accessibility(activity)
        let replyField = InvitationsController.field("reply", invitation)
        let needsField = InvitationsController.field("access_needs", invitation)
        return section(.class("story"), .aria("label", activity.title)) {
            h3(.class("story-title")) { activity.title }
            p(.class("story-meta")) {
                "\(activity.when), \(activity.venue.isEmpty ? "online" : activity.venue). "
                    + (access.isEmpty ? "" : "Arrangements: \(access.joined(separator: ", ")). ")
            }
            p {
                (activity.paymentPence.map {
                    "An involvement payment of \(Pence.text($0)) is offered for taking part. "
                }
                    ?? "")
                    + "If you come, you can claim back your fares, mileage, parking and the cost of care or a support worker afterwards, on this page."
            }
            p {
                invitation.status == .invited
                    ? strong(.class("tag")) { invitation.status.title }
                    : .text("Your reply: \(invitation.status.title)")
            }
            HeardWeb.form(
                .action(SiteURL.involvement + "/invitations/" + DecisionURL.id(invitation.id!)), .method("post"),
                .novalidate
            ) {
                FormComponents.csrfField(context.csrfToken ?? "")
                FormComponents.radios(
                    name: replyField, legend: "Can you come?",
                    choices: [
                        .init(value: InvitationStatus.accepted.rawValue, label: "Yes, I can come"),
                        .init(value: InvitationStatus.declined.rawValue, label: "No, I cannot come"),
                    ],
                    selected: typed[replyField] ?? (invitation.status == .invited ? "" : invitation.status.rawValue),
                    failure: failure, inline: true)
                FormComponents.textArea(
                    name: needsField, label: "Anything you need to take part (optional)",
                    value: typed[needsField] ?? invitation.accessNeeds, failure: failure,
                    hint:
                        "For example step-free access, an interpreter, a carer coming with you, or help with travel costs.",
                    rows: 2)
                FormComponents.submitButton(invitation.status == .invited ? "Send my reply" : "Change my reply")
            }
        }
    }

    /// One membership: the board, their role, whether their declarations are up to date, and a form to declare
    /// (an interest, or a nil return), dated today.
    static func membershipCard(
        _ member: BoardMember, today: SimpleDate, context: PageContext, failure: ValidationFailure?,
        typed: [String: String]
    ) -> HTMLNode {
        let status = BoardRegister.status(member, today: today)
        let suffix = "-" + BoardURL.id(member.id!)
        return section(.class("story"), .aria("label", member.board.name)) {
            h3(.class("story-title")) {
                a(.href(BoardURL.publicBoard(member.board.id!))) { member.board.name }
            }
            p(.class("story-meta")) { "\(member.role), since \(member.appointed.ukText)." }
            p {
                status.isOverdue
                    ? strong(.class("tag tag-urgent")) { status.summary } : .text(status.summary)
            }
            h4 { "What you have declared" }
            BoardPages.registerTable(
                BoardRegister.entries(member), caption: "What you have declared to \(member.board.name)", today: today,
                whenEmpty: "You have not declared anything yet.")
            p(.class("hint")) {
                "Members declare their interests on appointment, whenever they change (within 28 days) and every year. If you have none, a nil return counts. Your declarations are published on the board's page. When an interest ends, declare it again with the day it ended."
            }
            HeardWeb.form(
                .action(SiteURL.involvement + "/declarations/" + BoardURL.id(member.id!)), .method("post"), .novalidate
            ) {
                FormComponents.csrfField(context.csrfToken ?? "")
                SubmittedOnce.freshHiddenField()
                BoardPages.declarationFields(
                    typed: typed, failure: failure, legend: "What are you declaring?", suffix: suffix,
                    detailsHint: "The organisation and your connection with it. Leave empty for a nil return.")
                FormComponents.submitButton("Make my declaration")
            }
        }
    }
}
