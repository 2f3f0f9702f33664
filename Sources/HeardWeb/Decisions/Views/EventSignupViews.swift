import HeardDomain
import HeardStorage
import Vapor

/// The public "Tell us you're coming" pages, and the sign-ups and "did it happen" parts of the staff activity page.
enum EventSignupViews {
    /// What the event is, when and where, and what is arranged: said on the form and again after signing up.
    static func details(_ offer: EventSignups.Offer) -> HTMLNode {
        let activity = offer.activity
        let access = ActivityViews.accessibility(activity)
        var rows: [(String, HTMLNode)] = [
            ("What", .text(activity.kind.title)), ("When", .text(activity.when)),
            ("Where", .text(EventSignups.venueAndPlace(activity))),
            ("Access", .text(access.isEmpty ? "Tell us what you need below" : access.joined(separator: ", "))),
        ]
        if let left = offer.placesLeft {
            rows.append(("Places left", .text(left == 0 ? "None: it is full" : left.formatted)))
        }
        return DecisionForms.summaryList(rows)
    }

    /// How to reach the team: to cancel, change, or ask about a place at a full event.
    /// Without `HEARD_CONTACT` there is no address to give, so it names who to contact instead.
    static func contactLine(_ lead: String, contact: SiteContact) -> HTMLNode {
        guard contact.isConfigured else { return p { lead + " contact \(PlaceholderContact.whoRunsTheSite)." } }
        return p {
            lead + " e-mail \(contact.nameInSentence) at "
            a(.href("mailto:\(contact.email)")) { contact.email }
            "."
        }
    }

    static func form(
        _ offer: EventSignups.Offer, input: EventSignupInput, closed: String?, failure: ValidationFailure?,
        csrfToken: String, submissionKey: String, sent: Bool = false, context: PageContext
    ) -> String {
        let activity = offer.activity
        // `sent`: the form was sent but could not be taken. Say plainly that nobody was signed up, and keep the
        // needs they typed in view so they can give them when they get in touch.
        let notSignedUp = sent ? " You have not been signed up." : ""
        let typedNeeds = input.accessNeeds.trimmingCharacters(in: .whitespacesAndNewlines)
        return PageLayout.render(context) {
            p {
                a(.class("back-link"), .href(DecisionURL.publicConsultation(offer.consultation.id!))) {
                    offer.consultation.title
                }
            }
            FormComponents.errorSummary(failure)
            h1 { "Tell us you're coming" }
            p(.class("lead")) { activity.title }
            details(offer)
            if let closed {
                div(.class("notice"), .role("status")) { closed + notSignedUp }
                contactLine("To ask about it,", contact: context.contact)
            } else if offer.isFull {
                div(.class("notice"), .role("status")) {
                    (sent ? "The last places were taken before your form arrived." : "This event is full.")
                        + notSignedUp
                }
                contactLine(
                    "We may still be able to find you a place, or tell you about another event:",
                    contact: context.contact)
            }
            if (closed != nil || offer.isFull) && sent && !typedNeeds.isEmpty {
                p { "What you told us you need to take part, to give us when you get in touch: " + typedNeeds }
            }
            if closed == nil && !offer.isFull {
                HeardWeb.form(.action(DecisionURL.eventSignup(activity.id!)), .method("post"), .novalidate) {
                    FormComponents.csrfField(csrfToken)
                    SubmittedOnce.hiddenField(submissionKey)
                    FormComponents.textField(
                        name: "name", label: "Your name", value: input.name, failure: failure, autocomplete: "name",
                        width: "medium")
                    FormComponents.textField(
                        name: "email", label: "E-mail address", value: input.email, failure: failure,
                        hint:
                            "Give an e-mail address or a phone number, or both, so we can tell you if anything changes. We e-mail you the details of the event.",
                        type: "email", autocomplete: "email", required: false)
                    FormComponents.textField(
                        name: "phone", label: "Phone number", value: input.phone, failure: failure, type: "tel",
                        autocomplete: "tel", required: false, width: "medium")
                    FormComponents.textField(
                        name: "people", label: "How many people are coming, including you", value: input.people,
                        failure: failure,
                        hint: "From 1 to \(EventSignupInput.maximumPeople)."
                            + (offer.placesLeft.map { " " + Wording.count($0, "place", "places") + " left." } ?? ""),
                        width: "short")
                    FormComponents.textArea(
                        name: "access_needs", label: "Anything you need to take part (optional)",
                        value: input.accessNeeds, failure: failure,
                        hint:
                            "For example a British Sign Language (BSL) interpreter, step-free access, a hearing loop, large print, or somewhere quiet. We will arrange it.",
                        rows: 3)
                    p(.class("hint")) {
                        "We use your name and contact details only to arrange the event and to tell you if anything changes. Only staff can see them, and they are never published. We delete them the day after the event, keeping only how many people came. "
                        a(.href(SiteURL.privacy + "#what-we-collect")) {
                            "How we use your information (privacy notice)"
                        }
                    }
                    FormComponents.submitButton("Tell us you're coming")
                }
            }
        }
    }

    static func thanks(_ offer: EventSignups.Offer, emailed: Bool, context: PageContext) -> String {
        PageLayout.render(context) {
            h1 { "Thank you, you are signed up" }
            div(.class("notice"), .role("status")) {
                "We have your name down for \(offer.activity.title)."
                    + (emailed ? " We have e-mailed you the details." : "")
            }
            details(offer)
            h2 { "If you need to cancel or change" }
            contactLine(
                "To cancel, change how many people are coming, or tell us anything else you need to take part,",
                contact: context.contact)
            p { "We will tell you if anything changes." }
            p { a(.href(DecisionURL.publicConsultation(offer.consultation.id!))) { offer.consultation.title } }
        }
    }

    // MARK: Staff

    /// "12 people from 5 sign-ups, of 30 places: 18 left."; "…, of 1 place: full, 1 more than the places." when
    /// the places were lowered below those signed up.
    static func totals(_ signups: [ActivitySignup], capacity: Int?) -> String {
        let people = signups.reduce(0) { $0 + $1.people }
        let base =
            Wording.count(people, "person", "people") + " from " + Wording.count(signups.count, "sign-up")
        guard let capacity else { return base + ". No limit on places." }
        let left = EventPlaces.left(capacity: capacity, taken: people) ?? 0
        let over = people - capacity
        return base + ", of \(Wording.count(capacity, "place")): "
            + (over > 0
                ? "full, \(Wording.count(over, "person", "people")) more than the places."
                : left == 0 ? "full." : "\(left.formatted) left.")
    }

    static func signupsSection(
        _ activity: InvolvementActivity, signups: [ActivitySignup], today: SimpleDate
    ) -> HTMLNode {
        let needing = signups.filter { !$0.accessNeeds.isEmpty }
        return .fragment([
            h2(.id("sign-ups")) { "People who said they are coming" },
            p { totals(signups, capacity: activity.capacity) },
            signups.isEmpty
                ? p { "Nobody has signed up on the public page yet." }
                : .fragment([
                    needing.isEmpty
                        ? .empty
                        : div(.class("warning-callout")) {
                            Wording.count(needing.count, "sign-up") + " "
                                + (needing.count == 1 ? "asks" : "ask")
                                + " for something to take part, marked \"Access needs\" below. Arrange it before the day."
                        },
                    DataTable.render(
                        caption: "Sign-ups to \(activity.title)",
                        headers: ["Name", "Contact", "People", "Access needs"],
                        rows: signups.map { signup in
                            [
                                .text(signup.isAnonymised ? "Details deleted after the event" : signup.name),
                                .text(
                                    [signup.email, signup.phone].compactMap { $0 }.joined(separator: ", ")
                                        .nonEmpty ?? "–"),
                                .text(String(signup.people)),
                                signup.accessNeeds.isEmpty
                                    ? .text("–")
                                    : .fragment([
                                        strong(.class("tag tag-needs-reader")) { "Access needs" },
                                        .text(" " + signup.accessNeeds),
                                    ]),
                            ]
                        }, captionHidden: true),
                    p { a(.href(DecisionURL.activitySignupsCSV(activity.id!))) { "Download the sign-ups (CSV)" } },
                ]),
            activity.date >= today
                ? p(.class("hint")) {
                    "Names and contact details are deleted the day after the event; the numbers are kept."
                }
                : .empty,
        ])
    }

    /// After the day: was it held, and how many came; or was it cancelled (any time).
    static func outcomeForm(
        _ activity: InvolvementActivity, today: SimpleDate, context: PageContext, failure: ValidationFailure?,
        typed: [String: String]
    ) -> HTMLNode {
        let recorded = activity.outcome.map { outcome in
            outcome == .held
                ? "Recorded as held: \(Wording.count(activity.attendees, "person", "people")) came."
                : "Recorded as cancelled. It is not listed as held."
        }
        return .fragment([
            h2(.id("outcome")) { "Did it happen?" },
            p { recorded ?? "Not recorded yet." },
            HeardWeb.form(
                .action(DecisionURL.activityOutcome(activity.id!)), .method("post"), .novalidate, .class("panel")
            ) {
                FormComponents.csrfField(context.csrfToken ?? "")
                FormComponents.radios(
                    name: "outcome", legend: "What happened",
                    choices: ActivityOutcome.allCases.map { .init(value: $0.rawValue, label: $0.title) },
                    selected: typed["outcome"] ?? activity.outcome?.rawValue ?? "", failure: failure,
                    hint: activity.date > today
                        ? "It is on \(activity.date.ukText). You can record that it was cancelled now, and that it was held from that day."
                        : nil)
                FormComponents.textField(
                    name: "attendance", label: "How many people came",
                    value: typed["attendance"] ?? (activity.outcome == .held ? String(activity.attendees) : ""),
                    failure: failure, hint: "Only when it was held. Shown on the consultation's public page.",
                    required: false, width: "short")
                button(.type("submit"), .class("button button-secondary")) { "Save" }
            },
        ])
    }
}
