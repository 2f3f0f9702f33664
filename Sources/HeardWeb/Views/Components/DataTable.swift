/// An accessible table: caption, header cells with scope, one row per item. On a phone a wide table scrolls
/// sideways inside its wrapper, so the wrapper is a named, focusable region: keyboard users can scroll it too
/// (WCAG 2.1.1; axe "scrollable-region-focusable").
enum DataTable {
    /// - Parameter stacked: on a narrow screen, show each row as a block with each cell under its column's name
    ///   (for tables of long text, which a phone would squeeze to a few letters a line), not a sideways scroll.
    static func render(
        caption captionText: String, headers: [String], rows: [[HTMLNode]], captionHidden: Bool = false,
        stacked: Bool = false
    )
        -> HTMLNode
    {
        // Blocks lose a table's meaning in some browsers, so a stacked table states its roles.
        let roles: (String) -> [HTMLAttribute] = { stacked ? [.role($0)] : [] }
        return div(.class("table-wrap"), .role("region"), .aria("label", captionText), .tabindex(0)) {
            HTMLNode.element(
                "table", [.class(stacked ? "table table-stack" : "table")] + roles("table"),
                children: [
                    caption(.class(captionHidden ? "visually-hidden" : "table-caption")) { captionText },
                    HTMLNode.element(
                        "thead", roles("rowgroup"),
                        children: [
                            .element(
                                "tr", roles("row"),
                                children: headers.map { header in
                                    .element("th", [.scope("col")] + roles("columnheader"), children: [.text(header)])
                                })
                        ]),
                    HTMLNode.element(
                        "tbody", roles("rowgroup"),
                        children: rows.map { row in
                            .element(
                                "tr", roles("row"),
                                children: row.enumerated().map { index, cell in
                                    index == 0
                                        ? .element("th", [.scope("row")] + roles("rowheader"), children: [cell])
                                        : .element(
                                            "td",
                                            roles("cell")
                                                + (stacked && index < headers.count
                                                    ? [.data("label", headers[index])] : []),
                                            children: [cell])
                                })
                        }),
                ])
        }
    }
}

/// Previous / next links for long lists.
enum Pagination {
    /// `label` names the navigation; a page with two paged lists gives each its own ("Pages of what we did").
    static func links(page: Int, pageCount: Int, label: String = "Pages", link: (Int) -> String) -> HTMLNode {
        guard pageCount > 1 else { return .empty }
        return nav(.class("pagination"), .aria("label", label)) {
            ul {
                if page > 1 { li { a(.href(link(page - 1)), .rel("prev")) { "Previous page" } } }
                li { "Page \(page) of \(pageCount)" }
                if page < pageCount { li { a(.href(link(page + 1)), .rel("next")) { "Next page" } } }
            }
        }
    }
}
