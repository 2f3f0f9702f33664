import HeardDomain
import HeardStorage
import Vapor

enum ActivityViews {
    static func index(
        activities: [InvolvementActivity], cadence: [PlaceCadence], filters: ActivitiesController.ListFilters,
        places: [Place], page: ListPage, context: PageContext, notice: String?
    ) -> String {
        PageLayout.render(context) {
            if let notice { div(.class("notice"), .role("status")) { notice } }
            h1 { "Involvement activities" }
            p(.class("lead")) {
                "One meeting is not engagement: repetition is the key. Keep every place hearing from you."
            }
            p { a(.class("button"), .href(DecisionURL.newActivity(initiative: nil))) { "Record an activity" } }
            h2 { "How often each place has an in-person activity" }
            p(.class("hint")) { CadenceRules.ruleText }
            if let role = context.user?.role, StaffArea.referenceData.allows(role) {
                p { a(.href(PopulationController.path)) { "Population figures used by the representation tables" } }
            }
            DataTable.render(
                caption: "In-person activity by place",
                headers: ["Place", "Last in-person activity", "In the last 12 months", "Status"],
                rows: cadence.map { row in
                    [
                        .text(row.place), .text(row.lastInPerson?.ukText ?? "None recorded"),
                        .text(String(row.inPersonLastYear)),
                        row.isGoingQuiet ? strong(.class("tag tag-not_met")) { "Going quiet" } : .text("Active"),
                    ]
                })
            h2 { "All activities" }
            HeardWeb.form(.action(DecisionURL.activities), .method("get"), .class("filters")) {
                FormComponents.selectField(
                    name: "place", label: "Place",
                    choices: places.map {
                        .init(value: $0.slug, label: Retirement.label($0.name, retired: $0.isRetired))
                    },
                    selected: filters.place, failure: nil, prompt: "Any place")
                FormComponents.selectField(
                    name: "kind", label: "Kind",
                    choices: ActivityKind.allCases.map { .init(value: $0.rawValue, label: $0.title) },
                    selected: filters.kind, failure: nil, prompt: "Any kind")
                FormComponents.selectField(
                    name: "when", label: "When",
                    choices: [.init(value: "upcoming", label: "Today and later"), .init(value: "past", label: "Past")],
                    selected: filters.when, failure: nil, prompt: "Any time")
                button(.type("submit"), .class("button button-secondary")) { "Filter" }
            }
            if activities.isEmpty {
                p { filters.pairs.allSatisfy { $0.1.isEmpty } ? "None yet." : "No activities match." }
            } else {
                DataTable.render(
                    caption: "All activities, newest first",
                    headers: ["Activity", "Kind", "Date", "Place", "Came", "Initiative"],
                    rows: activities.map { activity in
                        [
                            a(.href(DecisionURL.activity(activity.id!))) { activity.title }, .text(activity.kind.title),
                            .text(activity.date.ukText), .text(activity.place.name),
                            .text(activity.attendees.formatted),
                            .text(activity.initiative?.title ?? "–"),
                        ]
                    }, captionHidden: true)
            }
            Pagination.links(page: page.number, pageCount: page.count) {
                ListPage.path(DecisionURL.activities, filters: filters.pairs, page: $0)
            }
        }
    }

    static func form(
        _ request: Request, input: ActivityInput, initiativeID: String, features: Set<String>, places: [Place],
        initiatives: [Initiative], failure: ValidationFailure?, editing: InvolvementActivity? = nil,
        version: String? = nil
    ) -> String {
        let heading = editing.map { "Change \($0.title)" } ?? "Record an involvement activity"
        let action = editing.map { DecisionURL.activity($0.id!) + "/edit" } ?? SiteURL.new(DecisionURL.activities)
        return PageLayout.render(PageContext(request, title: heading, hasErrors: failure != nil)) {
            p {
                a(.class("back-link"), .href(editing.map { DecisionURL.activity($0.id!) } ?? DecisionURL.activities)) {
                    "Back"
                }
            }
            FormComponents.errorSummary(failure)
            h1 { heading }
            HeardWeb.form(.action(action), .method("post"), .novalidate) {
                FormComponents.csrfField(request.csrfToken)
                // `version`: the one a refused form was opened with; otherwise the activity's as stored.
                if let editing {
                    EditVersion.hiddenField(version ?? EditVersion.of(ActivitiesController.editable(editing)))
                }
                if editing == nil { SubmittedOnce.hiddenField(request.newSubmissionKey) }
                FormComponents.textField(
                    name: "title", label: "Name of the activity", value: input.title, failure: failure,
                    hint: "For example, \"Stroke services drop-in at St Mary's scout hut\".")
                FormComponents.selectField(
                    name: "kind", label: "Kind of activity",
                    choices: ActivityKind.allCases.map { .init(value: $0.rawValue, label: $0.title) },
                    selected: input.kind, failure: failure)
                FormComponents.selectField(
                    name: "initiative_id", label: "Initiative (optional)",
                    choices: initiatives.map { .init(value: $0.id!.uuidString.lowercased(), label: $0.title) },
                    selected: initiativeID.lowercased(), failure: failure, prompt: "Not about one initiative")
                FormComponents.selectField(
                    name: "place_id", label: "Place",
                    choices: places.map {
                        .init(value: $0.id!.uuidString, label: Retirement.label($0.name, retired: $0.isRetired))
                    },
                    selected: input.placeID, failure: failure)
                FormComponents.textField(
                    name: "date", label: "Date", value: input.date, failure: failure, hint: "For example, 2026-11-30.",
                    type: "date", width: "medium")
                FormComponents.textField(
                    name: "start_time", label: "Start time (optional)", value: input.startTime, failure: failure,
                    hint: "24-hour time, for example 18:00.", required: false, width: "short")
                FormComponents.textField(
                    name: "end_time", label: "End time (optional)", value: input.endTime, failure: failure,
                    hint: "24-hour time, for example 20:00.", required: false, width: "short")
                FormComponents.textField(
                    name: "venue", label: "Venue", value: input.venue, failure: failure,
                    hint: "Leave blank for an online survey.", required: false)
                DecisionForms.checkboxes(
                    name: "accessibility", legend: "Accessibility", choices: ActivitiesController.accessibilityFeatures,
                    selected: features, failure: failure)
                FormComponents.textField(
                    name: "capacity", label: "Places (optional)", value: input.capacity, failure: failure,
                    hint:
                        "How many people it has room for. When people signing up fill it, the public page says it is full. Leave empty for no limit.",
                    required: false, width: "short")
                FormComponents.textField(
                    name: "payment", label: "Involvement payment in pounds (optional)", value: input.payment,
                    failure: failure,
                    hint:
                        "Offered to each person who takes part, for example 25. They can choose not to take it. Expenses are paid back either way. Leave empty if none is offered.",
                    required: false, width: "short")
                FormComponents.textField(
                    name: "attendees", label: "How many people came", value: input.attendees, failure: failure,
                    hint: "0 if it has not happened yet.", width: "short")
                FormComponents.textArea(
                    name: "notes", label: "Notes (optional)", value: input.notes, failure: failure,
                    hint: "What was discussed. Add what individual people said as comments after saving.")
                FormComponents.textArea(
                    name: "what_changed", label: "What changed because of it (optional)", value: input.whatChanged,
                    failure: failure, hint: "Shown on the initiative's public involvement trail.")
                FormComponents.submitButton("Save activity")
            }
        }
    }

    /// The arrangements made for people to take part ("step-free", "hearing loop", …).
    static func accessibility(_ activity: InvolvementActivity) -> [String] {
        [
            activity.stepFree ? "step-free" : nil, activity.hearingLoop ? "hearing loop" : nil,
            activity.interpreters ? "interpreters" : nil, activity.easyRead ? "easy read" : nil,
        ].compactMap { $0 }
    }

    static func show(
        _ activity: InvolvementActivity, comments: [ActivityComment], services: [Service],
        representation: [ConsultationAnalysis.RepresentationGroup], populationSource: String?,
        invitations: [Invitation], invitable: [User], guestAccounts: [UUID: User] = [:],
        signups: [ActivitySignup] = [], today: SimpleDate,
        context: PageContext, notice: String?, warning: String? = nil,
        failure: ValidationFailure?, typed: String, guestTyped: [String: String] = [:],
        outcomeTyped: [String: String] = [:], attendanceTyped: [String: String] = [:]
    ) -> String {
        let access = accessibility(activity)
        return PageLayout.render(context) {
            p { a(.class("back-link"), .href(DecisionURL.activities)) { "Back to activities" } }
            FormComponents.errorSummary(failure)
            if let notice { div(.class("notice"), .role("status")) { notice } }
            if let warning { div(.class("warning-callout"), .role("alert")) { warning } }
            h1 { activity.title }
            p { a(.href(DecisionURL.activity(activity.id!) + "/edit")) { "Change the details, or record who came" } }
            DecisionForms.summaryList([
                ("Kind", .text(activity.kind.title)), ("When", .text(activity.when)),
                ("Place", .text(activity.place.name)),
                ("Venue", .text(activity.venue.isEmpty ? "Online" : activity.venue)),
                ("Accessibility", .text(access.isEmpty ? "None recorded" : access.joined(separator: ", "))),
                ("People who came", .text(activity.attendees.formatted)),
                ("Places", .text(activity.capacity.map { $0.formatted } ?? "No limit")),
                ("Involvement payment", .text(activity.paymentPence.map(Pence.text) ?? "None offered")),
                ("Did it happen", .text(activity.outcome.map { $0 == .held ? "Held" : "Cancelled" } ?? "Not recorded")),
                (
                    "Initiative",
                    activity.initiative.map { i in a(.href(DecisionURL.initiative(i.id!))) { i.title } } ?? .text("–")
                ),
                ("Notes", .text(activity.notes.isEmpty ? "–" : activity.notes)),
                ("What changed", .text(activity.whatChanged.isEmpty ? "Not recorded yet" : activity.whatChanged)),
            ])
            EventSignupViews.signupsSection(activity, signups: signups, today: today)
            invitationsSection(
                activity, invitations: invitations, invitable: invitable, guestAccounts: guestAccounts, today: today,
                context: context, failure: failure, guestTyped: guestTyped)
            EventSignupViews.outcomeForm(
                activity, today: today, context: context, failure: failure, typed: outcomeTyped)
            ActivityAttendance.section(
                activity, invitations: invitations, today: today, context: context, failure: failure,
                typed: attendanceTyped)
            h2 { "What people said" }
            if comments.isEmpty {
                p { "No comments captured yet." }
            } else {
                ul(.class("list-plain")) {
                    for comment in comments {
                        li {
                            comment.redactedText
                            if comment.wasRedacted { span(.class("hint")) { " (personal details removed)" } }
                            if comment.feedbackID != nil { span(.class("hint")) { " (recorded as feedback)" } }
                        }
                    }
                }
            }
            if activity.date > today {
                p(.class("hint")) {
                    "Capture what people said once the activity has happened, on \(activity.date.ukText)."
                }
            } else {
                HeardWeb.form(.action(DecisionURL.activityComments(activity.id!)), .method("post"), .novalidate) {
                    FormComponents.csrfField(context.csrfToken ?? "")
                    FormComponents.textArea(
                        name: "comment", label: "Add a comment someone made", value: typed, failure: failure,
                        hint:
                            "Personal details such as names, phone numbers and NHS numbers are removed before anything is published."
                    )
                    FormComponents.submitButton("Capture comment")
                }
            }
            h2(.id("monitoring")) { "Who came" }
            AnalysisViews.representation(representation, comparisonPlace: activity.place.name, source: populationSource)
            HeardWeb.form(
                .action(DecisionURL.activityMonitoring(activity.id!)), .method("post"), .novalidate, .class("panel")
            ) {
                h3 { "Type in an equality monitoring form" }
                FormComponents.csrfField(context.csrfToken ?? "")
                ResponseViews.equalityFields(submission: .init(fields: [:]), failure: failure)
                button(.type("submit"), .class("button button-secondary")) { "Save monitoring form" }
            }
        }
    }

    /// Who was invited (with an account or without), their replies and what they need; and forms to invite
    /// more involved people, and someone without an account.
    static func invitationsSection(
        _ activity: InvolvementActivity, invitations: [Invitation], invitable: [User],
        guestAccounts: [UUID: User] = [:], today: SimpleDate, context: PageContext, failure: ValidationFailure?,
        guestTyped: [String: String] = [:]
    ) -> HTMLNode {
        let seesAccounts = context.user.map { StaffArea.users.allows($0.role) } ?? false
        let isFuture = activity.date >= today
        return .fragment([
            h2(.id("invitations")) { "Invitations" },
            invitations.isEmpty
                ? p { "Nobody has been invited yet." }
                : .fragment([
                    p { replyCounts(invitations) },
                    DataTable.render(
                        caption: "Invitations to \(activity.title)",
                        headers: ["Person", "How they reply", "Reply", "What they need"] + (isFuture ? [] : ["Came"]),
                        rows: invitations.map { invitation in
                            [
                                .text(invitation.inviteeName),
                                howTheyReply(
                                    invitation, account: invitation.id.flatMap { guestAccounts[$0] },
                                    linked: seesAccounts),
                                .text(invitation.status.staffTitle),
                                .text(invitation.accessNeeds.isEmpty ? "–" : invitation.accessNeeds),
                            ]
                                + (isFuture
                                    ? []
                                    : [
                                        .text(
                                            invitation.status == .accepted
                                                ? ActivityAttendance.text(invitation.attended) : "–")
                                    ])
                        }, captionHidden: true),
                ]),
            !isFuture || invitable.isEmpty
                ? .fragment([])
                : HeardWeb.form(
                    .action(DecisionURL.activity(activity.id!) + "/invitations"), .method("post"), .novalidate
                ) {
                    FormComponents.csrfField(context.csrfToken ?? "")
                    DecisionForms.checkboxes(
                        name: "people", legend: "Invite involved people",
                        choices: invitable.map { .init(value: $0.id!.uuidString, label: $0.displayName) },
                        selected: [], failure: failure,
                        hint:
                            "Panel members, community champions and peer leaders with an account. Each gets an e-mail and replies on their own page."
                    )
                    button(.type("submit"), .class("button button-secondary")) { "Send invitations" }
                },
            isFuture ? guestForm(activity, context: context, failure: failure, typed: guestTyped) : .fragment([]),
        ])
    }

    /// "3 invited: 1 coming, 1 cannot come, 1 has not replied."
    static func replyCounts(_ invitations: [Invitation]) -> String {
        func count(_ status: InvitationStatus) -> Int { invitations.filter { $0.status == status }.count }
        let waiting = count(.invited)
        return "\(invitations.count) invited: \(count(.accepted)) coming, \(count(.declined)) cannot come, "
            + "\(waiting) \(waiting == 1 ? "has" : "have") not replied."
    }

    /// An account holder replies on their own page; a guest through the link e-mailed to them, and staff see
    /// how they like to be contacted. A guest whose address belongs to an account (a member of staff, or an
    /// involvement account that is switched off) is named as having one, linked for those who manage accounts.
    static func howTheyReply(_ invitation: Invitation, account: User? = nil, linked: Bool = false) -> HTMLNode {
        guard invitation.isGuest else { return .text("Involvement account") }
        let contact = invitation.guestContact ?? ""
        let byLink = "by the link e-mailed to \(invitation.inviteeEmail)."
        let prefers = contact.isEmpty ? "" : " Prefers: \(contact)"
        guard let account else { return .text("No account: " + byLink + prefers) }
        let kind = account.role.title.lowercased() + (account.isActive ? "" : ", switched off")
        return .fragment([
            "Has an account: ",
            linked && account.id != nil
                ? a(.href(SiteURL.user(account.id!))) { account.displayName } : .text(account.displayName),
            .text(" (\(kind)). Invited without it, so replies " + byLink + prefers),
        ])
    }

    static func guestForm(
        _ activity: InvolvementActivity, context: PageContext, failure: ValidationFailure?,
        typed: [String: String]
    ) -> HTMLNode {
        HeardWeb.form(
            .action(DecisionURL.activity(activity.id!) + "/invitations/guest"), .method("post"), .novalidate,
            .class("panel")
        ) {
            h3 { "Invite someone without an account" }
            p(.class("hint")) {
                "Community members, carers and champions do not need an account. They get an e-mail with a private link, and reply through it without signing in. They can change their reply until the day."
            }
            FormComponents.csrfField(context.csrfToken ?? "")
            FormComponents.textField(
                name: "guest_name", label: "Name", value: typed["guest_name"] ?? "", failure: failure,
                autocomplete: "off")
            FormComponents.textField(
                name: "guest_email", label: "E-mail address", value: typed["guest_email"] ?? "", failure: failure,
                hint: "If they have an involvement account with this address, their account is invited instead.",
                type: "email", autocomplete: "off")
            FormComponents.textArea(
                name: "guest_contact", label: "How they like to be contacted (optional)",
                value: typed["guest_contact"] ?? "", failure: failure,
                hint: "For example \"phone after 5pm\" or \"through her carer\". Only staff see this.", rows: 2)
            button(.type("submit"), .class("button button-secondary")) { "Send invitation" }
        }
    }
}
