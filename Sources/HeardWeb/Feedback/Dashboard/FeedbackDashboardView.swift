import Foundation
import HeardDomain
import HeardStorage
import HeardText

/// The feedback half of the staff dashboard. Every chart has its table; every figure links to its items, with
/// the dashboard's filters, so the list shows as many as the figure says.
enum FeedbackDashboardView {
    static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    /// "Monday 30 November 2026".
    static func dayText(_ day: SimpleDate) -> String {
        weekdays[WorkingDays.weekday(day) - 1] + " " + day.ukText
    }

    /// "Mon 30 Nov 2026", short enough for a chart label.
    static func shortDayText(_ day: SimpleDate) -> String {
        let parts = day.ukText.split(separator: " ")
        return "\(weekdays[WorkingDays.weekday(day) - 1].prefix(3)) \(parts[0]) \(parts[1].prefix(3)) \(parts[2])"
    }

    static func render(_ model: FeedbackDashboard, role: Role, csrfToken: String, engineProblem: String?) -> HTMLNode {
        let filters = model.filters
        return .fragment([
            alerts(model.alerts, csrfToken: csrfToken),
            waiting(model.waiting, role: role),
            DashboardFilterForm.render(filters, choices: model.choices, today: model.today),
            // "Of 3 stories published in the last 4 weeks, Calderdale, that needed an answer".
            LoopClosurePanel.render(model.loop, period: filters.described + (filters.scopeName == nil ? "" : ",")),
            volumes(model.weeks, filters: filters, today: model.today),
            friendsAndFamilyTest(model.fft, filters: filters, firstDay: model.firstDay),
            themes(model.themes, filters: filters, firstDay: model.firstDay),
            relational(
                model.relational, analysed: model.analysedCount, period: filters.described,
                engineProblem: engineProblem),
            places(model.places, filters: filters, firstDay: model.firstDay),
            DashboardServicesTable.render(model.services, filters: filters, firstDay: model.firstDay),
        ])
    }

    /// When the person wrote, which says how long they may have waited; and, when it was later (feedback
    /// imported or entered from a letter), when the alert was raised, so old words are not taken for new.
    static func alertTimes(_ alert: UrgentAlert) -> String {
        let written = alert.feedback.receivedAt
        let said = "written " + written.formatted(AuditPage.dateFormat)
        guard let raised = alert.createdAt, raised.timeIntervalSince(written) > 60 * 60 else { return said }
        return said + " (alert raised " + raised.formatted(AuditPage.dateFormat) + ")"
    }

    static func alerts(_ alerts: [UrgentAlert], csrfToken: String) -> HTMLNode {
        section(.aria("labelledby", "alerts")) {
            h2(.id("alerts")) { "Urgent alerts" }
            p(.class("hint")) { "From everywhere, whatever the filters below." }
            if alerts.isEmpty {
                p { "No urgent feedback is waiting." }
            } else {
                ul(.class("alert-list")) {
                    for alert in alerts {
                        li {
                            a(.href(SiteURL.feedback(alert.$feedback.id))) { alert.feedback.reference }
                            " – " + alert.reasons.replacingOccurrences(of: ";", with: ", ")
                            " – " + alertTimes(alert)
                            HeardWeb.form(
                                .action(SiteURL.alerts + "/" + alert.id!.uuidString.lowercased() + "/acknowledge"),
                                .method("post"), .class("inline-form")
                            ) {
                                FormComponents.csrfField(csrfToken)
                                " "
                                button(.type("submit"), .class("link-button")) {
                                    "I am dealing with this"
                                    span(.class("visually-hidden")) { " (\(alert.feedback.reference))" }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Moderation is linked only for roles that may moderate; others see the count as plain text.
    static func waiting(_ waiting: FeedbackDashboard.Waiting, role: Role) -> HTMLNode {
        section(.aria("labelledby", "waiting")) {
            h2(.id("waiting")) { "Waiting for you" }
            p(.class("hint")) { "Everywhere, whatever the filters below." }
            ul(.class("stat-list")) {
                li {
                    if StaffArea.moderation.allows(role) {
                        a(.href(SiteURL.moderation)) {
                            strong { "\(waiting.moderation)" }; " to moderate"
                        }
                    } else {
                        strong { "\(waiting.moderation)" }; " waiting for a moderator"
                    }
                }
                li {
                    a(.href(SiteURL.replies)) {
                        if waiting.replies >= FeedbackDashboard.waitingCountLimit {
                            strong { "\(waiting.replies.formatted) or more" }; " stories need a reply"
                        } else {
                            strong { "\(waiting.replies)" }; " stories need a reply"
                        }
                    }
                }
                li {
                    a(.href(SiteURL.actions + "?overdue=yes")) {
                        strong { "\(waiting.overdueActions)" };
                        waiting.overdueActions == 1 ? " action overdue" : " actions overdue"
                    }
                }
                // Complaints wait for the complaints team only; the count is the list it links to, so a case
                // answered or closed no longer counts.
                if StaffArea.complaints.allows(role) {
                    li {
                        a(.href(ComplaintURL.complaints)) {
                            strong { "\(waiting.openComplaints)" }
                            waiting.openComplaints == 1 ? " open complaint" : " open complaints"
                        }
                    }
                    li {
                        a(.href(ComplaintURL.overdue)) {
                            strong { "\(waiting.complaintsOverdue)" }
                            waiting.complaintsOverdue == 1
                                ? " complaint with a step overdue" : " complaints with a step overdue"
                        }
                    }
                }
            }
        }
    }

    /// Always twelve weeks, week by week (a year of weeks would not read as a chart), narrowed to the place or
    /// service. Weeks run Monday to Sunday by UK day, this week so far the last; each week links to the
    /// feedback list for its days.
    static func volumes(_ weeks: [FeedbackDashboard.Week], filters: DashboardFilters, today: SimpleDate) -> HTMLNode {
        section(.aria("labelledby", "volumes")) {
            h2(.id("volumes")) { "Feedback received, last 12 weeks" + (filters.scopeName.map { ", " + $0 } ?? "") }
            p(.class("hint")) {
                "Weeks run Monday to Sunday, by the day (UK time) each item was received; the last is this week so far."
                switch filters.period {
                case .fourWeeks: " The figures below the chart cover its last 4 bars."
                case .twelveWeeks: " The figures below the chart cover all 12 bars."
                case .twelveMonths:
                    " Week by week for the last 12 weeks; the other figures cover the last 12 months, from "
                        + dayText(filters.period.firstDay(today: today)) + "."
                }
            }
            BarChart.render(
                title: "Feedback received per week, Monday to Sunday",
                bars: weeks.map {
                    .init(
                        label: "Week of " + shortDayText($0.start) + ($0.isCurrent ? " (so far)" : ""),
                        segments: [($0.count, "chart-bar")])
                })
            details(.class("details")) {
                summary(.class("details-summary")) { "Show the figures as a table" }
                DataTable.render(
                    caption: "Feedback received per week", headers: ["Week, Monday to Sunday", "Received"],
                    rows: weeks.map { week in
                        [
                            a(
                                .href(
                                    filters.feedbackList(firstDay: week.start, lastDay: week.isCurrent ? nil : week.end)
                                )
                            ) {
                                week.isCurrent
                                    ? "Week of \(dayText(week.start)) (so far)"
                                    : "\(dayText(week.start)) to \(dayText(week.end))"
                            },
                            .text(String(week.count)),
                        ]
                    })
            }
            p { a(.href(filters.path(SiteURL.dashboard + "/dashboard/volumes.csv"))) { "Download this table (CSV)" } }
        }
    }

    static func themes(
        _ themes: [YouSaidWeDidController.ThemeCount], filters: DashboardFilters, firstDay: SimpleDate
    ) -> HTMLNode {
        section(.aria("labelledby", "themes")) {
            h2(.id("themes")) { "Themes \(filters.described), with how people felt" }
            if themes.isEmpty {
                p { "No themes found yet." }
            } else {
                BarChart.render(
                    title: "Feedback per theme: positive, mixed and negative",
                    bars: themes.map {
                        .init(
                            label: $0.theme,
                            segments: [
                                ($0.positive, "chart-bar-positive"),
                                ($0.count - $0.positive - $0.negative, "chart-bar"),
                                ($0.negative, "chart-bar-negative"),
                            ])
                    })
                p(.class("hint")) { "Green: positive. Blue: mixed or neutral. Red: negative." }
                DataTable.render(
                    caption: "Feedback per theme", headers: ["Theme", "All", "Positive", "Negative"],
                    rows: themes.map { row in
                        [
                            a(.href(filters.feedbackList(firstDay: firstDay, theme: row.theme))) { row.theme },
                            .text(String(row.count)), .text(String(row.positive)), .text(String(row.negative)),
                        ]
                    })
                p {
                    a(.href(filters.path(SiteURL.dashboard + "/dashboard/themes.csv"))) { "Download this table (CSV)" }
                }
            }
        }
    }

    static func relational(
        _ rows: [(flag: RelationalFlag, count: Int)], analysed: Int, period: String, engineProblem: String?
    ) -> HTMLNode {
        section(.aria("labelledby", "relational")) {
            h2(.id("relational")) { "Relational care" }
            p {
                "How often people mention being treated with compassion and dignity, being listened to, and care that joins up, out of \(analysed.formatted) comments analysed \(period). Answers with no comment, non-answers such as \"N/A\" and comments that may not be in English are not counted."
            }
            if let engineProblem {
                p(.class("warning-callout")) { "Themes and sentiment are not available: \(engineProblem)" }
            }
            DataTable.render(
                caption: "Relational care mentioned in feedback",
                headers: ["What people mentioned", "Comments", "Share"],
                rows: rows.map {
                    [
                        .text($0.flag.title), .text(String($0.count)),
                        .text(LoopClosure.percent(analysed == 0 ? nil : Double($0.count) / Double(analysed))),
                    ]
                })
        }
    }

    /// The FFT shares and the number of answers, or why there are none to give.
    static func headline(_ score: FFTScore, noneReceived: String) -> HTMLNode {
        if score.answers == 0 { return p { noneReceived } }
        guard let positive = score.percentPositive, let negative = score.percentNegative else {
            return p {
                "\(score.positiveText): fewer than \(FFTScore.fewestToShare) answers give no share, as one person's answer would read as all."
            }
        }
        return ul(.class("stat-list")) {
            li {
                strong { "\(positive)%" }; " very good or good"
            }
            li {
                strong { "\(negative)%" }; " poor or very poor"
            }
            li {
                strong { score.answers.formatted }; score.answers == 1 ? " answer" : " answers"
            }
        }
    }

    /// The FFT headline figures, as a board report gives them; each place's and service's are in their tables.
    static func friendsAndFamilyTest(_ score: FFTScore, filters: DashboardFilters, firstDay: SimpleDate) -> HTMLNode {
        section(.aria("labelledby", "fft")) {
            h2(.id("fft")) { "Friends and Family Test, \(filters.described)" }
            headline(score, noneReceived: "No FFT answers were received \(filters.described).")
            p(.class("hint")) {
                "Out of every answer, \"don't know\" included, as NHS England counts them. Answers without a comment count too; feedback a moderator rejected does not. Each place's and service's result is in its table below."
            }
            if score.answers > 0 {
                p {
                    // Not rejected feedback, which the figures leave out.
                    a(
                        .href(
                            filters.feedbackList(
                                firstDay: firstDay, answer: .poorOrVeryPoor, withWords: true,
                                status: FeedbackStatusFilter.allButRejectedValue))
                    ) {
                        "Read what people who answered poor or very poor wrote"
                    }
                }
            }
            p {
                a(
                    .href(
                        ListPage.path(
                            SiteURL.fftResults,
                            filters: [
                                ("place", filters.place?.slug ?? ""),
                                ("service", filters.service?.id?.uuidString ?? ""),
                            ], page: 1))
                ) {
                    "FFT results month by month, with each answer's count and the monthly return by service"
                }
            }
        }
    }

    static func places(
        _ rows: [FeedbackDashboard.PlaceRow], filters: DashboardFilters, firstDay: SimpleDate
    ) -> HTMLNode {
        section(.aria("labelledby", "places")) {
            h2(.id("places")) { "By place, feedback received \(filters.described)" }
            DataTable.render(
                caption: "Feedback by place", headers: ["Place"] + FeedbackDashboard.Counts.pageHeaders,
                rows: rows.map { row in
                    [a(.href(filters.feedbackList(firstDay: firstDay, place: row.slug))) { row.name }]
                        + row.counts.pageCells.map { HTMLNode.text($0) }
                })
            p { a(.href(filters.path(SiteURL.dashboard + "/dashboard/places.csv"))) { "Download this table (CSV)" } }
        }
    }
}
