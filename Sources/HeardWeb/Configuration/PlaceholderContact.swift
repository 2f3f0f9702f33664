import HeardDomain
import HeardStorage
import Vapor

/// `HEARD_CONTACT` not set: the contact is the placeholder, whose `.invalid` address can never be delivered. Public
/// pages then name no address ("contact the organisation that runs this site"); a real deployment says so at
/// start-up and shows administrators a banner. The demo (`serve --demo`) expects the placeholder and says nothing.
enum PlaceholderContact {
    /// Where the address would go on a public page when none is configured.
    static let whoRunsTheSite = "the organisation that runs this site"

    static let howToSet =
        "Set HEARD_CONTACT to the name and e-mail address the public should write to, like HEARD_CONTACT=\"Leeds ICB engagement team <engagement@leeds.example>\", and restart Heard."

    /// The start-up warning for a real deployment with no contact; nil when it is set or for the demo.
    static func startupWarning(_ config: AppConfiguration) -> String? {
        guard !config.contact.isConfigured, !config.seedDemoData else { return nil }
        return "HEARD_CONTACT is not set: public pages give no e-mail address for the people running this site, "
            + "and tell people to contact \(whoRunsTheSite). " + howToSet
    }

    /// The administrators' banner on the dashboard and settings page, while the warning applies.
    static func banner(_ request: Request) -> HTMLNode {
        guard request.currentUser?.role == .administrator, startupWarning(request.heardConfiguration) != nil else {
            return .fragment([])
        }
        return div(.class("warning-callout"), .role("note")) {
            p {
                strong { "The public pages show no contact address. " }
                "HEARD_CONTACT is not set, so where they would give an e-mail address they only say to contact \(whoRunsTheSite). "
                    + howToSet
            }
        }
    }
}
