import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Vapor

/// The dashboard's filters: a place, a service and a period, from the query string.
///
/// A value that names nothing is dropped with a notice and the figures fall back to every place, every service
/// or the last 4 weeks: a dashboard that quietly showed zeros would read as "no feedback". Every figure link
/// and CSV download carries the filters, so what it shows matches the figure.
struct DashboardFilters {
    var period = DashboardPeriod.standard
    var place: Place?
    /// With its place loaded.
    var service: Service?
    /// What was asked for and could not be used, in words, for the notice at the top of the page.
    var problems: [String] = []

    static func read(_ request: Request) async throws -> DashboardFilters {
        var filters = DashboardFilters()
        let periodText = text(request, "period")
        if !periodText.isEmpty {
            if let period = DashboardPeriod(rawValue: periodText) {
                filters.period = period
            } else {
                filters.problems.append(
                    "\"\(periodText)\" is not a period the dashboard offers, so it shows \(DashboardPeriod.standard.title)."
                )
            }
        }
        var problems: [FilterProblem] = []
        let scope = try await PlaceAndServiceFilter.read(request, figures: "figures", problems: &problems)
        filters.problems += problems.map(\.sentence)
        (filters.place, filters.service) = (scope.place, scope.service)
        return filters
    }

    private static func text(_ request: Request, _ name: String) -> String {
        PlaceAndServiceFilter.text(request, name)
    }

    /// The narrowest of the filters: a service lies in one place.
    var scope: FeedbackScope {
        if let id = service?.id { return .service(id) }
        if let id = place?.id { return .place(id) }
        return .everywhere
    }

    /// The one place the figures are about, if they are narrowed (a service's own place).
    var placeID: UUID? { service?.$place.id ?? place?.id }

    var isSet: Bool { place != nil || service != nil || period != .standard }

    /// "Emergency department, Calderdale" or "Calderdale"; nil for everywhere.
    var scopeName: String? {
        if let service { return FeedbackItem.serviceAndPlace(service: service.name, place: service.place.name) }
        return place?.name
    }

    /// What the figures cover, for headings: "in the last 12 weeks, Northtown".
    var described: String {
        "in " + period.title + (scopeName.map { ", " + $0 } ?? "")
    }

    /// The query string pairs that reproduce these filters (the default period is left out).
    var pairs: [(String, String)] {
        [
            ("place", place?.slug ?? ""), ("service", service?.id?.uuidString ?? ""),
            ("period", period == .standard ? "" : period.rawValue),
        ]
    }

    /// A dashboard path (the page or a CSV download) with these filters.
    func path(_ base: String) -> String {
        ListPage.path(base, filters: pairs, page: 1)
    }

    /// The staff feedback list showing the items behind a figure: these filters (or the row's own place or
    /// service), received from the period's first day (to `lastDay` too, for a past week of the chart).
    func feedbackList(
        firstDay: SimpleDate, lastDay: SimpleDate? = nil, theme: String = "", place slug: String? = nil,
        service id: UUID? = nil, answer: FFTAnswerGroup? = nil, withWords: Bool = false, status: String = ""
    ) -> String {
        ListPage.path(
            SiteURL.staffFeedback,
            filters: [
                ("theme", theme), ("place", slug ?? place?.slug ?? ""),
                ("service", (id ?? service?.id)?.uuidString ?? ""), ("from", firstDay.iso),
                ("to", lastDay?.iso ?? ""), ("answer", answer?.rawValue ?? ""), ("words", withWords ? "with" : ""),
                ("status", status),
            ], page: 1)
    }
}
