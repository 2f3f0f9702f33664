import Vapor

/// The accessibility statement public-sector websites must publish.
enum AccessibilityPage {
    /// When the statement was prepared and last reviewed, shown on the page.
    static let prepared = "5 December 2026"

    static func render(context: PageContext) -> String {
        let contact = context.contact
        return PageLayout.render(context) {
            h1 { "Accessibility statement" }
            p(.class("lead")) { "We want as many people as possible to be able to use Heard." }
            p { "You should be able to:" }
            ul(.class("list-bullet")) {
                li { "zoom in up to 400% without the text spilling off the screen" }
                li { "use every page with a keyboard, and with JavaScript turned off" }
                li { "use every page with a screen reader" }
                li { "read pages written in plain English" }
            }
            h2 { "How accessible this website is" }
            p {
                "Heard aims to meet the Web Content Accessibility Guidelines (WCAG) version 2.2 at level AA. "
                "Each page is checked with automated accessibility tests in a real browser before each release."
            }
            h2 { "Feedback and contact information" }
            p {
                "If you find a problem or need information in a different format, such as easy read, large print, "
                if contact.isConfigured {
                    "audio or another language, contact \(contact.nameInSentence): e-mail "
                    a(.href("mailto:\(contact.email)")) { contact.email }
                    "."
                } else {
                    "audio or another language, contact \(PlaceholderContact.whoRunsTheSite)."
                }
                " Tell us the web address of the page and what the problem is. We will reply within 5 working days."
            }
            h2 { "Enforcement procedure" }
            p {
                "The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector "
                "Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018. If you are not "
                "happy with how we respond to your complaint, contact the "
                a(.href("https://www.equalityadvisoryservice.com/")) { "Equality Advisory and Support Service (EASS)" }
                ". In Northern Ireland, contact the "
                a(.href("https://www.equalityni.org/Home")) { "Equality Commission for Northern Ireland (ECNI)" }
                "."
            }
            h2 { "Compliance status" }
            p {
                "This website is fully compliant with the Web Content Accessibility Guidelines version 2.2 AA "
                "standard. We know of no parts that fail it. If you find one, please tell us."
            }
            h2 { "Preparation of this statement" }
            p {
                "This statement was prepared on \(prepared). It was last reviewed on \(prepared). "
                "The website was tested with automated checks (axe) in a real browser at desktop and phone widths, "
                "and by hand with a keyboard and with JavaScript turned off."
            }
        }
    }
}
