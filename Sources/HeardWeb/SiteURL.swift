import Foundation

/// Every path the site links to, in one place, so views never spell a URL by hand.
enum SiteURL {
    static let home = "/"
    static let accessibility = "/accessibility"
    static let signInPath = "/sign-in"
    static let signOut = "/sign-out"
    static let health = "/health"
    static let metrics = "/metrics"
    static let stylesheet = "/css/heard.css"
    static let openAPI = "/api/openapi.json"

    static let dashboard = "/staff"
    static let organisations = "/staff/organisations"
    static let places = "/staff/places"
    static let services = "/staff/services"
    static let users = "/staff/users"
    static let audit = "/staff/audit"
    static let involvement = "/me"

    static func signIn(next: String? = nil) -> String {
        guard let next, isSafeRedirect(next) else { return signInPath }
        return signInPath + "?next=" + (next.addingPercentEncoding(withAllowedCharacters: .urlQueryValueAllowed) ?? "")
    }

    static func new(_ collection: String) -> String { collection + "/new" }
    static func edit(_ collection: String, id: UUID) -> String { "\(collection)/\(id.uuidString.lowercased())/edit" }
    static func user(_ id: UUID, _ action: String) -> String { "\(users)/\(id.uuidString.lowercased())/\(action)" }

    /// Only same-site paths may be redirected to after sign-in (no `//evil.example`).
    static func isSafeRedirect(_ path: String) -> Bool {
        path.hasPrefix("/") && !path.hasPrefix("//") && !path.hasPrefix("/\\") && !path.contains("\n")
    }
}

extension CharacterSet {
    static let urlQueryValueAllowed: CharacterSet = {
        var set = CharacterSet.urlQueryAllowed
        set.remove(charactersIn: "&=+?#")
        return set
    }()
}
