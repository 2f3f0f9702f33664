import Foundation
import HeardDomain
import HeardStorage

/// The e-mail that tells someone who used the public form that their feedback or complaint arrived: the reference,
/// what happens next and when, and whom to contact quoting it. Written in the same transaction as the feedback.
/// Sent only to an address the person gave so that we could write back: a complaint's contact details are for
/// its answer; feedback's only when they asked for a reply. It never repeats what they wrote.
struct FeedbackReceipt: Sendable {
    var isComplaint: Bool
    var serviceName: String
    var contact: SiteContact
    /// The day it was received, from which a complaint's acknowledgement is due.
    var receivedOn: SimpleDate
    /// The site's public address, for the link to check on the feedback (none when empty).
    var publicURL: String = ""

    /// The notice for this item, or nil when the person gave no e-mail address or did not ask to be written to.
    /// Never for an FFT answer with no comment: the public form keeps no contact details with one, as nobody
    /// reads it to reply, and its receipt would promise what this one says ("a member of staff reads…").
    func notice(for item: NewFeedback) -> Notice? {
        guard let email = item.contactEmail, !email.isEmpty, isComplaint || item.wantsReply, !item.saysNothing
        else { return nil }
        return Notice(
            to: email, subject: subject(item.reference), body: body(item),
            kind: isComplaint ? "complaint_receipt" : "feedback_receipt", feedbackID: item.id)
    }

    func subject(_ reference: String) -> String {
        isComplaint ? "We have your complaint: \(reference)" : "We have your feedback: \(reference)"
    }

    func body(_ item: NewFeedback) -> String {
        let next: String
        if isComplaint {
            let due = ComplaintClock(receivedOn: receivedOn).acknowledgementDue
            next = """
                What happens next: our complaints team will contact you by \(due.ukText) (within \
                \(ComplaintClock.acknowledgementWorkingDays) working days) to acknowledge your complaint and talk \
                about how it will be handled. Your complaint is not published.
                """
        } else {
            let publishing =
                item.consentToPublish
                ? "We remove personal details, then publish it on our stories page with a reply."
                : "We will not publish it. It is still used to improve care."
            next = """
                What happens next: a member of staff reads every piece of feedback. \(publishing) \
                You asked for a reply, so we will write to you at this address, and tell you when something changes \
                because of it.
                """
                + (publicURL.isEmpty
                    ? ""
                    : "\n\nTo see what has happened to it at any time: \(publicURL)\(SiteURL.feedbackCheck)?reference=\(item.reference)")
        }
        return """
            Thank you for \(isComplaint ? "your complaint" : "your feedback") about \(serviceName). \
            Your reference is \(item.reference).

            \(next)

            \(Self.getInTouch(item.reference, contact: contact))

            If you are worried about your safety or someone else's, call 999 in an emergency or 111 for urgent advice.
            """
    }

    /// How to ask about it, said the same way in the e-mail and on the thank-you page.
    static func getInTouch(_ reference: String, contact: SiteContact) -> String {
        (contact.isConfigured
            ? "To ask about it, e-mail \(contact.nameInSentence) at \(contact.email)"
            : "To ask about it, contact \(PlaceholderContact.whoRunsTheSite)")
            + " and quote your reference, \(reference)." + ContactWays.sentence(contact)
    }
}
