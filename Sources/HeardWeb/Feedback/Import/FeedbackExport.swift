import Fluent
import Foundation
import HeardDomain
import HeardStorage
import HeardText

/// Every feedback item with its id, status and analysis, streamed to CSV a page at a time.
public enum FeedbackExport {
    static let columns = [
        "id", "reference", "received_at", "channel", "service", "place", "organisation", "status", "fft_rating",
        "legacy_recommend", "consent_to_publish", "story", "what_was_good", "could_be_better", "contact_name",
        "contact_email", "contact_phone", "themes", "sentiment", "relational", "urgent",
        "may_not_be_english", "pii", "redacted_text", "published_text", "published_at", "first_reply_at",
        "action_linked_at", "we_did_at",
    ]

    @discardableResult
    public static func write(to url: URL, on db: any Database) async throws -> Int {
        var writer = try CSVWriter(url: url)
        try writer.writeRow(columns)
        let services = Dictionary(uniqueKeysWithValues: try await Service.query(on: db).all().map { ($0.id!, $0.name) })
        let places = Dictionary(uniqueKeysWithValues: try await Place.query(on: db).all().map { ($0.id!, $0.name) })
        let organisations = Dictionary(
            uniqueKeysWithValues: try await Organisation.query(on: db).all().map { ($0.id!, $0.name) })
        let iso = ISO8601DateFormatter()
        var written = 0
        var lastID: UUID?
        while true {
            var query = FeedbackItem.query(on: db).sort(\.$id).limit(1000)
            if let lastID { query = query.filter(\.$id > lastID) }
            let page = try await query.all()
            guard !page.isEmpty else { break }
            for item in page {
                // What the public wrote may start with "=" or "+": defused, as in every download, so a
                // spreadsheet shows it rather than running it.
                let row: [String] = [
                    item.id!.uuidString.lowercased(), item.reference, iso.string(from: item.receivedAt),
                    item.channel.rawValue, services[item.$service.id] ?? "", places[item.$place.id] ?? "",
                    organisations[item.$organisation.id] ?? "", item.status.rawValue,
                    item.fftRating.map(String.init) ?? "", item.legacyRecommend ?? "",
                    item.consentToPublish ? "yes" : "no", item.story, item.whatWasGood, item.couldBeBetter,
                    item.contactName ?? "", item.contactEmail ?? "", item.contactPhone ?? "", item.themes,
                    item.sentiment.map(String.init) ?? "", item.relational, item.isUrgent ? "true" : "false",
                    item.mayNotBeEnglish ? "true" : "false", item.piiKinds, item.redactedText, item.publishedText ?? "",
                    item.publishedAt.map(iso.string(from:)) ?? "", item.firstReplyAt.map(iso.string(from:)) ?? "",
                    item.actionLinkedAt.map(iso.string(from:)) ?? "", item.weDidAt.map(iso.string(from:)) ?? "",
                ]
                try writer.writeRow(row.map(CSVResponse.defused))
                written += 1
            }
            lastID = page.last?.id
        }
        try writer.close()
        return written
    }
}

/// Staff tokens for the command line: finds or creates the account, then issues a token.
public enum StaffTokens {
    /// Whether `create` would find an account for `email`, rather than add an API-only one.
    public static func accountExists(email: String, on db: any Database) async throws -> Bool {
        try await User.query(on: db).filter(\.$email == email).first() != nil
    }

    public static func create(
        email: String, role: Role, name: String, lastDay: SimpleDate? = nil, on db: any Database
    ) async throws -> String {
        let user: User
        if let existing = try await User.query(on: db).filter(\.$email == email).first() {
            guard existing.role == role else {
                throw StaffTokenError(
                    description:
                        "\(email) is \(Wording.withArticle(existing.role.title.lowercased())), not \(Wording.withArticle(role.title.lowercased())). Use --role \(existing.role.rawValue)."
                )
            }
            guard existing.isActive else {
                throw StaffTokenError(
                    description:
                        "The account \(email) is switched off, so a token for it would not work. Switch it on first (heard user set-password, or the Users page)."
                )
            }
            user = existing
        } else {
            // An API-only account: no password anyone knows, so it cannot sign in to the website.
            user = User(
                email: email, displayName: email.split(separator: "@").first.map(String.init) ?? email, role: role,
                passwordHash: "!api-only-" + UUID().uuidString)
            try await user.create(on: db)
            try await AuditLog.record(
                on: db, actor: .system("command line"), action: "user.created", objectType: "user",
                objectID: user.id?.uuidString,
                summary: "Added API account \(email) as \(role.title)")
        }
        return try await APITokens.create(
            for: user, name: name, lastDay: lastDay, actor: .system("command line"), on: db)
    }

    /// One token as `heard token list` shows it (never the token itself, which is not stored).
    public struct Listed: Sendable {
        public var id: UUID
        public var name: String
        public var email: String
        public var role: Role
        public var createdAt: Date?
        public var lastUsedAt: Date?
        public var revokedAt: Date?
        public var accountIsActive: Bool
        /// The last UK day it works; nil: until revoked.
        public var lastDay: SimpleDate?

        public func status(today: SimpleDate) -> APITokenStatus {
            APITokenStatus(
                isRevoked: revokedAt != nil, accountIsActive: accountIsActive, lastDay: lastDay, today: today)
        }
    }

    /// Every token, newest first.
    public static func list(on db: any Database) async throws -> [Listed] {
        try await APIToken.query(on: db).with(\.$user).sort(\.$createdAt, .descending).all().map {
            Listed(
                id: $0.id!, name: $0.name, email: $0.user.email, role: $0.user.role, createdAt: $0.createdAt,
                lastUsedAt: $0.lastUsedAt, revokedAt: $0.revokedAt, accountIsActive: $0.user.isActive,
                lastDay: $0.lastDay)
        }
    }

    /// Revokes the token whose id is `id` or starts with it (at least 8 characters, as the list shows them);
    /// returns it. Revoking one already revoked changes nothing.
    public static func revoke(_ id: String, on db: any Database) async throws -> Listed {
        let wanted = id.lowercased()
        guard wanted.count >= 8 else {
            throw StaffTokenError(
                description: "Give at least the first 8 characters of the token's id (heard token list).")
        }
        let matches = try await list(on: db).filter { $0.id.uuidString.lowercased().hasPrefix(wanted) }
        guard matches.count == 1, var token = matches.first else {
            throw StaffTokenError(
                description: matches.isEmpty
                    ? "No API token has an id starting \(wanted). See heard token list."
                    : "More than one token's id starts \(wanted): give more of it.")
        }
        if token.revokedAt == nil, let record = try await APIToken.find(token.id, on: db) {
            let now = Date()
            record.revokedAt = now
            let summary = "Revoked API token \"\(token.name)\" of \(token.email)"
            let objectID = token.id.uuidString
            try await db.writeTransaction { db in
                try await record.save(on: db)
                try await AuditLog.record(
                    on: db, actor: .system("command line"), action: "api_token.revoked", objectType: "api_token",
                    objectID: objectID, summary: summary)
            }
            token.revokedAt = now
        }
        return token
    }
}

public struct StaffTokenError: Error, CustomStringConvertible {
    public let description: String
}
