import Foundation
import HeardDomain

/// Retiring and restoring places and services: the page that says what retiring means before it is done, and
/// the part of the edit page and list that says whether one is retired.
enum RetirementViews {
    /// "Retired on 3 March 2026", in the UK's day.
    static func retiredOn(_ date: Date) -> String { "Retired on \(SimpleDate.ukDay(of: date).ukText)" }

    /// What retiring means, then either why it cannot be done yet or the button that does it.
    static func confirmPage(
        context: PageContext, noun: String, name: String, consequences: [String], problem: String?, action: String,
        backPath: String, csrfToken: String
    ) -> String {
        PageLayout.render(context) {
            p { a(.class("back-link"), .href(backPath)) { "Back" } }
            if let problem {
                div(
                    .class("error-summary"), .aria("labelledby", "error-summary-title"), .role("alert"),
                    .tabindex(-1)
                ) {
                    h2(.id("error-summary-title"), .class("error-summary-title")) { "There is a problem" }
                    p { problem }
                }
            }
            h1 { "Retire \(name)" }
            p(.class("lead")) {
                "Retire a \(noun) the integrated care system no longer uses, for example after a service closes or merges. Nothing is deleted."
            }
            ul {
                for line in consequences { li { line } }
            }
            p { "You can restore it later from the \(noun)s list or its Change page." }
            if problem == nil {
                form(.action(action), .method("post"), .novalidate) {
                    FormComponents.csrfField(csrfToken)
                    button(.type("submit"), .class("button button-warning")) { "Retire \(noun)" }
                }
            }
            p { a(.href(backPath)) { "Cancel and go back" } }
        }
    }

    /// Under an edit form: whether it is retired, with the way to retire or restore it.
    static func status(
        noun: String, name: String, retiredAt: Date?, retirePath: String, restorePath: String, csrfToken: String
    ) -> HTMLNode {
        section(.aria("labelledby", "retirement-heading")) {
            h2(.id("retirement-heading")) { retiredAt == nil ? "Retire this \(noun)" : "This \(noun) is retired" }
            if let retiredAt {
                p {
                    "\(retiredOn(retiredAt)). It is not offered for new feedback or new work; what was recorded about it is still shown."
                }
                restoreButton(noun: noun, name: name, path: restorePath, csrfToken: csrfToken)
            } else {
                p { "If it is no longer used, retire it: it stops being offered, and its history stays." }
                p { a(.href(retirePath)) { "Retire \(name)" } }
            }
        }
    }

    /// A small form with one button, for the list or the edit page.
    static func restoreButton(noun: String, name: String, path: String, csrfToken: String) -> HTMLNode {
        form(.action(path), .method("post"), .class("inline-form")) {
            FormComponents.csrfField(csrfToken)
            button(.type("submit"), .class("link-button")) {
                "Restore"
                span(.class("visually-hidden")) { " \(noun) \(name)" }
            }
        }
    }

    /// The list's action cell: change it, and retire or restore it.
    static func actions(
        noun: String, name: String, editPath: String, retiredAt: Date?, retirePath: String, restorePath: String,
        csrfToken: String
    ) -> HTMLNode {
        .fragment([
            ReferenceDataViews.editLink(editPath, name: name),
            .text(" "),
            retiredAt == nil
                ? a(.href(retirePath)) {
                    "Retire"
                    span(.class("visually-hidden")) { " " + name }
                }
                : restoreButton(noun: noun, name: name, path: restorePath, csrfToken: csrfToken),
        ])
    }

    /// "Showing places in use. Show retired places too (2)", or the way back.
    static func toggle(
        noun: String, showing: Bool, retiredCount: Int, showPath: String, hidePath: String
    )
        -> HTMLNode
    {
        if showing {
            return p {
                "Showing retired \(noun)s too. "; a(.href(hidePath)) { "Hide retired \(noun)s" }
            }
        }
        guard retiredCount > 0 else { return .empty }
        return p {
            "Retired \(noun)s are hidden. "
            a(.href(showPath)) { "Show retired \(noun)s (\(retiredCount))" }
        }
    }
}
