import HeardDomain
import HeardStorage

/// The public pages for giving feedback. Phone-first, plain English, no JavaScript needed.
enum SharePages {
    struct ServiceChoice {
        var id: String
        var name: String
        var organisation: String
        var place: String
        /// Set for a retired service, which only staff are offered (for its last returns).
        var retiredOn: SimpleDate? = nil
    }

    static func chooseService(
        context: PageContext, query: String, placeSlug: String, places: [(slug: String, name: String)],
        services: [ServiceChoice], staffEntry: Bool, notice: String? = nil, closed: [ServiceChoice] = [],
        similar: [ServiceChoice] = [], contact: SiteContact? = nil
    ) -> String {
        let action = staffEntry ? SiteURL.staffFeedbackNew : SiteURL.share
        return PageLayout.render(context) {
            if let notice { div(.class("notice"), .role("status")) { notice } }
            h1 { staffEntry ? "Enter feedback for someone" : "Share your experience" }
            p(.class("lead")) {
                staffEntry
                    ? "Record feedback received on paper, by phone, by e-mail or at an event. First choose the service."
                    : "Tell us about care you or someone you look after received. It takes about 5 minutes. First, choose the service."
            }
            if !staffEntry {
                p {
                    "Already told us something? "
                    a(.href(SiteURL.feedbackCheck)) { "Check what has happened to it" }
                    " with your reference."
                }
            }
            HeardWeb.form(.action(action), .method("get"), .class("filters")) {
                FormComponents.textField(
                    name: "q", label: "Service name", value: query, failure: nil,
                    hint: "For example: eye clinic, GP, 111",
                    required: false, width: "medium")
                FormComponents.selectField(
                    name: "place", label: "Place", choices: places.map { .init(value: $0.slug, label: $0.name) },
                    selected: placeSlug, failure: nil, prompt: "Anywhere")
                button(.type("submit"), .class("button button-secondary")) { "Find services" }
            }
            if services.isEmpty {
                p {
                    (query.isEmpty ? "No services match." : "No services match \"\(query)\".")
                        + " Try fewer words, or choose Anywhere."
                }
                if !similar.isEmpty {
                    h2 { "Services with a similar name" }
                    choiceList(similar, staffEntry: staffEntry)
                }
                notListed(staffEntry: staffEntry, contact: contact)
            } else {
                h2 { "\(services.count) \(services.count == 1 ? "service" : "services")" }
                choiceList(services, staffEntry: staffEntry)
            }
            if !closed.isEmpty {
                details {
                    summary { "Services that have closed (\(closed.count))" }
                    p {
                        "Only for feedback a service received before it was retired, such as a letter that arrived before it closed."
                    }
                    ul(.class("choice-list")) {
                        for service in closed {
                            li {
                                a(.href(SiteURL.staffFeedbackForm + "?service=" + service.id)) { service.name }
                                span(.class("choice-meta")) {
                                    "\(service.organisation), \(service.place)"
                                        + (service.retiredOn.map { ". Retired on \($0.ukText)" } ?? "")
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private static func choiceList(_ services: [ServiceChoice], staffEntry: Bool) -> HTMLNode {
        ul(.class("choice-list")) {
            for service in services {
                li {
                    a(.href((staffEntry ? SiteURL.staffFeedbackForm : SiteURL.shareNew) + "?service=" + service.id)) {
                        service.name
                    }
                    span(.class("choice-meta")) { "\(service.organisation), \(service.place)" }
                }
            }
        }
    }

    /// No dead end when a search finds nothing: every service to look through and, for the public, why theirs
    /// may not be here and how to tell us anyway (with the site's contact, when one is set).
    @HTMLBuilder
    private static func notListed(staffEntry: Bool, contact: SiteContact?) -> [HTMLNode] {
        p { a(.href(staffEntry ? SiteURL.staffFeedbackNew : SiteURL.share)) { "See every service" } }
        if !staffEntry {
            h2 { "If your service is not listed" }
            p {
                "It may be run by another organisation (dentists, opticians and pharmacies usually are). You can still tell us: choose the service closest to it"
                if let contact {
                    ", or e-mail \(contact.nameInSentence) at "
                    a(.href("mailto:" + contact.email)) { contact.email }
                }
                "."
            }
        }
    }

    /// A link to a service that has been retired: it takes no feedback now; the list has the ones that do.
    /// `written` is what someone had typed when it was retired under them, shown so it is not lost.
    static func serviceRetired(
        context: PageContext, service: String, retiredOn: SimpleDate, staffEntry: Bool, written: [String] = []
    ) -> String {
        PageLayout.render(context) {
            h1 { "\(service) has closed" }
            p(.class("lead")) {
                "\(service) was retired on \(retiredOn.ukText), so it no longer takes feedback here. Feedback already given about it is kept."
            }
            p {
                "If the care you want to tell us about is now given by another service, choose that one. "
                a(.href(staffEntry ? SiteURL.staffFeedbackNew : SiteURL.share)) { "Choose a service in use" }
            }
            if !written.isEmpty {
                h2 { "What you wrote" }
                p { "It was not sent. Copy it if you want to use it for another service." }
                for text in written { p { text } }
            }
        }
    }

    static func form(
        context: PageContext, service: ServiceChoice, form: ShareForm, failure: ValidationFailure?, csrfToken: String,
        submissionKey: String, staffEntry: Bool, notice: String? = nil
    ) -> String {
        let submission = form.submission
        let action = (staffEntry ? SiteURL.staffFeedbackNew : SiteURL.shareNew) + "?service=" + service.id
        return PageLayout.render(context) {
            p {
                a(.class("back-link"), .href(staffEntry ? SiteURL.staffFeedbackNew : SiteURL.share)) {
                    "Choose a different service"
                }
            }
            FormComponents.errorSummary(failure)
            if let notice { div(.class("warning-callout"), .role("alert")) { p { notice } } }
            h1 { staffEntry ? "Enter feedback about \(service.name)" : "Tell us about \(service.name)" }
            p(.class("lead")) { "\(service.organisation), \(service.place)" }
            HeardWeb.form(.action(action), .method("post"), .novalidate) {
                FormComponents.csrfField(csrfToken)
                input(.type("hidden"), .name("service_id"), .value(service.id))
                input(.type("hidden"), .name("submission_key"), .value(submissionKey))
                if staffEntry {
                    FormComponents.selectField(
                        name: "channel", label: "How was it received?",
                        choices: FeedbackChannel.staffEntered.map { .init(value: $0.rawValue, label: $0.title) },
                        selected: form.channel ?? "", failure: failure)
                }
                FormComponents.radios(
                    name: "fft_rating",
                    legend: staffEntry
                        ? "Overall, how did they rate their experience of the service?" : FFTRating.question,
                    choices: FFTRating.allCases.map { .init(value: String($0.rawValue), label: $0.title) },
                    selected: submission.fftRating, failure: failure)
                FormComponents.textArea(
                    name: "story", label: "What happened?", value: submission.story, failure: failure,
                    hint: staffEntry
                        ? "In their words, as received. Names and other personal details are taken out before anything is published."
                        : "If you answered the question above, you can leave this empty: your answer still counts. "
                            + "If you did not, we need a few words here. Please do not include names or other personal details.",
                    rows: 8)
                FormComponents.textArea(
                    name: "what_was_good", label: "What was good? (optional)", value: submission.whatWasGood,
                    failure: failure, rows: 3)
                FormComponents.textArea(
                    name: "could_be_better", label: "What could be better? (optional)", value: submission.couldBeBetter,
                    failure: failure, rows: 3)
                FormComponents.radios(
                    name: "consent_to_publish",
                    legend: staffEntry
                        ? "Did the person agree to their feedback being published?" : "May we publish your feedback?",
                    choices: staffEntry
                        ? [
                            .init(value: "yes", label: "Yes, it may be published"),
                            .init(value: "no", label: "No, keep it private"),
                        ]
                        : [
                            .init(value: "yes", label: "Yes, you may publish it"),
                            .init(value: "no", label: "No, keep it private"),
                        ],
                    selected: submission.consentToPublish, failure: failure,
                    hint: (staffEntry
                        ? "Only needed if they wrote something. " : "Only needed if you write something. ")
                        + "Published means anyone can read it on this website, with a reply from the service. "
                        + "We remove names, phone numbers, e-mail addresses, NHS numbers and other personal details first, "
                        + "and a person checks it before it appears. Private feedback is still read and used to improve care."
                )
                contactSection(submission: submission, failure: failure, staffEntry: staffEntry)
                if staffEntry {
                    FormComponents.checkbox(
                        name: "is_complaint", label: "They are making a formal complaint",
                        checked: form.isComplaint == "yes",
                        hint:
                            "It goes straight to the complaints list with its clock running from the date received, instead of to moderation."
                    )
                    ComplainantStandingFields.render(form, failure: failure, staffEntry: true)
                    FormComponents.textField(
                        name: "received_on", label: "Date received", value: form.receivedOn ?? "", failure: failure,
                        hint: "The date the letter, e-mail or call arrived. Leave it empty for today.", type: "date",
                        required: false, width: "short")
                } else {
                    FormComponents.checkbox(
                        name: "is_complaint", label: "I want to make a formal complaint",
                        checked: form.isComplaint == "yes",
                        hint:
                            "It goes to our complaints team, who will contact you within 3 working days. It is not published. Give an e-mail address or phone number above, and your name."
                    )
                    ComplainantStandingFields.render(form, failure: failure, staffEntry: false)
                    p(.class("hint")) { a(.href(SiteURL.howToComplain)) { "How complaints are handled" } }
                    equalitySection(form.equality ?? [:], failure: failure)
                }
                div(.class("hp"), .aria("hidden", "true")) {
                    label(.for("field-website")) { "Leave this empty" }
                    input(.id("field-website"), .name("website"), .type("text"), .tabindex(-1), .autocomplete("off"))
                }
                FormComponents.submitButton(staffEntry ? "Save feedback" : "Send feedback")
            }
        }
    }

    private static func contactSection(
        submission: FeedbackSubmission, failure: ValidationFailure?, staffEntry: Bool
    )
        -> HTMLNode
    {
        HeardWeb.fieldset(.class("fieldset")) {
            legend(.class("legend legend-large")) {
                staffEntry ? "Their contact details (optional)" : "Your contact details (optional)"
            }
            p(.class("hint")) {
                (staffEntry
                    ? "Only staff can see these. They are used to reply, and to tell the person what changed because of their feedback. "
                    : "Only staff can see these. We use them to reply, and to tell you what changed because of your feedback. ")
                    + "They are never published. "
                a(.href(SiteURL.privacy + "#why")) { "How we use your information (privacy notice)" }
            }
            FormComponents.textField(
                name: "contact_name", label: "Name", value: submission.contactName, failure: failure,
                autocomplete: "name",
                required: false, width: "medium")
            FormComponents.textField(
                name: "contact_email", label: "E-mail address", value: submission.contactEmail, failure: failure,
                type: "email", autocomplete: "email", required: false, width: "medium")
            FormComponents.textField(
                name: "contact_phone", label: "Phone number", value: submission.contactPhone, failure: failure,
                type: "tel", autocomplete: "tel", required: false, width: "medium")
            FormComponents.checkbox(
                name: "wants_reply", label: staffEntry ? "They would like a reply" : "I would like a reply",
                checked: submission.wantsReply,
                hint: staffEntry ? nil : "We can reply only if you tell us what happened, not to an answer on its own.",
                failure: failure)
        }
    }

    /// Open when it holds an error, so the message and its field are not hidden in a closed section.
    private static func equalitySection(_ answers: [String: String], failure: ValidationFailure?) -> HTMLNode {
        let hasError = failure?.errors.contains { $0.field.hasPrefix("equality[") } ?? false
        return HTMLNode.element(
            "details", [.class("details")] + (hasError ? [HTMLAttribute("open", nil)] : []),
            children: [
                summary(.class("details-summary")) { "Questions about you (optional)" },
                div(.class("details-text")) {
                    p {
                        "These questions help us check that we hear from everyone in the community. Every question is optional. "
                            + "Your answers are stored separately from your feedback and only ever counted together with other people's. "
                        a(.href(SiteURL.privacy + "#why")) {
                            "Why we ask and how we keep your answers (privacy notice)"
                        }
                    }
                    for question in EqualityQuestion.allCases {
                        FormComponents.selectField(
                            name: "equality[\(question.rawValue)]", label: question.question,
                            choices: question.options.map { .init(value: $0.0, label: $0.1) }
                                + [.init(value: EqualityQuestion.preferNotToSay, label: "Prefer not to say")],
                            selected: answers[question.rawValue] ?? "", failure: failure, prompt: "Not answered")
                    }
                },
            ])
    }

    static func thankYou(
        context: PageContext, reference: String, willPublish: Bool, hasContact: Bool, isComplaint: Bool = false,
        sentReceipt: Bool = false, sentAgain: Bool = false, contact: SiteContact = .default, answerOnly: Bool = false
    ) -> String {
        let answerOnly = answerOnly && !isComplaint
        return PageLayout.render(context) {
            div(.class("panel-confirmation")) {
                h1 {
                    isComplaint
                        ? "We have your complaint"
                        : answerOnly ? "Thank you for your answer" : "Thank you for your feedback"
                }
                p { "Your reference is" }
                p(.class("reference")) { strong { reference } }
            }
            if sentAgain {
                div(.class("notice"), .role("status")) {
                    p {
                        "This form was already sent, so we kept the first copy, as it was when you first sent it. "
                            + "If you meant to change something, contact us and quote your reference."
                    }
                }
            }
            h2 { "What happens next" }
            if isComplaint {
                ul(.class("list-bullet")) {
                    li {
                        "Our complaints team will contact you within 3 working days to acknowledge your complaint and talk about how it will be handled."
                    }
                    li { "It is not published." }
                    li {
                        "If you are worried about your safety or someone else's, call 999 in an emergency or 111 for urgent advice."
                    }
                }
            } else if answerOnly {
                answerOnlySteps(gaveContact: hasContact)
            } else {
                thankYouSteps(willPublish: willPublish, hasContact: hasContact)
            }
            getInTouch(reference: reference, sentReceipt: sentReceipt, contact: contact)
            if isComplaint {
                p { a(.href(SiteURL.howToComplain)) { "How complaints are handled, and where to go next" } }
            } else {
                p { a(.href(SiteURL.stories)) { "Read what other people said and how services replied" } }
                p { a(.href(SiteURL.youSaidWeDid)) { "See what changed because of feedback" } }
            }
        }
    }

    /// Where to see what happens to it, and whom to contact quoting the reference.
    @HTMLBuilder
    private static func getInTouch(reference: String, sentReceipt: Bool, contact: SiteContact) -> [HTMLNode] {
        p {
            "Keep your reference: with it you can "
            a(.href(SiteURL.feedbackCheck + "?reference=" + reference)) { "check what has happened to it" }
            " at any time."
        }
        h2 { "If you need to contact us about it" }
        if sentReceipt {
            p {
                "We are e-mailing you a receipt with your reference and what happens next. If it does not arrive, the reference above is all you need."
            }
        }
        p {
            if contact.isConfigured {
                "E-mail \(contact.nameInSentence) at "
                a(.href("mailto:" + contact.email)) { contact.email }
            } else {
                "Contact \(PlaceholderContact.whoRunsTheSite)"
            }
            " and quote your reference, \(reference)."
        }
        ContactWays.paragraphs(contact)
    }

    /// For an FFT answer with no comment (none, or words that say nothing, "N/A"): it is counted, and nobody reads
    /// it, so nothing is said about reading, replying or publishing. What is promised is what the open data holds:
    /// each whole month's count of every answer, by service.
    @HTMLBuilder
    private static func answerOnlySteps(gaveContact: Bool) -> [HTMLNode] {
        ul(.class("list-bullet")) {
            li {
                "We count every answer. When the month is over, we publish how many people gave each answer about each service, as "
                a(.href(OpenDataURL.page)) { "open data" }
                "."
            }
            li { "There was no comment with your answer, so there is nothing for us to read, reply to or publish." }
            if gaveContact {
                li { "We have not kept the contact details you gave, because there is nothing for us to reply to." }
            }
            li {
                "If you are worried about your safety or someone else's, call 999 in an emergency or 111 for urgent advice."
            }
        }
    }

    @HTMLBuilder
    private static func thankYouSteps(willPublish: Bool, hasContact: Bool) -> [HTMLNode] {
        ul(.class("list-bullet")) {
            li { "A member of staff reads every piece of feedback." }
            if willPublish {
                li { "We remove personal details, then publish it on our stories page with a reply." }
            } else {
                li { "We will not publish it. It is still used to improve care." }
            }
            if hasContact {
                li {
                    "We will contact you if you asked for a reply, and tell you when something changes because of it."
                }
            }
            li {
                "If you are worried about your safety or someone else's, call 999 in an emergency or 111 for urgent advice."
            }
        }
    }
}
