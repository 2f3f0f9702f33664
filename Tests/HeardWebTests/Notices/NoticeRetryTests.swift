import Fluent
import Foundation
import HeardStorage
import Logging
import Testing

@testable import HeardWeb

/// A mail relay that is down for a moment costs a delay, not the notice: each failed try waits longer before
/// the next (1, 5, 15, 60 minutes), and only the fifth failure leaves the notice failed.
@Suite("Sending e-mail again after the relay failed")
struct NoticeRetryTests {
    @Test("failed tries back off for minutes before the notice is given up", arguments: TestDatabase.all)
    func backsOff(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let notice = Notice(to: "person@example.org", subject: "We did", body: "Body", kind: "we_did")
            try await notice.create(on: app.db)
            // Nothing listens on port 1 here: every connection is refused at once, as by a relay that is down.
            let delivery = NoticeDelivery(
                database: app.db, client: SMTPClient(host: "127.0.0.1", port: 1, timeout: .seconds(5)),
                from: "heard@example.org", logger: Logger(label: "test"))
            var now = Date()
            let waits: [TimeInterval] = [60, 5 * 60, 15 * 60, 60 * 60]
            for (index, wait) in waits.enumerated() {
                #expect(try await delivery.deliverPending(now: now) == 0)
                let stored = try #require(try await Notice.find(notice.id, on: app.db))
                #expect(stored.status == .queued, "try \(index + 1) leaves it queued")
                #expect(stored.attempts == index + 1)
                let next = try #require(stored.nextAttemptAt)
                #expect(abs(next.timeIntervalSince(now) - wait) < 1, "try \(index + 1) waits \(wait) s")
                // Not tried again before its time, however often delivery runs.
                #expect(try await delivery.deliverPending(now: now.addingTimeInterval(wait - 5)) == 0)
                #expect(try await Notice.find(notice.id, on: app.db)?.attempts == index + 1)
                now = now.addingTimeInterval(wait + 1)
            }
            #expect(try await delivery.deliverPending(now: now) == 0)
            let given = try #require(try await Notice.find(notice.id, on: app.db))
            #expect(given.status == .failed)
            #expect(given.attempts == 5)
            #expect(given.nextAttemptAt == nil)

            // The outbox says when the next try is while it waits; sending again by hand tries at once.
            let admin = try await app.signedInBrowser(.administrator)
            let retry = "/staff/notices/\(notice.id!.uuidString.lowercased())/retry"
            #expect(try await admin.post(retry, form: [:], tokenFrom: "/staff/notices").status == .seeOther)
            let requeued = try #require(try await Notice.find(notice.id, on: app.db))
            #expect(requeued.status == .queued && requeued.attempts == 0 && requeued.nextAttemptAt == nil)
            #expect(try await delivery.deliverPending() == 0)
            let page = try await admin.get("/staff/notices")
            #expect(page.body.contains("after 1 try: "), "\(page.body)")
            #expect(page.body.contains("Next try: "))
        }
    }
}
