import Foundation
import HeardDomain
import HeardStorage

enum ActionPages {
    static func list(
        context: PageContext, actions: [ActionItem], total: Int, filters: ActionsController.ListFilters,
        overdueBefore: Date, page: Int, pageCount: Int, places: [Place], notice: String?
    ) -> String {
        PageLayout.render(context) {
            if let notice { div(.class("notice"), .role("status")) { notice } }
            h1 { "Actions" }
            p(.class("lead")) {
                "What is being done about what people told us. Closing an action tells the people who spoke."
            }
            p { a(.class("button"), .href(SiteURL.new(SiteURL.actions))) { "Raise an action" } }
            HeardWeb.form(.action(SiteURL.actions), .method("get"), .class("filters")) {
                FormComponents.selectField(
                    name: "status", label: "Status",
                    choices: [.init(value: "open", label: "Open (planned or in progress)")]
                        + ActionStatus.allCases.map { .init(value: $0.rawValue, label: $0.title) },
                    selected: filters.status, failure: nil, prompt: "Any status")
                FormComponents.selectField(
                    name: "place", label: "Place",
                    choices: places.map {
                        .init(value: $0.slug, label: Retirement.label($0.name, retired: $0.isRetired))
                    },
                    selected: filters.place, failure: nil, prompt: "Any place")
                FormComponents.checkbox(name: "owner", label: "Only actions I own", checked: filters.mine, value: "me")
                FormComponents.checkbox(name: "overdue", label: "Only overdue", checked: filters.overdue)
                button(.type("submit"), .class("button button-secondary")) { "Filter" }
            }
            p(.role("status")) {
                total == 0
                    ? "No actions match."
                    : "\(total) action\(total == 1 ? "" : "s"), soonest due first."
            }
            if !actions.isEmpty {
                DataTable.render(
                    caption: "Actions by due date", headers: ["Action", "Where", "Owner", "Due", "Status"],
                    rows: actions.map { action in
                        let overdue = !action.status.isClosed && action.dueOn < overdueBefore
                        return [
                            a(.href(SiteURL.action(action.id!))) { action.title },
                            .text(action.place?.name ?? action.organisation.name),
                            .text(action.owner?.displayName ?? "–"),
                            .text(action.dueOn.formatted(StoriesPages.dayFormat) + (overdue ? " (overdue)" : "")),
                            .text(action.status.title),
                        ]
                    }, captionHidden: true)
            }
            Pagination.links(page: page, pageCount: pageCount) { filters.path(page: $0) }
        }
    }

    static func form(
        context: PageContext, form: ActionsController.NewForm, failure: ValidationFailure?,
        organisations: [Organisation],
        places: [Place], services: [Service], owners: [User], themes: [String], linked: [FeedbackItem],
        csrfToken: String, submissionKey: String, notice: String? = nil
    ) -> String {
        PageLayout.render(context) {
            p { a(.class("back-link"), .href(SiteURL.actions)) { "Back to actions" } }
            FormComponents.errorSummary(failure)
            h1 { "Raise an action" }
            if let notice { div(.class("notice"), .role("status")) { p { notice } } }
            if !linked.isEmpty {
                p(.id("field-feedback")) {
                    "This action answers \(linked.count) piece\(linked.count == 1 ? "" : "s") of feedback: \(linked.prefix(10).map(\.reference).joined(separator: ", "))\(linked.count > 10 ? " and more" : "")."
                }
            }
            HeardWeb.form(.action(SiteURL.new(SiteURL.actions)), .method("post"), .novalidate) {
                FormComponents.csrfField(csrfToken)
                SubmittedOnce.hiddenField(submissionKey)
                for id in form.feedback ?? [] { input(.type("hidden"), .name("feedback[]"), .value(id)) }
                FormComponents.textArea(
                    name: "you_said", label: "You said", value: form.youSaid ?? "", failure: failure,
                    hint: "What people told us, in plain words. This is shown publicly.", rows: 3)
                FormComponents.textField(
                    name: "title", label: "We will", value: form.title ?? "", failure: failure,
                    hint: "A short sentence, for example: Text people when clinics run more than 30 minutes late.")
                FormComponents.selectField(
                    name: "organisation_id", label: "Organisation responsible",
                    choices: organisations.map { .init(value: $0.id!.uuidString, label: $0.name) },
                    selected: form.organisationID ?? "", failure: failure)
                FormComponents.selectField(
                    name: "place_id", label: "Place (optional)",
                    choices: places.map { .init(value: $0.id!.uuidString, label: $0.name) },
                    selected: form.placeID ?? "", failure: failure, prompt: "Whole system")
                FormComponents.selectField(
                    name: "service_id", label: "Service (optional)",
                    choices: services.map { .init(value: $0.id!.uuidString, label: $0.name) },
                    selected: form.serviceID ?? "", failure: failure, prompt: "No single service")
                FormComponents.selectField(
                    name: "theme", label: "Theme (optional)", choices: themes.map { .init(value: $0, label: $0) },
                    selected: form.theme ?? "", failure: failure, prompt: "No single theme")
                FormComponents.selectField(
                    name: "owner_id", label: "Owner",
                    choices: owners.map {
                        .init(value: $0.id!.uuidString, label: "\($0.displayName) (\($0.role.title))")
                    },
                    selected: form.ownerID ?? "", failure: failure)
                FormComponents.textField(
                    name: "due_on", label: "Due date", value: form.dueOn ?? "", failure: failure,
                    hint: "For example, 2027-03-31", type: "date", width: "medium")
                FormComponents.submitButton("Raise action")
            }
        }
    }

    /// The service and place, naming the place once ("Talking therapies, Wakefield" in Wakefield).
    static func serviceAndPlace(_ action: ActionItem) -> String? {
        switch (action.service?.name, action.place?.name) {
        case (let service?, let place?): FeedbackItem.serviceAndPlace(service: service, place: place)
        case (let service?, nil): service
        case (nil, let place): place
        }
    }

    static func detail(
        context: PageContext, action: ActionItem, linked: [FeedbackItem], failure: ValidationFailure?, status: String,
        note: String, plan: [String: String], owners: [User], references: String, csrfToken: String,
        notice: String?, updateVersion: String, planVersion: String
    ) -> String {
        PageLayout.render(context) {
            if let notice { div(.class("notice"), .role("status")) { notice } }
            p { a(.class("back-link"), .href(SiteURL.actions)) { "Back to actions" } }
            FormComponents.errorSummary(failure)
            h1 { action.title }
            dl(.class("summary-list")) {
                FeedbackSummaryList.row("You said", action.youSaid)
                FeedbackSummaryList.row("Status", action.status.title)
                FeedbackSummaryList.row("Owner", action.owner?.displayName ?? "–")
                FeedbackSummaryList.row("Due", action.dueOn.formatted(StoriesPages.dayFormat))
                FeedbackSummaryList.row(
                    "Where",
                    [serviceAndPlace(action), action.organisation.name].compactMap { $0 }.joined(separator: ", "))
                if let theme = action.theme { FeedbackSummaryList.row("Theme", theme) }
                if !action.outcome.isEmpty {
                    FeedbackSummaryList.row(action.status == .notPossible ? "Why not" : "What was done", action.outcome)
                }
            }
            h2 { "Updates" }
            ol(.class("timeline")) {
                for update in action.updates.sorted(by: {
                    ($0.createdAt ?? .distantPast) < ($1.createdAt ?? .distantPast)
                }) {
                    li {
                        strong { update.status.title }
                        " – " + (update.createdAt ?? Date()).formatted(AuditPage.dateFormat) + " – "
                            + update.authorLabel
                        p { update.note }
                    }
                }
            }
            h2 { "Add an update" }
            HeardWeb.form(.action(SiteURL.action(action.id!) + "/update"), .method("post"), .novalidate) {
                FormComponents.csrfField(csrfToken)
                // Not `edit_version`: the plan form below has its own.
                input(.type("hidden"), .name("update_version"), .value(updateVersion))
                FormComponents.radios(
                    name: "status", legend: "Status",
                    choices: ActionStatus.allCases.map { .init(value: $0.rawValue, label: $0.title) },
                    selected: status, failure: failure, inline: true)
                FormComponents.textArea(
                    name: "note", label: "Update", value: note, failure: failure,
                    hint:
                        "When you choose Done, say what was done. When you choose Not possible, explain why: people are told.",
                    rows: 4)
                FormComponents.submitButton("Save update")
            }
            h2 { "Change the plan" }
            p { "A changed plan is added to the updates, so people following the action can see it." }
            HeardWeb.form(.action(SiteURL.action(action.id!) + "/plan"), .method("post"), .novalidate) {
                FormComponents.csrfField(csrfToken)
                EditVersion.hiddenField(planVersion)
                FormComponents.textField(
                    name: "title", label: "What will be done", value: plan["title"] ?? "", failure: failure)
                FormComponents.selectField(
                    name: "owner_id", label: "Owner",
                    choices: owners.map {
                        .init(value: $0.id!.uuidString, label: "\($0.displayName) (\($0.role.title))")
                    },
                    selected: plan["owner_id"] ?? "", failure: failure)
                FormComponents.textField(
                    name: "due_on", label: "Due date", value: plan["due_on"] ?? "", failure: failure,
                    hint: "For example, 2027-03-31", type: "date", width: "medium")
                button(.type("submit"), .class("button button-secondary")) { "Change the plan" }
            }
            h2 { "Feedback this answers" }
            if linked.isEmpty {
                p { "No feedback is linked." }
            } else {
                ul(.class("list-plain")) {
                    for item in linked {
                        li {
                            // A formal complaint is linked only for those who may open it; others see its
                            // reference and theme, which still count, without a link that would refuse them.
                            if ComplaintFile.opens(item, for: context.user?.role) {
                                a(.href(SiteURL.feedback(item.id!))) { item.reference }
                            } else {
                                item.reference + " (a formal complaint)"
                            }
                            " – " + (item.namedThemes.first ?? "no theme found")
                        }
                    }
                }
            }
            HeardWeb.form(.action(SiteURL.action(action.id!) + "/feedback"), .method("post"), .novalidate) {
                FormComponents.csrfField(csrfToken)
                FormComponents.textField(
                    name: "references", label: "Link more feedback", value: references, failure: failure,
                    hint: action.status.isClosed
                        ? "Feedback references, like HRD-7K3M9QPX, separated by spaces or commas. This action is closed: people who left an e-mail address will be told what happened."
                        : "Feedback references, like HRD-7K3M9QPX, separated by spaces or commas.")
                button(.type("submit"), .class("button button-secondary")) { "Link feedback" }
            }
        }
    }
}
