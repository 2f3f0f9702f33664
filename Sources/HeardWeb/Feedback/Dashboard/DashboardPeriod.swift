import Foundation
import HeardDomain

/// How far back the dashboard's figures go. A short, named set rather than free dates: each period is a whole
/// number of UK days, so the feedback list's "received from" its first day shows the same items.
enum DashboardPeriod: String, CaseIterable {
    case fourWeeks = "4-weeks"
    case twelveWeeks = "12-weeks"
    case twelveMonths = "12-months"

    static let standard = DashboardPeriod.fourWeeks

    /// "the last 4 weeks", for the period select and the headings.
    var title: String {
        switch self {
        case .fourWeeks: "the last 4 weeks"
        case .twelveWeeks: "the last 12 weeks"
        case .twelveMonths: "the last 12 months"
        }
    }

    /// "Last 4 weeks", for the period select.
    var label: String {
        switch self {
        case .fourWeeks: "Last 4 weeks"
        case .twelveWeeks: "Last 12 weeks"
        case .twelveMonths: "Last 12 months"
        }
    }

    /// The first UK day the figures count.
    func firstDay(now: Date) -> SimpleDate {
        let today = DecisionClock.ukDay(of: now)
        switch self {
        case .fourWeeks: return today.adding(days: -4 * 7)
        case .twelveWeeks: return today.adding(days: -12 * 7)
        case .twelveMonths: return today.adding(months: -12)
        }
    }

    /// The first moment the figures count: the start of `firstDay` in the UK.
    func start(now: Date) -> Date {
        DecisionClock.startOfUKDay(firstDay(now: now))
    }
}
