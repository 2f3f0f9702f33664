import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing
import Vapor

@testable import HeardWeb

/// What a member of the public reads: the privacy notice and accessibility statement, the home page, and the
/// wording of the public pages.
@Suite("Public pages")
struct PublicPagesTests {
    @Test("the privacy notice names the organisation, is linked from every footer and from each form's personal fields")
    func privacyNotice() async throws {
        try await TestApp.run(
            on: .sqlite,
            configure: {
                $0.seedDemoData = true
                $0.contact = SiteContact(name: "NHS Calder ICB", email: "engagement@calder.example")
            }
        ) { app in
            let visitor = app.browser()
            let privacy = try await visitor.get("/privacy")
            #expect(privacy.status == .ok)
            for expected in [
                "NHS Calder ICB", "mailto:engagement@calder.example", "public task", "consent",
                "special category", "stored apart", "withdraw your consent", "Information Commissioner",
                "ico.org.uk", "How long we keep it", "Share your experience", "Responding to a consultation",
                // People on panels and boards: their account, what they need to take part, what is published.
                "Taking part in a panel, or sitting on a board", "delete it the day after the activity",
                "register of decision-makers", "six months after you leave",
                // Expenses: why, on what basis, and who sees them.
                "Paying your expenses and involvement payments", "A claim for care or a support worker",
                "and by our finance team",
            ] {
                #expect(privacy.body.contains(expected), "the privacy notice does not say \(expected)")
            }
            #expect(try await visitor.get("/").body.contains("href=\"/privacy\""))

            let service = try #require(try await Service.query(on: app.db).first())
            let share = try await visitor.get("/feedback/new?service=\(service.id!.uuidString)").body
            #expect(share.components(separatedBy: "href=\"/privacy#").count - 1 >= 2, "contact and equality fields")

            var openForms = 0
            for consultation in try await Consultation.query(on: app.db).all() {
                let page = try await visitor.get("/consultations/\(consultation.id!.uuidString.lowercased())").body
                guard page.contains("id=\"respond\"") else { continue }
                openForms += 1
                #expect(page.components(separatedBy: "href=\"/privacy#").count - 1 >= 2)
            }
            #expect(openForms > 0, "the demo has an open consultation")

            let accessibility = try await visitor.get("/accessibility").body
            for expected in [
                "mailto:engagement@calder.example", "Equality and Human Rights Commission",
                "Equality Commission for Northern Ireland", "Compliance status", "WCAG", "2.2",
                "This statement was prepared on",
            ] {
                #expect(accessibility.contains(expected), "the accessibility statement does not say \(expected)")
            }
        }
    }

    @Test("HEARD_CONTACT is read as NAME <E-MAIL> and checked")
    func contactSetting() throws {
        var config = AppConfiguration()
        #expect(config.contact == .default)
        try config.apply(environment: ["HEARD_CONTACT": "NHS Calder ICB <engagement@calder.nhs.uk>"])
        #expect(config.contact == SiteContact(name: "NHS Calder ICB", email: "engagement@calder.nhs.uk"))
        try config.apply(environment: ["HEARD_CONTACT": "talk@calder.nhs.uk"])
        #expect(config.contact.email == "talk@calder.nhs.uk")
        #expect(throws: ConfigurationError.self) { try config.apply(environment: ["HEARD_CONTACT": "NHS Calder"]) }
    }
}

extension PublicPagesTests {
    @Test(
        "the home page shows the open consultations, the latest \"you said, we did\" and the call to share",
        arguments: TestDatabase.all)
    func homePage(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database, configure: { $0.seedDemoData = true }) { app in
            let home = try await app.browser().get("/").body
            #expect(home.contains("href=\"/feedback\""))
            #expect(home.contains("Share your experience"))

            var openTitles: [String] = []
            for consultation in try await Consultation.query(on: app.db).all() {
                let page = try await app.browser().get("/consultations/\(consultation.id!.uuidString.lowercased())")
                if page.body.contains("id=\"respond\"") { openTitles.append(consultation.title) }
            }
            #expect(!openTitles.isEmpty, "the demo has an open consultation")
            let section = try #require(home.range(of: "open-consultations\">"))
            let rest = String(home[section.upperBound...])
            for title in openTitles {
                #expect(rest.contains(TestBrowser.htmlEscaped(title)), "\(title) is not on the home page")
            }
            #expect(rest.contains("Closes on "))

            let closed = try await ActionItem.query(on: app.db).filter(\.$status ~~ [.done, .notPossible])
                .sort(\.$closedAt, .descending).first()
            let latest = try #require(closed, "the demo has actions done")
            #expect(home.contains(TestBrowser.htmlEscaped(latest.title)))
            #expect(home.contains("We did: ") || home.contains("We could not: "))
            #expect(home.contains("href=\"/you-said-we-did\""))
        }
    }
}

extension TestBrowser {
    /// Text as the views write it between tags.
    static func htmlEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
