import Fluent
import Foundation
import SQLKit

/// The background-work queue: a table any number of app instances can claim from safely.
///
/// On PostgreSQL a claim is one `UPDATE … WHERE id = (SELECT … FOR UPDATE SKIP LOCKED)`, so two
/// instances never take the same job and never wait on each other. SQLite has one writer at a time,
/// so the same statement without the locking clause is already exclusive.
public struct JobQueue: Sendable {
    public let database: any Database
    /// Who is claiming: written into `locked_by` so a stuck job can be traced to an instance.
    public let workerID: String

    public init(database: any Database, workerID: String) {
        self.database = database
        self.workerID = workerID
    }

    @discardableResult
    public func enqueue(kind: String, payload: String = "{}", runAt: Date = Date()) async throws -> Job {
        let job = Job(kind: kind, payload: payload, runAt: runAt)
        try await job.create(on: database)
        return job
    }

    /// Claims the oldest due job, or returns nil when there is none.
    public func claim(now: Date = Date()) async throws -> Job? {
        let sql = database as! any SQLDatabase
        let lock = sql.dialect.name == "sqlite" ? "" : " FOR UPDATE SKIP LOCKED"
        let row = try await sql.raw(
            """
            UPDATE jobs SET status = 'running', locked_by = \(bind: workerID), locked_at = \(bind: now),
              attempts = attempts + 1
            WHERE id = (SELECT id FROM jobs WHERE status = 'queued' AND run_at <= \(bind: now)
                        ORDER BY run_at, created_at LIMIT 1\(unsafeRaw: lock))
            RETURNING id
            """
        ).first()
        guard let row, let id = try? row.decode(column: "id", as: UUID.self) else { return nil }
        return try await Job.find(id, on: database)
    }

    public func complete(_ job: Job, now: Date = Date()) async throws {
        job.status = .done
        job.finishedAt = now
        job.lastError = nil
        try await job.update(on: database)
    }

    /// Records the failure; the job is retried later until `maximumAttempts`, then left as failed.
    public func fail(_ job: Job, error: String, maximumAttempts: Int = 5, now: Date = Date()) async throws {
        job.lastError = String(error.prefix(2000))
        if job.attempts >= maximumAttempts {
            job.status = .failed
            job.finishedAt = now
        } else {
            job.status = .queued
            job.runAt = now.addingTimeInterval(Double(1 << min(job.attempts, 10)) * 5)
        }
        job.lockedBy = nil
        try await job.update(on: database)
    }

    /// Puts back jobs whose worker vanished (a killed instance) so another can take them.
    public func requeueAbandoned(olderThan age: TimeInterval, now: Date = Date()) async throws {
        try await Job.query(on: database)
            .filter(\.$status == .running)
            .filter(\.$lockedAt < now.addingTimeInterval(-age))
            .set(\.$status, to: .queued)
            .set(\.$lockedBy, to: nil)
            .update()
    }

    /// Puts one failed job back in the queue to run now, with its attempts reset. Only a job that is still
    /// failed is changed (two administrators pressing at once requeue it once); returns whether it was.
    public func retryFailed(id: UUID, now: Date = Date()) async throws -> Bool {
        let sql = database as! any SQLDatabase
        let row = try await sql.raw(
            """
            UPDATE jobs SET status = 'queued', attempts = 0, run_at = \(bind: now), last_error = NULL,
              finished_at = NULL, locked_by = NULL
            WHERE id = \(bind: id) AND status = 'failed' RETURNING id
            """
        ).first()
        return row != nil
    }

    /// Puts every failed job back in the queue to run now; returns how many.
    public func retryAllFailed(now: Date = Date()) async throws -> Int {
        let sql = database as! any SQLDatabase
        return try await sql.raw(
            """
            UPDATE jobs SET status = 'queued', attempts = 0, run_at = \(bind: now), last_error = NULL,
              finished_at = NULL, locked_by = NULL
            WHERE status = 'failed' RETURNING id
            """
        ).all().count
    }

    /// Deletes finished jobs older than `age`: they are only kept so the background work page can show
    /// what ran recently. Failed jobs stay until someone runs them again.
    public func deleteDone(olderThan age: TimeInterval, now: Date = Date()) async throws {
        try await Job.query(on: database).filter(\.$status == .done)
            .filter(\.$finishedAt < now.addingTimeInterval(-age)).delete()
    }

    public func counts() async throws -> [Job.Status: Int] {
        var result: [Job.Status: Int] = [:]
        for status in [Job.Status.queued, .running, .done, .failed] {
            result[status] = try await Job.query(on: database).filter(\.$status == status).count()
        }
        return result
    }
}
