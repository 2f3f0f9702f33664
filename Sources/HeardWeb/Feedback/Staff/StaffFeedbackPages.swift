import Foundation
import HeardDomain
import HeardStorage

enum StaffFeedbackPages {
    static func list(
        context: PageContext, items: [FeedbackItem], total: Int, page: Int, pageCount: Int, statusesShown: String?,
        filters: StaffFeedbackController.ListFilters, choices: QueueFilters.Choices, themes: [String],
        notice: String?, failure: ValidationFailure? = nil
    ) -> String {
        PageLayout.render(context) {
            if let notice { div(.class("notice"), .role("status")) { notice } }
            FormComponents.errorSummary(failure)
            h1 { "Feedback" }
            p { a(.class("button button-secondary"), .href(SiteURL.staffFeedbackNew)) { "Enter feedback for someone" } }
            HeardWeb.form(.action(SiteURL.staffFeedback), .method("get"), .class("filters")) {
                FormComponents.textField(
                    name: "reference", label: "Reference", value: filters.reference ?? "", failure: nil,
                    hint: "The reference the person was given, like HRD-7K3Q9XAB: opens their feedback.",
                    required: false, width: "medium")
                button(.type("submit"), .class("button button-secondary")) { "Find" }
            }
            HeardWeb.form(.action(SiteURL.staffFeedback), .method("get"), .class("filters")) {
                FormComponents.selectField(
                    name: "status", label: "Status",
                    choices: FeedbackStatusFilter.choices.map { .init(value: $0.value, label: $0.label) },
                    selected: filters.status ?? "", failure: nil, prompt: "Any status")
                FormComponents.selectField(
                    name: "organisation", label: "Organisation",
                    choices: choices.organisations.map { .init(value: $0.id!.uuidString, label: $0.name) },
                    selected: UUID(uuidString: filters.organisation ?? "")?.uuidString ?? "", failure: nil,
                    prompt: "All organisations")
                FormComponents.selectField(
                    name: "place", label: "Place",
                    choices: choices.places.map {
                        .init(value: $0.slug, label: Retirement.label($0.name, retired: $0.isRetired))
                    },
                    selected: filters.place ?? "", failure: nil, prompt: "All places")
                FormComponents.selectField(
                    name: "service", label: "Service",
                    choices: choices.services.map {
                        .init(
                            value: $0.id!.uuidString,
                            label: Retirement.label(
                                FeedbackItem.serviceAndPlace(service: $0.name, place: $0.place.name),
                                retired: $0.isRetired))
                    },
                    selected: UUID(uuidString: filters.service ?? "")?.uuidString ?? "", failure: nil,
                    prompt: "All services")
                FormComponents.selectField(
                    name: "theme", label: "Theme", choices: themes.map { .init(value: $0, label: $0) },
                    selected: filters.theme ?? "", failure: nil, prompt: "All themes")
                FormComponents.selectField(
                    name: "answer", label: "FFT answer",
                    choices: FFTAnswerGroup.allCases.map { .init(value: $0.rawValue, label: $0.title) },
                    selected: filters.answer ?? "", failure: nil, prompt: "Any answer")
                FormComponents.selectField(
                    name: "words", label: "Words",
                    choices: StaffFeedbackController.wordsChoices.map { .init(value: $0.0, label: $0.1) },
                    selected: filters.words ?? "", failure: nil, prompt: "With or without a comment")
                FormComponents.textField(
                    name: "from", label: "Received from", value: filters.from ?? "", failure: failure, type: "date",
                    required: false, width: "short")
                FormComponents.textField(
                    name: "to", label: "to", value: filters.to ?? "", failure: failure, type: "date", required: false,
                    width: "short")
                button(.type("submit"), .class("button button-secondary")) { "Filter" }
            }
            p { total == 1 ? "1 item" : "\(total.formatted) items" }
            if let statusesShown { p(.class("hint")) { statusesShown } }
            // Ticking stories and raising one action from them: a GET form, so it needs no script.
            HeardWeb.form(.action(SiteURL.new(SiteURL.actions)), .method("get")) {
                DataTable.render(
                    caption: "Feedback, newest first",
                    headers: ["Select", "Reference", "Service", "Received", "Status", "Themes"],
                    rows: items.map { item in
                        [
                            // Only moderated feedback can be answered by an action.
                            item.status.canBeAnswered
                                ? div(.class("checkbox checkbox-small")) {
                                    input(
                                        .type("checkbox"), .name("feedback[]"), .value(item.id!.uuidString),
                                        .id("select-\(item.reference)"), .class("checkbox-input"))
                                    label(.for("select-\(item.reference)"), .class("checkbox-label")) {
                                        span(.class("visually-hidden")) { "Select \(item.reference)" }
                                    }
                                } : .text("–"),
                            ComplaintFile.opens(item, for: context.user?.role)
                                ? a(.href(SiteURL.feedback(item.id!))) { item.reference }
                                : .text(item.reference + " (complaint)"),
                            .text(item.serviceAndPlace),
                            .text(item.receivedAt.formatted(AuditPage.dateFormat)),
                            .text(item.status.title),
                            .text(
                                item.fullText.isEmpty
                                    ? "No comment (FFT answer: \(FeedbackText.answer(item)))"
                                    : item.wordsSayNothing
                                        ? "Says nothing (FFT answer: \(FeedbackText.answer(item)))"
                                        : item.namedThemes.prefix(3).joined(separator: ", ")),
                        ]
                    }, captionHidden: true)
                button(.type("submit"), .class("button")) { "Raise an action from the selected feedback" }
            }
            Pagination.links(page: page, pageCount: pageCount) { number in
                var components = URLComponents()
                components.queryItems = [
                    URLQueryItem(name: "status", value: filters.status ?? ""),
                    URLQueryItem(name: "organisation", value: filters.organisation ?? ""),
                    URLQueryItem(name: "place", value: filters.place ?? ""),
                    URLQueryItem(name: "service", value: filters.service ?? ""),
                    URLQueryItem(name: "theme", value: filters.theme ?? ""),
                    URLQueryItem(name: "answer", value: filters.answer ?? ""),
                    URLQueryItem(name: "words", value: filters.words ?? ""),
                    URLQueryItem(name: "from", value: filters.from ?? ""),
                    URLQueryItem(name: "to", value: filters.to ?? ""),
                    URLQueryItem(name: "page", value: String(number)),
                ]
                return SiteURL.staffFeedback + "?" + (components.percentEncodedQuery ?? "")
            }
        }
    }

    static func replyQueue(
        context: PageContext, items: [FeedbackItem], total: Int, page: ListPage, filters: QueueFilters,
        choices: QueueFilters.Choices, notice: String?
    ) -> String {
        PageLayout.render(context) {
            if let notice { div(.class("notice"), .role("status")) { notice } }
            h1 { "Replies" }
            filters.form(action: SiteURL.replies, choices: choices)
            p(.class("lead")) {
                if total == 0 {
                    filters.isSet
                        ? "Every published story here that needs an answer has one."
                        : "Every published story that needs an answer has one."
                } else {
                    "\(total.formatted) published \(total == 1 ? "story needs" : "stories need") a reply. The longest waiting is first. \(page.showing(of: total))."
                }
            }
            if !items.isEmpty {
                DataTable.render(
                    caption: "Stories waiting for a reply", headers: ["Reference", "Service", "Published", "Waiting"],
                    rows: items.map { item in
                        let published = item.publishedAt ?? item.receivedAt
                        let days = Int(Date().timeIntervalSince(published) / 86400)
                        return [
                            a(.href(SiteURL.feedback(item.id!))) { item.reference },
                            .text(item.serviceAndPlace),
                            .text(published.formatted(AuditPage.dateFormat)),
                            .text(days == 1 ? "1 day" : "\(days) days"),
                        ]
                    }, captionHidden: true)
            }
            Pagination.links(page: page.number, pageCount: page.count) {
                ListPage.path(SiteURL.replies, filters: filters.pairs, page: $0)
            }
        }
    }

    /// An urgent alert on the item, and who took it in hand (nil: nobody yet, or an account since removed).
    struct Urgent {
        var alert: UrgentAlert
        var takenBy: String?
    }

    /// "Urgent: flagged for immediate attention (self-harm). Taken in hand by Dev Sharma, <time>.", or the button
    /// to take it in hand when nobody has.
    static func urgentNotice(_ urgent: Urgent, csrfToken: String) -> HTMLNode {
        let alert = urgent.alert
        let reasons = EnglishList.and(alert.reasons.split(separator: ";").map { String($0) })
        return div(.class("notice"), .role("status")) {
            p {
                strong { "Urgent: " }; "flagged for immediate attention (\(reasons))."
            }
            if let at = alert.acknowledgedAt {
                p {
                    "Taken in hand by \(urgent.takenBy ?? "a member of staff"), \(at.formatted(AuditPage.dateFormat))."
                }
            } else {
                HeardWeb.form(
                    .action(SiteURL.alerts + "/" + alert.id!.uuidString.lowercased() + "/acknowledge"),
                    .method("post")
                ) {
                    FormComponents.csrfField(csrfToken)
                    p { "Nobody has taken it in hand yet." }
                    button(.type("submit"), .class("button")) { "I am dealing with this" }
                }
            }
        }
    }

    static func item(
        context: PageContext, item: FeedbackItem, actions: [ActionItem], complaint: (Complaint, linked: Bool)?,
        moderates: Bool, urgent: Urgent? = nil, today: SimpleDate, reply: String, failure: ValidationFailure?,
        themeNames: [String],
        earlierThemes: Set<String> = [],
        analysis: (themes: Set<String>, sentiment: String), notice: String?, csrfToken: String
    ) -> String {
        PageLayout.render(context) {
            // Back to where this item is worked on: its complaint, the replies queue for published stories, or
            // the feedback list.
            if let (complaint, linked) = complaint, linked {
                p { a(.class("back-link"), .href(ComplaintURL.complaint(complaint.id!))) { "Back to the complaint" } }
            } else if item.status == .published {
                p { a(.class("back-link"), .href(SiteURL.replies)) { "Back to replies" } }
            } else {
                p { a(.class("back-link"), .href(SiteURL.staffFeedback)) { "Back to feedback" } }
            }
            if let notice { div(.class("notice"), .role("status")) { notice } }
            FormComponents.errorSummary(failure)
            h1 { "Feedback \(item.reference)" }
            if let (complaint, linked) = complaint {
                div(.class("notice"), .role("status")) {
                    let step = ComplaintPages.stepTitle(complaint.clock.step(today: today))
                    "This is a formal complaint. Next step: " + step.prefix(1).lowercased() + step.dropFirst() + ". "
                    if linked { a(.href(ComplaintURL.complaint(complaint.id!))) { "Open the complaint" } }
                }
            }
            if let urgent { urgentNotice(urgent, csrfToken: csrfToken) }
            if item.mayNotBeEnglish && item.analysisCorrectedAt == nil { NotEnglishNote.render() }
            FeedbackSummaryList.render(item, showContact: true)
            h2 { "What they wrote" }
            FeedbackText.original(item)
            if let published = item.publishedText, item.status == .published {
                h2 { "What is published" }
                div(.class("quote-block")) { FeedbackText.paragraphs(published) }
                if moderates {
                    p { a(.href(SiteURL.moderate(item.id!))) { "Edit the published text or withdraw it" } }
                }
            }
            if item.status == .withdrawn {
                h2 { "Withdrawn from publication" }
                p {
                    "Taken off the stories pages"
                        + (item.withdrawnAt.map { " on \($0.formatted(AuditPage.dateFormat))" } ?? "")
                        + (item.withdrawalReason.map { ". Reason: \($0)" } ?? ".")
                }
                if moderates { p { a(.href(SiteURL.moderate(item.id!))) { "See who withdrew it" } } }
            }
            if item.analysisCorrectedAt != nil {
                p(.class("hint")) { "Themes and sentiment corrected by staff." }
            }
            // An answer with no words, or words that say nothing ("N/A"), has no themes or feeling to correct.
            if !item.wordsSayNothing {
                // Open when the correction was refused, so its errors and the summary's links are visible.
                HTMLNode.element(
                    "details",
                    [.class("details")]
                        + (failure?.errors.contains { ["themes", "sentiment"].contains($0.field) } == true
                            || (item.mayNotBeEnglish && item.analysisCorrectedAt == nil)
                            ? [HTMLAttribute("open", nil)] : []),
                    children: [
                        summary(.class("details-summary")) { "Correct the themes or sentiment" },
                        HeardWeb.form(.action(SiteURL.feedback(item.id!) + "/analysis"), .method("post"), .novalidate) {
                            FormComponents.csrfField(csrfToken)
                            DecisionForms.checkboxes(
                                name: "themes", legend: "Themes",
                                choices: themeNames.map {
                                    .init(
                                        value: $0,
                                        label: earlierThemes.contains($0) ? "\($0) (from an earlier model)" : $0)
                                }, selected: analysis.themes,
                                failure: failure,
                                hint:
                                    "Corrections change the counts on the dashboard and in reports, and can train your own model."
                            )
                            FormComponents.radios(
                                name: "sentiment", legend: "How the person felt",
                                choices: (1...5).map { .init(value: String($0), label: SentimentText.describe($0)) }
                                    + [.init(value: "none", label: "No comment")],
                                selected: analysis.sentiment, failure: failure)
                            button(.type("submit"), .class("button button-secondary")) { "Save the correction" }
                        },
                    ])
            }
            h2 { "Replies" }
            if item.replies.isEmpty {
                p { "No reply yet." }
            } else {
                for existing in item.replies {
                    div(.class("reply")) {
                        FeedbackText.paragraphs(existing.body)
                        p(.class("reply-signature")) { existing.signature }
                    }
                }
            }
            if [.published, .approvedPrivate, .withdrawn].contains(item.status) {
                if StaffFeedbackController.replyReachesSomeone(item) {
                    HeardWeb.form(.action(SiteURL.feedback(item.id!) + "/reply"), .method("post"), .novalidate) {
                        FormComponents.csrfField(csrfToken)
                        FormComponents.textArea(
                            name: "body",
                            label: item.status == .published ? "Public reply" : "Reply (sent by e-mail only)",
                            value: reply, failure: failure,
                            hint:
                                "Plain English. Signed with your role, not your name. Do not include personal details.",
                            rows: 6)
                        FormComponents.submitButton(item.status == .published ? "Publish reply" : "Send reply")
                    }
                } else {
                    // The id an error summary links to, should a reply be sent from a page opened earlier.
                    p(.id(FormComponents.fieldID("body")), .tabindex(-1)) {
                        StaffFeedbackController.unreachableReply
                    }
                }
            }
            h2 { "Actions" }
            if actions.isEmpty {
                p { "This feedback is not linked to an action yet." }
            } else {
                ul(.class("list-plain")) {
                    for action in actions {
                        li {
                            a(.href(SiteURL.action(action.id!))) { action.title };
                            " (\(action.status.title.lowercased()))"
                        }
                    }
                }
            }
            p {
                a(
                    .class("button button-secondary"),
                    .href(SiteURL.new(SiteURL.actions) + "?feedback=" + item.id!.uuidString)
                ) { "Raise an action from this feedback" }
            }
            HeardWeb.form(.action(SiteURL.feedback(item.id!) + "/needs-answer"), .method("post"), .class("inline-form"))
            {
                FormComponents.csrfField(csrfToken)
                input(.type("hidden"), .name("needs_answer"), .value(item.needsAnswer ? "no" : "yes"))
                button(.type("submit"), .class("link-button")) {
                    item.needsAnswer ? "Mark as not needing an answer" : "Mark as needing an answer"
                }
            }
        }
    }
}
