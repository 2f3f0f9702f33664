import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// Someone invited by e-mail address whose address belongs to a staff account (or a switched-off involvement
/// account) is invited as a guest, and the invitation list says whose account it is instead of "No account".
@Suite("A guest invitation to an address with an account")
struct GuestInvitationAccountTests {
    @Test(
        "the list names the account (linked for administrators), and a guest with no account still reads No account",
        arguments: TestDatabase.all)
    func namesTheAccount(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let clock = TestClock(SimpleDate(year: 2026, month: 12, day: 4))
            app.app.decisionClock = DecisionClock { clock.today }
            let (_, place) = try await Fixtures.service(on: app.db)
            let (moderatorEmail, _) = try await app.createUser(.moderator, email: "sam.moderator@test.heard.example")
            try await app.createUser(.involvedPerson, email: "away@test.heard.example", isActive: false)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let (_, path) = try await GuestInvitationsTests.workshop(on: app.db, place: place)
            for (name, email) in [
                ("Sam", " \(moderatorEmail.uppercased()) "), ("Alex", "away@test.heard.example"),
                ("Maya Patel", "maya@example.org"),
            ] {
                let invited = try await officer.post(
                    path + "/invitations/guest", form: ["guest_name": name, "guest_email": email], tokenFrom: path)
                #expect(invited.status == .seeOther, "\(email)")
            }
            #expect(try await Invitation.query(on: app.db).all().allSatisfy(\.isGuest))

            let moderator = try #require(
                try await User.query(on: app.db).filter(\.$role == .moderator).first())
            let page = try await officer.get(path).body
            #expect(
                page.contains(
                    "Has an account: Moderator Tester (moderator). Invited without it, so replies by the link e-mailed to sam.moderator@test.heard.example."
                ), "\(page)")
            #expect(page.contains("Has an account: Involved person Tester (involved person, switched off)."))
            #expect(page.contains("No account: by the link e-mailed to maya@example.org."))
            #expect(!page.contains("No account: by the link e-mailed to sam.moderator"))
            #expect(!page.contains("href=\"\(SiteURL.user(moderator.id!))\""), "officers do not manage accounts")

            let admin = try await app.signedInBrowser(.administrator)
            let adminPage = try await admin.get(path).body
            #expect(
                adminPage.contains("Has an account: <a href=\"\(SiteURL.user(moderator.id!))\">Moderator Tester</a>"))
        }
    }
}
