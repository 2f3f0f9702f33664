import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Vapor

/// `/staff/jobs`: the work Heard does in the background (analysing imports, daily reminders, housekeeping),
/// for the administrator asked "why has my import not been analysed?" or "why did the reminders stop?".
/// A job that failed 5 times is left failed with its error; it can be run again, one or all, audited.
enum JobsController {
    static let path = "/staff/jobs"

    struct Filters {
        var status: String
        var kind: String
        var page: Int?

        init(_ request: Request) {
            status = request.query[String.self, at: "status"] ?? ""
            kind = request.query[String.self, at: "kind"] ?? ""
            page = ListPage.requested(request)
        }

        var pairs: [(String, String)] { [("status", status), ("kind", kind)] }
    }

    /// The next queued run of each recurring job, or nil when none is queued (the worker puts one back
    /// within a minute; a failed one waits for someone to run it again).
    struct Schedule {
        var housekeeping: Date?
        var reminders: Date?
    }

    @Sendable static func index(_ request: Request) async throws -> Response {
        let filters = Filters(request)
        var query = Job.query(on: request.db)
        var problems = FilterProblems()
        if let status = problems.choice(filters.status, "status", Job.Status.init(rawValue:)) {
            query = query.filter(\.$status == status)
        }
        if let kind = problems.choice(
            filters.kind, "kind of work", { kind in JobKinds.titles.contains { $0.kind == kind } ? kind : nil })
        {
            query = query.filter(\.$kind == kind)
        }
        query = problems.narrowing(query)
        let total = try await query.copy().count()
        let page = ListPage(requested: filters.page, total: total)
        let jobs = try await query.sort(\.$createdAt, .descending).sort(\.$id).range(page.range).all()
        let counts = try await JobQueue(database: request.db, workerID: "page").counts()
        let imports = try await importNames(for: jobs, on: request.db)
        let schedule = Schedule(
            housekeeping: try await nextRun(of: HousekeepingJob.kind, on: request.db),
            reminders: try await nextRun(of: RemindersJob.kind, on: request.db))
        return .html(
            JobsPage.render(
                jobs: jobs, counts: counts, imports: imports, schedule: schedule, filters: filters, page: page,
                total: total,
                context: PageContext(request, title: "Background work"), notice: problems.notice(request)))
    }

    /// Runs one failed job again now.
    @Sendable static func retry(_ request: Request) async throws -> Response {
        let id = try Admin.uuidParameter(request)
        guard let job = try await Job.find(id, on: request.db) else { throw Abort(.notFound) }
        let requeued = try await request.db.writeTransaction { db in
            guard try await JobQueue(database: db, workerID: "page").retryFailed(id: id) else { return false }
            try await AuditLog.record(
                on: db, actor: Admin.actor(request), action: "job.requeued", objectType: "job",
                objectID: id.uuidString, summary: "Run again: \(JobKinds.title(job.kind))")
            return true
        }
        Admin.flash(
            request,
            requeued
                ? "\(JobKinds.title(job.kind)) is back in the queue and will run within a minute."
                : "That job has not failed (it is \(JobKinds.statusText(job.status).lowercased())), so it was left alone."
        )
        return request.redirect(to: path)
    }

    /// After an outage: every failed job back in the queue.
    @Sendable static func retryAllFailed(_ request: Request) async throws -> Response {
        let requeued = try await request.db.writeTransaction { db in
            let count = try await JobQueue(database: db, workerID: "page").retryAllFailed()
            if count > 0 {
                try await AuditLog.record(
                    on: db, actor: Admin.actor(request), action: "job.requeued", objectType: "job", objectID: nil,
                    summary: "Run again: \(count) failed job\(count == 1 ? "" : "s")")
            }
            return count
        }
        Admin.flash(
            request,
            requeued == 0
                ? "No jobs had failed."
                : "\(requeued) failed job\(requeued == 1 ? " is" : "s are") back in the queue.")
        return request.redirect(to: path)
    }

    /// How many jobs have failed, for the warning on the administration page.
    static func failedCount(on db: any Database) async throws -> Int {
        try await Job.query(on: db).filter(\.$status == .failed).count()
    }

    static func nextRun(of kind: String, on db: any Database) async throws -> Date? {
        try await Job.query(on: db).filter(\.$kind == kind).filter(\.$status == .queued).sort(\.$runAt).first()?
            .runAt
    }

    /// The file names of the import batches the listed analysis jobs belong to.
    static func importNames(for jobs: [Job], on db: any Database) async throws -> [UUID: String] {
        let ids = Set(jobs.compactMap { JobKinds.importBatch(of: $0) })
        guard !ids.isEmpty else { return [:] }
        let batches = try await ImportBatch.query(on: db).filter(\.$id ~~ ids).all()
        return Dictionary(uniqueKeysWithValues: batches.compactMap { batch in batch.id.map { ($0, batch.fileName) } })
    }
}

/// Each kind of background job, in words.
enum JobKinds {
    static let titles: [(kind: String, title: String)] = [
        (AnalyseImportJob.kind, "Analysing an import"), (RemindersJob.kind, "Daily reminders"),
        (HousekeepingJob.kind, "Housekeeping"), (ReanalyseFeedbackJob.kind, "Re-analysing stored feedback"),
    ]

    static func title(_ kind: String) -> String {
        titles.first { $0.kind == kind }?.title ?? kind
    }

    static func statusText(_ status: Job.Status) -> String {
        switch status {
        case .queued: "Waiting"
        case .running: "Running"
        case .done: "Done"
        case .failed: "Failed"
        }
    }

    /// The import batch an analysis job works through, read from its payload.
    static func importBatch(of job: Job) -> UUID? {
        guard job.kind == AnalyseImportJob.kind else { return nil }
        return try? JSONDecoder().decode(AnalyseImportJob.Payload.self, from: Data(job.payload.utf8)).batch
    }
}
