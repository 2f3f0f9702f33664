import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// The administrator's view of background jobs: what failed and why, running it again, and recurring jobs
/// that never stop for good.
@Suite("Background work")
struct BackgroundWorkTests {
    @Test(
        "counts and filters jobs; a failed one shows its error, names its import and can be run again, audited",
        arguments: TestDatabase.all)
    func page(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let admin = try await app.signedInBrowser(.administrator)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            #expect(try await officer.get("/staff/jobs").status == .forbidden)
            let batch = ImportBatch(fileName: "ward-survey-march.csv", createdByID: nil)
            try await batch.create(on: app.db)
            let queue = JobQueue(database: app.db, workerID: "test")
            let analysis = try await queue.enqueue(
                kind: AnalyseImportJob.kind, payload: "{\"batch\":\"\(batch.id!.uuidString)\"}")
            let reminders = try await queue.enqueue(kind: RemindersJob.kind)
            try await queue.enqueue(kind: HousekeepingJob.kind, runAt: Date().addingTimeInterval(3600))
            for job in [analysis, reminders] {
                job.status = .failed
                job.attempts = 5
                job.lastError = "database is locked"
                try await job.update(on: app.db)
            }

            var page = try await admin.get("/staff/jobs")
            #expect(page.status == .ok)
            #expect(page.body.contains("<a href=\"/staff/jobs?status=failed\">2</a>"))
            #expect(page.body.contains("<a href=\"/staff/jobs?status=queued\">1</a>"))
            #expect(page.body.contains("Failed after 5 tries: database is locked"))
            #expect(page.body.contains("ward-survey-march.csv"))
            #expect(page.body.contains("href=\"/staff/imports/\(batch.id!.uuidString.lowercased())\""))
            #expect(page.body.contains("Not scheduled"), "the only reminders job has failed")
            page = try await admin.get("/staff/jobs?status=failed&kind=reminders")
            #expect(page.body.contains("Daily reminders") && !page.body.contains("ward-survey-march.csv"))
            // A status or kind that names nothing matches nothing and says so, rather than listing every job.
            page = try await admin.get("/staff/jobs?status=broken")
            #expect(page.status == .ok)
            #expect(page.body.contains("There is no status \"broken\", so nothing matches: choose one from the list."))
            #expect(page.body.contains("No jobs match.") && !page.body.contains("ward-survey-march.csv"))
            page = try await admin.get("/staff/jobs?kind=laundry&status=failed")
            #expect(page.body.contains("There is no kind of work \"laundry\", so nothing matches"))
            #expect(page.body.contains("<option value=\"failed\" selected>"), "the valid choice stays chosen")

            let dashboard = try await admin.get("/staff")
            #expect(dashboard.body.contains("2 background jobs have failed."))
            #expect(dashboard.body.contains("<a href=\"/staff/jobs?status=failed\">2</a>"))
            #expect(!(try await officer.get("/staff").body.contains("background jobs have failed")))
            let adminPage = try await admin.get("/staff/admin")
            #expect(adminPage.body.contains("2 background jobs have failed."))
            #expect(adminPage.body.contains("href=\"/staff/jobs?status=failed\""))

            let one = "/staff/jobs/\(analysis.id!.uuidString.lowercased())/retry"
            #expect(try await admin.post(one, form: [:], tokenFrom: "/staff/jobs").status == .seeOther)
            let retried = try #require(try await Job.find(analysis.id, on: app.db))
            #expect(retried.status == .queued && retried.attempts == 0 && retried.lastError == nil)
            #expect(try await queue.claim()?.id == analysis.id, "it runs at once, not after a back-off")
            _ = try await admin.post(one, form: [:], tokenFrom: "/staff/jobs")
            #expect(try await Job.find(analysis.id, on: app.db)?.status == .running, "a job not failed is left alone")
            #expect(try await admin.get("/staff/jobs").body.contains("That job has not failed (it is running)"))

            #expect(
                try await admin.post("/staff/jobs/retry-failed", form: [:], tokenFrom: "/staff/jobs").status
                    == .seeOther)
            #expect(try await Job.query(on: app.db).filter(\.$status == .failed).count() == 0)
            let audit = try await AuditEvent.query(on: app.db).filter(\.$action == "job.requeued").all()
            #expect(audit.count == 2)
            #expect(audit.contains { $0.summary == "Run again: 1 failed job" })
            #expect(audit.contains { $0.summary == "Run again: Analysing an import" })
            #expect(!(try await admin.get("/staff/admin").body.contains("background jobs have failed")))
            #expect(
                try await officer.post("/staff/jobs/retry-failed", form: [:], tokenFrom: "/staff").status
                    == .forbidden)
        }
    }

    @Test(
        "a recurring job that failed for good is queued again at its usual time; one already queued is not doubled",
        arguments: TestDatabase.all)
    func recurringJobsComeBack(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let queue = JobQueue(database: app.db, workerID: "test")
            let failed = try await queue.enqueue(kind: RemindersJob.kind)
            failed.status = .failed
            try await failed.update(on: app.db)
            try await queue.enqueue(kind: HousekeepingJob.kind, runAt: Date().addingTimeInterval(600))

            let now = Date()
            try await JobWorker.ensureRecurringJobs(on: app.db, now: now)
            try await JobWorker.ensureRecurringJobs(on: app.db, now: now)
            let reminders = try await Job.query(on: app.db).filter(\.$kind == RemindersJob.kind)
                .filter(\.$status == .queued).all()
            #expect(reminders.count == 1)
            #expect(reminders.first?.runAt == RemindersJob.nextMorning(after: now))
            #expect(
                try await Job.query(on: app.db).filter(\.$kind == HousekeepingJob.kind).count() == 1,
                "the queued housekeeping run is enough")
        }
    }

    @Test("housekeeping deletes finished jobs older than a month and keeps failed ones", arguments: TestDatabase.all)
    func oldJobsCleared(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let queue = JobQueue(database: app.db, workerID: "test")
            var made: [Job] = []
            for (status, daysAgo) in [(Job.Status.done, 40), (.done, 5), (.failed, 40)] {
                let job = try await queue.enqueue(kind: "test")
                job.status = status
                job.finishedAt = Date().addingTimeInterval(-Double(daysAgo) * 86400)
                try await job.update(on: app.db)
                made.append(job)
            }
            try await queue.deleteDone(olderThan: 30 * 86400)
            #expect(try await Job.find(made[0].id, on: app.db) == nil)
            #expect(try await Job.find(made[1].id, on: app.db) != nil)
            #expect(try await Job.find(made[2].id, on: app.db) != nil)
        }
    }
}
