import Foundation
import Logging

extension AppConfiguration {
    /// Applies the environment variables documented in the README on top of the defaults.
    /// Flags given on the command line are applied afterwards by the CLI and win.
    public mutating func apply(environment: [String: String]) throws(ConfigurationError) {
        if let url = environment["DATABASE_URL"], !url.isEmpty { database = try DatabaseTarget.parse(url) }
        if let host = environment["HEARD_HOST"], !host.isEmpty { hostname = host }
        if let portText = environment["HEARD_PORT"] ?? environment["PORT"], !portText.isEmpty {
            port = try Self.parsePort(portText, setting: "HEARD_PORT")
        }
        if let url = environment["HEARD_PUBLIC_URL"], !url.isEmpty { publicURL = url }
        if let secure = environment["HEARD_SECURE_COOKIES"], !secure.isEmpty {
            secureCookiesOverride = try Self.parseBool(secure, setting: "HEARD_SECURE_COOKIES")
        }
        if let worker = environment["HEARD_WORKER"], !worker.isEmpty {
            runsJobWorker = try Self.parseBool(worker, setting: "HEARD_WORKER")
        }
        if let id = environment["HEARD_INSTANCE_ID"], !id.isEmpty { instanceID = id }
        if let level = environment["LOG_LEVEL"], !level.isEmpty {
            guard let parsed = Logger.Level(rawValue: level.lowercased()) else {
                throw .invalid(
                    setting: "LOG_LEVEL",
                    reason: "'\(level)' is not a level. Use trace, debug, info, notice, warning, error or critical.")
            }
            logLevel = parsed
        }
        if let limit = environment["HEARD_SUBMISSIONS_PER_HOUR"], !limit.isEmpty {
            guard let value = Int(limit), value >= 0 else {
                throw .invalid(
                    setting: "HEARD_SUBMISSIONS_PER_HOUR", reason: "'\(limit)' must be a whole number, 0 for no limit.")
            }
            submissionsPerAddressPerHour = value
        }
        if let trust = environment["HEARD_TRUST_PROXY"], !trust.isEmpty {
            trustsForwardedFor = try Self.parseBool(trust, setting: "HEARD_TRUST_PROXY")
        }
        if let seconds = environment["HEARD_PUBLIC_CACHE_SECONDS"], !seconds.isEmpty {
            guard let value = Double(seconds), value >= 0, value <= 3600 else {
                throw .invalid(
                    setting: "HEARD_PUBLIC_CACHE_SECONDS",
                    reason: "'\(seconds)' must be a number of seconds from 0 (no cache) to 3600.")
            }
            publicPageCacheSeconds = value
        }
        if let token = environment["HEARD_METRICS_TOKEN"], !token.isEmpty {
            guard token.count >= 16, !token.contains(where: \.isWhitespace) else {
                throw .invalid(
                    setting: "HEARD_METRICS_TOKEN",
                    reason: "use at least 16 characters and no spaces, for example the output of openssl rand -hex 32.")
            }
            metricsToken = token
        }
        if let secret = environment["HEARD_SECRET"], !secret.isEmpty { self.secret = secret }
        if let from = environment["HEARD_MAIL_FROM"], !from.isEmpty { mailFrom = from }
        if let contact = environment["HEARD_CONTACT"], !contact.isEmpty {
            self.contact = try SiteContact.parse(contact)
        }
        if let phone = environment["HEARD_CONTACT_PHONE"], !phone.isEmpty {
            self.contact.phone = try SiteContact.parsePhone(phone)
        }
        if let address = environment["HEARD_CONTACT_ADDRESS"], !address.isEmpty {
            self.contact.postalAddress = try SiteContact.parseAddress(address)
        }
        if let officer = environment["HEARD_DPO"], !officer.isEmpty {
            self.contact.dataProtectionOfficer = try DataProtectionOfficer.parse(officer)
        }
        if let smtp = environment["HEARD_SMTP"], !smtp.isEmpty {
            let parts = smtp.split(separator: ":")
            guard parts.count == 2, let port = Int(parts[1]), (1...65535).contains(port) else {
                throw .invalid(setting: "HEARD_SMTP", reason: "'\(smtp)' must be HOST:PORT, for example localhost:25.")
            }
            self.smtp = SMTPSettings(host: String(parts[0]), port: port)
        }
        if let model = environment["HEARD_MODEL"], !model.isEmpty { modelPath = model }
        if let cost = environment["HEARD_BCRYPT_COST"], !cost.isEmpty {
            guard let value = Int(cost), (4...31).contains(value) else {
                throw .invalid(setting: "HEARD_BCRYPT_COST", reason: "'\(cost)' must be a whole number from 4 to 31.")
            }
            bcryptCost = value
        }
    }

    public static func parsePort(_ text: String, setting: String) throws(ConfigurationError) -> Int {
        guard let port = Int(text), (0...65535).contains(port) else {
            throw .invalid(setting: setting, reason: "'\(text)' is not a port number from 0 to 65535.")
        }
        return port
    }

    static func parseBool(_ text: String, setting: String) throws(ConfigurationError) -> Bool {
        switch text.lowercased() {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default: throw .invalid(setting: setting, reason: "'\(text)' must be true or false.")
        }
    }
}
