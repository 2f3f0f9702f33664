import Vapor

/// The accessibility statement public-sector websites must publish.
enum AccessibilityPage {
    static func render(context: PageContext) -> String {
        PageLayout.render(context) {
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
            h2 { "Reporting problems" }
            p {
                "If you find a problem or need information in a different format, such as easy read, large print "
                "or another language, contact the organisation that runs this site. We will reply within 5 working days."
            }
        }
    }
}
