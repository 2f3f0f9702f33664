import Fluent
import Foundation
import HeardDomain
import HeardStorage
import NIOConcurrencyHelpers
import Vapor

/// What a job of each kind does. Later features register their own kinds here.
enum JobHandlers {
    typealias Handler = @Sendable (Job, any Database, Logger) async throws -> Void

    static func all(
        engine: ListeningEngine, siteURL: String, today: @escaping @Sendable () -> SimpleDate
    )
        -> [String: Handler]
    {
        [
            HousekeepingJob.kind: HousekeepingJob.run,
            AnalyseImportJob.kind: AnalyseImportJob.handler(engine: engine, siteURL: siteURL),
            RemindersJob.kind: RemindersJob.handler(siteURL: siteURL, today: today),
            ReanalyseFeedbackJob.kind: ReanalyseFeedbackJob.handler(engine: engine),
        ]
    }
}

/// Deletes sign-in attempts past any throttling window and re-schedules itself daily.
enum HousekeepingJob {
    static let kind = "housekeeping"

    @Sendable static func run(_ job: Job, on db: any Database, logger: Logger) async throws {
        let cutoff = Date().addingTimeInterval(-30 * 24 * 60 * 60)
        // Kept as long as a successful sign-in makes its address known to the throttle.
        let attemptsCutoff = Date().addingTimeInterval(-SignInController.throttle.knownAddressWindow)
        try await SignInAttempt.query(on: db).filter(\.$attemptedAt < attemptsCutoff).delete()
        // A form sent again a month later is a new filling-in, not a double click.
        try await FormSubmission.query(on: db).filter(\.$createdAt < cutoff).delete()
        // Submitter hashes exist only for rate limiting: keep them one day.
        try await FeedbackItem.query(on: db).filter(\.$submitterHash != nil)
            .filter(\.$receivedAt < Date().addingTimeInterval(-86400)).set(\.$submitterHash, to: nil).update()
        try await ActivitySignup.query(on: db).filter(\.$submitterHash != nil)
            .filter(\.$createdAt < Date().addingTimeInterval(-86400)).set(\.$submitterHash, to: nil).update()
        // People gave their details to sign up to an event only to hear of changes: cleared once it is over.
        try await EventSignups.anonymiseEnded(today: SimpleDate.ukDay(of: Date()), on: db)
        // And what invited people said they need to take part, which can be about their health.
        try await InvitationNeedsRetention.clearEnded(today: SimpleDate.ukDay(of: Date()), on: db)
        // And the address a consultation response gave only to be sent the outcome, once it has been.
        try await ResponseEmailRetention.clearSent(now: Date(), on: db)
        // A notice left "sending" by a killed instance goes back to the queue.
        try await Notice.query(on: db).filter(\.$status == .sending)
            .filter(\.$createdAt < Date().addingTimeInterval(-3600)).set(\.$status, to: .queued).update()
        // Finished jobs are kept a month so the background work page shows what ran recently.
        try await JobQueue(database: db, workerID: "housekeeping").deleteDone(olderThan: 30 * 24 * 60 * 60)
        try await scheduleNext(on: db, after: 24 * 60 * 60)
        logger.info("Housekeeping done")
    }

    /// Ensures exactly one future housekeeping run is queued (several instances may call this).
    static func scheduleNext(on db: any Database, after delay: TimeInterval) async throws {
        let pending = try await Job.query(on: db).filter(\.$kind == kind).filter(\.$status == .queued).count()
        if pending == 0 {
            try await JobQueue(database: db, workerID: "scheduler").enqueue(
                kind: kind, runAt: Date().addingTimeInterval(delay))
        }
    }
}

/// Claims and runs jobs in the background of a running app. Stops cleanly on shutdown.
final class JobWorker: LifecycleHandler, Sendable {
    private let config: AppConfiguration
    private let task = NIOLockedValueBox<Task<Void, Never>?>(nil)

    init(config: AppConfiguration) {
        self.config = config
    }

    func didBootAsync(_ application: Application) async throws {
        let queue = JobQueue(database: application.db, workerID: config.instanceID)
        let logger = application.logger
        let interval = config.jobPollInterval
        let handlers = JobHandlers.all(
            engine: application.listeningEngine, siteURL: config.publicURL,
            today: { [application] in application.decisionClock.today() })
        let delivery = config.smtp.map {
            NoticeDelivery(
                database: application.db, client: SMTPClient(host: $0.host, port: $0.port), from: config.mailFrom,
                logger: logger)
        }
        if delivery == nil {
            logger.notice("No mail relay is set (HEARD_SMTP): notices stay in the outbox until one is.")
        }
        try? await HousekeepingJob.scheduleNext(on: application.db, after: 60)
        try? await RemindersJob.scheduleNext(on: application.db, at: Date().addingTimeInterval(60))
        task.withLockedValue {
            $0 = Task.detached {
                await JobWorker.loop(
                    queue: queue, handlers: handlers, delivery: delivery, logger: logger, pollInterval: interval)
            }
        }
    }

    func shutdownAsync(_ application: Application) async {
        let running = task.withLockedValue { task -> Task<Void, Never>? in
            defer { task = nil }
            return task
        }
        running?.cancel()
        await running?.value
    }

    static func loop(
        queue: JobQueue, handlers: [String: JobHandlers.Handler], delivery: NoticeDelivery?, logger: Logger,
        pollInterval: Double
    ) async {
        var lastRequeue = Date.distantPast
        while !Task.isCancelled {
            do {
                if Date().timeIntervalSince(lastRequeue) > 60 {
                    try await queue.requeueAbandoned(olderThan: 15 * 60)
                    try await ensureRecurringJobs(on: queue.database)
                    lastRequeue = Date()
                }
                if let job = try await queue.claim() {
                    await run(job, queue: queue, handlers: handlers, logger: logger)
                    continue
                }
                if let delivery, try await delivery.deliverPending() > 0 { continue }
            } catch {
                logger.warning("Job worker could not reach the queue: \(DatabaseErrorText.describe(error))")
            }
            try? await Task.sleep(for: .seconds(pollInterval))
        }
    }

    /// A recurring job schedules its next run when it finishes, so one that failed for good would never run
    /// again until a restart. Each minute the worker queues the next run, at its usual time, of any recurring
    /// kind with none queued or running. The reminders run then catches up the days it missed.
    static func ensureRecurringJobs(on db: any Database, now: Date = Date()) async throws {
        let next = [
            HousekeepingJob.kind: now.addingTimeInterval(24 * 60 * 60),
            RemindersJob.kind: RemindersJob.nextMorning(after: now),
        ]
        for (kind, time) in next {
            let pending = try await Job.query(on: db).filter(\.$kind == kind).filter(\.$status ~~ [.queued, .running])
                .count()
            if pending == 0 {
                try await JobQueue(database: db, workerID: "scheduler").enqueue(kind: kind, runAt: time)
            }
        }
    }

    static func run(_ job: Job, queue: JobQueue, handlers: [String: JobHandlers.Handler], logger: Logger) async {
        var logger = logger
        logger[metadataKey: "job"] = .string(job.id?.uuidString ?? "?")
        logger[metadataKey: "job-kind"] = .string(job.kind)
        do {
            guard let handler = handlers[job.kind] else {
                try await queue.fail(job, error: "No handler for job kind '\(job.kind)'", maximumAttempts: 1)
                return
            }
            try await handler(job, queue.database, logger)
            try await queue.complete(job)
        } catch {
            logger.error("Job failed: \(error)")
            try? await queue.fail(job, error: String(describing: error))
        }
    }
}
