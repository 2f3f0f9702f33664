/// An accessible table: caption, header cells with scope, one row per item. On a phone a wide table scrolls
/// sideways inside its wrapper, so the wrapper is a named, focusable region: keyboard users can scroll it too
/// (WCAG 2.1.1; axe "scrollable-region-focusable").
enum DataTable {
    static func render(
        caption captionText: String, headers: [String], rows: [[HTMLNode]], captionHidden: Bool = false
    )
        -> HTMLNode
    {
        div(.class("table-wrap"), .role("region"), .aria("label", captionText), .tabindex(0)) {
            table(.class("table")) {
                caption(.class(captionHidden ? "visually-hidden" : "table-caption")) { captionText }
                thead {
                    tr { for header in headers { th(.scope("col")) { header } } }
                }
                tbody {
                    for row in rows {
                        tr {
                            for (index, cell) in row.enumerated() {
                                if index == 0 { th(.scope("row")) { cell } } else { td { cell } }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Previous / next links for long lists.
enum Pagination {
    static func links(page: Int, pageCount: Int, link: (Int) -> String) -> HTMLNode {
        guard pageCount > 1 else { return .empty }
        return nav(.class("pagination"), .aria("label", "Pages")) {
            ul {
                if page > 1 { li { a(.href(link(page - 1)), .rel("prev")) { "Previous page" } } }
                li { "Page \(page) of \(pageCount)" }
                if page < pageCount { li { a(.href(link(page + 1)), .rel("next")) { "Next page" } } }
            }
        }
    }
}
