import Foundation
import HeardDomain
import HeardStorage
import Vapor

enum InitiativeViews {
    struct ListRow {
        var bundle: InitiativeBundle
        var consultationState: ConsultationState?
    }

    static func list(
        _ rows: [ListRow], words: String, stage: String, page: ListPage, context: PageContext, notice: String?
    ) -> String {
        PageLayout.render(context) {
            if let notice { div(.class("notice"), .role("status")) { notice } }
            h1 { "Initiatives" }
            p(.class("lead")) {
                "Proposed changes heading for a decision. Each one shows who was involved, when, and what changed."
            }
            p {
                a(.class("button"), .href(SiteURL.new(DecisionURL.initiatives))) { "Add an initiative" }
            }
            HeardWeb.form(.action(DecisionURL.initiatives), .method("get"), .class("filters")) {
                FormComponents.textField(
                    name: "q", label: "Title contains", value: words, failure: nil, required: false)
                FormComponents.selectField(
                    name: "stage", label: "Stage",
                    choices: InitiativeStage.allCases.map { .init(value: $0.rawValue, label: $0.title) },
                    selected: stage, failure: nil, prompt: "Any stage")
                button(.type("submit"), .class("button button-secondary")) { "Filter" }
            }
            if rows.isEmpty {
                p { words.isEmpty && stage.isEmpty ? "There are none yet." : "No initiatives match." }
            } else {
                DataTable.render(
                    caption: "Initiatives, newest first",
                    headers: ["Initiative", "Stage", "Changes services", "Consultation", "Decision"],
                    rows: rows.map { row in
                        let initiative = row.bundle.initiative
                        return [
                            a(.href(DecisionURL.initiative(initiative.id!))) { initiative.title },
                            .text(initiative.stage.title), .text(initiative.affectsServices ? "Yes" : "No"),
                            .text(row.consultationState?.title ?? "None"),
                            .text(row.bundle.decision.map { $0.isApproved ? "Approved" : "Proposed" } ?? "None"),
                        ]
                    }, captionHidden: true)
            }
            Pagination.links(page: page.number, pageCount: page.count) {
                ListPage.path(DecisionURL.initiatives, filters: [("q", words), ("stage", stage)], page: $0)
            }
        }
    }

    static func form(
        _ request: Request, input: InitiativeInput, placeIDs: Set<String>, serviceIDs: Set<String>, places: [Place],
        services: [Service], failure: ValidationFailure?, editing: Initiative? = nil, changeReason: String = "",
        version: String? = nil
    ) -> String {
        let heading = editing.map { "Change \($0.title)" } ?? "Add an initiative"
        let action = editing.map { DecisionURL.initiative($0.id!) + "/edit" } ?? SiteURL.new(DecisionURL.initiatives)
        return PageLayout.render(PageContext(request, title: heading, hasErrors: failure != nil)) {
            p {
                a(.class("back-link"), .href(editing.map { DecisionURL.initiative($0.id!) } ?? DecisionURL.initiatives))
                {
                    "Back"
                }
            }
            FormComponents.errorSummary(failure)
            h1 { heading }
            HeardWeb.form(.action(action), .method("post"), .novalidate) {
                FormComponents.csrfField(request.csrfToken)
                // `version`: the one a refused form was opened with; otherwise the initiative's as stored.
                if let editing {
                    EditVersion.hiddenField(version ?? EditVersion.of(InitiativesController.editable(editing)))
                }
                if editing == nil { SubmittedOnce.hiddenField(request.newSubmissionKey) }
                FormComponents.textField(name: "title", label: "Title", value: input.title, failure: failure)
                FormComponents.textArea(
                    name: "what", label: "What is proposed", value: input.what, failure: failure)
                FormComponents.textArea(
                    name: "why", label: "Why the change is proposed", value: input.why, failure: failure)
                DecisionForms.checkboxes(
                    name: "place_ids", legend: "Which places it covers",
                    choices: places.map {
                        .init(value: $0.id!.uuidString, label: Retirement.label($0.name, retired: $0.isRetired))
                    }, selected: placeIDs,
                    failure: failure)
                DecisionForms.checkboxes(
                    name: "service_ids", legend: "Which services it changes (optional)",
                    choices: services.map {
                        .init(
                            value: $0.id!.uuidString,
                            label: Retirement.label("\($0.name) (\($0.place.name))", retired: $0.isRetired))
                    },
                    selected: serviceIDs, failure: failure)
                DecisionForms.radios(
                    name: "affects_services",
                    legend: "Does it change how services are delivered, or which services there are?",
                    choices: DecisionForms.yesNo, selected: input.affectsServices, failure: failure,
                    hint:
                        "If yes, the duty to involve applies (NHS Act 2006 s242 and s14Z45): people must be involved from the start and consulted before the decision."
                )
                DecisionForms.radios(
                    name: "substantial_variation", legend: "Is it a substantial variation to services?",
                    choices: DecisionForms.yesNo, selected: input.substantialVariation, failure: failure,
                    hint: "If yes, the council's health overview and scrutiny committee must be consulted too (s244).")
                if editing != nil {
                    FormComponents.textArea(
                        name: "change_reason", label: "Why the answers above changed (only if they did)",
                        value: changeReason, failure: failure,
                        hint:
                            "Answering no to either takes away duties that protect the people affected, so the audit log records why.",
                        rows: 2)
                }
                FormComponents.textField(
                    name: "decision_body", label: "Who will make the decision", value: input.decisionBody,
                    failure: failure, hint: "For example, the integrated care board.")
                FormComponents.textField(
                    name: "target_date", label: "Target date for the decision (optional)", value: input.targetDate,
                    failure: failure, hint: "For example, 2027-06-30.", type: "date", required: false,
                    width: "medium")
                FormComponents.textField(
                    name: "lived_experience_members",
                    label: "People with lived experience on the working group", value: input.livedExperienceMembers,
                    failure: failure, hint: "Members drawn from people who use the services, or their carers.",
                    width: "short")
                FormComponents.submitButton("Save initiative")
            }
        }
    }

    /// A substantial variation goes to the council's health overview and scrutiny committee (s244): when, and
    /// what it said, recorded before the decision and kept once the decision is approved.
    static func scrutinySection(
        _ bundle: InitiativeBundle, context: PageContext, failure: ValidationFailure?, typed: [String: String]
    ) -> HTMLNode {
        let initiative = bundle.initiative
        return div(.id("scrutiny")) {
            h2 { "Health overview and scrutiny committee" }
            if let consulted = initiative.scrutinyConsulted {
                p { "Consulted on \(consulted.ukText). What it said: \(initiative.scrutinyResponse ?? "")" }
            } else {
                p {
                    "This is a substantial variation, so the council's health overview and scrutiny committee must be consulted before the decision (NHS Act 2006 s244)."
                }
            }
            if bundle.decision?.isApproved != true {
                FormComponents.errorSummary(failure)
                HeardWeb.form(
                    .action(DecisionURL.initiative(initiative.id!) + "/scrutiny"), .method("post"), .novalidate
                ) {
                    FormComponents.csrfField(context.csrfToken ?? "")
                    FormComponents.textField(
                        name: "scrutiny_consulted_on", label: "Date the committee considered it",
                        value: typed["scrutiny_consulted_on"] ?? initiative.scrutinyConsultedOn ?? "",
                        failure: failure, hint: "For example, 2026-11-12.", type: "date", width: "medium")
                    FormComponents.textArea(
                        name: "scrutiny_response", label: "What the committee said",
                        value: typed["scrutiny_response"] ?? initiative.scrutinyResponse ?? "", failure: failure,
                        hint: "Its view of the proposal and anything it asked for, as in its minutes.", rows: 3)
                    FormComponents.submitButton("Save the committee's response")
                }
            }
        }
    }

    static func overview(
        _ bundle: InitiativeBundle, today: SimpleDate, context: PageContext, notice: String?, refusal: StageRefusal?,
        scrutinyFailure: ValidationFailure? = nil, scrutinyTyped: [String: String] = [:]
    ) -> String {
        let initiative = bundle.initiative
        let id = initiative.id!
        let next = initiative.stage.next
        let facts = bundle.facts(today: today)
        return PageLayout.render(context) {
            p { a(.class("back-link"), .href(DecisionURL.initiatives)) { "Back to initiatives" } }
            if let refusal {
                div(.class("error-summary"), .role("alert"), .tabindex(-1)) {
                    h2(.class("error-summary-title")) { "This cannot move on yet" }
                    p {
                        strong { refusal.rule == "order" ? "Stage order: " : "\(refusal.rule): " }; refusal.message
                    }
                }
            }
            if let notice { div(.class("notice"), .role("status")) { notice } }
            h1 { initiative.title }
            if !bundle.ideas.isEmpty {
                p {
                    bundle.startedFromIdea ? "Started from " : "Takes forward "
                    bundle.ideas.count == 1 ? "an idea" : "ideas"
                    " by "
                    IdeaCredit.names(bundle.ideas.map(\.creditName)).joined(separator: ", ")
                    " ("
                    for (index, idea) in bundle.ideas.enumerated() {
                        if index > 0 { ", " }
                        a(.href(IdeaURL.idea(idea.id!))) { idea.title }
                    }
                    ")."
                }
            }
            StageViews.progress(initiative.stage)
            DecisionForms.summaryList([
                ("What", .text(initiative.what)), ("Why", .text(initiative.why)),
                ("Places", .text(bundle.places.map(\.name).joined(separator: ", "))),
                (
                    "Services",
                    .text(bundle.services.isEmpty ? "None named" : bundle.services.map(\.name).joined(separator: ", "))
                ),
                ("Changes services", .text(initiative.affectsServices ? "Yes: the duty to involve applies" : "No")),
                (
                    "Substantial variation",
                    .text(initiative.substantialVariation ? "Yes: overview and scrutiny committee" : "No")
                ),
                ("Decided by", .text(initiative.decisionBody)),
                ("Target date", .text(initiative.target?.ukText ?? "Not set")),
                ("Lived-experience members", .text(String(initiative.livedExperienceMembers))),
            ])
            if initiative.substantialVariation {
                scrutinySection(
                    bundle, context: context, failure: scrutinyFailure, typed: scrutinyTyped)
            }
            p {
                a(.href(DecisionURL.initiative(id) + "/edit")) { "Change the details" }
                " · "
                a(.href(DecisionURL.publicInitiative(id))) { "Public page with the involvement trail" }
            }
            if bundle.publicStage(today: today) != initiative.stage {
                div(.class("warning-callout"), .role("note")) {
                    p {
                        "The consultation has opened, so the public page shows this initiative at Consultation. Move it to Consultation here to keep the record in step."
                    }
                }
            }
            if let next {
                let target =
                    (!facts.needsConsultation && initiative.stage == .optionsDeveloped)
                    ? InitiativeStage.decision : next
                // Said before the button is pressed, not only after: what still stands in the way.
                if refusal == nil, let blocked = StageRules.refusal(toEnter: target, facts, today: today) {
                    p(.class("hint")) { "Next: \(target.title). Not yet: \(blocked.message)" }
                }
                HeardWeb.form(.action(DecisionURL.initiativeStage(id)), .method("post")) {
                    FormComponents.csrfField(context.csrfToken ?? "")
                    input(.type("hidden"), .name("stage"), .value(target.rawValue))
                    FormComponents.submitButton("Move to \(target.title)")
                }
            }
            h2 { "Involvement activities" }
            // A board secretary reads the initiative but does not manage activities: titles without links.
            let managesActivities = context.user.map { StaffArea.activities.allows($0.role) } ?? false
            if bundle.activities.isEmpty {
                p { "None yet." }
            } else {
                DataTable.render(
                    caption: "Involvement activities for this initiative",
                    headers: ["Activity", "Date", "Place", "Came"],
                    rows: bundle.activities.map { activity in
                        [
                            managesActivities
                                ? a(.href(DecisionURL.activity(activity.id!))) { activity.title }
                                : .text(activity.title),
                            .text(activity.date.ukText),
                            .text(activity.place.name), .text(activity.attendees.formatted),
                        ]
                    }, captionHidden: true)
            }
            if managesActivities {
                p { a(.href(DecisionURL.newActivity(initiative: id))) { "Record an involvement activity" } }
            }
            h2 { "Consultation" }
            if let consultation = bundle.consultation, let cfacts = bundle.consultationFacts {
                p {
                    a(.href(DecisionURL.consultation(consultation.id!))) { consultation.title }
                    " – \(cfacts.state(on: today).title), \(consultation.opens.ukText) to \(consultation.closes.ukText), \(bundle.responseCount) responses"
                }
            } else if facts.needsConsultation {
                p { "This change affects services, so it needs a consultation before it is decided." }
                if initiative.stage < .optionsDeveloped {
                    p {
                        "Set up the consultation once the initiative reaches Options developed: a consultation asks people about the options."
                    }
                } else {
                    p { a(.href(DecisionURL.newConsultation(id))) { "Set up the consultation" } }
                }
            } else {
                p { "No consultation is needed for this initiative." }
            }
            h2 { "Equality impact assessment" }
            p { "Status: \(bundle.eiaStatus.title)." }
            p {
                a(.href(DecisionURL.eia(id))) {
                    bundle.assessment == nil ? "Start the assessment" : "Open the assessment"
                }
            }
            h2 { "Decision" }
            if let decision = bundle.decision {
                p {
                    "\(decision.title): \(decision.isApproved ? "approved" : "proposed for \(decision.meeting) on \(SimpleDate(iso: decision.meetingOn)?.ukText ?? decision.meetingOn)")."
                }
                if decision.isApproved {
                    p { a(.href(DecisionURL.publicDecision(decision.id!))) { "Public decision record" } }
                }
            }
            p {
                a(.href(DecisionURL.decisionForm(id))) {
                    bundle.decision == nil ? "Prepare the decision paper" : "Open the decision paper"
                }
            }
        }
    }
}

enum StageViews {
    static func progress(_ stage: InitiativeStage) -> HTMLNode {
        ol(.class("stage-list"), .aria("label", "Stages")) {
            for item in InitiativeStage.allCases {
                if item == stage {
                    li(.class("stage-current"), .aria("current", "step")) {
                        strong { item.title }; " (now)"
                    }
                } else if item < stage {
                    li(.class("stage-done")) {
                        item.title; span(.class("visually-hidden")) { " (done)" }
                    }
                } else {
                    li { item.title }
                }
            }
        }
    }
}
