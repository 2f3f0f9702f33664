import Foundation
import HeardStorage

/// The background work page: counts by status, when the recurring jobs run next, and each job with its error.
enum JobsPage {
    static let statuses: [Job.Status] = [.queued, .running, .done, .failed]

    static func render(
        jobs: [Job], counts: [Job.Status: Int], imports: [UUID: String], schedule: JobsController.Schedule,
        filters: JobsController.Filters, page: ListPage, total: Int, context: PageContext, notice: String?
    ) -> String {
        PageLayout.render(context) {
            if let notice { div(.class("notice"), .role("status")) { notice } }
            h1 { "Background work" }
            p(.class("lead")) {
                "What Heard does behind the scenes: analysing imported feedback, sending the daily reminders at 7am and clearing out old records. A job that goes wrong is tried 5 times, further apart each time, then left here as failed with the reason."
            }
            DecisionForms.summaryList(
                statuses.map { status in
                    (
                        JobKinds.statusText(status),
                        a(.href(JobsController.path + "?status=\(status.rawValue)")) { String(counts[status] ?? 0) }
                    )
                })
            if (counts[.failed] ?? 0) > 0 {
                HeardWeb.form(.action(JobsController.path + "/retry-failed"), .method("post")) {
                    FormComponents.csrfField(context.csrfToken ?? "")
                    button(.type("submit"), .class("button button-secondary")) { "Run every failed job again" }
                }
            }
            h2 { "Next runs" }
            DecisionForms.summaryList([
                ("Daily reminders", .text(scheduled(schedule.reminders))),
                ("Housekeeping", .text(scheduled(schedule.housekeeping))),
            ])
            HeardWeb.form(.action(JobsController.path), .method("get"), .class("filters"), .novalidate) {
                FormComponents.selectField(
                    name: "status", label: "Status",
                    choices: statuses.map { .init(value: $0.rawValue, label: JobKinds.statusText($0)) },
                    selected: filters.status, failure: nil, prompt: "Any status")
                FormComponents.selectField(
                    name: "kind", label: "Kind",
                    choices: JobKinds.titles.map { .init(value: $0.kind, label: $0.title) },
                    selected: filters.kind, failure: nil, prompt: "Any kind")
                button(.type("submit"), .class("button button-secondary")) { "Filter" }
            }
            if jobs.isEmpty {
                p { "No jobs match." }
            } else {
                p { page.showing(of: total) }
                DataTable.render(
                    caption: "Jobs, newest first", headers: ["Added", "What", "Status", "Action"],
                    rows: jobs.map { job in
                        [
                            .text(job.createdAt.map { $0.formatted(AuditPage.dateFormat) } ?? "–"),
                            what(job, imports: imports),
                            .text(statusText(job)),
                            job.status == .failed
                                ? HeardWeb.form(
                                    .action(JobsController.path + "/" + DecisionURL.id(job.id!) + "/retry"),
                                    .method("post"), .class("inline-form")
                                ) {
                                    FormComponents.csrfField(context.csrfToken ?? "")
                                    button(.type("submit"), .class("link-button")) {
                                        "Run again"
                                        span(.class("visually-hidden")) { ": " + JobKinds.title(job.kind) }
                                    }
                                } : .empty,
                        ]
                    }, captionHidden: true)
            }
            Pagination.links(page: page.number, pageCount: page.count) {
                ListPage.path(JobsController.path, filters: filters.pairs, page: $0)
            }
        }
    }

    /// "2 background jobs have failed. See what went wrong", for the pages administrators pass through;
    /// nothing when none has.
    static func failedWarning(_ failed: Int) -> HTMLNode {
        guard failed > 0 else { return .empty }
        return div(.class("warning-callout"), .role("note")) {
            (failed == 1 ? "1 background job has" : "\(failed) background jobs have") + " failed. "
            a(.href(JobsController.path + "?status=failed")) { "See what went wrong" }
        }
    }

    static func scheduled(_ date: Date?) -> String {
        date.map { $0.formatted(AuditPage.dateFormat) }
            ?? "Not scheduled. Heard queues the next run within a minute; if this stays, check the failed jobs."
    }

    /// The job's kind in words and, for an import's analysis, the file with a link to it.
    static func what(_ job: Job, imports: [UUID: String]) -> HTMLNode {
        if job.kind == ReanalyseFeedbackJob.kind {
            return a(.href(TextModelController.path)) { JobKinds.title(job.kind) }
        }
        guard let batch = JobKinds.importBatch(of: job) else { return .text(JobKinds.title(job.kind)) }
        return span {
            JobKinds.title(job.kind) + ": "
            if let name = imports[batch] {
                a(.href(SiteURL.imports + "/" + DecisionURL.id(batch))) { name }
            } else {
                "an import that has since been deleted"
            }
        }
    }

    static func statusText(_ job: Job) -> String {
        let label = JobKinds.statusText(job.status)
        let tries = "\(job.attempts) tr\(job.attempts == 1 ? "y" : "ies")"
        switch job.status {
        case .done:
            return label + (job.finishedAt.map { " " + $0.formatted(AuditPage.dateFormat) } ?? "")
        case .failed:
            return label + " after \(tries): " + (job.lastError ?? "no reason was recorded")
        case .running:
            return label + (job.lockedBy.map { " on \($0)" } ?? "")
        case .queued:
            let due = "due " + job.runAt.formatted(AuditPage.dateFormat)
            guard let error = job.lastError else { return label + ", " + due }
            return label + " to try again (\(due)) after \(tries): " + error
        }
    }
}
