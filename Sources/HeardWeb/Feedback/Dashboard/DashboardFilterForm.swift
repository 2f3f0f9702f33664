import Foundation
import HeardDomain
import HeardStorage

/// The GET form that narrows the dashboard's figures to a place, a service and a period (no script needed),
/// and the sentence saying what the figures below it show.
enum DashboardFilterForm {
    static func render(_ filters: DashboardFilters, choices: QueueFilters.Choices, today: SimpleDate) -> HTMLNode {
        section(.aria("labelledby", "figures")) {
            h2(.id("figures")) { "Feedback figures" }
            HeardWeb.form(.action(SiteURL.dashboard), .method("get"), .class("filters")) {
                PlaceAndServiceFilter.selects(
                    places: choices.places, services: choices.services, place: filters.place,
                    service: filters.service)
                FormComponents.selectField(
                    name: "period", label: "Period",
                    choices: DashboardPeriod.allCases.map { .init(value: $0.rawValue, label: $0.label) },
                    selected: filters.period.rawValue, failure: nil, prompt: nil)
                button(.type("submit"), .class("button button-secondary")) { "Show figures" }
            }
            p {
                "The figures below are for feedback received \(filters.described). "
                filters.period.covers(today: today)
                if filters.isSet {
                    " "
                    a(.href(SiteURL.dashboard)) { "Show every place and service for the last 4 weeks" }
                }
            }
        }
    }
}
