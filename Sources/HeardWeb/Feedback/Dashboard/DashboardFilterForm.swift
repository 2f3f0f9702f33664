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
                FormComponents.selectField(
                    name: "place", label: "Place",
                    choices: choices.places.map {
                        .init(value: $0.slug, label: Retirement.label($0.name, retired: $0.isRetired))
                    },
                    selected: filters.place?.slug ?? "", failure: nil, prompt: "All places")
                FormComponents.selectField(
                    name: "service", label: "Service",
                    choices: choices.services.map {
                        .init(
                            value: $0.id!.uuidString,
                            label: Retirement.label(
                                FeedbackItem.serviceAndPlace(service: $0.name, place: $0.place.name),
                                retired: $0.isRetired))
                    },
                    selected: filters.service?.id?.uuidString ?? "", failure: nil, prompt: "All services")
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
