import Fluent
import Foundation

/// One staff change, kept for ever. Append-only: the database refuses updates and deletes.
public final class AuditEvent: Model, @unchecked Sendable {
    public static let schema = "audit_events"

    @ID(key: .id) public var id: UUID?
    @Field(key: "occurred_at") public var occurredAt: Date
    @OptionalField(key: "actor_id") public var actorID: UUID?
    @Field(key: "actor_label") public var actorLabel: String
    @Field(key: "action") public var action: String
    @Field(key: "object_type") public var objectType: String
    @OptionalField(key: "object_id") public var objectID: String?
    @Field(key: "summary") public var summary: String
    /// JSON object of field name to `{"from": …, "to": …}`.
    @Field(key: "changes") public var changes: String

    public init() {}

    public init(
        occurredAt: Date = Date(), actorID: UUID?, actorLabel: String, action: String, objectType: String,
        objectID: String?, summary: String, changes: String = "{}"
    ) {
        self.occurredAt = occurredAt
        self.actorID = actorID
        self.actorLabel = actorLabel
        self.action = action
        self.objectType = objectType
        self.objectID = objectID
        self.summary = summary
        self.changes = changes
    }
}
