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
            p { a(.href(DecisionURL.publicDecisions)) { "Decisions taken, and how they answered what people said" } }
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
        submission: ResponsesController.Submission, key: String, failure: ValidationFailure?,
        placesTaken: [UUID: Int] = [:]
    ) -> String {
        let consultation = bundle.consultation!
        let facts = bundle.consultationFacts!
        let state = facts.state(on: today)
        let context = PageContext(request, title: consultation.title, hasErrors: failure != nil)
        return PageLayout.render(context) {
            p { a(.class("back-link"), .href(DecisionURL.consultationHub)) { "All consultations" } }
            FormComponents.errorSummary(failure)
            h1 { consultation.title }
            p(.class("lead")) { "\(state.title): \(consultation.opens.ukText) to \(facts.lastDay.ukText)." }
            ConsultationViews.extensionNote(consultation)
            waysToRespond(
                consultation, state: state, upcoming: bundle.eventsToRespondAt(today: today),
                hasForm: !bundle.questions.isEmpty, contact: context.contact, placesTaken: placesTaken)
            eventsHeld(bundle.eventsHeld())
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

    /// Each way of responding the consultation offers, saying how: the form on this page, a paper, easy read or
    /// translated copy from the organisation's contact, and the events still to come before it closes.
    static func waysToRespond(
        _ consultation: Consultation, state: ConsultationState, upcoming: [InvolvementActivity], hasForm: Bool,
        contact: SiteContact, placesTaken: [UUID: Int] = [:]
    ) -> HTMLNode {
        let formats = consultation.formatList
        let closing = state == .open || state == .forthcoming
        let subject =
            ("Copy of " + consultation.title).addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        let ask: (String) -> HTMLNode = { copy in
            // No address to give without HEARD_CONTACT: the placeholder's can never be delivered.
            guard contact.isConfigured else {
                return .text(
                    "ask \(PlaceholderContact.whoRunsTheSite) for \(copy). We will send it to you with how to return it."
                )
            }
            return .fragment([
                "ask \(contact.nameInSentence) for \(copy) by e-mailing ",
                a(.href("mailto:\(contact.email)?subject=\(subject)")) { contact.email },
                ". We will send it to you with how to return it.",
            ])
        }
        return section(.aria("labelledby", "ways-to-respond")) {
            h2(.id("ways-to-respond")) { "Ways to respond" }
            if !closing {
                p { "This consultation has closed, so we are not taking responses now." }
            }
            if closing && !formats.isEmpty {
                ul(.class("list-bullet")) {
                    if formats.contains("online") {
                        li {
                            strong { "Online: " }
                            state == .open && hasForm
                                ? HTMLNode.fragment(["fill in the form ", a(.href("#respond")) { "below" }, "."])
                                : state == .open
                                    ? (formats.count > 1
                                        ? "the online form is not ready yet. Please come back soon, or respond another way below."
                                        : "the online form is not ready yet. Please come back soon.")
                                    : "the form appears on this page when the consultation opens."
                        }
                    }
                    if formats.contains("paper") {
                        li {
                            strong { "On paper: " }; ask("a paper copy")
                        }
                    }
                    if formats.contains("easy_read") {
                        li {
                            strong { "Easy read: " }; ask("an easy read copy")
                        }
                    }
                    if formats.contains("other_languages") {
                        li {
                            strong { "Other languages: " }; ask("a copy in your language, or large print or audio,")
                        }
                    }
                    if formats.contains("events") {
                        li {
                            strong { "At an event: " }
                            upcoming.isEmpty
                                ? "no events are booked at the moment."
                                : "come and talk to us at one of the events below."
                        }
                    }
                }
            }
            if !upcoming.isEmpty {
                h3 { "Events coming up" }
                upcomingList(upcoming, contact: contact, placesTaken: placesTaken)
            }
        }
    }

    /// Involvement activities still to come: date, what and where, and what helps people take part, with whom to
    /// tell what else someone needs when the site's contact is set (without it there is nobody to name).
    /// With `placesTaken` (the consultation's page), each in-person event links to "Tell us you're coming", or
    /// says it is full and whom to ask.
    static func upcomingList(
        _ activities: [InvolvementActivity], contact: SiteContact, placesTaken: [UUID: Int]? = nil
    ) -> HTMLNode {
        ul(.class("list-plain")) {
            for activity in activities {
                li {
                    strong { activity.when + ": " + activity.title }
                    span(.class("choice-meta")) {
                        activity.kind.title + " in " + activity.place.name
                            + (activity.venue.isEmpty ? "" : ", " + activity.venue) + "."
                    }
                    let access = ActivityViews.accessibility(activity)
                    span(.class("choice-meta")) {
                        switch (access.isEmpty, contact.isConfigured) {
                        case (true, false): "Tell us what you need to take part and we will arrange it."
                        case (true, true):
                            HTMLNode.fragment([
                                "Tell us what you need to take part and we will arrange it: e-mail \(contact.nameInSentence) at ",
                                a(.href("mailto:\(contact.email)")) { contact.email }, ".",
                            ])
                        case (false, false): "Access: " + access.joined(separator: ", ") + "."
                        case (false, true):
                            HTMLNode.fragment([
                                .text(
                                    "Access: \(access.joined(separator: ", ")). If you need anything else to take part, e-mail \(contact.nameInSentence) at "
                                ),
                                a(.href("mailto:\(contact.email)")) { contact.email }, " and we will arrange it.",
                            ])
                        }
                    }
                    if let placesTaken, activity.kind.isInPerson {
                        signUpLine(activity, taken: placesTaken[activity.id!] ?? 0, contact: contact)
                    }
                }
            }
        }
    }

    /// "Tell us you're coming" with the places left, or "Full" and whom to ask instead.
    static func signUpLine(_ activity: InvolvementActivity, taken: Int, contact: SiteContact) -> HTMLNode {
        let left = EventPlaces.left(capacity: activity.capacity, taken: taken)
        if left == 0 && !contact.isConfigured {
            return span(.class("choice-meta")) {
                strong { "This event is full. " }
                "To ask about a place, contact \(PlaceholderContact.whoRunsTheSite)."
            }
        }
        if left == 0 {
            return span(.class("choice-meta")) {
                strong { "This event is full. " }
                "To ask about a place, e-mail \(contact.nameInSentence) at "
                a(.href("mailto:\(contact.email)")) { contact.email }
                "."
            }
        }
        return span(.class("choice-meta")) {
            a(.href(DecisionURL.eventSignup(activity.id!))) {
                "Tell us you're coming"
                span(.class("visually-hidden")) { " to \(activity.title)" }
            }
            left.map { " (" + Wording.count($0, "place", "places") + " left)" } ?? ""
        }
    }

    /// The consultation's events that were held, with how many came: people can see it was not only online.
    static func eventsHeld(_ activities: [InvolvementActivity]) -> HTMLNode {
        guard !activities.isEmpty else { return .empty }
        return section(.aria("labelledby", "events-held")) {
            h2(.id("events-held")) { "Events held" }
            ul(.class("list-plain")) {
                for activity in activities {
                    li {
                        strong { activity.date.ukText + ": " + activity.title }
                        span(.class("choice-meta")) {
                            activity.kind.title + " in " + activity.place.name
                                + (activity.venue.isEmpty ? "" : ", " + activity.venue) + ". "
                                + Wording.count(activity.attendees, "person", "people") + " came."
                        }
                    }
                }
            }
        }
    }

    /// `willBeEmailed`: they left an e-mail address, so the outcome will be sent to them.
    static func thanks(
        _ request: Request, consultation: Consultation, duplicate: Bool, willBeEmailed: Bool = false,
        context: PageContext
    ) -> String {
        PageLayout.render(context) {
            h1 { duplicate ? "We already have your response" : "Thank you" }
            if duplicate {
                p { "This form was already sent, so we kept the first copy. You do not need to do anything else." }
            } else {
                div(.class("notice"), .role("status")) { "Your response to \(consultation.title) has been received." }
                p {
                    "We will publish what we heard and what we did about it after the consultation closes."
                        + (willBeEmailed ? " We will e-mail it to you then, to the address you gave." : "")
                }
            }
            p { a(.href(DecisionURL.consultationHub)) { "Back to consultations" } }
        }
    }

    /// When people could respond, and why it ended early if it did: the outcome is read against it.
    static func consultationDates(_ consultation: Consultation) -> String {
        let opened = "The consultation opened on \(consultation.opens.ukText)"
        if let early = consultation.closedEarlyOn.flatMap(SimpleDate.init(iso:)) {
            return opened + " and was closed early, on \(early.ukText) instead of \(consultation.closes.ukText)"
                + (consultation.closedEarlyReason.map { ": " + $0.trimmingWhitespace() } ?? "")
                + (consultation.closedEarlyReason?.trimmingWhitespace().last.map { ".!?".contains($0) } == true
                    ? "" : ".")
        }
        return opened + " and closed on \(consultation.closes.ukText)."
    }

    static func outcome(_ bundle: InitiativeBundle, analysis: ConsultationAnalysis, context: PageContext) -> String {
        let consultation = bundle.consultation!
        return PageLayout.render(context) {
            p { a(.class("back-link"), .href(DecisionURL.consultationHub)) { "All consultations" } }
            h1 { "We asked, you said, we did" }
            p(.class("lead")) { consultation.title }
            h2 { "We asked" }
            DecisionForms.paragraphs(consultation.background)
            p { Self.consultationDates(consultation) }
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
                            .text(theme.name), .text(theme.mentions.formatted),
                            .text(AnalysisViews.sentimentNames[max(0, min(4, theme.sentiment - 1))]),
                            .fragment([
                                .text(theme.summary),
                                theme.quote.isEmpty ? .empty : element("blockquote") { theme.quote },
                            ]),
                            .text(
                                (theme.responseKind?.title ?? "Response to follow")
                                    + (theme.responseReason.isEmpty ? "" : ": " + theme.responseReason)),
                        ]
                    }, stacked: true)
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
        let upcoming = bundle.upcomingActivities(today: today)
        let decided = bundle.decision?.isApproved ?? false
        var summary: [(String, HTMLNode)] = [("Places", .text(bundle.places.map(\.name).joined(separator: ", ")))]
        if !bundle.services.isEmpty {
            summary.append(("Services", .text(bundle.services.map(\.name).joined(separator: ", "))))
        }
        summary.append((decided ? "Decided by" : "To be decided by", .text(initiative.decisionBody)))
        return PageLayout.render(context) {
            h1 { initiative.title }
            p(.class("lead")) { initiative.what }
            if !bundle.ideas.isEmpty {
                p {
                    bundle.startedFromIdea ? "This started from " : "This takes forward "
                    bundle.ideas.count == 1 ? "an idea" : "ideas"
                    " put forward by "
                    IdeaCredit.names(bundle.ideas.map(\.publicCredit)).joined(separator: ", ")
                    ". "
                    a(.href(IdeaURL.publicIdeas)) { "Ideas taken forward" }
                }
            }
            StageViews.progress(bundle.publicStage(today: today))
            DecisionForms.summaryList(summary)
            h2 { "Why" }
            DecisionForms.paragraphs(initiative.why)
            h2 { "How early people were involved" }
            if let first {
                p {
                    "People were first involved on \(first.date.ukText), at \(first.title)"
                    initiative.createdAt.map { created in
                        // Both UK calendar days: the idea recorded at 00:30 BST is recorded that day, not the one before.
                        let days = first.date.dayNumber - DecisionClock.ukDay(of: created).dayNumber
                        return HTMLNode.text(
                            days < 0
                                ? ", before the idea was recorded in Heard."
                                : ", " + Wording.count(days, "day") + " after the idea was recorded.")
                    } ?? "."
                }
                if let consultation = bundle.consultation, first.date < consultation.opens {
                    let weeks = Wording.count(first.date.days(until: consultation.opens) / 7, "week")
                    p {
                        consultation.opens > today
                            ? "That is \(weeks) before the consultation opens, while the options are still being shaped."
                            : "That was \(weeks) before the consultation opened, while the options were still being shaped."
                    }
                }
            } else if let next = upcoming.first {
                p {
                    "No involvement activity has been held yet. The first is booked for \(next.date.ukText): \(next.title)."
                }
            } else {
                p { "No involvement activity has been held yet." }
            }
            if initiative.livedExperienceMembers > 0 {
                p {
                    Wording.count(initiative.livedExperienceMembers, "person", "people") + " with lived experience "
                        + (initiative.livedExperienceMembers == 1 ? "is" : "are") + " on the working group."
                }
            }
            if !upcoming.isEmpty {
                h2 { "Coming up" }
                upcomingList(upcoming, contact: context.contact)
            }
            h2 { "Involvement trail" }
            let held = bundle.activities.filter { $0.hasBeenHeld(today: today) && !$0.isCancelled }
            let consultationStarted = bundle.consultation.map { $0.opens <= today } ?? false
            if held.isEmpty && heldBeforeOptions.isEmpty && !consultationStarted && !decided {
                p {
                    upcoming.isEmpty ? "Nothing to show yet." : "Nothing has happened yet: see what is coming up above."
                }
            }
            // In date order: what was held before the consultation opened, the consultation, then what was held
            // while it ran or after (an event on the day it opened comes after the opening).
            let opens = bundle.consultation?.opens
            ol(.class("trail")) {
                for activity in held where opens.map({ activity.date < $0 }) ?? true {
                    trailItem(activity, said: comments[activity.id!] ?? [])
                }
                if let consultation = bundle.consultation, let facts = bundle.consultationFacts {
                    let state = facts.state(on: today)
                    li {
                        h3 {
                            consultation.opens.ukText
                                + (state == .forthcoming ? ": consultation opens" : ": consultation opened")
                        }
                        p {
                            a(.href(DecisionURL.publicConsultation(consultation.id!))) { consultation.title }
                            state == .forthcoming
                                ? " – opens on \(consultation.opens.ukText) and closes on \(facts.lastDay.ukText)."
                                : " – \(state.title). " + Wording.count(bundle.responseCount, "response") + "."
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
                        // Feeding back includes what could not change, and why, not only the wins.
                        let notChanged = bundle.themes.filter { $0.responseKind == .notAccepted }
                        if !notChanged.isEmpty {
                            p { strong { "What we could not change, and why:" } }
                            ul(.class("list-bullet")) {
                                for theme in notChanged { li { theme.name + ": " + theme.responseReason } }
                            }
                        }
                    }
                }
                if let opens {
                    for activity in held where activity.date >= opens {
                        trailItem(activity, said: comments[activity.id!] ?? [])
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

    /// One held activity on the involvement trail: where, how many took part, what they said and what changed.
    static func trailItem(_ activity: InvolvementActivity, said: [ActivityComment]) -> HTMLNode {
        li {
            h3 { activity.date.ukText + ": " + activity.title }
            p {
                "\(activity.kind.title) in \(activity.place.name)\(activity.venue.isEmpty ? "" : ", " + activity.venue). "
                    + Wording.count(activity.attendees, "person", "people") + " took part."
            }
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

    /// The assessment as it stands, then each version a review replaced, oldest first: the first of them is the
    /// one the decision relied on.
    static func assessment(
        _ assessment: EqualityAssessment, versions: [EqualityAssessmentVersion], bundle: InitiativeBundle,
        context: PageContext
    ) -> String {
        func day(_ iso: String?) -> String { iso.flatMap { SimpleDate(iso: $0)?.ukText } ?? "–" }
        let decisionDay = bundle.decision.flatMap { $0.isApproved ? day($0.meetingOn) : nil }
        return PageLayout.render(context) {
            p { a(.class("back-link"), .href(DecisionURL.publicInitiative(bundle.initiative.id!))) { "Back" } }
            h1 { "Equality impact assessment" }
            p(.class("lead")) { bundle.initiative.title }
            if let latest = versions.last {
                p {
                    "Reviewed on \(day(latest.replacedOn)) after the decision. The versions it replaced, including the one the decision relied on, are below."
                }
            }
            DecisionForms.summaryList([
                ("Status", .text(assessment.status.title)),
                ("Who it affects", .text(assessment.whoAffected)),
                ("Signed off by", .text(assessment.signedOffBy ?? "Not yet signed off")),
                ("Signed off on", .text(day(assessment.signedOffOn))),
                ("Review date", .text(day(assessment.reviewOn))),
            ])
            assessmentTable(assessment.entryMap, caption: "Each protected characteristic, and carers")
            if !versions.isEmpty {
                h2 { "Earlier versions" }
                for (index, version) in versions.enumerated().reversed() {
                    section(.class("panel")) {
                        h3 { "Signed off on \(day(version.signedOffOn)), replaced on \(day(version.replacedOn))" }
                        if index == 0, let decisionDay {
                            p { strong { "The decision made on \(decisionDay) relied on this version." } }
                        }
                        DecisionForms.summaryList([
                            ("Why it was reviewed", .text(version.reviewReason)),
                            ("Who it affects", .text(version.whoAffected)),
                            (
                                "Signed off by",
                                .text(version.signedOffBy.isEmpty ? "Not signed off" : version.signedOffBy)
                            ),
                        ])
                        assessmentTable(
                            version.entryMap,
                            caption: "Each group, as signed off on \(day(version.signedOffOn))")
                    }
                }
            }
        }
    }

    private static func assessmentTable(_ entries: [String: EqualityAssessment.Entry], caption: String) -> HTMLNode {
        DataTable.render(
            caption: caption,
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
            }, stacked: true)
    }

    /// "Yes", "No", or "Not recorded" (decisions recorded before the minutes said).
    static func quorateText(_ answer: String) -> String {
        switch answer {
        case "yes": "Yes"
        case "no": "No"
        default: "Not recorded"
        }
    }

    /// The record's answer: "Yes (4 voting members present; quorum 4)" when Heard counted the quorum at approval,
    /// otherwise the answer as the paper gave it (or "Not recorded").
    static func quorateText(_ decision: Decision) -> String {
        let answer = quorateText(DecisionsController.Typed.quorateText(decision.quorate))
        guard decision.quorate == true, let present = decision.quorumVotingPresent,
            let quorum = decision.quorumRequired
        else { return answer }
        return "\(answer) (\(Wording.count(present, "voting member")) present; quorum \(quorum.formatted))"
    }

    static func decisions(_ decisions: [Decision], context: PageContext) -> String {
        PageLayout.render(context) {
            h1 { "Decisions" }
            p(.class("lead")) {
                "Decisions about changes to health and care services, with who took them, the interests they declared, and how each one answered what people told us."
            }
            if decisions.isEmpty {
                p { "No decisions have been published yet." }
            } else {
                ul(.class("list-plain")) {
                    for decision in decisions {
                        li {
                            a(.href(DecisionURL.publicDecision(decision.id!))) { decision.title }
                            " – "
                            decision.meeting + ", "
                            SimpleDate(iso: decision.meetingOn)?.ukText ?? decision.meetingOn
                            p(.class("hint")) { "About: " + decision.initiative.title }
                        }
                    }
                }
            }
            p { a(.href(DecisionURL.consultationHub)) { "Consultations, and the changes we are working on" } }
        }
    }

    /// The record as the public page and the approved decision paper both show it: the meeting (`meeting`, with
    /// or without a link to its board), its date, the consultation's dates, who was present and what they declared.
    static func recordRows(
        _ decision: Decision, bundle: InitiativeBundle, meeting: HTMLNode
    ) -> [(String, HTMLNode)] {
        [
            ("Meeting", meeting),
            ("Date", .text(SimpleDate(iso: decision.meetingOn)?.ukText ?? decision.meetingOn)),
        ] + consultationRows(decision, bundle: bundle) + [
            ("Members present", DecisionForms.lines(decision.membersPresent)),
            (
                "Declarations of interest",
                decision.declarations.isEmpty ? .text("None declared") : DecisionForms.lines(decision.declarations)
            ),
        ]
    }

    /// When the consultation ran, when its analysis was published and when the decision was approved, so anyone
    /// can see the consultation closed, and was analysed, before the decision was taken.
    static func consultationRows(
        _ decision: Decision, bundle: InitiativeBundle
    ) -> [(String, HTMLNode)] {
        var rows: [(String, HTMLNode)] = []
        if let consultation = bundle.consultation, let facts = bundle.consultationFacts {
            rows.append(
                (
                    "Consultation",
                    .fragment([
                        a(.href(DecisionURL.publicConsultation(consultation.id!))) { consultation.title },
                        .text(
                            ": open from \(consultation.opens.ukText) to \(facts.lastDay.ukText)"
                                + (facts.closedEarlyOn == nil ? "" : " (closed early)") + ", "
                                + Wording.count(bundle.responseCount, "response") + "."),
                    ])
                ))
            if let published = consultation.analysisPublishedAt {
                rows.append(("What people said, published", .text(DecisionClock.ukDay(of: published).ukText)))
            }
        }
        if let approved = decision.approvedAt {
            rows.append(("Approved", .text(DecisionClock.ukDay(of: approved).ukText)))
        }
        return rows
    }

    static func decision(_ decision: Decision, bundle: InitiativeBundle, context: PageContext) -> String {
        // The board that met, when the meeting names one: readers can check the declarations against its register.
        // The board its public page lists the decision under, if any; else the first a joint meeting names.
        let boards = bundle.boardMembers.map(\.board)
        let names = Array(Set(boards.map(\.name)))
        let name =
            BoardNameMatch.board(named: decision.meeting, among: names)
            ?? BoardNameMatch.mentioned(in: decision.meeting, among: names).sorted().first
        let board = boards.first { $0.name == name }
        return PageLayout.render(context) {
            h1 { decision.title }
            DecisionForms.summaryList(
                recordRows(
                    decision, bundle: bundle,
                    meeting: board.map { board in
                        .fragment([
                            .text(decision.meeting + " ("),
                            a(.href(BoardURL.publicBoard(board.id!))) {
                                "who sits on it and their register of interests"
                            },
                            .text(")"),
                        ])
                    } ?? .text(decision.meeting)
                ) + [
                    ("Quorate for this item", .text(quorateText(decision))),
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
                li { a(.href(DecisionURL.publicDecisions)) { "All decisions" } }
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
