import Foundation
import HeardDomain
import HeardStorage
import Vapor

enum PublicViews {
    static func hub(
        _ groups: [ConsultationState: [(Consultation, ConsultationFacts)]], initiatives: [Initiative],
        context: PageContext
    ) -> String {
        PageLayout.render(context) {
            h1 { "Consultations" }
            p(.class("lead")) {
                "Have your say on proposed changes to health and care, and see what changed because of what people said."
            }
            for state in [ConsultationState.open, .forthcoming, .closedAwaitingOutcome, .closedWithOutcome] {
                section {
                    h2 { state.title }
                    let items = groups[state] ?? []
                    if items.isEmpty {
                        p { "None at the moment." }
                    } else {
                        ul(.class("list-plain")) {
                            for (consultation, facts) in items {
                                li {
                                    a(.href(DecisionURL.publicConsultation(consultation.id!))) { consultation.title }
                                    " – \(consultation.opens.ukText) to \(facts.lastDay.ukText)"
                                    if state == .closedWithOutcome {
                                        " – "
                                        a(.href(DecisionURL.outcome(consultation.id!))) {
                                            "What we did";
                                            span(.class("visually-hidden")) { " about " + consultation.title }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            section {
                h2 { "Changes we are working on" }
                p { "Every proposed change, from the first idea, with who has been involved so far." }
                ul(.class("list-plain")) {
                    for initiative in initiatives {
                        li {
                            a(.href(DecisionURL.publicInitiative(initiative.id!))) { initiative.title }
                            " – " + initiative.stage.title.lowercased()
                        }
                    }
                }
            }
        }
    }

    static func consultation(
        _ request: Request, bundle: InitiativeBundle, today: SimpleDate, places: [Place],
        submission: ResponsesController.Submission, key: String, failure: ValidationFailure?
    ) -> String {
        let consultation = bundle.consultation!
        let facts = bundle.consultationFacts!
        let state = facts.state(on: today)
        return PageLayout.render(PageContext(request, title: consultation.title, hasErrors: failure != nil)) {
            p { a(.class("back-link"), .href(DecisionURL.consultationHub)) { "All consultations" } }
            FormComponents.errorSummary(failure)
            h1 { consultation.title }
            p(.class("lead")) { "\(state.title): \(consultation.opens.ukText) to \(facts.lastDay.ukText)." }
            p {
                "Ways to respond: "
                consultation.formatList.map { format in
                    ConsultationsController.formats.first { $0.value == format }?.label ?? format
                }.joined(separator: ", ") + "."
            }
            h2 { "Background" }
            DecisionForms.paragraphs(consultation.background)
            h2 { "The options" }
            DecisionForms.paragraphs(consultation.options)
            h2 { "Options we considered and set aside" }
            DecisionForms.paragraphs(consultation.discardedAlternatives)
            h2 { "Why we are proposing this" }
            DecisionForms.paragraphs(consultation.reasons)
            h2 { "Equality impact assessment" }
            if let assessment = bundle.assessment {
                p { "Status: \(assessment.status.title). Who it affects: \(assessment.whoAffected)" }
                p {
                    a(.href(DecisionURL.publicAssessment(bundle.initiative.id!))) {
                        "Read the equality impact assessment"
                    }
                }
            } else {
                p { "Not yet published." }
            }
            p {
                a(.href(DecisionURL.publicInitiative(bundle.initiative.id!))) { "How people have been involved so far" }
            }
            if state == .open && !bundle.questions.isEmpty {
                h2(.id("respond")) { "Have your say" }
                HeardWeb.form(.action(DecisionURL.respond(consultation.id!)), .method("post"), .novalidate) {
                    FormComponents.csrfField(request.csrfToken)
                    ResponseViews.surveyFields(
                        questions: bundle.questions, places: places, submission: submission, key: key,
                        failure: failure)
                    FormComponents.submitButton("Send my response")
                }
            } else if state == .closedWithOutcome {
                p { a(.class("button"), .href(DecisionURL.outcome(consultation.id!))) { "See what we did" } }
            }
        }
    }

    static func thanks(_ request: Request, consultation: Consultation, duplicate: Bool, context: PageContext) -> String
    {
        PageLayout.render(context) {
            h1 { duplicate ? "We already have your response" : "Thank you" }
            if duplicate {
                p { "This form was already sent, so we kept the first copy. You do not need to do anything else." }
            } else {
                div(.class("notice"), .role("status")) { "Your response to \(consultation.title) has been received." }
                p { "We will publish what we heard and what we did about it after the consultation closes." }
            }
            p { a(.href(DecisionURL.consultationHub)) { "Back to consultations" } }
        }
    }

    static func outcome(_ bundle: InitiativeBundle, analysis: ConsultationAnalysis, context: PageContext) -> String {
        let consultation = bundle.consultation!
        return PageLayout.render(context) {
            p { a(.class("back-link"), .href(DecisionURL.consultationHub)) { "All consultations" } }
            h1 { "We asked, you said, we did" }
            p(.class("lead")) { consultation.title }
            h2 { "We asked" }
            DecisionForms.paragraphs(consultation.background)
            h2 { "You said" }
            DecisionForms.paragraphs(consultation.outcomeSummary)
            AnalysisViews.summary(analysis)
            h2 { "We did" }
            if bundle.themes.isEmpty {
                p { "No themes were recorded." }
            } else {
                DataTable.render(
                    caption: "Each theme and our response",
                    headers: ["Theme", "Responses", "How people felt", "What people said", "Our response"],
                    rows: bundle.themes.map { theme in
                        [
                            .text(theme.name), .text(String(theme.mentions)),
                            .text(AnalysisViews.sentimentNames[max(0, min(4, theme.sentiment - 1))]),
                            .fragment([
                                .text(theme.summary),
                                theme.quote.isEmpty ? .empty : element("blockquote") { theme.quote },
                            ]),
                            .text(
                                (theme.responseKind?.title ?? "Response to follow")
                                    + (theme.responseReason.isEmpty ? "" : ": " + theme.responseReason)),
                        ]
                    })
            }
            if let decision = bundle.decision, decision.isApproved {
                p { a(.href(DecisionURL.publicDecision(decision.id!))) { "The decision record" } }
            }
            p { a(.href(DecisionURL.outcomeCSV(consultation.id!))) { "Download these figures as CSV" } }
        }
    }

    static func initiative(
        _ bundle: InitiativeBundle, comments: [UUID: [ActivityComment]], today: SimpleDate, context: PageContext
    ) -> String {
        let initiative = bundle.initiative
        let first = bundle.firstInvolvement(today: today)
        let heldBeforeOptions = bundle.activities.filter { $0.date <= today && $0.attendees > 0 }
        return PageLayout.render(context) {
            h1 { initiative.title }
            p(.class("lead")) { initiative.what }
            if !bundle.ideas.isEmpty {
                p {
                    "This started from "
                    bundle.ideas.count == 1 ? "an idea" : "ideas"
                    " put forward by "
                    IdeaCredit.names(bundle.ideas.map(\.publicCredit)).joined(separator: ", ")
                    ". "
                    a(.href(IdeaURL.publicIdeas)) { "Ideas taken forward" }
                }
            }
            StageViews.progress(initiative.stage)
            DecisionForms.summaryList([
                ("Places", .text(bundle.places.map(\.name).joined(separator: ", "))),
                (
                    "Services",
                    .text(bundle.services.isEmpty ? "Not named" : bundle.services.map(\.name).joined(separator: ", "))
                ),
                ("Decided by", .text(initiative.decisionBody)),
            ])
            h2 { "Why" }
            DecisionForms.paragraphs(initiative.why)
            h2 { "How early people were involved" }
            if let first {
                p {
                    "People were first involved on \(first.date.ukText), at \(first.title)"
                    initiative.createdAt.map { created in
                        let days = first.date.dayNumber - Self.dayNumber(created)
                        return HTMLNode.text(
                            days < 0
                                ? ", before the idea was recorded in Heard."
                                : ", \(days) days after the idea was recorded.")
                    } ?? "."
                }
                if let consultation = bundle.consultation, first.date < consultation.opens {
                    p {
                        "That was \(first.date.days(until: consultation.opens) / 7) weeks before the consultation opened, while the options were still being shaped."
                    }
                }
            } else {
                p { "No involvement activity has been held yet." }
            }
            if initiative.livedExperienceMembers > 0 {
                p { "\(initiative.livedExperienceMembers) people with lived experience are on the working group." }
            }
            h2 { "Involvement trail" }
            if heldBeforeOptions.isEmpty && bundle.consultation == nil && bundle.decision == nil {
                p { "Nothing to show yet." }
            }
            ol(.class("trail")) {
                for activity in bundle.activities where activity.date <= today {
                    li {
                        h3 { activity.date.ukText + ": " + activity.title }
                        p {
                            "\(activity.kind.title) in \(activity.place.name)\(activity.venue.isEmpty ? "" : ", " + activity.venue). \(activity.attendees) people took part."
                        }
                        let said = comments[activity.id!] ?? []
                        if !said.isEmpty {
                            p { strong { "What people said:" } }
                            ul(.class("list-bullet")) { for comment in said.prefix(5) { li { comment.redactedText } } }
                        }
                        if !activity.whatChanged.isEmpty {
                            p {
                                strong { "What changed: " }; activity.whatChanged
                            }
                        }
                    }
                }
                if let consultation = bundle.consultation, let facts = bundle.consultationFacts {
                    li {
                        h3 { consultation.opens.ukText + ": consultation opened" }
                        p {
                            a(.href(DecisionURL.publicConsultation(consultation.id!))) { consultation.title }
                            " – \(facts.state(on: today).title). \(bundle.responseCount) responses."
                        }
                        if consultation.analysisPublishedAt != nil {
                            p { a(.href(DecisionURL.outcome(consultation.id!))) { "We asked, you said, we did" } }
                        }
                        let changed = bundle.themes.filter {
                            $0.responseKind == .proposalChanged || $0.responseKind == .accepted
                        }
                        if !changed.isEmpty {
                            p { strong { "What changed:" } }
                            ul(.class("list-bullet")) {
                                for theme in changed { li { theme.name + ": " + theme.responseReason } }
                            }
                        }
                    }
                }
                if let decision = bundle.decision, decision.isApproved {
                    li {
                        h3 { (SimpleDate(iso: decision.meetingOn)?.ukText ?? decision.meetingOn) + ": decision made" }
                        p { a(.href(DecisionURL.publicDecision(decision.id!))) { decision.title } }
                    }
                }
            }
        }
    }

    static func assessment(_ assessment: EqualityAssessment, bundle: InitiativeBundle, context: PageContext) -> String {
        let entries = assessment.entryMap
        return PageLayout.render(context) {
            p { a(.class("back-link"), .href(DecisionURL.publicInitiative(bundle.initiative.id!))) { "Back" } }
            h1 { "Equality impact assessment" }
            p(.class("lead")) { bundle.initiative.title }
            DecisionForms.summaryList([
                ("Status", .text(assessment.status.title)),
                ("Who it affects", .text(assessment.whoAffected)),
                ("Signed off by", .text(assessment.signedOffBy ?? "Not yet signed off")),
                ("Signed off on", .text(assessment.signedOffOn.flatMap { SimpleDate(iso: $0)?.ukText } ?? "–")),
                ("Review date", .text(assessment.reviewOn.flatMap { SimpleDate(iso: $0)?.ukText } ?? "–")),
            ])
            DataTable.render(
                caption: "Each protected characteristic, and carers",
                headers: [
                    "Group", "Evidence", "Engagement that reached the group", "Likely impact", "Mitigations", "Actions",
                ],
                rows: EqualityAssessmentController.characteristics.map { c in
                    let entry = entries[c.rawValue]
                    return [
                        .text(c.title), .text(entry?.evidence ?? "–"), .text(entry?.engagement ?? "–"),
                        .text(
                            EqualityAssessmentController.impacts.first { $0.value == entry?.impact }?.label
                                ?? "Not yet assessed"),
                        .text(entry?.mitigations ?? ""), .text(entry?.actions ?? ""),
                    ]
                })
        }
    }

    static func dayNumber(_ date: Date) -> Int { Int((date.timeIntervalSince1970 / 86_400).rounded(.down)) }

    static func decision(_ decision: Decision, bundle: InitiativeBundle, context: PageContext) -> String {
        // The board that met, when the meeting names one: readers can check the declarations against its register.
        let board = bundle.boardMembers.map(\.board).first {
            decision.meeting.lowercased().contains($0.name.lowercased())
        }
        return PageLayout.render(context) {
            h1 { decision.title }
            DecisionForms.summaryList([
                (
                    "Meeting",
                    board.map { board in
                        .fragment([
                            .text(decision.meeting + " ("),
                            a(.href(BoardURL.publicBoard(board.id!))) {
                                "who sits on it and their register of interests"
                            },
                            .text(")"),
                        ])
                    } ?? .text(decision.meeting)
                ),
                ("Date", .text(SimpleDate(iso: decision.meetingOn)?.ukText ?? decision.meetingOn)),
                ("Members present", .text(decision.membersPresent)),
                (
                    "Declarations of interest",
                    .text(decision.declarations.isEmpty ? "None declared" : decision.declarations)
                ),
                ("Decision", .text(decision.outcome)),
                ("Equality impact assessment", .text(bundle.eiaStatus.title)),
            ])
            if !bundle.themes.isEmpty {
                DataTable.render(
                    caption: "How the decision responded to each theme from the consultation",
                    headers: ["Theme", "Response", "Reason"],
                    rows: bundle.themes.map {
                        [.text($0.name), .text($0.responseKind?.title ?? "–"), .text($0.responseReason)]
                    })
            }
            ul(.class("list-bullet")) {
                if let consultation = bundle.consultation {
                    li { a(.href(DecisionURL.outcome(consultation.id!))) { "The consultation outcome report" } }
                }
                if bundle.assessment != nil {
                    li {
                        a(.href(DecisionURL.publicAssessment(bundle.initiative.id!))) {
                            "The equality impact assessment"
                        }
                    }
                }
                li { a(.href(DecisionURL.publicInitiative(bundle.initiative.id!))) { "The involvement trail" } }
            }
        }
    }
}
