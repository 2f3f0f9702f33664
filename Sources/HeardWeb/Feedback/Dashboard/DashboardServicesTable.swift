import Foundation
import HeardDomain

/// The dashboard's "By service" table: the busiest services in the period, each linked to its feedback.
enum DashboardServicesTable {
    /// A region has hundreds of services; the page shows the busiest, the CSV download all of them.
    static let shown = 20

    static func render(
        _ rows: [FeedbackDashboard.ServiceRow], filters: DashboardFilters, firstDay: SimpleDate
    ) -> HTMLNode {
        section(.aria("labelledby", "services")) {
            h2(.id("services")) { "By service, feedback received \(filters.described)" }
            if rows.isEmpty {
                p { "No service had feedback \(filters.described)." }
            } else {
                if rows.count > shown {
                    p(.class("hint")) {
                        "The \(shown) services with the most feedback, of \(rows.count) with any. The download has them all."
                    }
                }
                DataTable.render(
                    caption: "Feedback by service, most first",
                    headers: ["Service"] + FeedbackDashboard.Counts.pageHeaders,
                    rows: rows.prefix(shown).map { row in
                        [a(.href(filters.feedbackList(firstDay: firstDay, service: row.id))) { row.label }]
                            + row.counts.pageCells.map { HTMLNode.text($0) }
                    })
            }
            p {
                a(.href(filters.path(SiteURL.dashboard + "/dashboard/services.csv"))) { "Download this table (CSV)" }
            }
        }
    }
}
