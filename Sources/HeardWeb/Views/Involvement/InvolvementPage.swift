import HeardDomain
import HeardStorage

/// What an involved person sees after signing in: who they are here and how to take part.
enum InvolvementPage {
    static func render(user: User, context: PageContext) -> String {
        PageLayout.render(context) {
            h1 { "Your involvement" }
            p(.class("lead")) { "Thank you for giving your time, \(user.displayName)." }
            dl(.class("summary-list")) {
                div {
                    dt { "Name" }; dd { user.displayName }
                }
                div {
                    dt { "E-mail" }; dd { user.email }
                }
                div {
                    dt { "Role" }; dd { user.role.title }
                }
                if let last = user.lastSignInAt {
                    div {
                        dt { "Signed in" }; dd { last.formatted(AuditPage.dateFormat) }
                    }
                }
            }
            p {
                "Meetings you are invited to, the ideas you have put forward, and the difference your views made "
                "appear here as the organisations you work with record them."
            }
        }
    }
}
