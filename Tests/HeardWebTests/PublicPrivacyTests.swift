import Fluent
import Foundation
import HeardStorage
import HeardText
import Testing

/// Walks every page and public API response a signed-out visitor can reach in the demo and looks for the
/// personal data the demo holds: contact details, staff e-mails, and whatever the redactor found in what
/// people wrote (phone numbers, NHS numbers, postcodes, names).
@Suite("No personal data in public pages or the public API")
struct PublicPrivacyTests {
    @Test("the demo's personal data appears on no public page or public API response", arguments: TestDatabase.all)
    func demoPersonalDataStaysPrivate(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database, configure: { $0.seedDemoData = true }) { app in
            let secrets = try await Self.personalData(in: app.db)
            // The demo must really hold each kind, or finding nothing would prove nothing.
            #expect(secrets.contains("943 476 5919"))
            #expect(secrets.contains("LS1 4AP"))
            #expect(secrets.contains { $0.hasPrefix("07700 900") })
            #expect(secrets.contains { $0.hasSuffix("@example.org") })
            #expect(secrets.contains("Okoro"))

            let pages = try await Self.crawlPublic(app)
            #expect(pages.count > 60, "only \(pages.count) public pages were reached")
            #expect(pages.keys.contains { $0.hasPrefix("/stories/HRD-") })
            #expect(pages.keys.contains { $0.hasSuffix("/outcome.csv") })
            #expect(pages.keys.contains("/open-data/stories.csv"), "the open data downloads are checked too")
            for (path, body) in pages.sorted(by: { $0.key < $1.key }) {
                for secret in secrets where body.contains(secret) {
                    Issue.record("\(path) shows personal data: \(secret)")
                }
            }
        }
    }

    /// Contact details, staff e-mails, and the spans the redactor finds in the original texts.
    static func personalData(in db: any Database) async throws -> Set<String> {
        var secrets = Set<String>()
        let redactor = Redactor()
        for item in try await FeedbackItem.query(on: db).all() {
            for value in [item.contactName, item.contactEmail, item.contactPhone] {
                if let value, !value.isEmpty { secrets.insert(value) }
            }
            for text in [item.story, item.whatWasGood, item.couldBeBetter] {
                let bytes = Array(text.utf8)
                for span in redactor.redact(text).spans {
                    secrets.insert(String(decoding: bytes[span.utf8Range], as: UTF8.self))
                }
            }
        }
        for response in try await SurveyResponse.query(on: db).all() {
            if let email = response.contactEmail { secrets.insert(email) }
        }
        for user in try await User.query(on: db).all() { secrets.insert(user.email) }
        return secrets
    }

    /// Every page a signed-out visitor reaches from the public entry points by following links, plus the
    /// public JSON API. Keyed by path; staff areas and sign-in are not followed.
    static func crawlPublic(_ app: TestApp) async throws -> [String: String] {
        let visitor = app.browser()
        var queue = [
            "/", "/stories", "/you-said-we-did", "/consultations", "/feedback", "/accessibility",
            "/api/v1/stories", "/api/v1/loop-closure", "/api/v1/fft-results", "/api/v1/decisions",
            "/api/v1/services", "/api/v1/organisations", "/api/v1/places",
        ]
        var seen = Set(queue)
        var pages: [String: String] = [:]
        while !queue.isEmpty, pages.count < 1500 {
            let path = queue.removeFirst()
            let page = try await visitor.get(path)
            guard page.status == .ok else {
                Issue.record("\(path) answered \(page.status.code) to a signed-out visitor")
                continue
            }
            pages[path] = page.body
            for link in links(in: page.body) where !seen.contains(link) && isPublic(link) {
                seen.insert(link)
                queue.append(link)
            }
        }
        return pages
    }

    static func links(in html: String) -> [String] {
        html.components(separatedBy: "href=\"").dropFirst().compactMap { rest in
            guard let end = rest.firstIndex(of: "\"") else { return nil }
            let link = String(rest[..<end]).replacingOccurrences(of: "&amp;", with: "&")
            guard link.hasPrefix("/"), !link.hasPrefix("//") else { return nil }
            return link.split(separator: "#", maxSplits: 1).first.map(String.init)
        }
    }

    static func isPublic(_ path: String) -> Bool {
        !["/staff", "/sign-in", "/me", "/css", "/metrics", "/api/openapi.json"].contains { path.hasPrefix($0) }
    }
}
