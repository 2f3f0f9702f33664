import Foundation
import HeardDomain
import HeardStorage

/// The page that answers "what happened to my feedback?": a reference box, then the steps so far in plain words.
enum FeedbackCheckPage {
    struct Found {
        var item: FeedbackItem
        /// Actions raised because of it (and others like it), the soonest due first.
        var actions: [ActionItem]
        /// Whom to ask to take a published story down.
        var contact: SiteContact
    }

    struct Model {
        var typed: String
        var failure: ValidationFailure?
        var found: Found?
    }

    static func render(_ model: Model, context: PageContext) -> String {
        PageLayout.render(context) {
            FormComponents.errorSummary(model.failure)
            h1 { "Check on your feedback" }
            p { "Enter the reference you were given to see what has happened to your feedback." }
            HeardWeb.form(.action(SiteURL.feedbackCheck), .method("get"), .novalidate) {
                FormComponents.textField(
                    name: "reference", label: "Your reference", value: model.typed, failure: model.failure,
                    hint: "It starts HRD- and is on the thank-you page and in any e-mail we sent you, like "
                        + FeedbackReferenceInput.example + ".",
                    autocomplete: "off", width: "medium")
                button(.type("submit"), .class("button")) { "Check" }
            }
            if let found = model.found { steps(found) }
        }
    }

    static func steps(_ found: Found) -> HTMLNode {
        let item = found.item
        return section(.aria("labelledby", "what-happened")) {
            h2(.id("what-happened")) { "What has happened to \(item.reference)" }
            ol(.class("list-number")) {
                li {
                    "We received it on \(day(item.receivedAt)), about "
                        + FeedbackItem.serviceAndPlace(service: item.service.name, place: item.place.name) + "."
                }
                for step in progress(item) { li { step } }
                // A complaint's outcome is the complainant's, told by the complaints team; an answer with no
                // comment was never read, so no action can have come from its words.
                if item.status != .escalated && !item.saysNothing {
                    for action in found.actions { li { actionStep(action) } }
                }
            }
            if item.status != .escalated, found.actions.contains(where: \.status.isClosed) || item.status == .published
            {
                p { a(.href(SiteURL.youSaidWeDid)) { "See everything that changed because of feedback" } }
            }
            if item.status == .published {
                // The privacy notice promises consent can be withdrawn at any time: say how, here.
                h2 { "Changed your mind about it being published?" }
                p {
                    if found.contact.isConfigured {
                        "E-mail \(found.contact.nameInSentence) at "
                        a(.href("mailto:" + found.contact.email)) { found.contact.email }
                    } else {
                        "Contact \(PlaceholderContact.whoRunsTheSite)"
                    }
                    " and quote your reference, \(item.reference). We will take it down; it is still used, unpublished, to improve care."
                        + ContactWays.sentence(found.contact)
                }
            }
        }
    }

    /// What was done with it, in the order it happened. A complaint's handling is private to the complainant and
    /// the complaints team, so nothing past "passed to the complaints team" is said here.
    static func progress(_ item: FeedbackItem) -> [HTMLNode] {
        let read = item.moderatedAt.map { " on " + day($0) } ?? ""
        if item.saysNothing {
            return [
                .text(
                    "It is an answer to our question with no comment, so there was nothing to read or publish. "
                        + "It is counted in the month's results, which we publish as open data when the month is over.")
            ]
        }
        var steps: [HTMLNode] = []
        switch item.status {
        case .awaitingModeration:
            steps.append(.text("It is waiting to be read by a member of staff."))
        case .published:
            steps.append(
                .fragment([
                    .text("A member of staff read it\(read), removed any personal details and published it: "),
                    a(.href(SiteURL.story(item.reference))) { "read it on our stories page" },
                    .text("."),
                ]))
        case .approvedPrivate where item.consentToPublish:
            steps.append(
                .text(
                    "A member of staff read it\(read) and decided not to publish it, although you said we could: sometimes a story could identify someone, or keeping someone safe comes first. It is still used to improve care."
                ))
        case .approvedPrivate:
            steps.append(
                .text(
                    "A member of staff read it\(read). It is not published, as you did not ask us to publish it; it is still used to improve care."
                ))
        case .rejected:
            steps.append(
                .text(
                    "A member of staff read it\(read) and did not keep it, usually because it was not about one of our services or was sent twice. If you think that is a mistake, contact us and quote your reference."
                ))
        case .escalated:
            return [
                .text(
                    "It was passed to our complaints team\(read). They contact you about it directly; a complaint's progress is not shown here."
                )
            ]
        case .withdrawn:
            steps.append(
                .text(
                    "It was published, then taken down\(item.withdrawnAt.map { " on " + day($0) } ?? ""). It is still used to improve care."
                ))
        }
        if let replied = item.firstReplyAt {
            steps.append(
                .text(
                    "The service replied on \(day(replied))"
                        + (item.status == .published ? ": the reply is shown with your story." : ".")))
        }
        return steps
    }

    /// An action raised because of it: what is being done, or what was done, or why it could not be.
    static func actionStep(_ action: ActionItem) -> HTMLNode {
        switch action.status {
        case .planned, .inProgress:
            .text(
                "It is one of the pieces of feedback behind a change we are working on: \(action.title) "
                    + "(\(action.status.title.lowercased()), due by \(day(action.dueOn))).")
        case .done:
            .fragment([
                strong { "What we did: " }, .text(action.title + ". " + action.outcome),
            ])
        case .notPossible:
            .fragment([
                strong { "What we looked at: " },
                .text(action.title + ". We could not make this change: " + action.outcome),
            ])
        }
    }

    static func day(_ date: Date) -> String { SimpleDate.ukDay(of: date).ukText }
}
