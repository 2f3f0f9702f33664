import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Vapor

/// Small pieces every admin controller uses.
enum Admin {
    static func actor(_ request: Request) -> AuditActor {
        let user = request.currentUser
        return AuditActor(id: user?.id, label: user?.email ?? "unknown")
    }

    static func uuidParameter(_ request: Request, _ name: String = "id") throws -> UUID {
        guard let text = request.parameters.get(name), let id = UUID(uuidString: text) else {
            throw Abort(.notFound)
        }
        return id
    }

    /// A one-off message shown on the next page ("Organisation added").
    static func flash(_ request: Request, _ message: String) {
        request.session.data["flash"] = message
    }

    static func takeFlash(_ request: Request) -> String? {
        guard request.hasSession, let message = request.session.data["flash"] else { return nil }
        request.session.data["flash"] = nil
        return message
    }

    /// The record being edited as stored now, for showing its form again after a refused save: the in-memory
    /// copy may already hold the refused values (a name clash is found only on saving). The form keeps the
    /// `EditVersion` it was opened with, not this record's, so a colleague's save made meanwhile is not
    /// overwritten by the corrected form. Nil when adding.
    static func stored<T>(_ existing: T?, _ request: Request) async throws -> T? where T: Model, T.IDValue == UUID {
        existing == nil ? nil : try await T.find(try uuidParameter(request), on: request.db)
    }

    /// A unique-name clash becomes a field error rather than a 500.
    static func isUniqueViolation(_ error: any Error) -> Bool {
        if let dbError = error as? any DatabaseError, dbError.isConstraintFailure { return true }
        let text = String(reflecting: error).lowercased()
        return text.contains("unique") || text.contains("duplicate key")
    }
}
