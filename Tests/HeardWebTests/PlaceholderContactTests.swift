import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// Without HEARD_CONTACT the contact is a placeholder whose `.invalid` address can never be delivered: public
/// pages give no address, and a real deployment warns at start-up and shows administrators a banner.
@Suite("The site's contact when HEARD_CONTACT is not set")
struct PlaceholderContactTests {
    static let publicPages = [
        "/privacy", "/accessibility", "/how-to-complain", "/feedback?q=zzzz",
        "/feedback/thank-you?ref=HRD-ABCD2345", "/feedback/thank-you?ref=HRD-ABCD2345&receipt=yes",
    ]
    static let configured = SiteContact(name: "Leeds ICB engagement team", email: "engage@leeds.example")

    @Test(
        "public pages give no placeholder address, only words; administrators see a banner", arguments: TestDatabase.all
    )
    func unconfigured(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let browser = app.browser()
            for path in Self.publicPages {
                let page = try await browser.get(path)
                #expect(page.status == .ok, "\(path)")
                #expect(!page.body.contains("heard.invalid"), "\(path)")
                #expect(!page.body.contains("mailto:"), "\(path)")
            }
            let privacy = try await browser.get("/privacy").body
            #expect(privacy.contains("To ask about your information, contact the organisation that runs this site."))
            #expect(privacy.contains("Please tell us first: contact the organisation that runs this site."))
            // The reference is on the public story page, so it cannot be what proves who is asking.
            #expect(privacy.contains("A published story shows its reference, so before we send you a copy"))
            #expect(
                try await browser.get("/accessibility").body.contains(
                    "another language, contact the organisation that runs this site. Tell us the web address"))
            #expect(
                try await browser.get("/how-to-complain").body.contains(
                    "Or write to the organisation that runs this site."))
            #expect(
                try await browser.get("/feedback/thank-you?ref=HRD-ABCD2345").body.contains(
                    "Contact the organisation that runs this site and quote your reference, HRD-ABCD2345."))

            let admin = try await app.signedInBrowser(.administrator)
            for path in ["/staff", "/staff/settings"] {
                let page = try await admin.get(path)
                #expect(page.body.contains("The public pages show no contact address."), "\(path)")
                #expect(page.body.contains("Set HEARD_CONTACT to the name and e-mail address"), "\(path)")
            }
            // The settings page does not show the placeholder as if it were the address.
            let settings = try await admin.get("/staff/settings").body
            #expect(settings.contains("Not set: public pages give no address"))
            #expect(!settings.contains("engagement@heard.invalid"))
            #expect(settings.contains("Data Protection Officer (HEARD_DPO)</dt><dd>Not set"))
            #expect(!privacy.contains("Data Protection Officer is"))
            // A page with a form sets the form cookie; the notice says so rather than "no cookies".
            let visitor = app.browser()
            _ = try await visitor.get("/sign-in")
            #expect(visitor.cookies["heard_form"] != nil)
            #expect(privacy.contains("A page with a form sets one cookie, kept for a week"))
            #expect(!privacy.contains("does not set cookies"))
            let officer = try await app.signedInBrowser(.engagementOfficer)
            #expect(!(try await officer.get("/staff").body.contains("The public pages show no contact address.")))
        }
    }

    @Test("with HEARD_CONTACT set, public pages link its address and there is no banner", arguments: TestDatabase.all)
    func configuredContact(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database, configure: { $0.contact = Self.configured }) { app in
            let browser = app.browser()
            for path in Self.publicPages where !path.contains("zzzz") {
                let page = try await browser.get(path)
                #expect(page.body.contains("href=\"mailto:engage@leeds.example\""), "\(path)")
                #expect(!page.body.contains("organisation that runs this site"), "\(path)")
            }
            #expect(try await browser.get("/feedback?q=zzzz").body.contains("mailto:engage@leeds.example"))
            let admin = try await app.signedInBrowser(.administrator)
            for path in ["/staff", "/staff/settings"] {
                #expect(!(try await admin.get(path).body.contains("The public pages show no contact address.")))
            }
        }
    }

    @Test("the demo keeps the placeholder quietly, and still gives no address on its consultation pages")
    func demo() async throws {
        try await TestApp.run(on: .sqlite, configure: { $0.seedDemoData = true }) { app in
            let browser = app.browser()
            var asked = false
            for consultation in try await Consultation.query(on: app.db).all() {
                let page = try await browser.get(DecisionURL.publicConsultation(consultation.id!))
                #expect(!page.body.contains("heard.invalid") && !page.body.contains("mailto:"))
                asked = asked || page.body.contains("ask the organisation that runs this site for")
            }
            #expect(asked, "a consultation offers a paper or easy read copy")
            for path in ["/", "/privacy", "/consultations"] {
                #expect(!(try await browser.get(path).body.contains("heard.invalid")), "\(path)")
            }
            let admin = try await app.signedInBrowser(.administrator, email: "second-admin@test.example")
            #expect(!(try await admin.get("/staff").body.contains("The public pages show no contact address.")))
        }
    }

    @Test("the start-up warning: for a real deployment without HEARD_CONTACT only")
    func startupWarning() throws {
        var config = AppConfiguration()
        let warning = try #require(PlaceholderContact.startupWarning(config))
        #expect(warning.contains("HEARD_CONTACT is not set"))
        #expect(warning.contains("HEARD_CONTACT=\""))
        config.seedDemoData = true
        #expect(PlaceholderContact.startupWarning(config) == nil)
        config.seedDemoData = false
        config.contact = Self.configured
        #expect(PlaceholderContact.startupWarning(config) == nil)
    }

    @Test("the receipt e-mail and the over-limit message name the address only when there is one")
    func sentences() {
        #expect(
            FeedbackReceipt.getInTouch("HRD-ABCD2345", contact: .default)
                == "To ask about it, contact the organisation that runs this site and quote your reference, HRD-ABCD2345."
        )
        #expect(
            FeedbackReceipt.getInTouch("HRD-ABCD2345", contact: Self.configured).contains("at engage@leeds.example"))
        let retry = Date(timeIntervalSince1970: 1_800_000_000)
        let placeholder = SubmitterHash.overLimitMessage(retry, contact: .default)
        #expect(!placeholder.contains("heard.invalid") && placeholder.hasSuffix("(UK time)."))
        #expect(SubmitterHash.overLimitMessage(retry, contact: Self.configured).contains("engage@leeds.example"))
    }

    static let withPhoneAndAddress = SiteContact(
        name: "Leeds ICB engagement team", email: "engage@leeds.example", phone: "0113 496 0000",
        postalAddress: ["Complaints team", "Leeds ICB", "1 Park Row", "Leeds LS1 5AB"])

    @Test(
        "a phone number and postal address, when set, are given wherever the e-mail address is for complaints and data",
        arguments: TestDatabase.all)
    func phoneAndAddress(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database, configure: { $0.contact = Self.withPhoneAndAddress }) { app in
            let browser = app.browser()
            for path in [
                "/how-to-complain", "/privacy", "/feedback/thank-you?ref=HRD-ABCD2345&complaint=yes",
                "/feedback/thank-you?ref=HRD-ABCD2345",
            ] {
                let page = try await browser.get(path)
                #expect(page.status == .ok, "\(path)")
                #expect(page.body.contains("Or call us on <a href=\"tel:01134960000\">0113 496 0000</a>."), "\(path)")
                #expect(
                    page.body.contains("Or write to us at Complaints team, Leeds ICB, 1 Park Row, Leeds LS1 5AB."),
                    "\(path)")
            }
            // Not set: nothing is said of either.
            let admin = try await app.signedInBrowser(.administrator)
            let settings = try await admin.get("/staff/settings")
            #expect(settings.body.contains("0113 496 0000"))
        }
        #expect(
            FeedbackReceipt.getInTouch("HRD-ABCD2345", contact: Self.withPhoneAndAddress).hasSuffix(
                "quote your reference, HRD-ABCD2345. You can also call 0113 496 0000, or write to Complaints team, Leeds ICB, 1 Park Row, Leeds LS1 5AB."
            ))
        #expect(!FeedbackReceipt.getInTouch("HRD-ABCD2345", contact: Self.configured).contains("You can also"))
    }

    @Test("HEARD_DPO names the Data Protection Officer on the privacy notice and settings; a bad value is refused")
    func dataProtectionOfficer() async throws {
        var config = AppConfiguration()
        try config.apply(environment: ["HEARD_DPO": "Sam Patel, Head of Information Governance <dpo@leeds.example>"])
        #expect(
            config.contact.dataProtectionOfficer
                == DataProtectionOfficer(name: "Sam Patel, Head of Information Governance", email: "dpo@leeds.example"))
        var bare = AppConfiguration()
        try bare.apply(environment: ["HEARD_DPO": "dpo@leeds.example"])
        #expect(bare.contact.dataProtectionOfficer?.name == "Data Protection Officer")
        var wrong = AppConfiguration()
        do {
            try wrong.apply(environment: ["HEARD_DPO": "our DPO"])
            Issue.record("an address with no e-mail was accepted")
        } catch {
            #expect("\(error)".contains("HEARD_DPO"))
            #expect("\(error)".contains("must be NAME <E-MAIL>, for example Data Protection Officer <dpo@"))
        }
        var contact = Self.configured
        contact.dataProtectionOfficer = DataProtectionOfficer(name: "Sam Patel", email: "dpo@leeds.example")
        try await TestApp.run(on: .sqlite, configure: { $0.contact = contact }) { app in
            let privacy = try await app.browser().get("/privacy").body
            #expect(
                privacy.contains(
                    "Our Data Protection Officer is Sam Patel. You can write to them about how we use your information at <a href=\"mailto:dpo@leeds.example\">dpo@leeds.example</a>."
                ))
            let settings = try await app.signedInBrowser(.administrator).get("/staff/settings").body
            #expect(settings.contains("Sam Patel &lt;dpo@leeds.example&gt;"))
            #expect(settings.contains("Leeds ICB engagement team &lt;engage@leeds.example&gt;"))
        }
    }

    @Test("HEARD_CONTACT_PHONE and HEARD_CONTACT_ADDRESS are read, and bad values refused saying what to write")
    func phoneAndAddressSettings() throws {
        var config = AppConfiguration()
        try config.apply(environment: [
            "HEARD_CONTACT": "Leeds ICB <engage@leeds.example>", "HEARD_CONTACT_PHONE": "+44 (0)113 496-0000",
            "HEARD_CONTACT_ADDRESS": "Complaints team; Leeds ICB ;; Leeds LS1 5AB",
        ])
        #expect(config.contact.phone == "+44 (0)113 496-0000")
        #expect(config.contact.phoneLink == "tel:+4401134960000")
        #expect(config.contact.postalAddress == ["Complaints team", "Leeds ICB", "Leeds LS1 5AB"])
        for (name, value, words) in [
            ("HEARD_CONTACT_PHONE", "ring us", "must be a phone number of 10 to 15 digits"),
            ("HEARD_CONTACT_PHONE", "0113 496", "must be a phone number of 10 to 15 digits"),
            ("HEARD_CONTACT_PHONE", "0113+4960000", "must be a phone number"),
            ("HEARD_CONTACT_ADDRESS", "Leeds", "must be 2 to 8 address lines separated by \";\""),
        ] {
            var other = AppConfiguration()
            #expect(throws: ConfigurationError.self, "\(name)=\(value)") {
                try other.apply(environment: [name: value])
            }
            do {
                try other.apply(environment: [name: value])
            } catch {
                #expect("\(error)".contains(words), "\(error)")
                #expect("\(error)".contains(name), "\(error)")
            }
        }
    }
}
