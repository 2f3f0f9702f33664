import HeardDomain
import HeardStorage
import Vapor

enum ConsultationViews {
    static func form(
        _ request: Request, bundle: InitiativeBundle, input: ConsultationInput, formats: Set<String>,
        failure: ValidationFailure?, version: String? = nil
    ) -> String {
        let heading = bundle.consultation == nil ? "Set up the consultation" : "Change the consultation pack"
        let id = bundle.initiative.id!
        return PageLayout.render(PageContext(request, title: heading, hasErrors: failure != nil)) {
            p { a(.class("back-link"), .href(DecisionURL.initiative(id))) { "Back" } }
            FormComponents.errorSummary(failure)
            h1 { heading }
            p(.class("lead")) { "For \(bundle.initiative.title)." }
            p {
                "The pack must give people enough to respond properly (Gunning G2): the options, including those considered and set aside, and the reasons. Attach the equality impact assessment before it opens."
            }
            HeardWeb.form(.action(DecisionURL.newConsultation(id)), .method("post"), .novalidate) {
                FormComponents.csrfField(request.csrfToken)
                // `version`: the one a refused form was opened with; otherwise the pack's as stored (none yet
                // when setting it up, so a pack someone else set up meanwhile is not overwritten either).
                EditVersion.hiddenField(
                    version ?? EditVersion.of(ConsultationsController.editable(bundle.consultation)))
                FormComponents.textField(name: "title", label: "Title", value: input.title, failure: failure)
                FormComponents.textArea(
                    name: "background", label: "Background", value: input.background, failure: failure,
                    hint: "What happens now and why a change is being considered.")
                Self.optionNotes(input.options)
                FormComponents.textArea(
                    name: "options", label: "The options", value: input.options, failure: failure,
                    hint: PackOptions.hint)
                FormComponents.textArea(
                    name: "discarded_alternatives", label: "Alternatives considered and set aside",
                    value: input.discardedAlternatives, failure: failure,
                    hint: "And why each was set aside (R (Moseley) v Haringey, 2014).")
                FormComponents.textArea(
                    name: "reasons", label: "Reasons for the proposal", value: input.reasons, failure: failure)
                FormComponents.textField(
                    name: "opens_on", label: "Opening date", value: input.opensOn, failure: failure, type: "date",
                    width: "medium")
                FormComponents.textField(
                    name: "closes_on", label: "Closing date", value: input.closesOn, failure: failure,
                    hint: "Twelve weeks is the usual length.", type: "date", width: "medium")
                FormComponents.textArea(
                    name: "short_duration_reason", label: "If shorter than 12 weeks, why",
                    value: input.shortDurationReason, failure: failure,
                    hint: "Needed only when it runs for less than 12 weeks (Gunning G3).", rows: 3)
                DecisionForms.checkboxes(
                    name: "formats", legend: "Ways people can respond", choices: ConsultationsController.formats,
                    selected: formats, failure: failure)
                FormComponents.submitButton("Save consultation")
            }
        }
    }

    /// How the dates changed, published: "Closed early on …: it was due to close on … Why: …", and "Extended: it
    /// was to close on …; people were given longer because …" (the latest extension).
    static func extensionNote(_ consultation: Consultation) -> HTMLNode {
        var notes: [HTMLNode] = []
        if let closed = consultation.closedEarlyOn.flatMap(SimpleDate.init(iso:)) {
            notes.append(
                p {
                    strong { "Closed early on \(closed.ukText): " }
                    "it was due to close on \(consultation.closes.ukText)."
                        + (consultation.closedEarlyReason.map { " Why: \($0)" } ?? "")
                })
        }
        if let from = consultation.extendedFrom.flatMap(SimpleDate.init(iso:)),
            let reason = consultation.extensionReason
        {
            notes.append(
                p {
                    strong { "Extended: " }
                    "it was to close on \(from.ukText). People were given longer because: \(reason)"
                })
        }
        return .fragment(notes)
    }

    static func show(
        _ bundle: InitiativeBundle, analysis: ConsultationAnalysis?, suggested: [ConsultationAnalysis.SuggestedTheme],
        notEnglish: [String] = [], checker: QuestionChecker, today: SimpleDate,
        context: PageContext,
        notice: String?, failure: ValidationFailure?, typed: [String: String]
    ) -> String {
        let consultation = bundle.consultation!
        let id = consultation.id!
        let facts = bundle.consultationFacts!
        let state = facts.state(on: today)
        let checks = GunningGate.evaluate(facts, today: today)
        let canChangeQuestions = ConsultationsController.questionsCanChange(bundle, today: today)
        let questionWarnings = bundle.questions.map {
            ($0, checker.check($0.text, kind: $0.kind, optionsKnown: !consultation.options.isEmpty))
        }
        let warningCount = questionWarnings.reduce(0) { $0 + $1.1.count }
        let missing = ConsultationTiming.missingBeforeOpening(
            questionCount: bundle.questions.count, eiaStatus: bundle.eiaStatus)
        return PageLayout.render(context) {
            p {
                a(.class("back-link"), .href(DecisionURL.initiative(bundle.initiative.id!))) {
                    "Back to the initiative"
                }
            }
            FormComponents.errorSummary(failure)
            if let notice { div(.class("notice"), .role("status")) { notice } }
            h1 { consultation.title }
            p(.class("lead")) {
                "\(state.title). \(consultation.opens.ukText) to \(facts.lastDay.ukText). \(bundle.responseCount) \(bundle.responseCount == 1 ? "response" : "responses")."
            }
            extensionNote(consultation)
            p { a(.href(DecisionURL.publicConsultation(id))) { "Public consultation page" } }
            if state == .forthcoming {
                p { a(.href(DecisionURL.newConsultation(bundle.initiative.id!))) { "Change the pack or the dates" } }
            }
            if state == .forthcoming || state == .open, !missing.isEmpty {
                // Said at the top, not only in the checklist: on its opening day people would find nothing to answer.
                ConsultationPackViews.readiness(missing, state: state, opens: consultation.opens)
            }
            let optionProblems = Self.optionProblems(bundle.questions, packOptions: consultation.options)
            h2(.id("checklist")) { "Checklist" }
            DataTable.render(
                caption: "Gunning principles and survey wording",
                headers: ["Check", "Status", "What it means here"],
                rows: checks.map { check in
                    [.text(check.principle.title), DecisionForms.statusTag(check.status), .text(check.detail)]
                } + [
                    [
                        .text("Survey questions"),
                        DecisionForms.statusTag(bundle.questions.isEmpty || !optionProblems.isEmpty ? .notMet : .met),
                        .text(
                            bundle.questions.isEmpty
                                ? "Add at least one question."
                                : ([Wording.count(bundle.questions.count, "question") + "."] + optionProblems)
                                    .joined(separator: " ")
                        ),
                    ],
                    [
                        .text("Question wording"),
                        DecisionForms.statusTag(warningCount == 0 ? .met : .needsJustification),
                        .text(
                            warningCount == 0
                                ? "No wording warnings."
                                : "\(warningCount) wording warnings. They do not stop the survey, but check each one below."
                        ),
                    ],
                    [
                        .text("Equality impact assessment"),
                        DecisionForms.statusTag(bundle.eiaStatus == .signedOff ? .met : .notMet),
                        .text(bundle.eiaStatus.title),
                    ],
                ])
            ConsultationPackViews.wording(consultation, checker: checker)
            Self.optionNotes(consultation.options)
            h2(.id("questions")) { "Survey questions" }
            if questionWarnings.isEmpty {
                p { "No questions yet. A survey needs at least one." }
            } else {
                // A refused change, move or removal has no field of its own: its error link takes focus to the list.
                ol(.class("question-list"), .id(FormComponents.fieldID("questions")), .tabindex(-1)) {
                    for (index, (question, warnings)) in questionWarnings.enumerated() {
                        li {
                            p {
                                strong { question.text }; " (\(question.kind.title))"
                            }
                            if !question.choiceList.isEmpty {
                                p(.class("hint")) { "Choices: " + question.choiceList.joined(separator: "; ") }
                            }
                            if canChangeQuestions {
                                SurveyQuestionViews.actions(
                                    consultationID: id, question: question, number: index + 1,
                                    count: questionWarnings.count, csrfToken: context.csrfToken ?? "")
                            }
                            SurveyQuestionViews.warnings(warnings)
                        }
                    }
                }
            }
            if bundle.responseCount == 0 {
                HeardWeb.form(.action(DecisionURL.questions(id)), .method("post"), .novalidate, .class("panel")) {
                    h3 { "Add a question" }
                    FormComponents.csrfField(context.csrfToken ?? "")
                    SurveyQuestionViews.fields(
                        QuestionInput(
                            text: typed["text"] ?? "", kind: typed["kind"] ?? "", choices: typed["choices"] ?? ""),
                        failure: failure)
                    FormComponents.submitButton("Add question")
                }
            }
            p { a(.href(GlossaryController.path)) { "The glossary the checker uses" } }
            p { a(.href(DecisionURL.paper(id))) { "Type in paper responses" } }
            if state == .open {
                HeardWeb.form(.action(DecisionURL.closeEarly(id)), .method("post"), .novalidate, .class("panel")) {
                    h3 { "Close early" }
                    FormComponents.csrfField(context.csrfToken ?? "")
                    FormComponents.textField(
                        name: "reason", label: "Why it is closing early", value: "", failure: failure,
                        hint: "Closing early shortens the time people had (Gunning G3).")
                    button(.type("submit"), .class("button button-secondary")) { "Close the consultation now" }
                }
                HeardWeb.form(.action(DecisionURL.extend(id)), .method("post"), .novalidate, .class("panel")) {
                    h3 { "Extend the closing date" }
                    FormComponents.csrfField(context.csrfToken ?? "")
                    FormComponents.textField(
                        name: "closes_on", label: "New closing date", value: typed["closes_on"] ?? "",
                        failure: failure,
                        hint:
                            "Now \(facts.closesOn.ukText). Up to \(consultation.opens.adding(days: ConsultationTiming.maximumDays).ukText) (26 weeks from opening).",
                        type: "date", width: "medium")
                    FormComponents.textField(
                        name: "extension_reason", label: "Why people need longer",
                        value: typed["extension_reason"] ?? "", failure: failure)
                    button(.type("submit"), .class("button button-secondary")) { "Extend the consultation" }
                }
            }
            if let analysis, state == .open {
                // Who has answered so far, to aim outreach at the groups not yet heard while there is time. The
                // themes wait for the close, so nobody starts deciding before everyone has had their say.
                AnalysisViews.representation(analysis)
                p(.id("so-far")) {
                    "So far, while the consultation is open: \(Wording.count(analysis.total, "response")). Use "
                        + "this to reach the groups not yet heard before it closes; what people said is analysed "
                        + "after it closes."
                }
                // Which groups have spoken for their members so far: a carers' group may answer for many people.
                AnalysisViews.organisations(analysis)
            }
            if let analysis, state != .open, state != .forthcoming {
                AnalysisViews.summary(analysis)
                if !suggested.isEmpty {
                    DataTable.render(
                        caption:
                            "Themes the listening engine found in the free text (a starting point: check and record them below)",
                        headers: ["Theme", "Responses", "Average feeling", "Example (personal details removed)"],
                        rows: suggested.prefix(15).map { theme in
                            [
                                .text(theme.name), .text(String(theme.mentions)),
                                .text(AnalysisViews.sentimentNames[max(0, min(4, Int(theme.sentiment.rounded()) - 1))]),
                                .text(theme.quote),
                            ]
                        })
                }
                NotEnglishAnswers.render(notEnglish)
                h2(.id("themes")) { "Themes and the decision paper's responses" }
                p {
                    "Record each theme found in the responses. Before the decision, every theme needs a response: accepted, proposal changed, or not accepted, with a reason (Gunning G4)."
                }
                for theme in bundle.themes {
                    section(.class("panel")) {
                        h3 { theme.name }
                        p { "\(theme.mentions) responses. \(theme.summary)" }
                        if !theme.quote.isEmpty { element("blockquote") { theme.quote } }
                        if let day = theme.respondedOn.flatMap(SimpleDate.init(iso:)) {
                            p(.class("hint")) { "Response last changed on \(day.ukText)." }
                        }
                        if bundle.decision?.isApproved == true {
                            // The approved record is kept as it was: show it, do not offer to change it.
                            p {
                                strong { "Response: " }
                                (theme.responseKind?.title ?? "None recorded") + ". " + theme.responseReason
                            }
                        } else {
                            HeardWeb.form(
                                .action(DecisionURL.themeResponse(id, theme.id!)), .method("post"), .novalidate
                            ) {
                                FormComponents.csrfField(context.csrfToken ?? "")
                                let isThis = typed["theme"] == theme.id!.uuidString
                                // One form per theme: the theme that failed keeps the plain ids the error summary links
                                // to; the others get ids of their own, so every label selects its own field.
                                let suffix = isThis ? "" : "-" + DecisionURL.id(theme.id!)
                                DecisionForms.radios(
                                    name: "response_kind", legend: "Response to \(theme.name)",
                                    choices: ThemeResponseKind.allCases.map {
                                        .init(value: $0.rawValue, label: $0.title)
                                    },
                                    // A refused answer keeps the choice sent, as the reason keeps its words.
                                    selected: isThis
                                        ? typed["response_kind"] ?? "" : theme.responseKind?.rawValue ?? "",
                                    failure: isThis ? failure : nil,
                                    id: FormComponents.fieldID("response_kind") + suffix)
                                FormComponents.textArea(
                                    name: "response_reason", label: "Reason",
                                    value: isThis ? typed["response_reason"] ?? "" : theme.responseReason,
                                    failure: isThis ? failure : nil, rows: 3,
                                    id: FormComponents.fieldID("response_reason") + suffix)
                                button(.type("submit"), .class("button button-secondary")) {
                                    "Save response to \(theme.name)"
                                }
                            }
                        }
                        if consultation.analysisPublishedAt == nil && bundle.decision?.isApproved != true {
                            HeardWeb.form(
                                .action(DecisionURL.themeResponse(id, theme.id!) + "/remove"), .method("post"),
                                .class("inline-form")
                            ) {
                                FormComponents.csrfField(context.csrfToken ?? "")
                                button(.type("submit"), .class("link-button")) {
                                    "Remove"
                                    span(.class("visually-hidden")) { " the theme \(theme.name)" }
                                }
                            }
                        }
                    }
                }
                if consultation.analysisPublishedAt == nil {
                    HeardWeb.form(.action(DecisionURL.themes(id)), .method("post"), .novalidate, .class("panel")) {
                        h3 { "Record a theme" }
                        FormComponents.csrfField(context.csrfToken ?? "")
                        FormComponents.textField(
                            name: "name", label: "Theme", value: typed["name"] ?? "", failure: failure)
                        FormComponents.textArea(
                            name: "summary", label: "What people said about it", value: typed["summary"] ?? "",
                            failure: failure, rows: 3)
                        FormComponents.textField(
                            name: "mentions", label: "How many responses raised it", value: typed["mentions"] ?? "",
                            failure: failure, width: "short")
                        FormComponents.selectField(
                            name: "sentiment", label: "How people felt about it",
                            choices: AnalysisViews.sentimentNames.enumerated().map {
                                .init(value: String($0.offset + 1), label: $0.element)
                            }, selected: typed["sentiment"] ?? "", failure: failure)
                        FormComponents.textArea(
                            name: "quote", label: "A representative quote (personal details are removed)",
                            value: typed["quote"] ?? "", failure: failure, rows: 3)
                        button(.type("submit"), .class("button button-secondary")) { "Record theme" }
                    }
                    HeardWeb.form(.action(DecisionURL.publish(id)), .method("post"), .novalidate, .class("panel")) {
                        h3 { "Publish the analysis" }
                        FormComponents.csrfField(context.csrfToken ?? "")
                        FormComponents.textArea(
                            name: "outcome_summary", label: "Summary of what you heard",
                            value: typed["outcome_summary"] ?? "", failure: failure,
                            hint: "Published on the outcome page and sent to everyone who left contact details.")
                        FormComponents.submitButton("Publish the analysis")
                    }
                } else {
                    p { a(.href(DecisionURL.outcome(id))) { "Published outcome report" } }
                    if context.user.map({ StaffArea.publicNotices.allows($0.role) }) == true {
                        p {
                            a(.href(OutboxController.path + "?kind=consultation_outcome")) {
                                "The outcome e-mails in the outbox"
                            }
                        }
                    }
                }
            }
        }
    }
}

extension ConsultationViews {
    /// Lines of the pack's options that look like an option but are not read as one (and the like), so staff
    /// see what the survey will offer before people answer. Nothing when every option is read.
    static func optionNotes(_ options: String) -> HTMLNode {
        let notes = PackOptions.notes(options)
        guard !notes.isEmpty else { return .fragment([]) }
        return div(.class("warning-callout"), .role("note"), .id("option-notes")) {
            p { "Check the options: the survey's preferred-option question offers only the lines read as options." }
            ul(.class("warning-list")) {
                for note in notes { li { note } }
            }
        }
    }

    /// For each preferred-option question whose choices are not the options the pack sets out, what differs.
    static func optionProblems(_ questions: [SurveyQuestion], packOptions: String) -> [String] {
        questions.filter { $0.kind == .preferredOption }.compactMap { question in
            let (notInPack, notOffered) = PackOptions.mismatch(
                questionChoices: question.choiceList, packOptions: packOptions)
            var parts: [String] = []
            if !notOffered.isEmpty { parts.append("does not offer " + Wording.list(notOffered.map { "“\($0)”" })) }
            if !notInPack.isEmpty {
                parts.append(
                    "offers " + Wording.list(notInPack.map { "“\($0)”" }) + ", which the pack does not set out")
            }
            guard !parts.isEmpty else { return nil }
            return "“\(question.text)” " + parts.joined(separator: " and ")
                + ": change its choices to the pack's options, or save the pack again to have them copied."
        }
    }
}

enum AnalysisViews {
    static let sentimentNames = ["Very positive", "Positive", "Mixed", "Negative", "Very negative"]

    /// Each campaign once: how many sent it and what it said (redacted, as every quote is).
    static func campaigns(_ analysis: ConsultationAnalysis) -> HTMLNode {
        guard !analysis.campaigns.isEmpty else { return .fragment([]) }
        return DataTable.render(
            caption: "Campaigns: groups of near-identical responses",
            headers: ["Group", "Responses", "What they said (one of them, redacted)"],
            rows: analysis.campaigns.enumerated().map { index, campaign in
                [
                    .text("Campaign \(index + 1)"), .text(String(campaign.size)),
                    .text(String(ConsultationAnalysis.oneLine(campaign.text).prefix(500))),
                ]
            }, stacked: true)
    }

    /// The organisations and groups that responded, named, alphabetical, each once (with a count when it sent
    /// more than one). Each of their responses is also one of the total: counted once, not weighted.
    static func organisations(_ analysis: ConsultationAnalysis) -> HTMLNode {
        guard !analysis.organisations.isEmpty else { return .fragment([]) }
        return p {
            Wording.count(analysis.organisationResponses, "response")
                + " on behalf of organisations or groups: "
                + analysis.organisations.map { $0.responses > 1 ? "\($0.name) (\($0.responses))" : $0.name }
                .joined(separator: "; ") + "."
        }
    }

    static func summary(_ analysis: ConsultationAnalysis) -> HTMLNode {
        .fragment([
            h2 { "Who responded" },
            p {
                Wording.count(analysis.total, "response") + "."
                if !analysis.campaignClusters.isEmpty {
                    " \(analysis.campaignResponses) of them belong to "
                        + Wording.count(analysis.campaignClusters.count, "group")
                        + " of near-identical responses (campaigns). Each is counted, and each group is reported once as a campaign."
                }
            },
            organisations(analysis),
            campaigns(analysis),
            DataTable.render(
                caption: "Responses by channel", headers: ["Channel", "Responses"],
                rows: analysis.byChannel.map { [.text(channelName($0.0)), .text(String($0.1))] }),
            DataTable.render(
                caption: "Responses by place", headers: ["Place", "Responses"],
                rows: analysis.byPlace.map { [.text($0.0), .text(String($0.1))] }),
            .fragment(analysis.tallies.map(chart)),
            .fragment(
                analysis.ownWords.map { question, answered in
                    section(.class("chart-block")) {
                        h3 { question.text }
                        p(.class("hint")) {
                            answered == 0
                                ? "Nobody answered this question."
                                : Wording.count(answered, "person", "people")
                                    + " answered in their own words. What they said is in the themes below."
                        }
                    }
                }),
            representation(analysis),
        ])
    }

    static func channelName(_ channel: String) -> String {
        switch channel {
        case "online": "Online"
        case "paper": "Paper"
        default: channel
        }
    }

    /// A bar chart as SVG with the same numbers in a table beside it.
    static func chart(_ tally: ConsultationAnalysis.Tally) -> HTMLNode {
        let svg = chartSVG(tally.counts)
        return section(.class("chart-block")) {
            h3 { tally.question.text }
            p(.class("hint")) {
                Wording.count(tally.answered, "person", "people") + " answered."
                    + (tally.ranks.isEmpty
                        ? ""
                        : " The chart counts how often each choice was put first; the table also gives how many people ranked it at all, and its average place (1 is the top).")
            }
            div(.class("chart-pair")) {
                HTMLNode.raw(svg)
                if tally.ranks.isEmpty {
                    DataTable.render(
                        caption: "Answers to: \(tally.question.text)", headers: ["Answer", "People"],
                        rows: tally.counts.map { [.text($0.0), .text(String($0.1))] })
                } else {
                    DataTable.render(
                        caption: "Rankings for: \(tally.question.text)",
                        headers: ["Choice", "Put first", "Ranked it", "Average place"],
                        rows: zip(tally.counts, tally.ranks).map { first, rank in
                            [
                                .text(rank.choice), .text(String(first.1)), .text(String(rank.ranked)),
                                .text(rank.averagePlace.map { String(format1: $0) } ?? "–"),
                            ]
                        })
                }
            }
        }
    }

    /// The chart's geometry: each answer on its own line with its bar below, so the text keeps its size on a
    /// phone (16px in a 320-wide drawing, scaled to the screen), and the longest bar leaves room for its number.
    static let chartWidth = 320
    static let chartTextSize = 16
    /// Room after the longest bar for its number (up to six digits at the text size).
    static let chartValueRoom = 64

    static func chartSVG(_ counts: [(String, Int)]) -> String {
        let maximum = max(counts.map(\.1).max() ?? 0, 1)
        let rowHeight = 50
        let height = rowHeight * counts.count + 4
        let longestBar = chartWidth - chartValueRoom
        var svg =
            "<svg class=\"chart chart-answers\" aria-hidden=\"true\" focusable=\"false\" viewBox=\"0 0 \(chartWidth) \(height)\" width=\"\(chartWidth)\" height=\"\(height)\">"
        for (index, item) in counts.enumerated() {
            let width = Int(Double(item.1) / Double(maximum) * Double(longestBar))
            let y = index * rowHeight
            let label = item.0.count > 34 ? String(item.0.prefix(33)) + "…" : item.0
            svg += "<text x=\"0\" y=\"\(y + 17)\" class=\"chart-text\">\(escape(label))</text>"
            svg += "<rect x=\"0\" y=\"\(y + 24)\" width=\"\(width)\" height=\"20\" class=\"chart-bar\"></rect>"
            svg += "<text x=\"\(width + 6)\" y=\"\(y + 40)\" class=\"chart-text\">\(item.1)</text>"
        }
        return svg + "</svg>"
    }

    static func escape(_ text: String) -> String {
        HTMLNode.text(text).render()
    }

    static func representation(_ analysis: ConsultationAnalysis) -> HTMLNode {
        representation(
            analysis.representation, comparisonPlace: analysis.comparisonPlace, source: analysis.populationSource)
    }

    /// A group as the equality questions word it ("Under 15", "75 or over", "Female"), not the census code.
    static func categoryLabel(_ characteristic: MonitoringCharacteristic, _ category: String) -> String {
        let question: EqualityQuestion? =
            switch characteristic {
            case .age: .ageBand
            case .sex: .sex
            default: nil
            }
        return question?.options.first { $0.0 == category }?.1 ?? category
    }

    static func representation(
        _ groups: [ConsultationAnalysis.RepresentationGroup], comparisonPlace: String?, source: String?
    ) -> HTMLNode {
        guard !groups.isEmpty else {
            return p {
                "Nobody answered the optional equality monitoring questions, so there is no representation table."
            }
        }
        return section {
            h2(.id("representation")) { "Who we heard from compared with who lives here" }
            if let place = comparisonPlace, let source {
                p { "Population shares are for \(place), from \(source)." }
            } else if let place = comparisonPlace {
                p { "There are no population figures for \(place) yet, so shares are not compared." }
            } else {
                p { "This covers several places, so population shares are not compared." }
            }
            // The short version first, in plain words; the exact rule for those who check it, one click away.
            p(.class("hint")) { Representation.plainSummary }
            details(.class("details")) {
                HeardWeb.summary { "Exactly how a group is judged, and how small numbers are hidden" }
                p { Representation.ruleText }
            }
            for group in groups {
                DataTable.render(
                    caption:
                        "\(group.characteristic.title): "
                        + (Representation.totalIsSafe(group.rows)
                            ? "\(group.answered) answered" : "how many answered is not shown, to protect a small group")
                        + ", \(Representation.countText(Representation.suppressed(group.preferNotToSay))) preferred not to say",
                    headers: [
                        "Group", "Respondents", "Share of respondents", "Share of population", "Under-represented",
                    ],
                    rows: group.rows.map { row in
                        [
                            .text(categoryLabel(group.characteristic, row.category)),
                            .text(row.respondentsText()),
                            .text(row.respondentShare.map { String(format1: $0) + "%" } ?? "–"),
                            .text(row.populationShare.map { String(format1: $0) + "%" } ?? "Not known"),
                            row.underRepresented ? strong(.class("tag tag-not_met")) { "Yes" } : .text(row.verdict),
                        ]
                    },
                    // Five columns do not fit a phone: each group becomes a block with its figures under it.
                    stacked: true)
            }
        }
    }
}
