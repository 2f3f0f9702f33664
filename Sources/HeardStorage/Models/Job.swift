import Fluent
import Foundation

/// A unit of background work. Any app instance may claim it; see `JobQueue`.
public final class Job: Model, @unchecked Sendable {
    public static let schema = "jobs"

    public enum Status: String, Codable, Sendable {
        case queued, running, done, failed
    }

    @ID(key: .id) public var id: UUID?
    @Field(key: "kind") public var kind: String
    @Field(key: "payload") public var payload: String
    @Field(key: "status") public var status: Status
    @Field(key: "run_at") public var runAt: Date
    @Field(key: "attempts") public var attempts: Int
    @OptionalField(key: "locked_by") public var lockedBy: String?
    @OptionalField(key: "locked_at") public var lockedAt: Date?
    @OptionalField(key: "last_error") public var lastError: String?
    @OptionalField(key: "finished_at") public var finishedAt: Date?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(kind: String, payload: String = "{}", runAt: Date = Date()) {
        self.kind = kind
        self.payload = payload
        self.status = .queued
        self.runAt = runAt
        self.attempts = 0
    }
}
