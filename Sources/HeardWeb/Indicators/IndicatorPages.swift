import Foundation
import HeardDomain
import HeardStorage

/// Indicators per place over time, and the relational care found in feedback beside them.
enum IndicatorPages {
    static func index(
        place: Place?, places: [Place], indicators: [Indicator], points: [UUID: [IndicatorValue]],
        series: RelationalCareSeries?, context: PageContext, failure: ValidationFailure?, typed: [String: String],
        notice: String?
    ) -> String {
        PageLayout.render(context) {
            FormComponents.errorSummary(failure)
            if let notice { div(.class("notice"), .role("status")) { notice } }
            h1 { "Indicators" + (place.map { ": \($0.name)" } ?? "") }
            p(.class("lead")) {
                "Figures tracked per place over time, such as people with a care plan or carers assessed, beside what people's own words say about compassion, dignity, being listened to, coordination and waiting."
            }
            if !places.isEmpty {
                nav(.aria("label", "Places")) {
                    ul(.class("tag-list")) {
                        for option in places {
                            li {
                                option.id == place?.id
                                    ? strong(.aria("current", "page")) {
                                        Retirement.label(option.name, retired: option.isRetired)
                                    }
                                    : a(.href(IndicatorURL.place(option.slug))) {
                                        Retirement.label(option.name, retired: option.isRetired)
                                    }
                            }
                        }
                    }
                }
            }
            h2 { "Indicators" }
            if indicators.isEmpty {
                p { "No indicators yet: add one below." }
            } else {
                DataTable.render(
                    caption: "Indicators for \(place?.name ?? "this place"): latest figure and change",
                    headers: ["Indicator", "Latest figure", "Period", "Change since the period before"],
                    rows: indicators.map { indicator in
                        let values = points[indicator.id!] ?? []
                        let latest = values.max { $0.periodStart < $1.periodStart }
                        let trend = IndicatorTrend.of(
                            values.map(\.point), direction: indicator.direction, period: indicator.period)
                        return [
                            a(.href(IndicatorURL.indicator(indicator.id!))) { indicator.name },
                            .text(latest.map { indicator.unit.format($0.value) } ?? "No figure yet"),
                            .text(latest.map { indicator.period.label(SimpleDate(iso: $0.periodStart)!) } ?? "–"),
                            trendNode(trend, unit: indicator.unit),
                        ]
                    })
            }
            if let series, let place {
                h2 { "Relational care in feedback, by quarter" }
                p {
                    "The share of comments about \(place.name) that speak of each, as the listening engine reads them. A rise is not good or bad in itself: read the comments behind it."
                }
                p { RelationalCareSeries.countedDescription }
                DataTable.render(
                    caption: "Relational care and waiting in feedback about \(place.name), by quarter",
                    headers: ["Quarter", "Comments"] + RelationalCareSeries.columns,
                    rows: series.quarters.map { quarter in
                        [.text(quarter.label), .text(String(quarter.comments))]
                            + quarter.mentions.map { .text(RelationalCareSeries.percent($0, of: quarter.comments)) }
                    })
            }
            h2 { "Add an indicator" }
            HeardWeb.form(.action(IndicatorURL.indicators), .method("post"), .novalidate) {
                FormComponents.csrfField(context.csrfToken ?? "")
                FormComponents.textField(name: "name", label: "Name", value: typed["name"] ?? "", failure: failure)
                FormComponents.textArea(
                    name: "description", label: "What it measures and where the figures come from",
                    value: typed["description"] ?? "", failure: failure, rows: 3)
                FormComponents.selectField(
                    name: "unit", label: "The figure is a",
                    choices: IndicatorUnit.allCases.map { .init(value: $0.rawValue, label: $0.title) },
                    selected: typed["unit"] ?? "", failure: failure)
                FormComponents.radios(
                    name: "direction", legend: "Which way is better?",
                    choices: IndicatorDirection.allCases.map { .init(value: $0.rawValue, label: $0.title) },
                    selected: typed["direction"] ?? "", failure: failure, inline: true)
                FormComponents.radios(
                    name: "period", legend: "How often is there a new figure?",
                    choices: IndicatorPeriod.allCases.map { .init(value: $0.rawValue, label: $0.title) },
                    selected: typed["period"] ?? "", failure: failure,
                    hint:
                        "Every figure then covers one such period, so a change is always read between like periods. Once figures are recorded, it can change only to a period they all start."
                )
                FormComponents.submitButton("Add indicator")
            }
        }
    }

    static func trendNode(_ trend: IndicatorTrend?, unit: IndicatorUnit) -> HTMLNode {
        guard let trend else { return .text("–") }
        if case .worse = trend { return strong(.class("tag tag-urgent")) { trend.describe(unit: unit) } }
        return .text(trend.describe(unit: unit))
    }

    /// `replacing`, when a typed-in figure would replace one already recorded, adds the box that confirms it.
    /// `version`: the one a refused details form was opened with; otherwise the indicator's as stored.
    static func show(
        _ indicator: Indicator, values: [IndicatorValue], places: [Place], replacing: IndicatorValue?,
        context: PageContext, failure: ValidationFailure?, typed: [String: String], notice: String?,
        version: String? = nil
    ) -> String {
        let byPlace = Dictionary(grouping: values, by: { $0.$place.id })
        return PageLayout.render(context) {
            p { a(.class("back-link"), .href(IndicatorURL.indicators)) { "All indicators" } }
            FormComponents.errorSummary(failure)
            if let notice { div(.class("notice"), .role("status")) { notice } }
            h1 { indicator.name }
            p(.class("lead")) { indicator.summary }
            p { "\(indicator.unit.title). \(indicator.direction.title). \(indicator.period.title)." }
            if values.isEmpty {
                p { "No figures yet." }
            }
            for place in places where byPlace[place.id!] != nil {
                let figures = byPlace[place.id!]!.sorted { $0.periodStart > $1.periodStart }
                h2 { place.name }
                p {
                    "Change since the period before: "
                    trendNode(
                        IndicatorTrend.of(
                            figures.map(\.point), direction: indicator.direction, period: indicator.period),
                        unit: indicator.unit)
                }
                DataTable.render(
                    caption: "\(indicator.name) in \(place.name), newest first",
                    headers: ["Period", "Figure", "Source"],
                    rows: figures.map { figure in
                        let start = SimpleDate(iso: figure.periodStart)!
                        return [
                            // Recorded before the indicator had a period: shown, but not compared.
                            .text(
                                indicator.period.isStart(start)
                                    ? indicator.period.label(start)
                                    : "From \(start.ukText) (not compared: not the start of a \(indicator.period.noun))"
                            ),
                            .text(indicator.unit.format(figure.value)),
                            .text(figure.source),
                        ]
                    }, captionHidden: true)
            }
            h2 { "Record a figure" }
            p(.class("hint")) {
                "To correct a figure, record it again for the same place and first day: Heard shows the figure already recorded and asks you to confirm the replacement. Both are kept in the audit log."
            }
            HeardWeb.form(.action(IndicatorURL.indicator(indicator.id!)), .method("post"), .novalidate) {
                FormComponents.csrfField(context.csrfToken ?? "")
                FormComponents.selectField(
                    name: "place_id", label: "Place",
                    choices: places.map { .init(value: $0.id!.uuidString, label: $0.name) },
                    selected: typed["place_id"] ?? "", failure: failure)
                FormComponents.textField(
                    name: "period_start", label: "First day of the period", value: typed["period_start"] ?? "",
                    failure: failure, hint: periodHint(indicator.period), type: "date", width: "short")
                FormComponents.textField(
                    name: "value", label: "Figure (\(indicator.unit.title.lowercased()))", value: typed["value"] ?? "",
                    failure: failure, width: "short")
                FormComponents.textField(
                    name: "source", label: "Source", value: typed["source"] ?? "", failure: failure,
                    hint: "For example \"GP Patient Survey 2026\" or \"Adult social care survey\".")
                if let replacing {
                    FormComponents.checkbox(
                        name: "replace",
                        label:
                            "Replace the figure already recorded (\(indicator.unit.format(replacing.value)), source: \(replacing.source))",
                        checked: false, value: IndicatorsController.replaceToken(replacing), failure: failure)
                }
                FormComponents.submitButton("Record figure")
            }
            h2 { "Load many figures from a spreadsheet" }
            p {
                "Paste CSV with the columns place, period_start, value and source, a place by its name and a period by its first day. \(periodHint(indicator.period)) Every line is checked as if typed in above: if any line has a problem, nothing is loaded and each problem is listed by its line."
            }
            HeardWeb.form(.action(IndicatorURL.load(indicator.id!)), .method("post"), .novalidate) {
                FormComponents.csrfField(context.csrfToken ?? "")
                FormComponents.textField(
                    name: "csv_source", label: "Source for every line (optional)", value: typed["csv_source"] ?? "",
                    failure: failure, hint: "Used where a line has no source of its own.", required: false)
                FormComponents.textArea(
                    name: "csv", label: "Figures as CSV", value: typed["csv"] ?? "", failure: failure,
                    hint:
                        "For example: place,period_start,value,source then Bradford,2026-04-01,23,GP Patient Survey 2026",
                    rows: 10)
                FormComponents.checkbox(
                    name: "csv_replace", label: "Replace figures already recorded",
                    checked: typed["csv_replace"] == "yes",
                    hint:
                        "Without this, a line for a place and period that already has a different figure is refused, naming the figure recorded. With it, those figures are replaced, and the message after loading lists each one, old and new."
                )
                FormComponents.submitButton("Load figures")
            }
            detailsForm(
                indicator, hasFigures: !values.isEmpty, csrfToken: context.csrfToken ?? "", failure: failure,
                typed: typed, version: version)
        }
    }

    /// The form that changes an indicator's details: closed until wanted, open when it was refused so its
    /// errors and the summary's links are on show.
    static func detailsForm(
        _ indicator: Indicator, hasFigures: Bool, csrfToken: String, failure: ValidationFailure?,
        typed: [String: String], version: String? = nil
    ) -> HTMLNode {
        let refused = typed["form"] == "details"
        let shown = refused ? typed : [:]
        return HTMLNode.element(
            "details", [.class("details")] + (refused ? [HTMLAttribute("open", nil)] : []),
            children: [
                summary(.class("details-summary")) { "Change the indicator's details" },
                HeardWeb.form(.action(IndicatorURL.details(indicator.id!)), .method("post"), .novalidate) {
                    FormComponents.csrfField(csrfToken)
                    FormComponents.textField(
                        name: "name", label: "Name", value: shown["name"] ?? indicator.name,
                        failure: refused ? failure : nil)
                    FormComponents.textArea(
                        name: "description", label: "What it measures and where the figures come from",
                        value: shown["description"] ?? indicator.summary, failure: refused ? failure : nil, rows: 3)
                    FormComponents.selectField(
                        name: "unit", label: "The figure is a",
                        choices: IndicatorUnit.allCases.map { .init(value: $0.rawValue, label: $0.title) },
                        selected: shown["unit"] ?? indicator.unit.rawValue, failure: refused ? failure : nil,
                        hint: hasFigures ? "It cannot change once figures are recorded." : nil)
                    FormComponents.radios(
                        name: "direction", legend: "Which way is better?",
                        choices: IndicatorDirection.allCases.map { .init(value: $0.rawValue, label: $0.title) },
                        selected: shown["direction"] ?? indicator.direction.rawValue,
                        failure: refused ? failure : nil, inline: true)
                    FormComponents.radios(
                        name: "period", legend: "How often is there a new figure?",
                        choices: IndicatorPeriod.allCases.map { .init(value: $0.rawValue, label: $0.title) },
                        selected: shown["period"] ?? indicator.period.rawValue, failure: refused ? failure : nil,
                        hint: hasFigures
                            ? "It can change only to a period every recorded figure starts, so figures are still compared between like periods."
                            : nil)
                    if hasFigures {
                        FormComponents.checkbox(
                            name: "period_relabel",
                            label: "The figures already recorded are for the new period: it was set wrongly",
                            checked: shown["period_relabel"] == "yes", failure: refused ? failure : nil)
                    }
                    EditVersion.hiddenField(version ?? EditVersion.of(IndicatorsController.editable(indicator)))
                    FormComponents.submitButton("Save the details")
                },
            ])
    }

    /// Which first days the indicator takes, with an example.
    static func periodHint(_ period: IndicatorPeriod) -> String {
        let example =
            switch period {
            case .month: "2026-04-01 for April 2026"
            case .quarter: "2026-04-01 for April to June 2026"
            case .financialYear: "2026-04-01 for April 2026 to March 2027"
            case .calendarYear: "2026-01-01 for 2026"
            }
        return "\(period.startRule): for example, \(example)."
    }
}
