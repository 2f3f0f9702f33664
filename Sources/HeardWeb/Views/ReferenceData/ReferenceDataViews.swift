import HeardDomain

/// The list and form pages shared by organisations, places and services.
enum ReferenceDataViews {
    static func list(
        context: PageContext, heading: String, intro: String, newPath: String, newLabel: String, headers: [String],
        rows: [[HTMLNode]], notice: String?, filters: HTMLNode = .empty, emptyText: String = "There are none yet.",
        pagination: HTMLNode = .empty, retiredToggle: HTMLNode = .empty
    ) -> String {
        PageLayout.render(context) {
            if let notice { div(.class("notice"), .role("status")) { notice } }
            h1 { heading }
            p(.class("lead")) { intro }
            p { a(.class("button"), .href(newPath)) { newLabel } }
            filters
            retiredToggle
            if rows.isEmpty {
                p { emptyText }
            } else {
                DataTable.render(caption: heading, headers: headers, rows: rows, captionHidden: true)
            }
            pagination
        }
    }

    static func form(
        context: PageContext, heading: String, action: String, failure: ValidationFailure?, submitLabel: String,
        backPath: String, csrfToken: String, after: HTMLNode = .empty, @HTMLBuilder fields: () -> [HTMLNode]
    ) -> String {
        let fieldNodes = fields()
        return PageLayout.render(context) {
            p { a(.class("back-link"), .href(backPath)) { "Back" } }
            FormComponents.errorSummary(failure)
            h1 { heading }
            HeardWeb.form(.action(action), .method("post"), .novalidate) {
                FormComponents.csrfField(csrfToken)
                fieldNodes
                FormComponents.submitButton(submitLabel)
            }
            after
        }
    }

    static func editLink(_ path: String, name: String) -> HTMLNode {
        a(.href(path)) {
            "Change"; span(.class("visually-hidden")) { " " + name }
        }
    }
}
