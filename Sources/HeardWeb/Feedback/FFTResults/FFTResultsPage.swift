import Fluent
import Foundation
import HeardDomain
import HeardStorage

/// The Friends and Family Test results of one calendar month: the headline shares, each of the six answers,
/// every service (those that collected nothing too), how answers were collected, and the year month by month.
enum FFTResultsPage {
    typealias Choices = QueueFilters.Choices

    /// The months the select offers: this one (so far) and the 24 before it, and the chosen one if older.
    static let monthsOffered = 25

    static func render(_ results: FFTResults, choices: Choices, context: PageContext) -> String {
        let filters = results.filters
        let month = filters.month
        let inMonth = "in " + month.title + (results.isMonthSoFar ? " so far" : "")
        return PageLayout.render(context) {
            if !filters.problems.isEmpty {
                div(.class("notice"), .role("status")) { filters.problems.map(\.sentence).joined(separator: " ") }
            }
            p { a(.class("back-link"), .href(SiteURL.dashboard + "#fft")) { "Back to the dashboard" } }
            h1 { "Friends and Family Test results" }
            p(.class("lead")) {
                "Answers to \"\(FFTRating.question)\", month by month, counted as NHS England counts them for the monthly return."
            }
            filterForm(filters, choices: choices, today: results.today)
            p {
                "Answers received from \(month.firstDay.ukText) to "
                    + (results.isMonthSoFar ? "today, the month so far" : month.lastDay.ukText)
                    + " (UK time), for " + (filters.scopeName ?? "every organisation, place and service") + ". "
                "Every answer counts, with or without a comment; feedback a moderator rejected does not."
            }
            headline(results.tally, inMonth: inMonth, filters: filters)
            answers(results.tally, inMonth: inMonth)
            servicesTable(results, inMonth: inMonth)
            channels(results.channels, inMonth: inMonth)
            trend(results.months, filters: filters)
        }
    }

    static func filterForm(_ filters: FFTResultsFilters, choices: Choices, today: SimpleDate) -> HTMLNode {
        let current = CalendarMonth(containing: today)
        var months = (0..<monthsOffered).map { current.adding(months: -$0) }
        if !months.contains(filters.month) { months.append(filters.month) }
        return HeardWeb.form(.action(SiteURL.fftResults), .method("get"), .class("filters")) {
            FormComponents.selectField(
                name: "month", label: "Month",
                choices: months.map { .init(value: $0.iso, label: $0.title + ($0 == current ? " (so far)" : "")) },
                selected: filters.month.iso, failure: nil, prompt: nil)
            FormComponents.selectField(
                name: "organisation", label: "Organisation",
                choices: choices.organisations.map { .init(value: $0.id!.uuidString, label: $0.name) },
                selected: filters.organisation?.id?.uuidString ?? "", failure: nil, prompt: "All organisations")
            PlaceAndServiceFilter.selects(
                places: choices.places, services: choices.services, place: filters.place, service: filters.service)
            button(.type("submit"), .class("button button-secondary")) { "Show results" }
        }
    }

    static func headline(_ tally: FFTTally, inMonth: String, filters: FFTResultsFilters) -> HTMLNode {
        let score = tally.score
        return section(.aria("labelledby", "result")) {
            h2(.id("result")) { "Result " + inMonth }
            FeedbackDashboardView.headline(score, noneReceived: "No FFT answers were received \(inMonth).")
            if tally[.poor] + tally[.veryPoor] > 0 {
                p {
                    a(.href(poorAnswers(filters))) {
                        "Read what people who answered poor or very poor \(inMonth) wrote"
                    }
                }
            }
        }
    }

    /// The staff feedback list of the month's poor and very poor answers with a comment, not rejected ones, which
    /// the figures leave out.
    static func poorAnswers(_ filters: FFTResultsFilters) -> String {
        ListPage.path(
            SiteURL.staffFeedback,
            filters: [
                ("organisation", filters.organisation?.id?.uuidString ?? ""), ("place", filters.place?.slug ?? ""),
                ("service", filters.service?.id?.uuidString ?? ""), ("from", filters.month.firstDay.iso),
                ("to", filters.month.lastDay.iso),
                ("answer", FFTAnswerGroup.poorOrVeryPoor.rawValue), ("words", "with"),
                ("status", FeedbackStatusFilter.allButRejectedValue),
            ], page: 1)
    }

    /// "12%" of all answers, or a dash with too few answers for a share.
    static func share(_ part: Int, of total: Int) -> String {
        guard total >= FFTScore.fewestToShare else { return "–" }
        return "\(Int((Double(part) * 100 / Double(total)).rounded()))%"
    }

    static func answers(_ tally: FFTTally, inMonth: String) -> HTMLNode {
        section(.aria("labelledby", "answers")) {
            h2(.id("answers")) { "Each answer " + inMonth }
            DataTable.render(
                caption: "Answers \(inMonth), one row for each answer",
                headers: ["Answer", "Answers", "Share of all answers"],
                rows: FFTRating.allCases.map {
                    [.text($0.title), .text(tally[$0].formatted), .text(share(tally[$0], of: tally.total))]
                } + [[.text("All answers"), .text(tally.total.formatted), .text(share(tally.total, of: tally.total))]])
        }
    }

    static let answerHeaders = FFTRating.allCases.map(\.title)

    static func servicesTable(_ results: FFTResults, inMonth: String) -> HTMLNode {
        let filters = results.filters
        let silent = results.services.filter { $0.tally.total == 0 }
        return section(.aria("labelledby", "services")) {
            h2(.id("services")) { "By service " + inMonth }
            if results.services.isEmpty {
                p { "\(filters.scopeName.map { "There are no services for " + $0 } ?? "There are no services") yet." }
            } else {
                if !silent.isEmpty {
                    p {
                        "\(silent.count) of \(results.services.count) "
                            + (results.services.count == 1 ? "service" : "services")
                            + " had no answers \(inMonth)"
                            + (silent.count > 20 ? ", the first 20 of them by name:" : ":")
                    }
                    // A list, not a sentence: service names hold commas ("Eye clinic, Harrogate District Hospital").
                    ul { for row in silent.prefix(20) { li { serviceLabel(row) } } }
                }
                DataTable.render(
                    caption: "FFT answers by service \(inMonth)",
                    headers: ["Service", "Organisation"] + answerHeaders + ["All answers", "Very good or good"],
                    rows: results.services.map { row in
                        [
                            a(.href(service(row, filters: filters))) { serviceLabel(row) },
                            .text(row.organisation),
                        ] + row.tally.cells.map { HTMLNode.text($0.formatted) } + [
                            .text(row.tally.total.formatted),
                            .text(share(row.tally.score.positive, of: row.tally.total)),
                        ]
                    })
                p {
                    a(.href(filters.path(SiteURL.fftResults + "/return.csv"))) {
                        "Download the return for \(filters.month.title) (CSV, one row for each service)"
                    }
                }
            }
        }
    }

    static func serviceLabel(_ row: FFTResults.ServiceRow) -> String {
        Retirement.label(
            FeedbackItem.serviceAndPlace(service: row.name, place: row.place), retired: row.isRetired)
    }

    /// This page for one service, the month kept.
    static func service(_ row: FFTResults.ServiceRow, filters: FFTResultsFilters) -> String {
        ListPage.path(
            SiteURL.fftResults, filters: [("month", filters.month.iso), ("service", row.id.uuidString)], page: 1)
    }

    static func channels(_ channels: [(channel: FeedbackChannel, tally: FFTTally)], inMonth: String) -> HTMLNode {
        section(.aria("labelledby", "collected")) {
            h2(.id("collected")) { "How answers were collected " + inMonth }
            if channels.isEmpty {
                p { "No answers to show." }
            } else {
                DataTable.render(
                    caption: "FFT answers \(inMonth) by how they reached us",
                    headers: [
                        "How it reached us", "Mode in the FFT return", "Answers", "Very good or good",
                        "Poor or very poor",
                    ],
                    rows: channels.map { channel, tally in
                        [
                            .text(channel.title), .text(channel.fftMode.title), .text(tally.total.formatted),
                            .text(share(tally.score.positive, of: tally.total)),
                            .text(share(tally.score.negative, of: tally.total)),
                        ]
                    })
                p(.class("hint")) {
                    "An imported file or another system that does not say how each answer was collected counts as "
                        + "\"Other\". Map the file's collection column when you import it, or send 'channel' "
                        + "through the API."
                }
            }
        }
    }

    static func trend(_ months: [FFTResults.MonthRow], filters: FFTResultsFilters) -> HTMLNode {
        section(.aria("labelledby", "months")) {
            h2(.id("months")) { "Month by month, the year to \(filters.month.title)" }
            DataTable.render(
                caption: "FFT results for each month, the latest last",
                headers: ["Month", "Answers", "Very good or good", "Poor or very poor"],
                rows: months.map { row in
                    [
                        a(.href(filters.path(month: row.month))) { row.month.title },
                        .text(row.tally.total.formatted), .text(share(row.tally.score.positive, of: row.tally.total)),
                        .text(share(row.tally.score.negative, of: row.tally.total)),
                    ]
                })
            p(.class("hint")) {
                "A share needs at least \(FFTScore.fewestToShare) answers: with fewer, a dash."
            }
            p {
                a(.href(filters.path(SiteURL.fftResults + "/months.csv"))) {
                    "Download these months (CSV, with each answer's count)"
                }
            }
        }
    }
}
