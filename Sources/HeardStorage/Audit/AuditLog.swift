import Fluent
import Foundation

/// Who did something, as the audit log records them.
public struct AuditActor: Sendable {
    public var id: UUID?
    public var label: String

    public init(id: UUID?, label: String) {
        self.id = id
        self.label = label
    }

    /// Changes made by the command line or the demo seeder rather than a signed-in person.
    public static func system(_ label: String) -> AuditActor { AuditActor(id: nil, label: label) }
}

/// One field's change, for the audit record.
public struct FieldChange: Sendable, Equatable {
    public var field: String
    public var from: String?
    public var to: String?

    public init(_ field: String, from: String?, to: String?) {
        self.field = field
        self.from = from
        self.to = to
    }
}

/// Writes audit events. The only way the app touches `audit_events` apart from reading it.
public enum AuditLog {
    public static func record(
        on database: any Database, actor: AuditActor, action: String, objectType: String, objectID: String?,
        summary: String, changes: [FieldChange] = [], at date: Date = Date()
    ) async throws {
        let event = AuditEvent(
            occurredAt: date, actorID: actor.id, actorLabel: actor.label, action: action, objectType: objectType,
            objectID: objectID, summary: summary, changes: encode(changes.filter { $0.from != $0.to }))
        try await event.create(on: database)
    }

    static func encode(_ changes: [FieldChange]) -> String {
        var object: [String: [String: String?]] = [:]
        for change in changes { object[change.field] = ["from": change.from, "to": change.to] }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? String(decoding: encoder.encode(object), as: UTF8.self)) ?? "{}"
    }

    /// The recorded changes, decoded for display.
    public static func decodeChanges(_ json: String) -> [FieldChange] {
        guard let object = try? JSONDecoder().decode([String: [String: String?]].self, from: Data(json.utf8)) else {
            return []
        }
        return object.keys.sorted().map { key in
            FieldChange(key, from: object[key]?["from"] ?? nil, to: object[key]?["to"] ?? nil)
        }
    }
}
