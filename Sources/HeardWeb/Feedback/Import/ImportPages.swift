import Foundation
import HeardDomain
import HeardStorage

enum ImportPages {
    static func index(
        context: PageContext, earlier: ImportController.EarlierImports, failure: ValidationFailure?,
        csrfToken: String, notice: String?
    ) -> String {
        PageLayout.render(context) {
            if let notice { div(.class("notice"), .role("status")) { notice } }
            FormComponents.errorSummary(failure)
            h1 { "Import feedback" }
            p(.class("lead")) {
                "Bring in feedback exported from the Friends and Family Test or survey tools. You will choose which column is which, "
                "and check every row before anything is imported."
            }
            HeardWeb.form(
                .action(SiteURL.imports), .method("post"), HTMLAttribute("enctype", "multipart/form-data"), .novalidate
            ) {
                FormComponents.csrfField(csrfToken)
                div(.class("form-group" + (failure != nil ? " form-group-error" : ""))) {
                    label(.for("field-file"), .class("label")) { "CSV file" }
                    div(.id("field-file-hint"), .class("hint")) {
                        "Up to 20 MB. For bigger files, use: heard import feedback FILE.csv"
                    }
                    if let message = failure?.message(for: "file") {
                        p(.id("field-file-error"), .class("error-message")) {
                            span(.class("visually-hidden")) { "Error: " }; message
                        }
                    }
                    input(
                        .id("field-file"), .name("file"), .type("file"), HTMLAttribute("accept", ".csv,text/csv"),
                        .aria("describedby", "field-file-hint"))
                }
                FormComponents.submitButton("Upload and choose columns")
            }
            if !earlier.batches.isEmpty {
                h2(.id("earlier-imports")) { "Earlier imports" }
                p { earlier.page.showing(of: earlier.total) }
                DataTable.render(
                    caption: "Earlier imports", headers: ["File", "When", "Status", "Imported", "Refused", "Analysed"],
                    rows: earlier.batches.map { batch in
                        [
                            a(.href(SiteURL.imports + "/" + batch.id!.uuidString.lowercased())) { batch.fileName },
                            .text((batch.createdAt ?? Date()).formatted(AuditPage.dateFormat)), .text(batch.status),
                            .text(batch.rowsImported.formatted), .text(batch.rowsRejected.formatted),
                            .text(batch.rowsAnalysed.formatted),
                        ]
                    }, captionHidden: true)
                Pagination.links(page: earlier.page.number, pageCount: earlier.page.count) {
                    ListPage.path(SiteURL.imports, filters: [], page: $0) + "#earlier-imports"
                }
            }
        }
    }

    static func batch(
        context: PageContext, batch: ImportBatch, header: [String], mapping: ImportMapping?, services: [Service],
        earlierImport: String?, report: ImportReport?, failure: ValidationFailure?, csrfToken: String, notice: String?
    ) -> String {
        PageLayout.render(context) {
            if let notice { div(.class("notice"), .role("status")) { notice } }
            p { a(.class("back-link"), .href(SiteURL.imports)) { "All imports" } }
            FormComponents.errorSummary(failure)
            h1 { "Import \(batch.fileName)" }
            dl(.class("summary-list")) {
                FeedbackSummaryList.row("Status", batch.status)
                FeedbackSummaryList.row("Rows imported", batch.rowsImported.formatted)
                FeedbackSummaryList.row("Rows refused", batch.rowsRejected.formatted)
                FeedbackSummaryList.row(
                    "Rows analysed", "\(batch.rowsAnalysed.formatted) of \(batch.rowsImported.formatted)")
            }
            if let report {
                h2 { "Check result" }
                p(.role("status")) {
                    "\(report.rowsRead.formatted) rows read: \(report.accepted.formatted) would be imported, \(report.rejected.formatted) would be refused"
                        + (report.alreadyImported > 0
                            ? ", \(report.alreadyImported.formatted) \(report.alreadyImported == 1 ? "is" : "are") already in Heard from an earlier import and would be skipped."
                            : ".") + report.lookalikeSentence(dryRun: true) + report.answersOnlySentences
                }
                if report.accepted == 0, report.rejected == 0, report.alreadyImported > 0 {
                    p { "Nothing new to import: every row is already in Heard." }
                } else {
                    rejections(report.rejections, mapping: mapping)
                }
            } else if let stored = batch.rejections, !stored.isEmpty {
                h2 { "Refused rows" }
                ul(.class("list-plain")) { for line in stored.split(separator: "\n") { li { String(line) } } }
            }
            if batch.upload != nil, !header.isEmpty {
                h2 { "Which column is which?" }
                HeardWeb.form(
                    .action(SiteURL.imports + "/" + batch.id!.uuidString.lowercased()), .method("post"), .novalidate
                ) {
                    FormComponents.csrfField(csrfToken)
                    for field in FeedbackImportRules.Field.allCases {
                        FormComponents.selectField(
                            name: "column_" + field.rawValue, label: field.title,
                            choices: header.map { .init(value: $0, label: $0) },
                            selected: mapping?.columns[field.rawValue] ?? guess(field, header), failure: failure,
                            prompt: field == .text ? "Not in this file (FFT answers only)" : "Not in this file")
                    }
                    FormComponents.selectField(
                        name: "date_order", label: "How the file writes dates",
                        choices: FeedbackImportRules.DateOrder.allCases.map {
                            .init(
                                value: $0.rawValue,
                                label: $0.title.prefix(1).uppercased() + $0.title.dropFirst() + ", like " + $0.example)
                        },
                        selected: mapping?.order.rawValue ?? FeedbackImportRules.DateOrder.dayFirst.rawValue,
                        failure: failure,
                        hint:
                            "UK files write the day first. Dates written year first (2024-03-31) read the same either way.",
                        prompt: nil)
                    FormComponents.selectField(
                        name: "fixed_service", label: "Or: one service for every row",
                        choices: services.map { .init(value: $0.id!.uuidString, label: $0.name) },
                        selected: mapping?.fixedServiceID?.uuidString ?? "", failure: failure,
                        hint: "Use this when the file has no service column.", prompt: "Use the service column")
                    if let earlierImport {
                        div(.class("warning-callout"), .role("note")) {
                            p {
                                strong { "This file was already imported" }
                                " on \(earlierImport). Rows already in Heard are skipped, so importing it again adds only rows that are new."
                            }
                        }
                        FormComponents.checkbox(
                            name: "import_again", label: "Store every row again, even those already in Heard",
                            checked: false,
                            hint: "Leave this unticked unless the rows really should be counted twice.")
                    }
                    div(.class("button-group")) {
                        button(.type("submit"), .name("step"), .value("check"), .class("button button-secondary")) {
                            "Check every row"
                        }
                        button(.type("submit"), .name("step"), .value("import"), .class("button")) {
                            batch.lastLine ?? 0 > 0 ? "Resume the import" : "Import"
                        }
                    }
                }
            }
        }
    }

    static func rejections(_ errors: [FeedbackImportRules.RowError], mapping: ImportMapping?) -> HTMLNode {
        guard !errors.isEmpty else { return p { "Every row can be imported." } }
        // Columns by the file's own names, as the person chose them above.
        return DataTable.render(
            caption: "Rows that would be refused", headers: ["Line", "Column", "Problem"],
            rows: errors.prefix(200).map {
                [.text(String($0.line)), .text(mapping?.column(for: $0) ?? $0.field), .text($0.message)]
            })
    }

    /// Pre-selects a column whose name looks right, to save clicks.
    static func guess(_ field: FeedbackImportRules.Field, _ header: [String]) -> String {
        guesses(header)[field] ?? ""
    }

    /// A column for each field whose name suggests it, each column given to one field at most. Fields are
    /// given out in order (the pre-2020 answer, then what people said, then the FFT answer, …), and for each, the
    /// strongest word first ("comment" before "answer"), so "Answer,Comment" gives the comment as the text and
    /// the answer as the rating, and "FFT Answer" is never the text: guessing a rating column as what people said
    /// would store "Very good" as everyone's comment.
    static func guesses(_ header: [String]) -> [FeedbackImportRules.Field: String] {
        let ratingWords = ["fft", "rating", "score", "experience"]
        let hints: [(FeedbackImportRules.Field, [String])] = [
            (.legacyRecommend, ["recommend"]),
            (.text, ["comment", "free text", "feedback", "text", "why", "tell us", "answer"]),
            (.rating, ratingWords + ["answer"]), (.date, ["date"]), (.consent, ["consent", "publish"]),
            (.whatWasGood, ["good"]), (.couldBeBetter, ["better", "improve"]),
            (.service, ["service", "ward", "department"]),
            (.channel, ["mode", "channel", "collected", "method"]),
            (.responseID, ["response id", "response_id", "responseid", "respondent id", "response number"]),
        ]
        var taken: Set<String> = []
        var chosen: [FeedbackImportRules.Field: String] = [:]
        for (field, words) in hints {
            for word in words {
                let found = header.first { name in
                    let lower = name.lowercased()
                    guard !taken.contains(name), lower.contains(word) else { return false }
                    // "FFT Answer", "Rating": an answer, not what people wrote, unless the name says it is
                    // words ("Comments about your rating").
                    if field == .text, word == "answer" || ratingWords.contains(where: lower.contains) {
                        return ["comment", "text", "feedback", "why"].contains(where: lower.contains)
                    }
                    return true
                }
                if let found {
                    chosen[field] = found
                    taken.insert(found)
                    break
                }
            }
        }
        return chosen
    }
}
