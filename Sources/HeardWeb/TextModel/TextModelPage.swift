import Foundation
import HeardDomain
import HeardStorage
import HeardText
import Vapor

/// The text model page: the model card in plain words, the themes it finds, and stored feedback beside it.
enum TextModelPage {
    static func render(_ request: Request, state: TextModelController.State, notice: String?) -> String {
        let engine = request.listeningEngine
        let isAdmin = request.currentUser?.role == .administrator
        return PageLayout.render(PageContext(request, title: "Text model")) {
            p { a(.href(SiteURL.settings)) { "Back to settings" } }
            h1 { "Text model" }
            if let notice { div(.class("notice"), .role("status")) { notice } }
            p(.class("lead")) {
                "Heard reads every comment with this model to find its themes, sentiment and relational care. "
                    + "Personal data and urgent content are found by rules, whatever the model."
            }
            if let model = engine.model {
                card(model, path: engine.modelPath)
                themes(model)
            } else {
                div(.class("warning-callout"), .role("note")) {
                    p { "No text model is loaded: \(engine.modelProblem ?? "")" }
                    p { "Feedback is still redacted, but no themes or sentiment are found." }
                }
            }
            storedFeedback(state, engine: engine, isAdmin: isAdmin, csrfToken: request.csrfToken)
        }
    }

    static func card(_ model: TextModel, path: String?) -> HTMLNode {
        let card = model.card
        let learned = model.learnedThemeNames.count
        return dl(.class("summary-list")) {
            FeedbackSummaryList.row("Name", card.name)
            FeedbackSummaryList.row(
                "Loaded from",
                path.map { "\($0) (set with --model or HEARD_MODEL)" }
                    ?? "The model that ships with Heard (set --model or HEARD_MODEL to use your own)")
            FeedbackSummaryList.row("Trained", trainedDate(card.createdAt))
            FeedbackSummaryList.row(
                "Trained on",
                "\(card.trainingRows.formatted()) comments"
                    + (card.dataSource.isEmpty
                        ? " (no data source was named when it was trained)" : ": \(card.dataSource)"))
            FeedbackSummaryList.row(
                "Themes per comment", model.isSingleLabel ? "Exactly one" : "Any number, or none")
            FeedbackSummaryList.row(
                "Themes it finds",
                "\(learned) of \(model.themeNames.count)"
                    + (learned < model.themeNames.count
                        ? " (the others had fewer than \(card.minimumExamples) training examples)" : ""))
            FeedbackSummaryList.row(
                "Sentiment", model.hasSentiment ? "1 (very positive) to 5 (very negative)" : "Not predicted")
            if let report = card.crossValidation {
                FeedbackSummaryList.row(
                    "Themes found right in training",
                    "Macro-F1 \(percent(report.macroF1)), micro-F1 \(percent(report.microF1)), "
                        + "checked by cross-validation on \(report.rows.formatted()) comments")
                if let five = report.sentimentAccuracy5, let three = report.sentimentAccuracy3 {
                    FeedbackSummaryList.row(
                        "Sentiment right in training",
                        "\(percent(five)) on the 5-point scale, \(percent(three)) as positive, neutral or negative")
                }
            }
        }
    }

    static func themes(_ model: TextModel) -> HTMLNode {
        let learned = Set(model.learnedThemeNames)
        let scores = Dictionary(
            (model.card.crossValidation?.perLabel ?? []).map { ($0.label, $0) }, uniquingKeysWith: { first, _ in first }
        )
        return .fragment([
            h2 { "Themes" },
            p(.class("hint")) {
                "Precision: of the comments the model gave the theme, how many had it. Recall: of the comments "
                    + "with the theme, how many the model found. Both from cross-validation when it was trained."
            },
            DataTable.render(
                caption: "Themes of this model",
                headers: [
                    "Theme", "Found by the model", "Training examples",
                    "Precision", "Recall",
                ],
                rows: model.themeNames.map { theme in
                    let score = scores[theme]
                    let examples = score?.support ?? model.card.tooFewExamples[theme]
                    return [
                        .text(theme),
                        .text(learned.contains(theme) ? "Yes" : "No: too few examples to learn"),
                        .text(examples.map { $0.formatted() } ?? "Not recorded"),
                        .text(learned.contains(theme) ? score.map { percent($0.precision) } ?? "–" : "–"),
                        .text(learned.contains(theme) ? score.map { percent($0.recall) } ?? "–" : "–"),
                    ]
                }, captionHidden: true),
        ])
    }

    static func storedFeedback(
        _ state: TextModelController.State, engine: ListeningEngine, isAdmin: Bool, csrfToken: String
    ) -> HTMLNode {
        .fragment([
            h2 { "Stored feedback" },
            p {
                "\(state.analysed.formatted()) feedback \(state.analysed == 1 ? "item has" : "items have") been analysed. "
                    + "\(state.corrected.formatted()) \(state.corrected == 1 ? "was" : "were") corrected by a moderator: "
                    + "re-analysis keeps their corrections."
            },
            unknownThemes(state.unknownThemes, hasModel: engine.model != nil),
            reanalysisStatus(state),
            reanalyseForm(state, engine: engine, isAdmin: isAdmin, csrfToken: csrfToken),
        ])
    }

    static func unknownThemes(_ themes: [(theme: String, items: Int)], hasModel: Bool) -> HTMLNode {
        guard hasModel else { return .empty }
        guard !themes.isEmpty else {
            return p { "Every theme on stored feedback is one this model has." }
        }
        return .fragment([
            div(.class("warning-callout"), .role("note")) {
                p {
                    "Stored feedback carries \(themes.count) \(themes.count == 1 ? "theme" : "themes") that this model "
                        + "does not have, probably from an earlier model. New feedback never gets them, so reports mix "
                        + "two sets of themes. Re-analysing stored feedback replaces them, except on items a "
                        + "moderator corrected: correct those again on their own page."
                }
            },
            DataTable.render(
                caption: "Themes on stored feedback that this model does not have", headers: ["Theme", "Items"],
                rows: themes.map { [.text($0.theme), .text($0.items.formatted())] }),
        ])
    }

    static func reanalysisStatus(_ state: TextModelController.State) -> HTMLNode {
        if let current = state.current, let payload = ReanalyseFeedbackJob.Payload.decode(current) {
            return div(.class("notice"), .role("status")) {
                p {
                    "Re-analysis under way: \(payload.done.formatted()) of \(payload.total.formatted()) items done "
                        + "(started by \(payload.startedBy)). Reload the page to see how far it has gone. If it "
                        + "does not move, check that an instance runs background jobs (the background work page)."
                }
            }
        }
        guard let latest = state.latest, let payload = ReanalyseFeedbackJob.Payload.decode(latest) else {
            return .empty
        }
        if latest.status == .failed {
            return div(.class("warning-callout"), .role("note")) {
                p { "The last re-analysis stopped after \(payload.done.formatted()) items: \(latest.lastError ?? "")" }
                p { a(.href(JobsController.path)) { "See background work to run it again" } }
            }
        }
        let when = (latest.finishedAt ?? latest.createdAt ?? Date()).formatted(AuditPage.dateFormat)
        return p { "Last re-analysis finished \(when). " + ReanalyseFeedbackJob.summary(payload) + "." }
    }

    static func reanalyseForm(
        _ state: TextModelController.State, engine: ListeningEngine, isAdmin: Bool, csrfToken: String
    ) -> HTMLNode {
        guard engine.model != nil, state.current == nil else { return .empty }
        guard isAdmin else { return p(.class("hint")) { "Only administrators can re-analyse stored feedback." } }
        return .fragment([
            h3 { "Re-analyse stored feedback" },
            p {
                "Works out the themes, sentiment and relational care of the "
                    + "\((state.analysed - state.corrected).formatted()) items not corrected by a moderator again, "
                    + "with this model. Do this after changing the model. Redaction, urgent flags and whether an "
                    + "item needs an answer are not changed. Dashboards and reports change as it goes."
            },
            HeardWeb.form(.action(TextModelController.path + "/reanalyse"), .method("post")) {
                FormComponents.csrfField(csrfToken)
                FormComponents.submitButton("Re-analyse stored feedback")
            },
        ])
    }

    static func percent(_ value: Double) -> String { "\(Int((value * 100).rounded()))%" }

    /// "4 December 2026" from the card's ISO 8601 time, or the text as written.
    static func trainedDate(_ text: String) -> String {
        guard let date = ISO8601DateFormatter().date(from: text) else { return text }
        return SimpleDate.ukDay(of: date).ukText
    }
}
