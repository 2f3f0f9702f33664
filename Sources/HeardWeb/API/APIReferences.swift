import Foundation
import Vapor

/// How one JSON object points at another: the same small shapes across the API, so a client decodes a service,
/// a place or an initiative the same way wherever it appears.
enum APIRef {
    /// A service or an organisation: `{"id", "name"}`.
    struct Named: Content {
        var id: UUID
        var name: String
    }

    /// A place, known by its slug (as in `?place=`): `{"slug", "name"}`.
    struct Place: Content {
        var slug: String
        var name: String
    }

    /// An initiative: `{"id", "title"}`.
    struct Titled: Content {
        var id: UUID
        var title: String
    }
}
