import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Logging
import SQLKit

/// Sends queued notices. Each notice is claimed with the same `FOR UPDATE SKIP LOCKED` pattern as
/// jobs, so several instances deliver in parallel without sending anything twice.
struct NoticeDelivery: Sendable {
    let database: any Database
    let client: SMTPClient
    let from: String
    let logger: Logger
    static let maximumAttempts = 5

    /// How long to wait after the `attempt`-th try failed: 1, 5, 15 and then 60 minutes, so a relay that is
    /// down for a moment (a restart, a network blip) costs a delay, not the notice; the last try is about an
    /// hour and twenty minutes after the first.
    static func retryDelay(afterAttempt attempt: Int) -> TimeInterval {
        switch attempt {
        case ...1: 60
        case 2: 5 * 60
        case 3: 15 * 60
        default: 60 * 60
        }
    }

    /// Delivers up to `limit` notices that are due; returns how many were sent.
    @discardableResult
    func deliverPending(limit: Int = 50, now: Date = Date()) async throws -> Int {
        var sent = 0
        for _ in 0..<limit {
            guard let notice = try await claim(now: now) else { break }
            do {
                try await client.send(Self.message(notice, from: from))
                notice.status = .sent
                notice.sentAt = Date()
                notice.lastError = nil
                sent += 1
            } catch {
                notice.lastError = String(describing: error)
                notice.status = notice.attempts >= Self.maximumAttempts ? .failed : .queued
                notice.nextAttemptAt =
                    notice.status == .queued
                    ? now.addingTimeInterval(Self.retryDelay(afterAttempt: notice.attempts)) : nil
                logger.warning("Could not deliver notice \(notice.id?.uuidString ?? "?"): \(error)")
            }
            try await notice.save(on: database)
            if notice.status == .queued { break }  // The relay is failing: try again next round.
        }
        return sent
    }

    /// The e-mail for `notice`, without direction override and isolate controls (`BidiControls`) in its subject
    /// or body: the text it was written from loses them when saved, but a notice queued before that, or written
    /// from text kept as it was sent, still holds them, and a mail reader would show its words out of order.
    static func message(_ notice: Notice, from: String) -> SMTPClient.Message {
        .init(
            from: from, to: notice.toAddress, subject: notice.subject.removingBidiControls(),
            body: notice.body.removingBidiControls())
    }

    func claim(now: Date = Date()) async throws -> Notice? {
        let sql = database as! any SQLDatabase
        let lock = sql.dialect.name == "sqlite" ? "" : " FOR UPDATE SKIP LOCKED"
        let row = try await sql.raw(
            """
            UPDATE notices SET status = 'sending', attempts = attempts + 1
            WHERE id = (SELECT id FROM notices WHERE status = 'queued'
                          AND (next_attempt_at IS NULL OR next_attempt_at <= \(bind: now))
                        ORDER BY created_at LIMIT 1\(unsafeRaw: lock))
            RETURNING id
            """
        ).first()
        guard let id = try row?.decode(column: "id", as: UUID.self) else { return nil }
        return try await Notice.find(id, on: database)
    }
}
