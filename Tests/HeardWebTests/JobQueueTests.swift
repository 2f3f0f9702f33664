import Fluent
import Foundation
import HeardStorage
import Testing

@Suite("Background job queue")
struct JobQueueTests {
    @Test("concurrent workers never claim the same job", arguments: TestDatabase.all)
    func claimsAreExclusive(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let producer = JobQueue(database: app.db, workerID: "producer")
            for index in 0..<20 { try await producer.enqueue(kind: "test", payload: "{\"n\":\(index)}") }
            let claimed = try await withThrowingTaskGroup(of: [UUID].self) { group in
                for worker in 0..<4 {
                    group.addTask {
                        let queue = JobQueue(database: app.db, workerID: "worker-\(worker)")
                        var mine: [UUID] = []
                        while let job = try await queue.claim() {
                            mine.append(job.id!)
                            try await queue.complete(job)
                        }
                        return mine
                    }
                }
                var all: [UUID] = []
                for try await ids in group { all += ids }
                return all
            }
            #expect(claimed.count == 20)
            #expect(Set(claimed).count == 20)
            #expect(try await Job.query(on: app.db).filter(\.$status == .done).count() == 20)
        }
    }

    @Test("a failed job is retried later, then left as failed with its error", arguments: TestDatabase.all)
    func failureAndRetry(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let queue = JobQueue(database: app.db, workerID: "w")
            try await queue.enqueue(kind: "flaky")
            let first = try #require(try await queue.claim())
            // The clock is passed in: on a busy machine the real 10 seconds of back-off can pass between two
            // lines of a test.
            let failedAt = Date()
            try await queue.fail(first, error: "boom", maximumAttempts: 2, now: failedAt)
            #expect(try await queue.claim(now: failedAt.addingTimeInterval(1)) == nil, "retry waits for its back-off")
            let later = failedAt.addingTimeInterval(3600)
            let second = try #require(try await queue.claim(now: later))
            #expect(second.attempts == 2)
            try await queue.fail(second, error: "boom again", maximumAttempts: 2)
            let stored = try #require(try await Job.find(first.id, on: app.db))
            #expect(stored.status == .failed)
            #expect(stored.lastError == "boom again")
        }
    }

    @Test("a job whose worker vanished is put back for another", arguments: TestDatabase.all)
    func abandonedJobsRequeued(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let queue = JobQueue(database: app.db, workerID: "killed")
            try await queue.enqueue(kind: "long")
            _ = try #require(try await queue.claim())
            try await queue.requeueAbandoned(olderThan: 60, now: Date().addingTimeInterval(120))
            let rescuer = JobQueue(database: app.db, workerID: "rescuer")
            let job = try #require(try await rescuer.claim(now: Date().addingTimeInterval(120)))
            #expect(job.lockedBy == "rescuer")
        }
    }
}
