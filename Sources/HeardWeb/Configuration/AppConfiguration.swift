import Foundation
import Logging

/// Every setting Heard reads, in one place. Built from flags and environment variables by the CLI,
/// or directly by tests. The README's configuration table mirrors this type.
public struct AppConfiguration: Sendable {
    /// Where the data lives.
    public var database: DatabaseTarget = .sqliteFile(path: "heard.sqlite")
    public var hostname: String = "127.0.0.1"
    public var port: Int = 8080
    /// The address people reach the site at; cookies are marked Secure when it is https.
    public var publicURL: String = "http://127.0.0.1:8080"
    /// Overrides the Secure cookie flag (otherwise derived from `publicURL`).
    public var secureCookiesOverride: Bool? = nil
    /// Seed the demo organisation when the database is empty.
    public var seedDemoData: Bool = false
    /// Run migrations when the app starts (off when an operator runs `heard migrate` separately).
    public var migrateOnStart: Bool = true
    /// Whether this instance claims background jobs.
    public var runsJobWorker: Bool = true
    /// How often an idle worker looks for new jobs.
    public var jobPollInterval: Double = 2
    /// Names this instance in logs and job claims.
    public var instanceID: String = AppConfiguration.defaultInstanceID()
    public var logLevel: Logger.Level = .info
    /// bcrypt cost; 12 in production. Tests lower it to stay fast.
    public var bcryptCost: Int = 12
    /// A signed-in session ends after this long without a request, in seconds.
    public var sessionIdleTimeout: Double = 2 * 60 * 60
    /// Public submissions accepted from one network address per hour; 0 turns the limit off (load tests).
    public var submissionsPerAddressPerHour: Int = 30
    /// Behind a load balancer every request comes from the balancer's address: when true, the visitor's
    /// address is the last one in `X-Forwarded-For` (the one the balancer added). Off by default, because a
    /// visitor reaching the app directly could write any address there.
    public var trustsForwardedFor: Bool = false
    /// How long, in seconds, a public page is kept for signed-out visitors before it is built again; 0 turns
    /// the cache off. Any change made through this instance empties it at once.
    public var publicPageCacheSeconds: Double = 2
    /// The bearer token Prometheus sends to read `/metrics`. Nil: `/metrics` answers only requests from this
    /// machine (a loopback peer address, not through a proxy), and is a 404 for everyone else.
    public var metricsToken: String? = nil
    /// Salt for hashing submitters' network addresses (rate limiting). Set the same value on every instance.
    public var secret: String = "heard-default-secret-change-me"
    /// Outgoing mail: where notices are delivered. Nil keeps them queued in the outbox.
    public var smtp: SMTPSettings? = nil
    /// The sender of notices.
    public var mailFrom: String = "Heard <no-reply@heard.invalid>"
    /// The organisation that runs this site and where the public reach it: named on the privacy notice, the
    /// accessibility statement and wherever a page says how to ask for something (a paper copy, your data).
    public var contact: SiteContact = .default
    /// Where the public CSS and images are served from (defaults to the bundled copy).
    public var publicDirectory: String? = nil
    /// A text model the organisation trained with `heard train` (its own taxonomy), instead of the model that
    /// ships with Heard. Every instance must name the same file.
    public var modelPath: String? = nil

    public init() {}

    public var usesSecureCookies: Bool {
        secureCookiesOverride ?? publicURL.lowercased().hasPrefix("https://")
    }

    static func defaultInstanceID() -> String {
        "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)"
    }
}

/// An SMTP relay for notices (plain SMTP on a trusted network or localhost relay).
public struct SMTPSettings: Sendable, Equatable {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }
}

/// Who runs the site and how the public reach them, from `HEARD_CONTACT` ("NAME <E-MAIL>").
public struct SiteContact: Sendable, Equatable {
    public var name: String
    public var email: String
    /// A phone number the public can ring (`HEARD_CONTACT_PHONE`): complaints may be made by phone as well as in
    /// writing, and not everyone has e-mail.
    public var phone: String?
    /// A postal address (`HEARD_CONTACT_ADDRESS`, lines separated by ";"), for letters.
    public var postalAddress: [String]
    /// The Data Protection Officer (`HEARD_DPO`, `NAME <E-MAIL>`): a public authority must have one, and the
    /// privacy notice must say how to reach them (UK GDPR article 13(1)(b)).
    public var dataProtectionOfficer: DataProtectionOfficer?

    public init(name: String, email: String, phone: String? = nil, postalAddress: [String] = []) {
        self.name = name
        self.email = email
        self.phone = phone
        self.postalAddress = postalAddress
    }

    public static let `default` = SiteContact(name: "The engagement team", email: "engagement@heard.invalid")

    /// Whether `HEARD_CONTACT` named a real address: the default's can never be delivered, so pages that only
    /// help when someone writes (asking for what they need to take part) say nothing of it.
    public var isConfigured: Bool { email != Self.default.email }

    /// The phone number as a `tel:` link target: digits and a leading +.
    public var phoneLink: String? {
        phone.map { "tel:" + $0.filter { $0.isNumber || $0 == "+" } }
    }

    /// Reads `HEARD_CONTACT_PHONE`: a UK or international number of 10 to 15 digits, with spaces, brackets or
    /// hyphens as written.
    public static func parsePhone(_ text: String) throws(ConfigurationError) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let digits = trimmed.filter(\.isNumber).count
        let allowed = trimmed.allSatisfy { $0.isNumber || " ()-+".contains($0) }
        guard allowed, (10...15).contains(digits), !trimmed.dropFirst().contains("+") else {
            throw .invalid(
                setting: "HEARD_CONTACT_PHONE",
                reason: "'\(text)' must be a phone number of 10 to 15 digits, for example 0113 496 0000.")
        }
        return trimmed
    }

    /// Reads `HEARD_CONTACT_ADDRESS`: address lines separated by ";", at most 8 lines and 300 characters.
    public static func parseAddress(_ text: String) throws(ConfigurationError) -> [String] {
        let lines = text.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard (2...8).contains(lines.count), text.count <= 300 else {
            throw .invalid(
                setting: "HEARD_CONTACT_ADDRESS",
                reason:
                    "'\(text)' must be 2 to 8 address lines separated by \";\" (300 characters at most), for example \"Complaints team; Pennine Vale ICB; 1 Park Row; Leeds LS1 5AB\"."
            )
        }
        return lines
    }

    /// The name as it reads mid-sentence: "ask the engagement team", but "ask Leeds ICB" as given.
    public var nameInSentence: String {
        name.hasPrefix("The ") ? "the " + name.dropFirst(4) : name
    }

    /// Reads `NAME <E-MAIL>` (or an e-mail address alone, when the default name is kept).
    public static func parse(
        _ text: String, setting: String = "HEARD_CONTACT"
    ) throws(ConfigurationError)
        -> SiteContact
    {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var name = SiteContact.default.name
        var email = trimmed
        if let open = trimmed.lastIndex(of: "<"), trimmed.hasSuffix(">") {
            let given = trimmed[..<open].trimmingCharacters(in: .whitespaces)
            if !given.isEmpty { name = given }
            email = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
                .trimmingCharacters(in: .whitespaces)
        }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !email.contains(" ") else {
            throw .invalid(
                setting: setting,
                reason: setting == "HEARD_CONTACT"
                    ? "'\(text)' must be NAME <E-MAIL>, for example NHS Calder ICB <engagement@calder.nhs.uk>."
                    : "'\(text)' must be NAME <E-MAIL>, for example Data Protection Officer <dpo@calder.nhs.uk>.")
        }
        return SiteContact(name: name, email: email)
    }
}

/// Who the Data Protection Officer is and how to write to them.
public struct DataProtectionOfficer: Sendable, Equatable {
    public var name: String
    public var email: String

    /// Reads `HEARD_DPO`: `NAME <E-MAIL>`, or an e-mail address alone ("Data Protection Officer").
    public static func parse(_ text: String) throws(ConfigurationError) -> DataProtectionOfficer {
        let hasName = text.contains("<")
        let read = try SiteContact.parse(text, setting: "HEARD_DPO")
        return DataProtectionOfficer(name: hasName ? read.name : "Data Protection Officer", email: read.email)
    }
}

/// Which database engine and where.
public enum DatabaseTarget: Sendable, Equatable, CustomStringConvertible {
    case sqliteFile(path: String)
    case sqliteMemory(identifier: String)
    case postgres(url: String)

    /// Reads `DATABASE_URL`-style text: `postgres://…`, `sqlite:///abs/path`, `sqlite://rel/path`, or a file path.
    public static func parse(_ text: String) throws(ConfigurationError) -> DatabaseTarget {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let lower = trimmed.lowercased()
        if lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://") {
            guard let url = URL(string: trimmed), let host = url.host, !host.isEmpty else {
                throw .invalid(
                    setting: "DATABASE_URL",
                    reason: "'\(redactingPassword(trimmed))' is not a valid PostgreSQL URL. "
                        + "Use postgres://USER:PASSWORD@HOST:5432/DATABASE.")
            }
            return .postgres(url: trimmed)
        }
        if lower.hasPrefix("sqlite:") {
            var path = String(trimmed.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path.removeFirst(2) }
            guard !path.isEmpty else {
                throw .invalid(
                    setting: "DATABASE_URL", reason: "sqlite: needs a file path, e.g. sqlite://heard.sqlite.")
            }
            return path == ":memory:" ? .sqliteMemory(identifier: UUID().uuidString) : .sqliteFile(path: path)
        }
        if lower.contains("://") {
            throw .invalid(
                setting: "DATABASE_URL",
                reason: "'\(redactingPassword(trimmed))' is neither postgres:// nor sqlite:. "
                    + "Use postgres://USER:PASSWORD@HOST:5432/DATABASE or a SQLite file path.")
        }
        guard !trimmed.isEmpty else { throw .invalid(setting: "DATABASE_URL", reason: "it is empty.") }
        return .sqliteFile(path: trimmed)
    }

    public var isPostgres: Bool {
        if case .postgres = self { return true }
        return false
    }

    /// Safe to print: the password is hidden.
    public var description: String {
        switch self {
        case .sqliteFile(let path): "SQLite file \(path)"
        case .sqliteMemory: "SQLite in memory"
        case .postgres(let url): "PostgreSQL \(DatabaseTarget.redactingPassword(url))"
        }
    }

    static func redactingPassword(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "***"
        return components.string ?? url
    }
}

/// A setting that cannot be used, with what to do about it.
public enum ConfigurationError: Error, CustomStringConvertible, Equatable {
    case invalid(setting: String, reason: String)

    public var description: String {
        switch self {
        case .invalid(let setting, let reason): "\(setting): \(reason)"
        }
    }
}
