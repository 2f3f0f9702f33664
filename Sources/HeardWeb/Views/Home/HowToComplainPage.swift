import HeardDomain
import Vapor

/// How to make a formal complaint about an NHS or council care service (the Local Authority Social Services and
/// National Health Service Complaints (England) Regulations 2009): who to ask, the time limit, what happens and
/// where to go next. Plain English; the organisation comes from `HEARD_CONTACT`.
enum HowToComplainPage {
    static func render(context: PageContext) -> String {
        let contact = context.contact
        return PageLayout.render(context) {
            h1 { "How to make a complaint" }
            p(.class("lead")) {
                "If you are unhappy with a health or care service, you can make a formal complaint. It is free, and it will not affect your care."
            }
            h2 { "How to complain" }
            ul(.class("list-bullet")) {
                li {
                    a(.href(SiteURL.share)) { "Tell us what happened" }
                    " and tick \"I want to make a formal complaint\". Give your name and an e-mail address or phone number, so we can reply to you."
                }
                li {
                    if contact.isConfigured {
                        "Or write to us at "
                        a(.href("mailto:\(contact.email)")) { contact.email }
                        "."
                    } else {
                        "Or write to \(PlaceholderContact.whoRunsTheSite)."
                    }
                    " Someone can complain for you, such as a relative or carer, if you agree."
                }
                ContactWays.listItems(contact)
            }
            p {
                "If you would rather not make a formal complaint, you can still "
                a(.href(SiteURL.share)) { "share your experience" }
                ". A member of staff reads every piece of feedback."
            }
            h2 { "When to complain" }
            p {
                "Complain within 12 months of what happened, or of when you found out about it. A later complaint can still be looked into if there is a good reason for the delay and it can still be investigated fairly."
            }
            h2 { "What happens next" }
            ol(.class("list-number")) {
                li {
                    "We acknowledge your complaint within 3 working days, and offer to talk with you about how it will be handled and how long it is likely to take."
                }
                li { "We look into it." }
                li {
                    "We write to you to say what we found, what we will do about it, and how to go to the Ombudsman if you are not happy with our answer."
                }
            }
            p {
                "If we cannot reply within six months, or within the time we agreed with you, we write to tell you why and when you can expect our answer."
            }
            h2 { "If you are not happy with our answer" }
            p { "You can ask an independent Ombudsman to look at your complaint:" }
            ul(.class("list-bullet")) {
                li {
                    "about an NHS service: the \(Ombudsman.parliamentaryAndHealthService.name), "
                    a(.href(Ombudsman.parliamentaryAndHealthService.url)) { "ombudsman.org.uk" }
                }
                li {
                    "about adult social care arranged or paid for by a council: the \(Ombudsman.localGovernmentAndSocialCare.name), "
                    a(.href(Ombudsman.localGovernmentAndSocialCare.url)) { "lgo.org.uk" }
                }
            }
            p {
                "Go to the Ombudsman after we have answered your complaint, usually within 12 months of when you knew about the problem."
            }
            h2 { "Help to complain" }
            p {
                "Free, independent NHS complaints advocacy can help you write your complaint and go with you to meetings. Your local Healthwatch can tell you who provides it where you live."
            }
            p {
                "If you are worried about your safety or someone else's, call 999 in an emergency or 111 for urgent advice."
            }
        }
    }
}
