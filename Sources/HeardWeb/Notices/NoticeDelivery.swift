import Fluent
import Foundation
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

    /// Delivers up to `limit` notices; returns how many were sent.
    @discardableResult
    func deliverPending(limit: Int = 50) async throws -> Int {
        var sent = 0
        for _ in 0..<limit {
            guard let notice = try await claim() else { break }
            do {
                try await client.send(
                    .init(from: from, to: notice.toAddress, subject: notice.subject, body: notice.body))
                notice.status = .sent
                notice.sentAt = Date()
                notice.lastError = nil
                sent += 1
            } catch {
                notice.lastError = String(describing: error)
                notice.status = notice.attempts >= Self.maximumAttempts ? .failed : .queued
                logger.warning("Could not deliver notice \(notice.id?.uuidString ?? "?"): \(error)")
            }
            try await notice.save(on: database)
            if notice.status == .queued { break }  // The relay is failing: try again next round.
        }
        return sent
    }

    func claim() async throws -> Notice? {
        let sql = database as! any SQLDatabase
        let lock = sql.dialect.name == "sqlite" ? "" : " FOR UPDATE SKIP LOCKED"
        let row = try await sql.raw(
            """
            UPDATE notices SET status = 'sending', attempts = attempts + 1
            WHERE id = (SELECT id FROM notices WHERE status = 'queued' ORDER BY created_at LIMIT 1\(unsafeRaw: lock))
            RETURNING id
            """
        ).first()
        guard let id = try row?.decode(column: "id", as: UUID.self) else { return nil }
        return try await Notice.find(id, on: database)
    }
}
