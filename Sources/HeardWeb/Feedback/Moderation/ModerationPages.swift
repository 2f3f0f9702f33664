import Foundation
import HeardDomain
import HeardStorage
import HeardText

enum ModerationPages {
    static func queue(
        context: PageContext, items: [FeedbackItem], total: Int, page: ListPage, filters: QueueFilters,
        choices: QueueFilters.Choices, notice: String?
    ) -> String {
        PageLayout.render(context) {
            if let notice { div(.class("notice"), .role("status")) { notice } }
            h1 { "Moderation" }
            filters.form(action: SiteURL.moderation, choices: choices)
            p(.class("lead")) {
                if total == 0 {
                    filters.isSet ? "Nothing is waiting here." : "Nothing is waiting. Thank you."
                } else {
                    "\(total.formatted) waiting: urgent first, then any that may not be in English, then the longest waiting. \(page.showing(of: total))."
                }
            }
            if !items.isEmpty {
                DataTable.render(
                    caption: "Feedback waiting for moderation", headers: ["Reference", "Service", "Received", "Flags"],
                    rows: items.map { item in
                        [
                            a(.href(SiteURL.moderate(item.id!))) { item.reference },
                            .text(item.serviceAndPlace),
                            .text(item.receivedAt.formatted(AuditPage.dateFormat)),
                            flags(item),
                        ]
                    }, captionHidden: true)
            }
            Pagination.links(page: page.number, pageCount: page.count) {
                ListPage.path(SiteURL.moderation, filters: filters.pairs, page: $0)
            }
        }
    }

    static func flags(_ item: FeedbackItem) -> HTMLNode {
        var flags: [HTMLNode] = []
        if item.isUrgent { flags.append(span(.class("tag tag-urgent")) { "Urgent" }) }
        if item.mayNotBeEnglish { flags.append(span(.class("tag tag-needs-reader")) { "May not be in English" }) }
        if !item.piiList.isEmpty { flags.append(span(.class("tag")) { "Personal data found" }) }
        if !item.consentToPublish { flags.append(span(.class("tag tag-grey")) { "Private" }) }
        if flags.isEmpty { return .text("–") }
        return .fragment(flags)
    }

    /// What was typed into the forms of a published story, kept when one is refused.
    struct PublishedForms {
        var publishedText: String?
        var editReason = ""
        var withdrawalReason = ""
    }

    static func item(
        context: PageContext, item: FeedbackItem, publishedText: String, failure: ValidationFailure?, csrfToken: String,
        reason: String = "", published: PublishedForms = .init(), contact: [String: String] = [:],
        names: [UUID: String] = [:], notice: String? = nil, lateClock: String? = nil, complaintFile: String? = nil
    ) -> String {
        PageLayout.render(context) {
            p { a(.class("back-link"), .href(SiteURL.moderation)) { "Back to moderation" } }
            if let notice { div(.class("notice"), .role("status")) { notice } }
            FormComponents.errorSummary(failure)
            h1 { "Moderate \(item.reference)" }
            if item.isUrgent {
                div(.class("warning-callout"), .role("note")) {
                    strong { "Urgent: " }
                    "this may show a risk to someone (\(item.urgentReasons.replacingOccurrences(of: ";", with: ", "))). "
                    "Follow your safeguarding procedure as well as moderating it."
                }
            }
            if item.mayNotBeEnglish { NotEnglishNote.render() }
            FeedbackSummaryList.render(item)
            // Escalated to a complaint and read by someone outside the complaints team: the moderation record
            // only, as on the feedback page and in the API.
            if let complaintFile {
                p(.class("notice")) { complaintFile }
                decided(item, names: names, linksToItem: false)
            } else {
                HTMLNode.fragment(
                    itemParts(
                        item, publishedText: publishedText, failure: failure, csrfToken: csrfToken, reason: reason,
                        published: published, contact: contact, names: names, lateClock: lateClock))
            }
        }
    }

    @HTMLBuilder
    private static func itemParts(
        _ item: FeedbackItem, publishedText: String, failure: ValidationFailure?, csrfToken: String, reason: String,
        published: PublishedForms, contact: [String: String], names: [UUID: String], lateClock: String?
    ) -> [HTMLNode] {
        div(.class("side-by-side")) {
            section(.aria("labelledby", "original-heading")) {
                h2(.id("original-heading")) { "What they wrote" }
                p(.class("hint")) { "For staff only. Never published." }
                FeedbackText.original(item)
            }
            if item.status == .awaitingModeration {
                decisionForm(
                    item: item, publishedText: publishedText, failure: failure, csrfToken: csrfToken,
                    reason: reason,
                    contact: contact, lateClock: lateClock)
            } else {
                decided(item, names: names)
            }
        }
        if item.status == .published {
            publishedForms(item: item, typed: published, failure: failure, csrfToken: csrfToken)
        }
    }

    static func decisionForm(
        item: FeedbackItem, publishedText: String, failure: ValidationFailure?, csrfToken: String, reason: String,
        contact: [String: String] = [:], lateClock: String? = nil
    ) -> HTMLNode {
        section(.aria("labelledby", "publish-heading")) {
            h2(.id("publish-heading")) { "What will be published" }
            HeardWeb.form(.action(SiteURL.moderate(item.id!)), .method("post"), .novalidate) {
                FormComponents.csrfField(csrfToken)
                FormComponents.textArea(
                    name: "published_text", label: "Redacted text", value: publishedText, failure: failure,
                    hint: item.piiList.isEmpty
                        ? "No personal data was found automatically. Check for names and details anyway."
                        : "Personal data found and replaced: \(item.piiList.map { PersonalDataKind(rawValue: $0)?.phrase ?? $0 }.joined(separator: ", ")). Edit if anything identifying is left.",
                    rows: 10)
                FormComponents.textArea(
                    name: "reason",
                    label: item.consentToPublish
                        ? "Reason (needed to keep private, reject or escalate)"
                        : "Reason (needed to reject or escalate)",
                    value: reason,
                    failure: failure,
                    hint: "Kept with the feedback and in the audit log.", rows: 3)
                if !ComplaintContact.isReachable(
                    name: item.contactName, email: item.contactEmail, phone: item.contactPhone)
                {
                    contactFields(contact, failure: failure)
                }
                if let lateClock { p(.class("hint"), .id("late-clock")) { lateClock } }
                div(.class("button-group")) {
                    button(.type("submit"), .name("decision"), .value("approve"), .class("button")) {
                        item.consentToPublish ? "Approve and publish" : "Approve (not published: no consent)"
                    }
                    // The person agreed to publishing, but it could identify someone or a safeguarding concern
                    // comes first: kept and counted, not published, and not "rejected" as if it did not count.
                    if item.consentToPublish {
                        button(
                            .type("submit"), .name("decision"), .value("keep_private"),
                            .class("button button-secondary")
                        ) { "Keep private (read and counted, not published)" }
                    }
                    button(
                        .type("submit"), .name("decision"), .value("reject"), .class("button button-secondary")
                    ) { "Reject" }
                    button(
                        .type("submit"), .name("decision"), .value("escalate"), .class("button button-warning")
                    ) {
                        "Escalate to a complaint"
                    }
                }
            }
        }
    }

    /// The person left no contact details: to escalate to a complaint, which is answered in writing, the
    /// moderator adds how to reach them (from a letter, a call, the text itself).
    static func contactFields(_ typed: [String: String], failure: ValidationFailure?) -> HTMLNode {
        fieldset(.class("fieldset")) {
            legend(.class("legend")) { "How to reach them (needed to escalate to a complaint)" }
            p(.class("hint")) { "They gave no contact details. A complaint is answered in writing." }
            FormComponents.textField(
                name: "contact_name", label: "Name", value: typed["contact_name"] ?? "", failure: failure,
                required: false)
            FormComponents.textField(
                name: "contact_email", label: "E-mail address", value: typed["contact_email"] ?? "",
                failure: failure, type: "email", required: false)
            FormComponents.textField(
                name: "contact_phone", label: "Phone number", value: typed["contact_phone"] ?? "", failure: failure,
                type: "tel", required: false)
        }
    }

    /// An item someone has already decided: what was decided, in place of the decision form (the error
    /// summary of a decision that came too late links here).
    static func decided(_ item: FeedbackItem, names: [UUID: String], linksToItem: Bool = true) -> HTMLNode {
        section(.id(FormComponents.fieldID("decision")), .aria("labelledby", "decided-heading")) {
            h2(.id("decided-heading")) { "Already moderated" }
            p {
                (item.status == .withdrawn ? "Published" : item.status.title)
                    + (item.moderatedByID.flatMap { names[$0] }.map { " by \($0)" } ?? "")
                    + (item.moderatedAt.map { " on \($0.formatted(AuditPage.dateFormat))" } ?? "") + "."
            }
            if let note = item.moderationNote { p { "Reason: \(note)" } }
            if item.status == .withdrawn {
                p {
                    strong { "Withdrawn from publication" }
                    (item.withdrawnByID.flatMap { names[$0] }.map { " by \($0)" } ?? "")
                        + (item.withdrawnAt.map { " on \($0.formatted(AuditPage.dateFormat))" } ?? "") + "."
                }
                if let reason = item.withdrawalReason { p { "Reason: \(reason)" } }
                p(.class("hint")) {
                    "Its story page says it was withdrawn. It and its replies are not on the stories pages, the API or the open data."
                }
            }
            if let text = item.publishedText, item.status == .published {
                h3 { "What is published" }
                div(.class("quote-block")) { FeedbackText.paragraphs(text) }
                p { a(.href(SiteURL.story(item.reference))) { "See the public story" } }
            }
            if linksToItem {
                p { a(.href(SiteURL.feedback(item.id!))) { "Open \(item.reference) in the feedback list" } }
            }
        }
    }

    /// Change the text of a published story, or take it down. Both are audited with the reason.
    static func publishedForms(
        item: FeedbackItem, typed: PublishedForms, failure: ValidationFailure?, csrfToken: String
    ) -> HTMLNode {
        div(.class("side-by-side")) {
            section(.aria("labelledby", "edit-heading")) {
                h2(.id("edit-heading")) { "Edit the published text" }
                HeardWeb.form(.action(SiteURL.moderate(item.id!) + "/published-text"), .method("post"), .novalidate) {
                    FormComponents.csrfField(csrfToken)
                    FormComponents.textArea(
                        name: "published_text", label: "Published text",
                        value: typed.publishedText ?? item.publishedText ?? "", failure: failure,
                        hint: "It is checked for personal data again before it is published.", rows: 10)
                    FormComponents.textArea(
                        name: "edit_reason", label: "Why it changes", value: typed.editReason, failure: failure,
                        hint: "Kept in the audit log. Do not repeat the personal data you are removing.", rows: 3)
                    FormComponents.submitButton("Save the published text")
                }
            }
            section(.aria("labelledby", "withdraw-heading")) {
                h2(.id("withdraw-heading")) { "Withdraw from publication" }
                p {
                    "The story and its replies come off the stories pages, the API and the open data at once. "
                    "Staff still see what the person wrote."
                }
                HeardWeb.form(.action(SiteURL.moderate(item.id!) + "/withdraw"), .method("post"), .novalidate) {
                    FormComponents.csrfField(csrfToken)
                    FormComponents.textArea(
                        name: "withdrawal_reason", label: "Why it is withdrawn", value: typed.withdrawalReason,
                        failure: failure,
                        hint:
                            "For example: the person withdrew their consent, or personal data was published. Kept in the audit log, so do not repeat the personal data.",
                        rows: 3)
                    button(.type("submit"), .class("button button-warning")) { "Withdraw from publication" }
                }
            }
        }
    }
}

/// What staff need to know about feedback the engine could not read.
enum NotEnglishNote {
    static func render() -> HTMLNode {
        div(.class("warning-callout"), .role("note")) {
            strong { "May not be in English: " }
            "Heard could not read this, so it found no themes or sentiment and could not check it for risk. "
            "Read it, or have it translated, and follow your safeguarding procedure if it shows a risk to someone. "
            "Then give its themes and sentiment under \"Correct the themes or sentiment\" on its feedback page, so "
            "the figures count it."
        }
    }
}

/// The facts about one piece of feedback, as a summary list.
enum FeedbackSummaryList {
    static func render(_ item: FeedbackItem, showContact: Bool = false) -> HTMLNode {
        dl(.class("summary-list")) {
            row("Service", item.serviceAndPlace)
            row(
                "Received",
                item.receivedAt.formatted(AuditPage.dateFormat) + " (" + item.channel.title + ")")
            row("Overall experience", item.fft?.title ?? "Not answered")
            row("May we publish?", item.consentToPublish ? "Yes" : "No")
            if item.mayNotBeEnglish && item.analysisCorrectedAt == nil {
                row("Themes", "Not found: it may not be in English")
                row("Sentiment", "Not found: it may not be in English")
            } else {
                row("Themes", item.namedThemes.isEmpty ? "None found" : item.namedThemes.joined(separator: ", "))
                row("Sentiment", SentimentText.describe(item.sentiment))
            }
            if !item.relationalList.isEmpty {
                row("Relational care", item.relationalList.map(RelationalText.title).joined(separator: ", "))
            }
            row("Status", item.status.title)
            if showContact {
                row(
                    "Contact",
                    [item.contactName, item.contactEmail, item.contactPhone].compactMap { $0 }.joined(separator: ", ")
                        .nonEmpty ?? noContact(item))
                row("Wants a reply", item.wantsReply ? "Yes" : "No")
            }
        }
    }

    /// Why there are no contact details. The public form and the API keep none with an answer only (nothing to
    /// reply to), so "none given" might not be true of one the person sent with details.
    static func noContact(_ item: FeedbackItem) -> String {
        let sentByThePerson = item.enteredByID == nil && item.importBatchID == nil
        return item.saysNothing && item.fft != nil && sentByThePerson
            ? "None kept: contact details sent with an answer only are not kept, as there is nothing to reply to"
            : "None given"
    }

    static func row(_ term: String, _ value: String) -> HTMLNode {
        div {
            dt { term }; dd { value }
        }
    }
}

enum FeedbackText {
    static func original(_ item: FeedbackItem) -> HTMLNode {
        div(.class("quote-block")) {
            if item.fullText.isEmpty {
                // An imported FFT response that gave a rating and no words.
                p { "No comment: the person gave an FFT answer only (\(answer(item)))." }
            } else if item.wordsSayNothing {
                // Their words are kept, but say nothing ("N/A").
                p {
                    item.fft == nil && item.legacyRecommend == nil
                        ? "These words say nothing, and there is no FFT answer."
                        : "These words say nothing: the person gave an FFT answer only (\(answer(item)))."
                }
            }
            if !item.story.isEmpty { paragraphs(item.story) }
            if !item.whatWasGood.isEmpty { h3 { "What was good" }; paragraphs(item.whatWasGood) }
            if !item.couldBeBetter.isEmpty { h3 { "What could be better" }; paragraphs(item.couldBeBetter) }
        }
    }

    /// The FFT answer of a response without words: "Good", or the pre-2020 question's answer.
    static func answer(_ item: FeedbackItem) -> String {
        item.fft?.title ?? item.legacyRecommend.map { "\($0), to the pre-2020 question" } ?? "none"
    }

    /// Keeps the person's paragraphs; every line is escaped text.
    static func paragraphs(_ text: String) -> HTMLNode {
        .fragment(
            text.components(separatedBy: "\n\n").filter { !$0.isEmpty }.map { paragraph in p(.dirAuto) { paragraph } })
    }
}

enum SentimentText {
    static func describe(_ sentiment: Int?) -> String {
        switch sentiment {
        case 1: "Very positive"
        case 2: "Positive"
        case 3: "Mixed or neutral"
        case 4: "Negative"
        case 5: "Very negative"
        default: "No comment"
        }
    }
}

enum RelationalText {
    static func title(_ raw: String) -> String { RelationalFlag(rawValue: raw)?.title ?? raw }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
