import Foundation

/// Every path the site links to, in one place, so views never spell a URL by hand.
enum SiteURL {
    static let home = "/"
    static let accessibility = "/accessibility"
    static let privacy = "/privacy"
    static let howToComplain = "/how-to-complain"
    static let signInPath = "/sign-in"
    static let forgotPassword = "/forgot-password"
    static let changePassword = "/account/password"
    static func passwordReset(_ token: String) -> String { "/reset-password/\(token)" }
    static let signOut = "/sign-out"
    static let health = "/health"
    static let metrics = "/metrics"
    static let stylesheet = "/css/heard.css"
    static let openAPI = "/api/openapi.json"

    static let share = "/feedback"
    static let shareNew = "/feedback/new"
    static let shareThanks = "/feedback/thank-you"
    static let feedbackCheck = "/feedback/check"
    static let stories = "/stories"
    static let youSaidWeDid = "/you-said-we-did"

    static let dashboard = "/staff"
    static let staffFeedback = "/staff/feedback"
    static let fftResults = "/staff/fft"
    static let staffFeedbackNew = "/staff/feedback/new"
    static let staffFeedbackForm = "/staff/feedback/new/form"
    static let moderation = "/staff/moderation"
    static let replies = "/staff/replies"
    static let actions = "/staff/actions"
    static let alerts = "/staff/alerts"
    static let imports = "/staff/imports"
    static let settings = "/staff/settings"
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

    static func story(_ reference: String) -> String { "\(stories)/\(reference)" }
    static func moderate(_ id: UUID) -> String { "\(moderation)/\(id.uuidString.lowercased())" }
    static func feedback(_ id: UUID) -> String { "\(staffFeedback)/\(id.uuidString.lowercased())" }
    static func action(_ id: UUID) -> String { "\(actions)/\(id.uuidString.lowercased())" }
    static func youSaidWeDid(place slug: String) -> String { "\(youSaidWeDid)/places/\(slug)" }
    static func youSaidWeDid(organisation id: UUID) -> String {
        "\(youSaidWeDid)/organisations/\(id.uuidString.lowercased())"
    }
    static func youSaidWeDid(service id: UUID) -> String { "\(youSaidWeDid)/services/\(id.uuidString.lowercased())" }

    static func new(_ collection: String) -> String { collection + "/new" }
    static func edit(_ collection: String, id: UUID) -> String { "\(collection)/\(id.uuidString.lowercased())/edit" }
    /// `retire` or `restore` a place or service.
    static func retirement(_ collection: String, id: UUID, _ action: String) -> String {
        "\(collection)/\(id.uuidString.lowercased())/\(action)"
    }
    static func user(_ id: UUID, _ action: String) -> String { "\(users)/\(id.uuidString.lowercased())/\(action)" }
    static func user(_ id: UUID) -> String { "\(users)/\(id.uuidString.lowercased())" }

    /// Only same-site paths may be redirected to after sign-in (no `//evil.example`). Browsers drop tabs and
    /// line breaks from a URL and read a backslash as a slash, so `/<tab>/evil.example` or `/\evil.example`
    /// would leave the site: a path with any control character or backslash is refused outright. So is one with a
    /// space or anything beyond ASCII, which a Location header cannot carry as it is (Heard's own paths never
    /// have either).
    static func isSafeRedirect(_ path: String) -> Bool {
        guard path.hasPrefix("/"), !path.hasPrefix("//") else { return false }
        return path.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F && $0 != "\\" }
    }
}

extension CharacterSet {
    static let urlQueryValueAllowed: CharacterSet = {
        var set = CharacterSet.urlQueryAllowed
        set.remove(charactersIn: "&=+?#")
        return set
    }()
}
