import Foundation
import HeardDomain
import HeardStorage

/// The complaints queue and each case, with the clock in plain words.
enum ComplaintPages {
    static func list(
        _ complaints: [Complaint], figures: ComplaintFigures, period: ComplaintsCSV.Period, today: SimpleDate,
        list: ComplaintsList, page: Int, pageCount: Int, total: Int, context: PageContext, notice: String?
    ) -> String {
        let show = list.show
        let mine = list.mine
        return PageLayout.render(context) {
            if let notice { div(.class("notice"), .role("status")) { notice } }
            h1 { "Complaints" }
            p(.class("lead")) {
                "Acknowledge within 3 working days; respond in writing within six months or the time agreed, and say why if that passes."
            }
            p {
                "A complaint starts when a moderator escalates a piece of feedback, or when staff "
                a(.href(SiteURL.staffFeedbackNew)) { "enter one received by letter, phone or e-mail" }
                "."
            }
            p(.class("hint")) {
                "Each working day at 7am, complaints handlers get one e-mail listing the steps overdue or due in the next \(ReminderSchedule.complaintsHorizonWorkingDays) working days."
            }
            FormComponents.errorSummary(period.failure)
            figuresSection(figures, from: period.from, to: period.to, today: today)
            HeardWeb.form(.action(ComplaintURL.complaints), .method("get"), .class("filters"), .novalidate) {
                input(.type("hidden"), .name("show"), .value(show.rawValue))
                if mine { input(.type("hidden"), .name("handler"), .value("me")) }
                if list.overdueOnly { input(.type("hidden"), .name("overdue"), .value("yes")) }
                FormComponents.textField(
                    name: "from", label: "Received from", value: period.typed["from"] ?? "", failure: period.failure,
                    type: "date", required: false, width: "short")
                FormComponents.textField(
                    name: "to", label: "to", value: period.typed["to"] ?? "", failure: period.failure, type: "date",
                    required: false, width: "short")
                button(.type("submit"), .class("button button-secondary")) { "Show figures" }
                button(
                    .type("submit"), .class("button button-secondary"), .formaction(ComplaintURL.complaints + ".csv")
                ) {
                    "Download CSV"
                }
            }
            p(.class("hint")) {
                "One row per complaint with its dates, service, themes and outcome, for the quarterly complaints return; no text or contact details."
            }
            h2 { "Cases" }
            nav(.aria("label", "Which complaints")) {
                ul(.class("tag-list")) {
                    for option in ComplaintsList.Show.allCases {
                        li {
                            if option == show && !list.overdueOnly && list.problems.isEmpty {
                                strong(.aria("current", "page")) { option.title }
                            } else {
                                a(.href(list.url(show: option, overdueOnly: false, period: period.linkDates))) {
                                    option.title
                                }
                            }
                        }
                    }
                    li {
                        list.overdueOnly
                            ? strong(.aria("current", "page")) { "Overdue" }
                            : a(.href(list.url(show: .open, overdueOnly: true, period: period.linkDates))) { "Overdue" }
                    }
                    li {
                        mine
                            ? a(.href(list.url(mine: false, period: period.linkDates))) { "Everyone's cases" }
                            : a(.href(list.url(mine: true, period: period.linkDates))) { "Only mine" }
                    }
                }
            }
            if complaints.isEmpty {
                p {
                    !list.problems.isEmpty
                        ? "No complaints match."
                        : list.overdueOnly
                            ? "No complaint has a step overdue."
                            : period.listRange.map {
                                "None of these were received from \($0.lowerBound.ukText) to \($0.upperBound.ukText)."
                            } ?? "There are none."
                }
            } else {
                DataTable.render(
                    caption: caption(list, total: total, period: period),
                    headers: ["Complaint", "About", "Received", "Next step", "Due", "Handler"],
                    rows: complaints.map { complaint in
                        let step = complaint.clock.step(today: today)
                        return [
                            a(.href(ComplaintURL.complaint(complaint.id!))) { complaint.feedback.reference },
                            about(complaint.feedback),
                            .text(complaint.clock.receivedOn.ukText),
                            stepTag(step, outcome: complaint.outcome),
                            .text(step.due?.ukText ?? "–"),
                            .text(complaint.handler?.displayName ?? "Nobody yet"),
                        ]
                    })
                Pagination.links(page: page, pageCount: pageCount) {
                    list.url(period: period.linkDates, page: $0)
                }
            }
        }
    }

    /// "Open complaints (12), nearest deadline first"; "Your complaints (3), …" with "Only mine"; with a chosen
    /// period, "All complaints received 1 October 2026 to 31 December 2026 (4), …".
    static func caption(_ list: ComplaintsList, total: Int, period: ComplaintsCSV.Period) -> String {
        let whose =
            list.mine
            ? "Your complaints"
            : list.overdueOnly
                ? "Complaints with a step overdue"
                : list.show == .closed ? "Complaints closed without a response" : "\(list.show.title) complaints"
        let order =
            list.show == .open || list.show == .all
            ? "nearest deadline first" : "most recent first"
        let received = period.listRange.map { " received \($0.lowerBound.ukText) to \($0.upperBound.ukText)" } ?? ""
        return "\(whose)\(received) (\(total)), \(order)"
    }

    static func figuresSection(
        _ figures: ComplaintFigures, from: SimpleDate, to: SimpleDate, today: SimpleDate
    )
        -> HTMLNode
    {
        func share(_ part: Int, _ whole: Int) -> String {
            // "None due yet" would suggest complaints are waiting; with none received, say that.
            guard figures.received > 0 else { return "No complaints received in this period" }
            return ComplaintFigures.percent(part, of: whole).map { "\(part) of \(whole) (\($0)%)" } ?? "None due yet"
        }
        let responded = ComplaintOutcome.findings.reduce(0) { $0 + (figures.outcomes[$1] ?? 0) }
        let period = to == today ? "since \(from.ukText)" : "from \(from.ukText) to \(to.ukText)"
        return section(.aria("labelledby", "complaint-figures")) {
            h2(.id("complaint-figures")) { "Received " + period }
            DataTable.render(
                caption: "Complaints received \(period)", headers: ["Figure", "Complaints"],
                rows: [
                    [.text("Received"), .text(String(figures.received))],
                    [
                        .text("Acknowledged within 3 working days"),
                        .text(share(figures.acknowledgedInTime, figures.acknowledgementDue)),
                    ],
                    [
                        .text("Responded to by the date due"),
                        .text(share(figures.respondedInTime, figures.responseDue)),
                    ],
                ]
                    + ComplaintOutcome.findings.map { outcome in
                        [
                            .text(outcome.title),
                            // A finding is only made by a response: "none due yet" would be the wrong question.
                            .text(
                                figures.received > 0 && responded == 0
                                    ? "No responses yet" : share(figures.outcomes[outcome] ?? 0, responded)),
                        ]
                    } + [
                        [.text("Closed without a response"), .text(String(figures.closed))],
                        [.text("Reopened after a response or closure"), .text(String(figures.reopened))],
                        [.text("Taken to the Ombudsman"), .text(String(figures.ombudsmanReferred))],
                        [
                            .text("Upheld or partly upheld by the Ombudsman"),
                            .text(
                                figures.ombudsmanDecided > 0
                                    ? "\(figures.ombudsmanFoundFault) of \(figures.ombudsmanDecided) decided"
                                    : "None decided yet"),
                        ],
                    ], captionHidden: true)
        }
    }

    /// How to reach the complainant (to acknowledge by phone, or agree the response date), as they gave it.
    static func contact(_ item: FeedbackItem) -> HTMLNode {
        let parts: [HTMLNode] = [
            item.contactName.map { HTMLNode.text($0) },
            item.contactEmail.map { email in a(.href("mailto:" + email)) { email } },
            item.contactPhone.map { phone in a(.href("tel:" + phone.filter { !$0.isWhitespace })) { phone } },
        ].compactMap { $0 }
        guard !parts.isEmpty else { return .text("No contact details given") }
        var nodes: [HTMLNode] = []
        for (index, part) in parts.enumerated() {
            if index > 0 { nodes.append(.text(", ")) }
            nodes.append(part)
        }
        return .fragment(nodes)
    }

    /// The service, and the themes the engine found: complaints are learning data like any other feedback.
    static func about(_ item: FeedbackItem) -> HTMLNode {
        .fragment([
            .text(item.service.name),
            item.namedThemes.isEmpty
                ? .fragment([]) : span(.class("hint")) { " – " + item.namedThemes.joined(separator: ", ") },
        ])
    }

    static func stepTitle(_ step: ComplaintClock.Step) -> String {
        switch step {
        case .acknowledge(_, let overdue): overdue ? "Acknowledgement overdue" : "Acknowledge"
        case .respond(_, let overdue): overdue ? "Response overdue" : "Respond"
        case .explainDelay: "Response overdue: write to say why"
        case .respondLate(let expectedBy, _): "Response late, delay explained: now by \(expectedBy.ukText)"
        case .responded(let on): "Responded on \(on.ukText)"
        case .closed(let on): "Closed on \(on.ukText)"
        }
    }

    /// The step in words; a closed case also says why it was closed.
    static func stepTag(_ step: ComplaintClock.Step, outcome: ComplaintOutcome? = nil) -> HTMLNode {
        if case .closed = step, let outcome { return .text(stepTitle(step) + ": " + outcome.title.lowercased()) }
        return step.isOverdue ? strong(.class("tag tag-urgent")) { stepTitle(step) } : .text(stepTitle(step))
    }

    /// Changing who is complaining: above all, recording that the person affected has now agreed (regulation 5),
    /// or correcting how the case was entered. Open when it was sent with something to fix.
    static func standingForm(
        _ complaint: Complaint, context: PageContext, failure: ValidationFailure?, typed: [String: String]
    ) -> HTMLNode {
        let fields = ["complainant_type", "representative_relationship", "representative_basis"]
        let sent = fields.contains { typed[$0] != nil }
        let hasProblem = failure?.errors.contains { fields.contains($0.field) } ?? false
        let standing = complaint.standing
        let open = (sent && hasProblem) || standing.basis?.needsConsent == true
        @HTMLBuilder func content() -> [HTMLNode] {
            summary(.class("details-summary")) {
                standing.basis?.needsConsent == true
                    ? "Record that the person affected has agreed" : "Change who is complaining"
            }
            HeardWeb.form(.action(ComplaintURL.complaint(complaint.id!) + "/standing"), .method("post"), .novalidate) {
                FormComponents.csrfField(context.csrfToken ?? "")
                ComplainantStandingFields.fields(
                    type: sent ? typed["complainant_type"] : standing.type.rawValue,
                    relationship: sent ? typed["representative_relationship"] : standing.relationship,
                    basis: sent ? typed["representative_basis"] : standing.basis?.rawValue, failure: failure,
                    staffEntry: true)
                button(.type("submit"), .class("button button-secondary")) { "Save who is complaining" }
            }
        }
        return .element(
            "details", [.class("details")] + (open ? [HTMLAttribute("open", nil)] : []), children: content())
    }

    static func show(
        _ complaint: Complaint, today: SimpleDate, handlers: [User], context: PageContext, notice: String?,
        failure: ValidationFailure?,
        typed: [String: String]
    ) -> String {
        let clock = complaint.clock
        let step = clock.step(today: today)
        let id = complaint.id!
        let item = complaint.feedback
        return PageLayout.render(context) {
            p { a(.class("back-link"), .href(ComplaintURL.complaints)) { "Back to complaints" } }
            FormComponents.errorSummary(failure)
            if let notice { div(.class("notice"), .role("status")) { notice } }
            h1 { "Complaint \(item.reference)" }
            if complaint.standing.basis?.needsConsent == true {
                // Regulation 5: acknowledging and investigating can go ahead; sharing the person's records cannot.
                div(.class("notice"), .role("note")) {
                    strong { "Consent needed before sharing their records. " }
                    "The complainant is complaining for someone else and has not asked them yet. Ask the person affected to agree before sharing anything about them; you can still acknowledge the complaint. The response waits for their agreement unless it shares nothing about them. When they agree, record it below."
                }
            }
            DecisionForms.summaryList(
                [
                    ("Next step", stepTag(step, outcome: complaint.outcome)),
                    ("About", about(item)),
                    ("Received", .text(clock.receivedOn.ukText)),
                    ("Acknowledgement", .text(acknowledgementText(complaint, clock: clock, today: today))),
                    ("Response due", .text(responseDueText(complaint, clock: clock, today: today))),
                    (
                        "When it happened, or if later when they first knew of it",
                        .text(
                            complaint.eventOn.flatMap(SimpleDate.init(iso:)).map { event in
                                event.ukText
                                    + (ComplaintClock.isOutsideTimeLimit(eventOn: event, receivedOn: clock.receivedOn)
                                        ? " – more than 12 months before" + lateNote(complaint) : "")
                            } ?? "Not recorded")
                    ),
                ]
                    + stillFairRow(complaint, clock: clock) + [
                        ("Complainant", contact(item)),
                        ("Who is complaining", .text(complaint.standing.summary)),
                        ("Handled by", .text(complaint.handler?.displayName ?? "Nobody yet")),
                        ("Feedback", a(.href(SiteURL.feedback(item.id!))) { "\(item.reference) and its analysis" }),
                    ])
            HeardWeb.form(
                .action(ComplaintURL.complaint(id) + "/handler"), .method("post"), .class("filters"), .novalidate
            ) {
                FormComponents.csrfField(context.csrfToken ?? "")
                FormComponents.selectField(
                    name: "handler_id", label: "Who is handling it",
                    choices: handlers.map { .init(value: $0.id!.uuidString, label: $0.displayName) },
                    selected: typed["handler_id"] ?? complaint.$handler.id?.uuidString ?? "", failure: failure,
                    prompt: "Nobody yet")
                button(.type("submit"), .class("button button-secondary")) { "Save who is handling it" }
            }
            standingForm(complaint, context: context, failure: failure, typed: typed)
            h2 { "What the person said" }
            DecisionForms.paragraphs(item.fullText)
            if let note = complaint.acknowledgedOn.map({ _ in complaint.acknowledgementNote }), !note.isEmpty {
                h2 { "How it will be handled" }
                DecisionForms.paragraphs(note)
                // The note gave the date as it stood at acknowledgement; say plainly when that has moved.
                if let latest = extensions(complaint).last {
                    p(.class("hint")) {
                        "Written at acknowledgement. A later response date has been agreed since: now due by \(ukDate(latest.toDate)) (see below)."
                    }
                }
            }
            if !complaint.extensions.isEmpty {
                h2 { "Later response dates agreed" }
                ul {
                    for agreement in extensions(complaint) { li { extensionText(agreement) } }
                }
            }
            if !complaint.delayLetters.isEmpty {
                h2 { "Delay letters" }
                ul {
                    for letter in complaint.delayLetters.sorted(by: { $0.sentOn < $1.sentOn }) {
                        li { delayLetterText(letter) }
                    }
                }
            }
            ComplaintFollowUpPages.reopenings(complaint)
            if let closed = complaint.closedOn.flatMap(SimpleDate.init(iso:)) {
                h2 { "Closed without a response on \(closed.ukText)" }
                DecisionForms.summaryList([
                    ("Why", .text(complaint.outcome?.title ?? "Not recorded")),
                    ("Reason", .text(complaint.closedReason ?? "")),
                ])
            }
            if let responded = complaint.respondedOn.flatMap(SimpleDate.init(iso:)) {
                h2 { (complaint.isAfterFirstResponse ? "Further response sent " : "Response sent ") + responded.ukText }
                DecisionForms.summaryList(
                    [
                        ("How it was considered", .text(complaint.howConsidered)),
                        ("Outcome", .text(complaint.outcome?.title ?? "Not recorded")),
                        ("Conclusions", .text(complaint.conclusions)),
                        ("What is being put right", .text(complaint.remedialAction)),
                        ("Ombudsman", .text("Told of the right to go to the \(complaint.ombudsman.name)")),
                    ]
                        // Once they have gone to the Ombudsman, the time limit no longer matters.
                        + (complaint.ombudsmanReferredOn == nil
                            ? [
                                (
                                    "Ombudsman time limit",
                                    .text(
                                        "They can usually take it to the \(complaint.ombudsman.shortName) within \(ComplaintClock.ombudsmanMonths) months of when they first knew of the problem; the Ombudsman can look at later ones."
                                    )
                                )
                            ] : []))
                p {
                    a(.href(SiteURL.new(SiteURL.actions) + "?feedback=\(DecisionURL.id(item.id!))")) {
                        "Raise an action from this complaint"
                    }
                }
            }
            if ComplaintFollowUpPages.hasEnded(complaint) {
                ComplaintFollowUpPages.reopenForm(
                    complaint, today: today, context: context, failure: failure, typed: typed)
            } else if complaint.acknowledgedOn == nil {
                acknowledgementForm(
                    id: id, today: today, context: context, failure: failure, typed: typed,
                    furtherResponseDue: complaint.reopenings.isEmpty ? nil : clock.originalResponseDue)
                closureForm(id: id, complaint: complaint, context: context, failure: failure, typed: typed)
            } else {
                // From the day the response is due until a letter gives a new date (regulation 14).
                if today >= clock.responseDue && !clock.delayExplained {
                    delayForm(
                        id: id, complaint: complaint, today: today, context: context, failure: failure, typed: typed)
                }
                responseForm(
                    id: id, ombudsman: complaint.ombudsman, today: today, context: context, failure: failure,
                    typed: typed, waitingForConsent: complaint.standing.basis?.needsConsent == true)
                // More time agreed with the complainant before the response was due (regulation 14(4)(b)), even
                // when it is typed in afterwards.
                if !clock.delayExplained {
                    extensionForm(id: id, clock: clock, today: today, context: context, failure: failure, typed: typed)
                }
                closureForm(id: id, complaint: complaint, context: context, failure: failure, typed: typed)
            }
            ComplaintFollowUpPages.ombudsman(
                complaint, today: today, context: context, failure: failure, typed: typed)
        }
    }

    static func extensionForm(
        id: UUID, clock: ComplaintClock, today: SimpleDate, context: PageContext, failure: ValidationFailure?,
        typed: [String: String]
    ) -> HTMLNode {
        HeardWeb.form(
            .action(ComplaintURL.complaint(id) + "/extend"), .method("post"), .novalidate, .class("panel")
        ) {
            h2 { "Agree a later response date" }
            p {
                "If the complainant agreed to more time before the response was due (\(clock.originalResponseDue.ukText)), record the new date, even if you are entering it later: the response is then judged against it. An agreement made after that date cannot move it."
            }
            FormComponents.csrfField(context.csrfToken ?? "")
            FormComponents.textField(
                name: "new_response_by", label: "New response date", value: typed["new_response_by"] ?? "",
                failure: failure, type: "date", width: "short")
            FormComponents.textField(
                name: "agreed_on", label: "Date the complainant agreed", value: typed["agreed_on"] ?? today.iso,
                failure: failure, type: "date", width: "short")
            FormComponents.textArea(
                name: "reason", label: "Why more time was needed, and how they agreed", value: typed["reason"] ?? "",
                failure: failure, rows: 3, required: true)
            FormComponents.submitButton("Record the new date")
        }
    }

    /// The extensions in the order they were agreed.
    static func extensions(_ complaint: Complaint) -> [ComplaintExtension] {
        complaint.extensions.sorted { ($0.agreedOn, $0.toDate) < ($1.agreedOn, $1.toDate) }
    }

    /// "Agreed on 4 December 2026 to move the response from 15 January 2027 to 15 February 2027: …"
    static func extensionText(_ agreement: ComplaintExtension) -> String {
        "Agreed with the complainant on \(ukDate(agreement.agreedOn)) to move the response from \(ukDate(agreement.fromDate)) to \(ukDate(agreement.toDate)): \(agreement.reason)"
    }

    static func ukDate(_ iso: String) -> String { SimpleDate(iso: iso)?.ukText ?? iso }

    /// "Wrote on 2 March 2027 to say why the response is late: … Response now expected by 30 March 2027."
    static func delayLetterText(_ letter: ComplaintDelayLetter) -> String {
        let sent = SimpleDate(iso: letter.sentOn)?.ukText ?? letter.sentOn
        let expected = letter.responseExpectedBy.flatMap(SimpleDate.init(iso:)).map {
            " Response now expected by \($0.ukText)."
        }
        return "Wrote on \(sent) to say why the response is late: \(letter.reason)" + (expected ?? "")
    }

    /// When it was sent, or when it is due; late either way is said in words, not left to the CSV.
    static func acknowledgementText(_ complaint: Complaint, clock: ComplaintClock, today: SimpleDate) -> String {
        let due = clock.acknowledgementDue
        guard let sent = complaint.acknowledgedOn.flatMap(SimpleDate.init(iso:)) else {
            // A closed complaint has no step left to do, but one closed after the date without it missed it.
            if let closed = clock.closedOn {
                return clock.acknowledgedInTime(today: today) == false
                    ? "Not sent by \(due.ukText) (3 working days), so missed; closed on \(closed.ukText) without one"
                    : "Not sent: closed on \(closed.ukText) before it was acknowledged"
            }
            return "Due by \(due.ukText) (3 working days)" + lateness(done: nil, due: due, today: today)
        }
        return "Sent \(sent.ukText)" + lateness(done: sent, due: due, today: today)
    }

    /// Why a late complaint was taken on, or that it was not; nothing when no reason was recorded.
    static func lateNote(_ complaint: Complaint) -> String {
        if complaint.outcome == .notTakenOn { return "; not taken on" }
        let reason = complaint.lateReason.trimmingWhitespace()
        return reason.isEmpty ? "" : "; taken on because: \(reason)"
    }

    /// For a late complaint taken on with a reason, whether it can still be investigated fairly (regulation
    /// 12(4)(b)); nothing otherwise.
    static func stillFairRow(_ complaint: Complaint, clock: ComplaintClock) -> [(String, HTMLNode)] {
        guard complaint.outcome != .notTakenOn,
            let event = complaint.eventOn.flatMap(SimpleDate.init(iso:)),
            ComplaintClock.isOutsideTimeLimit(eventOn: event, receivedOn: clock.receivedOn),
            let text = LateComplaint.stillFairText(reason: complaint.lateReason, stillFair: complaint.lateStillFair)
        else { return [] }
        return [("Still possible to investigate fairly and well", .text(text))]
    }

    /// The date the response is due and why that date; nothing is due once closed without one. The date it is
    /// judged against (six months or agreed) always leads; a delay letter's date follows it, and lateness is
    /// said in words: "Due by 22 June 2026 (late); the latest delay letter said by 4 December 2026".
    static func responseDueText(_ complaint: Complaint, clock: ComplaintClock, today: SimpleDate) -> String {
        if complaint.respondedOn == nil, let closed = clock.closedOn {
            return "None: closed on \(closed.ukText) without a response"
        }
        let due = clock.originalResponseDue
        let responded = complaint.respondedOn.flatMap(SimpleDate.init(iso:))
        let late = (responded ?? today) > due
        let latest = complaint.reopenings.max { $0.reopenedOn < $1.reopenedOn }
        let why =
            latest.map { reopening in
                complaint.extensions.contains { $0.agreedOn >= reopening.reopenedOn }
                    ? "a later date agreed with the complainant for the further response; it was first due by \(ukDate(reopening.newResponseBy))"
                    : "the further response, as agreed when it was reopened on \(ukDate(reopening.reopenedOn))"
            }
            ?? (!complaint.extensions.isEmpty
                ? "a later date agreed with the complainant; it was first due by \(ukDate(complaint.responseDueBeforeExtensions))"
                : clock.agreedResponseBy != nil
                    ? "agreed with the complainant"
                    : "the last day of the six months starting on the day it was received")
        var text = "Due by \(due.ukText) (\(late ? "late; " : "")\(why))"
        if let responded, late { text += " – sent on \(responded.ukText)" }
        if let expected = clock.responseExpectedBy {
            text += "; the latest delay letter said by \(expected.ukText)"
            if responded == nil, today > expected { text += ", which has passed too" }
        }
        return text
    }

    /// " – late: it was due by …", " – overdue" or "".
    static func lateness(done: SimpleDate?, due: SimpleDate, today: SimpleDate) -> String {
        if let done { return done > due ? " – late: it was due by \(due.ukText)" : "" }
        return today > due ? " – overdue" : ""
    }

    static func acknowledgementForm(
        id: UUID, today: SimpleDate, context: PageContext, failure: ValidationFailure?, typed: [String: String],
        furtherResponseDue: SimpleDate? = nil
    ) -> HTMLNode {
        HeardWeb.form(.action(ComplaintURL.complaint(id) + "/acknowledge"), .method("post"), .novalidate) {
            h2 { "Record the acknowledgement" }
            p {
                "Send the acknowledgement yourself, by letter, e-mail or phone as the complainant asked: Heard records it, it does not send it."
            }
            FormComponents.csrfField(context.csrfToken ?? "")
            FormComponents.textField(
                name: "acknowledged_on", label: "Date sent", value: typed["acknowledged_on"] ?? today.iso,
                failure: failure, hint: "For example, 2026-03-31.", type: "date", width: "short")
            FormComponents.textArea(
                name: "acknowledgement_note", label: "How it will be handled and how long it is likely to take",
                value: typed["acknowledgement_note"] ?? "", failure: failure,
                hint: "What you offered to discuss with the complainant (regulation 13).", rows: 4, required: true)
            if let furtherResponseDue {
                // Reopened before it was acknowledged: the date agreed then stands (one date, shown everywhere).
                p { "The further response is due by \(furtherResponseDue.ukText), as agreed when it was reopened." }
            } else {
                FormComponents.textField(
                    name: "agreed_response_by", label: "Response date agreed with the complainant (optional)",
                    value: typed["agreed_response_by"] ?? "", failure: failure,
                    hint:
                        "Leave empty for the usual six months. A later date can only be agreed before the six months run out.",
                    type: "date", required: false, width: "short")
            }
            FormComponents.textField(
                name: "event_on", label: "When it happened, or if later when they first knew of it (optional)",
                value: typed["event_on"] ?? "", failure: failure, type: "date", required: false, width: "short")
            FormComponents.textArea(
                name: "late_reason", label: "If that was more than 12 months ago, why it is still taken on",
                value: typed["late_reason"] ?? "", failure: failure, rows: 2)
            FormComponents.checkbox(
                name: "late_still_fair", label: "It is still possible to investigate this fairly and well",
                checked: typed["late_still_fair"] == "yes",
                hint:
                    "Needed with the reason when it was more than 12 months ago: only then can a late complaint be taken on (regulation 12(4)).",
                failure: failure)
            FormComponents.submitButton("Record acknowledgement")
        }
    }

    static func delayForm(
        id: UUID, complaint: Complaint, today: SimpleDate, context: PageContext, failure: ValidationFailure?,
        typed: [String: String]
    ) -> HTMLNode {
        HeardWeb.form(
            .action(ComplaintURL.complaint(id) + "/delay"), .method("post"), .novalidate, .class("panel")
        ) {
            h2 { "The response is late: write to say why" }
            p { "The letter says why the response is late and when they can now expect it." }
            FormComponents.csrfField(context.csrfToken ?? "")
            // The letter this form follows on from, so one recorded meanwhile is not overwritten.
            input(.type("hidden"), .name("previous_letter"), .value(complaint.delayExplainedOn ?? ""))
            FormComponents.textField(
                name: "delay_explained_on", label: "Date the letter was sent",
                value: typed["delay_explained_on"] ?? today.iso, failure: failure, type: "date", width: "short")
            FormComponents.textArea(
                name: "delay_reason", label: "Why the response is late", value: typed["delay_reason"] ?? "",
                failure: failure, rows: 3, required: true)
            FormComponents.textField(
                name: "response_expected_by", label: "The date the letter gives for the response",
                value: typed["response_expected_by"] ?? "", failure: failure,
                hint:
                    "After \(complaint.clock.responseDue.ukText), when it was due, and within \(ComplaintClock.delayMonthsLimit) months of it.",
                type: "date", width: "short")
            FormComponents.submitButton("Record the delay letter")
        }
    }

    /// Closing without a response, for a complaint withdrawn, not taken on, or opened by mistake.
    static func closureForm(
        id: UUID, complaint: Complaint, context: PageContext, failure: ValidationFailure?, typed: [String: String]
    ) -> HTMLNode {
        // Open when it was sent with problems, so the error summary's links reach its fields.
        let sent =
            failure.map {
                $0.message(for: "closure") != nil || $0.message(for: "closed_reason") != nil
                    || $0.message(for: "closure_event_on") != nil
            } ?? false
        let content: [HTMLNode] = [
            summary { "Close without a response" },
            HeardWeb.form(.action(ComplaintURL.complaint(id) + "/close"), .method("post"), .novalidate) {
                FormComponents.csrfField(context.csrfToken ?? "")
                FormComponents.radios(
                    name: "closure", legend: "Why is it closed?",
                    choices: ComplaintOutcome.closures.map { .init(value: $0.rawValue, label: $0.title) },
                    selected: typed["closure"] ?? "", failure: failure)
                FormComponents.textArea(
                    name: "closed_reason", label: "Reason", value: typed["closed_reason"] ?? "", failure: failure,
                    hint: "Kept with the complaint and in the audit log.", rows: 2, required: true)
                FormComponents.textField(
                    name: "closure_event_on",
                    label: "When it happened, or if later when they first knew of it (needed for “not taken on”)",
                    value: typed["closure_event_on"] ?? complaint.eventOn ?? "", failure: failure,
                    hint:
                        "For example, 2025-03-31. Only a complaint made over 12 months after that date can be refused as late, and not one already taken on with a reason for the delay.",
                    type: "date", required: false, width: "short")
                FormComponents.submitButton("Close the complaint")
            },
        ]
        return .element(
            "details", [.class("details")] + (sent ? [HTMLAttribute("open", nil)] : []), children: content)
    }

    static func responseForm(
        id: UUID, ombudsman: Ombudsman, today: SimpleDate, context: PageContext, failure: ValidationFailure?,
        typed: [String: String], waitingForConsent: Bool = false
    ) -> HTMLNode {
        HeardWeb.form(.action(ComplaintURL.complaint(id) + "/respond"), .method("post"), .novalidate) {
            h2 { "Record the written response" }
            p {
                "Regulation 14: the response explains each of these. Send it yourself, signed by the responsible person: Heard records it, it does not send it."
            }
            FormComponents.csrfField(context.csrfToken ?? "")
            FormComponents.textField(
                name: "responded_on", label: "Date sent", value: typed["responded_on"] ?? today.iso, failure: failure,
                type: "date", width: "short")
            FormComponents.textArea(
                name: "how_considered", label: "How the complaint was considered",
                value: typed["how_considered"] ?? "", failure: failure, rows: 3, required: true)
            FormComponents.textArea(
                name: "conclusions", label: "The conclusions reached", value: typed["conclusions"] ?? "",
                failure: failure, rows: 3, required: true)
            FormComponents.radios(
                name: "outcome", legend: "Was the complaint upheld?",
                choices: ComplaintOutcome.findings.map { .init(value: $0.rawValue, label: $0.title) },
                selected: typed["outcome"] ?? "", failure: failure)
            FormComponents.textArea(
                name: "remedial_action", label: "What is being put right, or why nothing needs to be",
                value: typed["remedial_action"] ?? "", failure: failure, rows: 3, required: true)
            FormComponents.checkbox(
                name: "ombudsman_right_given",
                label: "The response tells them they can go to the \(ombudsman.name) (\(ombudsman.website))",
                checked: typed["ombudsman_right_given"] == "yes",
                hint: ombudsman == .localGovernmentAndSocialCare
                    ? "The service is run by a council, so its complaints go to this Ombudsman, not the \(Ombudsman.parliamentaryAndHealthService.name)."
                    : nil, failure: failure)
            if waitingForConsent {
                // Regulation 5: without the person's agreement, only a response that says nothing about them.
                FormComponents.checkbox(
                    name: "shares_nothing", label: "The response shares nothing about the person affected",
                    checked: typed["shares_nothing"] == "yes",
                    hint:
                        "The person affected has not agreed yet. Record their agreement above before sending a response about them; tick this only if it says nothing about them. It is kept in the audit log.",
                    failure: failure)
            }
            FormComponents.submitButton("Record response")
        }
    }
}
