import HeardDomain
import HeardStorage
import Vapor

/// What every page needs to know besides its own content.
struct PageContext {
    var title: String
    var user: User?
    /// Present on pages with forms; the layout's sign-out button needs it too.
    var csrfToken: String?
    var currentPath: String
    var hasErrors: Bool = false
    /// Who runs the site and how the public reach them (`HEARD_CONTACT`).
    var contact: SiteContact = .default

    init(_ request: Request, title: String, hasErrors: Bool = false) {
        self.title = title
        self.user = request.currentUser
        self.currentPath = request.url.path
        self.hasErrors = hasErrors
        self.contact = request.heardConfiguration.contact
        // Only signed-in pages and pages with forms create a session; public reading pages stay cookie-free.
        self.csrfToken = user != nil ? request.csrfToken : nil
    }
}

/// The frame of every page: skip link, header with navigation, main, footer. WCAG 2.2 AA, no JavaScript.
enum PageLayout {
    static func render(_ context: PageContext, @HTMLBuilder content: () -> [HTMLNode]) -> String {
        let title = (context.hasErrors ? "Error: " : "") + context.title + " – Heard"
        let body = content()
        let document = element("html", .lang("en-GB")) {
            element("head") {
                HTMLNode.void("meta", [HTMLAttribute("charset", "utf-8")])
                HTMLNode.void(
                    "meta", [.name("viewport"), HTMLAttribute("content", "width=device-width, initial-scale=1")])
                element("title") { title }
                HTMLNode.void("link", [.rel("stylesheet"), .href(SiteURL.stylesheet)])
            }
            element("body") {
                a(.class("skip-link"), .href("#main")) { "Skip to main content" }
                siteHeader(context)
                mainElement(.id("main"), .class("wrap"), .tabindex(-1)) { body }
                siteFooter(context)
            }
        }
        return "<!doctype html>\n" + document.render()
    }

    private static func siteHeader(_ context: PageContext) -> HTMLNode {
        header(.class("site-header")) {
            div(.class("wrap header-inner")) {
                a(.class("brand"), .href(SiteURL.home)) {
                    span(.class("brand-name")) { "Heard" }
                    span(.class("brand-tag")) { "Listening to people about health and care" }
                }
                nav(.aria("label", "Main")) {
                    ul(.class("nav-list")) {
                        for item in navigation(for: context.user) {
                            li {
                                if context.currentPath == item.path {
                                    a(.href(item.path), .aria("current", "page")) { item.label }
                                } else if item.leadsTo(context.currentPath) {
                                    a(.href(item.path), .aria("current", "true")) { item.label }
                                } else {
                                    a(.href(item.path)) { item.label }
                                }
                            }
                        }
                        if let user = context.user, let token = context.csrfToken {
                            li {
                                if context.currentPath == SiteURL.changePassword {
                                    a(.href(SiteURL.changePassword), .aria("current", "page")) { "Your password" }
                                } else {
                                    a(.href(SiteURL.changePassword)) { "Your password" }
                                }
                            }
                            li {
                                form(.action(SiteURL.signOut), .method("post"), .class("inline-form")) {
                                    input(.type("hidden"), .name(CSRFMiddleware.fieldName), .value(token))
                                    button(.type("submit"), .class("link-button")) {
                                        "Sign out"
                                        span(.class("visually-hidden")) { " (\(user.displayName))" }
                                    }
                                }
                            }
                        } else {
                            // Staff, and panel members and other involved people with an account, sign in here.
                            li { a(.href(SiteURL.signInPath)) { "Sign in" } }
                        }
                    }
                }
            }
        }
    }

    struct NavigationItem {
        var label: String
        var path: String
        /// Pages reached through this one: while one of them is open, this link is marked as the current
        /// section.
        var sectionPaths: [String] = []

        func leadsTo(_ currentPath: String) -> Bool {
            return sectionPaths.contains { currentPath == $0 || currentPath.hasPrefix($0 + "/") }
        }
    }

    /// The links a person sees depend on what their role may use.
    static func navigation(for user: User?) -> [NavigationItem] {
        var items = [
            NavigationItem(label: "Home", path: SiteURL.home),
            NavigationItem(label: "Consultations", path: DecisionURL.consultationHub),
        ]
        let publicItems: [NavigationItem] = [
            .init(label: "Share your experience", path: SiteURL.share),
            .init(label: "Stories", path: SiteURL.stories),
            .init(label: "You said, we did", path: SiteURL.youSaidWeDid),
        ]
        guard let role = user?.role else { return items + publicItems }
        // A panel member signed in is still one of the public: the public pages stay in reach, with their own.
        if !role.isStaff {
            return items + publicItems + [.init(label: "Your involvement", path: SiteURL.involvement)]
        }
        if StaffArea.dashboard.allows(role) { items.append(.init(label: "Dashboard", path: SiteURL.dashboard)) }
        if StaffArea.moderation.allows(role) { items.append(.init(label: "Moderation", path: SiteURL.moderation)) }
        if StaffArea.complaints.allows(role) {
            items.append(.init(label: "Complaints", path: ComplaintURL.complaints))
        }
        if StaffArea.feedback.allows(role) {
            items.append(.init(label: "Feedback", path: SiteURL.staffFeedback))
            items.append(.init(label: "Replies", path: SiteURL.replies))
        }
        if StaffArea.actions.allows(role) { items.append(.init(label: "Actions", path: SiteURL.actions)) }
        if StaffArea.dataTransfer.allows(role) {
            items.append(.init(label: "Import", path: SiteURL.imports))
            items.append(.init(label: "Settings", path: SiteURL.settings))
        }
        if StaffArea.initiatives.allows(role) {
            items.append(.init(label: "Initiatives", path: DecisionURL.initiatives))
            items.append(.init(label: "Ideas", path: IdeaURL.staffIdeas))
        }
        if StaffArea.activities.allows(role) {
            items.append(.init(label: "Activities", path: DecisionURL.activities))
            items.append(.init(label: "Expenses", path: StaffExpenses.path))
        }
        if StaffArea.decisions.allows(role) { items.append(.init(label: "Decisions", path: DecisionURL.decisions)) }
        if StaffArea.boards.allows(role) { items.append(.init(label: "Boards", path: BoardURL.staffBoards)) }
        if StaffArea.indicators.allows(role) {
            items.append(.init(label: "Indicators", path: IndicatorURL.indicators))
        }
        // Reference data, accounts, the audit log and the outbox sit behind one link: a phone shows the whole
        // navigation before the page.
        if AdministrationPage.isUseful(to: role) {
            items.append(
                .init(
                    label: "Administration", path: AdministrationPage.path,
                    sectionPaths: AdministrationPage.destinations))
        }
        return items
    }

    private static func siteFooter(_ context: PageContext) -> HTMLNode {
        footer(.class("site-footer")) {
            div(.class("wrap")) {
                ul(.class("footer-links")) {
                    li { a(.href(SiteURL.howToComplain)) { "How to make a complaint" } }
                    li { a(.href(SiteURL.privacy)) { "Privacy notice" } }
                    li { a(.href(SiteURL.accessibility)) { "Accessibility statement" } }
                    li { a(.href(DecisionURL.publicDecisions)) { "Decisions and what people said" } }
                    li { a(.href(BoardURL.publicBoards)) { "Boards and who sits on them" } }
                    li { a(.href(IdeaURL.publicIdeas)) { "Ideas taken forward" } }
                    li { a(.href(OpenDataURL.page)) { "Open data" } }
                }
                p {
                    "\(context.contact.name) runs this site and keeps what you tell us on its own systems. "
                    "The personal details of people who give feedback or respond to a consultation are never published; "
                    "the names and declared interests of board members are, as NHS rules on conflicts of interest require. "
                    a(.href(SiteURL.privacy)) { "How we use your information" }
                }
            }
        }
    }
}

extension Response {
    static func html(_ body: String, status: HTTPResponseStatus = .ok) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .html
        return Response(status: status, headers: headers, body: .init(string: body))
    }
}
