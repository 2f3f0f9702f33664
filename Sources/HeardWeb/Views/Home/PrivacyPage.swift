import Vapor

/// The privacy notice (UK GDPR articles 13 and 14): what each form collects, why, the lawful basis, who sees
/// it, how long it is kept and people's rights. Plain English; the organisation comes from `HEARD_CONTACT`.
enum PrivacyPage {
    /// The date this notice was last reviewed, shown on the page.
    static let reviewed = "7 December 2026"

    static func render(context: PageContext) -> String {
        let contact = context.contact
        return PageLayout.render(context) {
            h1 { "Privacy notice" }
            p(.class("lead")) {
                "This page explains what we do with the information you give us on this website, and your rights."
            }
            p {
                "\(contact.name) runs this website and is responsible for your information (the data controller). "
                if contact.isConfigured {
                    "To ask about your information, e-mail "
                    a(.href("mailto:\(contact.email)")) { contact.email }
                    "."
                } else {
                    "To ask about your information, contact \(PlaceholderContact.whoRunsTheSite)."
                }
            }
            ContactWays.paragraphs(contact)
            if let officer = contact.dataProtectionOfficer {
                p {
                    "Our Data Protection Officer is \(officer.name). You can write to them about how we use your information at "
                    a(.href("mailto:\(officer.email)")) { officer.email }
                    "."
                }
            }

            h2(.id("what-we-collect")) { "What we collect on each form" }
            h3 { "Share your experience" }
            ul(.class("list-bullet")) {
                li {
                    "the service you tell us about, your answer to the Friends and Family Test question and what you write"
                }
                li { "whether you agree to your story being published" }
                li { "your name, e-mail address and phone number, only if you choose to give them" }
                li { "answers to the questions about you (equality monitoring), only if you choose to answer" }
            }
            h3 { "Responding to a consultation" }
            ul(.class("list-bullet")) {
                li { "your answers to the questions" }
                li { "where you live, only if you choose to say" }
                li {
                    "your e-mail address, only if you want to hear the outcome. We delete it from your response once "
                        + "the outcome has been e-mailed to you"
                }
                li { "answers to the equality monitoring questions, only if you choose to answer" }
            }
            h3 { "Telling us you're coming to an event" }
            ul(.class("list-bullet")) {
                li { "your name, and your e-mail address or phone number, to tell you if anything changes" }
                li { "how many people are coming, and anything you need to take part" }
            }
            p {
                "We delete your name, contact details and what you need the day after the event, and keep only how many people came."
            }
            h3 { "Taking part in a panel, or sitting on a board" }
            ul(.class("list-bullet")) {
                li { "your name and e-mail address, and a password we keep only in a scrambled form, for your account" }
                li { "the invitations you are sent, your replies, and whether you came" }
                li {
                    "anything you tell us you need to take part, such as step-free access or an interpreter. "
                        + "It can be about your health, so we use it only to make the arrangements and delete it "
                        + "the day after the activity"
                }
                li { "ideas you put forward, and whether you want your name shown with one we take forward" }
                li {
                    "expenses you claim after taking part (what each cost was for and how much, and the miles if you "
                        + "drove), whether you chose to take an involvement payment, and whether and when we paid you"
                }
                li {
                    "if you sit on a board or panel: your name, your role, when you joined, and the interests you declare"
                }
            }
            h3 { "Every form" }
            p {
                "To stop spam we keep a scrambled (hashed) copy of your network address for one day. "
                "It cannot be turned back into the address. "
                "A page with a form sets one cookie, kept for a week, that shows the form was sent from this site (it stops other websites sending forms in your name). It holds nothing about you. "
                "Staff who sign in get one more cookie that keeps them signed in. We use no tracking or advertising cookies."
            }

            h2(.id("why")) { "Why we use it, and the law that allows it" }
            ul(.class("list-bullet")) {
                li {
                    strong { "Improving services and deciding changes fairly. " }
                    "The NHS must listen to patients and involve the public in changes to services. "
                    "Our lawful basis is public task (UK GDPR article 6(1)(e))."
                }
                li {
                    strong { "Publishing your story. " }
                    "We only publish it if you agree, and you can withdraw your consent at any time. "
                    "Our lawful basis is consent (article 6(1)(a))."
                }
                li {
                    strong { "Replying to you and telling you what changed. " }
                    "We only contact you if you gave your details for that. Our lawful basis is public task."
                }
                li {
                    strong { "Equality monitoring. " }
                    "Questions about your ethnic group, religion, health, sexual orientation and similar are special "
                    "category data. Every question is optional and has \"Prefer not to say\". We use the answers only "
                    "to check that we hear from everyone, as the Equality Act 2010 asks of public bodies "
                    "(article 9(2)(g), substantial public interest: equality of opportunity). "
                    "Your answers are stored apart from what you wrote, are never linked to it, and are only "
                    "shown as totals, with small numbers hidden."
                }
                li {
                    strong { "Publishing who sits on our boards and what they have declared. " }
                    "NHS rules on managing conflicts of interest ask us to publish the register of decision-makers' "
                    "interests, so people can see who took each decision. Our lawful basis is public task."
                }
                li {
                    strong { "What you need to take part. " }
                    "When it is about your health or a disability, our lawful basis is substantial public interest: "
                    "equality of opportunity (article 9(2)(g))."
                }
                li {
                    strong { "Paying your expenses and involvement payments. " }
                    "We pay people back for what taking part cost them, and pay them for their time when we offer it. "
                    "Our lawful basis is public task. A claim for care or a support worker can say something about "
                    "your health or a disability: for that, substantial public interest: equality of opportunity "
                    "(article 9(2)(g)). We ask only what we need to pay you."
                }
                li {
                    strong { "Anything about your health in what you write " }
                    "is special category data too. We use it to provide and improve health and care services "
                    "(article 9(2)(h))."
                }
            }

            h2(.id("published")) { "What is published" }
            p {
                "Nothing you write is published until a member of staff has read it. We only publish a story when "
                "you agreed, and only after removing names, addresses, phone numbers, e-mail addresses, NHS numbers "
                "and anything else that could identify you or someone else. Your contact details and equality "
                "answers are never published."
            }
            p {
                "If you sit on a board or panel, your name, role and the interests you declare are published on the "
                "board's page and in the register of interests. They stay there for six months after you leave, or "
                "after an interest ends, so people can check the decisions of that time."
            }

            h2(.id("who-sees-it")) { "Who can see your information" }
            ul(.class("list-bullet")) {
                li { "Staff who read and reply to feedback, and staff who run consultations, see what you wrote." }
                li {
                    "Your contact details are seen only by the staff who reply to you or handle a complaint, "
                    "and by the system that sends e-mails."
                }
                li {
                    "If what you wrote shows that someone may be at risk of harm, we may share it with the people who "
                    "need to keep them safe."
                }
                li {
                    "Your expense claims are seen by the staff who run involvement activities and by our finance team, "
                    "who get your name, e-mail address and what you claimed so they can pay you."
                }
                li { "We do not sell your information or use it for marketing." }
            }

            h2(.id("how-long")) { "How long we keep it" }
            p {
                "We keep information for as long as the NHS Records Management Code of Practice says. "
                "Complaints are kept for 10 years after they are closed. Feedback and consultation responses are "
                "kept while we use them to improve services and to show how decisions were made. "
                "Details given to sign up to an event, and what an invited person needs to take part, are deleted "
                "the day after it. "
                "An e-mail address given with a consultation response is deleted from the response once the "
                "outcome has been e-mailed, and at the latest 30 days after the outcome is published. "
                "Expense claims are finance records: we keep them for as long as the code says finance records must "
                "be kept, even if you ask us to delete your other information. "
                "The scrambled network address is deleted after one day. "
                "To find out how long something of yours will be kept, ask us."
            }

            h2(.id("your-rights")) { "Your rights" }
            p { "You have the right to:" }
            ul(.class("list-bullet")) {
                li { "ask for a copy of the information we hold about you" }
                li { "ask us to correct it if it is wrong" }
                li { "withdraw your consent to publishing your story at any time: we will take it down" }
                li { "ask us to delete your information, or to stop using it, in some cases" }
                li { "object to how we use it" }
            }
            p {
                if contact.isConfigured {
                    "To use any of these rights, e-mail "
                    a(.href("mailto:\(contact.email)")) { contact.email }
                } else {
                    "To use any of these rights, contact \(PlaceholderContact.whoRunsTheSite)"
                }
                " and give the reference we gave you when you sent your feedback, if you have it. "
                "A published story shows its reference, so before we send you a copy or delete anything we will check "
                "it is you, for example by writing to the e-mail address or phone number you gave with it. "
                "We will reply within one month."
            }
            ContactWays.paragraphs(contact)

            h2(.id("complaints")) { "If you are unhappy" }
            p {
                if contact.isConfigured {
                    "Please tell us first, at "
                    a(.href("mailto:\(contact.email)")) { contact.email }
                    "."
                } else {
                    "Please tell us first: contact \(PlaceholderContact.whoRunsTheSite)."
                }
                " You can also complain to the Information Commissioner's Office (ICO): "
                a(.href("https://ico.org.uk/make-a-complaint/")) { "ico.org.uk/make-a-complaint" }
                " or 0303 123 1113."
            }
            p(.class("hint")) { "This notice was last reviewed on \(reviewed)." }
        }
    }
}
