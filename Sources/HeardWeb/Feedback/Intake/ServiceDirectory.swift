import Fluent
import Foundation
import HeardStorage
import NIOConcurrencyHelpers
import NIOCore
import SQLKit
import Vapor

/// Which place and organisation each service belongs to, held in memory for the submission path.
///
/// Every new item records its service's place and organisation. Reading the service from the database
/// for each submission would put a query on the same SQLite connection the group commit is using; the
/// directory answers from memory instead and reloads the whole (small) table when it is older than
/// `lifetime`. An id it does not know is looked up on its own, so a service added a moment ago on another
/// instance is found at once.
///
/// With no lifetime (PostgreSQL, where several instances share the database) nothing is kept: each look-up
/// reads the one row, so a service retired or moved on another instance is refused or filed rightly at once
/// rather than up to `lifetime` later. That is one primary-key read per submission, cheap on PostgreSQL and
/// on a connection of its own; on SQLite, one instance owns the file and forgets what it changes itself.
final class ServiceDirectory: Sendable {
    struct Entry: Sendable, Equatable {
        var id: UUID
        var placeID: UUID
        var organisationID: UUID
        /// When it was retired: new feedback about it is refused.
        var retiredAt: Date? = nil
    }

    private let lifetime: TimeAmount
    private let state = NIOLockedValueBox<(entries: [UUID: Entry], loadedAt: NIODeadline?)>(([:], nil))

    init(lifetime: TimeAmount = .seconds(10)) {
        self.lifetime = lifetime
    }

    /// Reads the table again at the next look-up: a service was retired or restored here just now.
    func forget() {
        state.withLockedValue { $0 = ([:], nil) }
    }

    func entry(for id: UUID, on db: any Database) async throws -> Entry? {
        if lifetime == .zero { return try await Self.load(id, db) }
        let now = NIODeadline.now()
        let (cached, loadedAt) = state.withLockedValue { ($0.entries[id], $0.loadedAt) }
        guard let loadedAt, now - loadedAt < lifetime else {
            let entries = try await Self.loadAll(db)
            state.withLockedValue { $0 = (entries, now) }
            return entries[id]
        }
        if let cached { return cached }
        guard let entry = try await Self.load(id, db) else { return nil }
        state.withLockedValue { $0.entries[id] = entry }
        return entry
    }

    private static func loadAll(_ db: any Database) async throws -> [UUID: Entry] {
        let rows = try await select(db).all()
        var entries: [UUID: Entry] = [:]
        for row in rows {
            let entry = try decode(row)
            entries[entry.id] = entry
        }
        return entries
    }

    private static func load(_ id: UUID, _ db: any Database) async throws -> Entry? {
        try await select(db).where("id", .equal, SQLBind(id)).first().map(decode)
    }

    private static func select(_ db: any Database) -> SQLSelectBuilder {
        (db as! any SQLDatabase).select().columns("id", "place_id", "organisation_id", "retired_at").from(
            Service.schema)
    }

    private static func decode(_ row: any SQLRow) throws -> Entry {
        Entry(
            id: try row.decode(column: "id", as: UUID.self),
            placeID: try row.decode(column: "place_id", as: UUID.self),
            organisationID: try row.decode(column: "organisation_id", as: UUID.self),
            retiredAt: try row.decode(column: "retired_at", as: Date?.self))
    }

    struct Key: StorageKey { typealias Value = ServiceDirectory }
}

extension ServiceDirectory.Entry {
    init(_ service: Service) throws {
        self.init(
            id: try service.requireID(), placeID: service.$place.id, organisationID: service.$organisation.id,
            retiredAt: service.retiredAt)
    }
}

extension Application {
    var serviceDirectory: ServiceDirectory {
        if let directory = storage[ServiceDirectory.Key.self] { return directory }
        let shared = (db as? any SQLDatabase)?.dialect.name != "sqlite"
        let directory = ServiceDirectory(lifetime: shared ? .zero : .seconds(10))
        storage[ServiceDirectory.Key.self] = directory
        return directory
    }
}
