import HeardDomain
import Vapor

/// One page that leads to the administrator's less frequent work, so the main navigation stays short enough
/// to read on a phone.
enum AdministrationPage {
    static let path = "/staff/admin"

    struct Link {
        var label: String
        var path: String
        var description: String
        var area: StaffArea
    }

    struct Section {
        var title: String
        var links: [Link]
    }

    static let sections: [Section] = [
        Section(
            title: "Where and who",
            links: [
                Link(
                    label: "Organisations", path: SiteURL.organisations,
                    description: "Trusts, councils, Healthwatch and others that run services or own actions.",
                    area: .referenceData),
                Link(
                    label: "Places", path: SiteURL.places,
                    description: "The places feedback and actions belong to, such as towns and districts.",
                    area: .referenceData),
                Link(
                    label: "Services", path: SiteURL.services,
                    description: "The services people can give feedback about, and who runs each one.",
                    area: .referenceData),
                Link(
                    label: "Population figures", path: PopulationController.path,
                    description: "Census figures for each place, to compare with who took part in a consultation.",
                    area: .referenceData),
            ]),
        Section(
            title: "People and records",
            links: [
                Link(
                    label: "People", path: SiteURL.users,
                    description: "Staff accounts and involved people: roles, sign-in and password links.",
                    area: .users),
                Link(
                    label: "Audit log", path: SiteURL.audit,
                    description: "Who changed what, and when.", area: .audit),
                Link(
                    label: "E-mail outbox", path: OutboxController.path,
                    description: "E-mails Heard sent or could not send, and sending them again.", area: .notices),
                Link(
                    label: "Requests about personal data", path: PersonalDataController.path,
                    description: "When someone asks for a copy of what Heard holds on them, or for it to be erased.",
                    area: .personalData),
                Link(
                    label: "Background work", path: JobsController.path,
                    description:
                        "Import analysis, daily reminders and housekeeping: what failed and why, and running it again.",
                    area: .backgroundWork),
            ]),
    ]

    /// The sections with only the links this role may use; empty sections are left out.
    static func sections(for role: Role) -> [Section] {
        sections.compactMap { section in
            let links = section.links.filter { $0.area.allows(role) }
            return links.isEmpty ? nil : Section(title: section.title, links: links)
        }
    }

    /// Whether the page has anything for this role (and so whether the navigation links to it).
    static func isUseful(to role: Role) -> Bool { !sections(for: role).isEmpty }

    /// The pages this one leads to, so the navigation can show that one of them is open.
    static var destinations: [String] { sections.flatMap { $0.links.map(\.path) } }

    @Sendable static func show(_ request: Request) async throws -> Response {
        guard let role = request.currentUser?.role else { throw Abort(.forbidden) }
        let failedJobs =
            StaffArea.backgroundWork.allows(role) ? try await JobsController.failedCount(on: request.db) : 0
        return .html(
            render(sections(for: role), failedJobs: failedJobs, context: PageContext(request, title: "Administration")))
    }

    static func render(_ sections: [Section], failedJobs: Int, context: PageContext) -> String {
        PageLayout.render(context) {
            JobsPage.failedWarning(failedJobs)
            h1 { "Administration" }
            p(.class("lead")) { "Set up where Heard is used and who uses it, and check what it has done." }
            for section in sections {
                h2 { section.title }
                ul(.class("list-plain link-list")) {
                    for link in section.links {
                        li {
                            a(.href(link.path)) { link.label }
                            p(.class("hint")) { link.description }
                        }
                    }
                }
            }
        }
    }
}
