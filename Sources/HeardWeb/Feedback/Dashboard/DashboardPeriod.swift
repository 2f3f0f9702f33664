import Foundation
import HeardDomain

/// How far back the dashboard's figures go. A short, named set rather than free dates: each period is a whole
/// number of UK days, so the feedback list's "received from" its first day shows the same items.
///
/// The weeks are the weekly chart's: Monday to Sunday by the UK day an item was received, this week (so far)
/// the last. "The last 4 weeks" is this week so far and the 3 whole weeks before it, so its figures add up to
/// the chart's last 4 bars; "the last 12 weeks" is every bar of the chart.
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

    /// The Monday that starts the week (Monday to Sunday) `day` falls in.
    static func monday(of day: SimpleDate) -> SimpleDate {
        day.adding(days: 1 - WorkingDays.weekday(day))
    }

    /// The first UK day the figures count: a Monday for the weeks, the same day a year ago for 12 months.
    func firstDay(today: SimpleDate) -> SimpleDate {
        switch self {
        case .fourWeeks: return Self.monday(of: today).adding(days: -3 * 7)
        case .twelveWeeks: return Self.monday(of: today).adding(days: -11 * 7)
        case .twelveMonths: return today.adding(months: -12)
        }
    }

    /// The first moment the figures count: the start of `firstDay` in the UK.
    func start(today: SimpleDate) -> Date {
        DecisionClock.startOfUKDay(firstDay(today: today))
    }

    /// What the period covers in dates, for the sentence under the filter form: "From Monday 9 November 2026
    /// to today: this week so far and the 3 weeks before it, the last 4 bars of the weekly chart."
    func covers(today: SimpleDate) -> String {
        let first = firstDay(today: today)
        switch self {
        case .fourWeeks:
            return "From \(FeedbackDashboardView.dayText(first)) to today: this week so far and the 3 weeks before it, "
                + "the last 4 bars of the weekly chart."
        case .twelveWeeks:
            return "From \(FeedbackDashboardView.dayText(first)) to today: this week so far and the 11 weeks before "
                + "it, every bar of the weekly chart."
        case .twelveMonths:
            return "From \(FeedbackDashboardView.dayText(first)) to today."
        }
    }
}
