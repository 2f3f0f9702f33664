import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// Administrators make and revoke API tokens for anyone. An engagement officer can open Settings (imports and
/// the text model are theirs too) but sees only the tokens made for their own account, and can change none.
@Suite("Who sees and manages API tokens")
struct APITokenAccessTests {
    @Test(
        "an administrator sees and manages every token; an engagement officer sees only their own and changes none",
        arguments: TestDatabase.all)
    func officerSeesOnlyOwnTokens(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let admin = try await app.signedInBrowser(.administrator)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let (handlerEmail, _) = try await app.createUser(.complaintsHandler)
            let (otherOfficerEmail, otherPassword) = try await app.createUser(
                .engagementOfficer, email: "second.officer@test.heard.example")
            let handler = try #require(try await User.query(on: app.db).filter(\.$email == handlerEmail).first())
            let officerAccount = try #require(
                try await User.query(on: app.db).filter(\.$email == "engagement_officer@test.heard.example").first())
            let handlerToken = try await APITokens.create(
                for: handler, name: "case system", actor: .system("test"), on: app.db)
            _ = try await APITokens.create(for: officerAccount, name: "survey tool", actor: .system("test"), on: app.db)
            let caseSystem = try #require(try await APIToken.query(on: app.db).filter(\.$name == "case system").first())
            let surveyTool = try #require(try await APIToken.query(on: app.db).filter(\.$name == "survey tool").first())

            let adminPage = try await admin.get("/staff/settings")
            #expect(adminPage.status == .ok)
            for text in ["case system", "survey tool", handlerEmail, "Create a token", "Revoke"] {
                #expect(adminPage.body.contains(text), "\(text)")
            }

            let officerPage = try await officer.get("/staff/settings")
            #expect(officerPage.status == .ok)
            #expect(try APITokenStatusTests.row(naming: "survey tool", in: officerPage.body).contains("Active"))
            #expect(officerPage.body.contains("Only the tokens made for your account are shown."))
            for text in ["case system", handlerEmail, "Create a token", "Revoke", "name=\"user_id\""] {
                #expect(!officerPage.body.contains(text), "\(text)")
            }

            // An officer with no token of their own sees none, and is told so.
            let second = app.browser()
            #expect(try await second.signIn(email: otherOfficerEmail, password: otherPassword).status == .seeOther)
            let secondPage = try await second.get("/staff/settings")
            #expect(secondPage.status == .ok)
            #expect(secondPage.body.contains("No API tokens have been made for your account."))
            for text in ["case system", "survey tool", handlerEmail] {
                #expect(!secondPage.body.contains(text), "\(text)")
            }

            // Neither making nor revoking is open to an officer, not even for their own account.
            #expect(officerPage.csrfToken != nil)
            let create = try await officer.post(
                "/staff/settings/tokens", form: ["user_id": officerAccount.id!.uuidString, "name": "mine"],
                tokenFrom: "/staff/settings")
            #expect(create.status == .forbidden)
            #expect(create.body.contains("Only administrators can create API tokens."))
            for record in [caseSystem, surveyTool] {
                let revoke = try await officer.post(
                    "/staff/settings/tokens/\(record.id!.uuidString.lowercased())/revoke", form: [:],
                    tokenFrom: "/staff/settings")
                #expect(revoke.status == .forbidden, "\(record.name)")
                #expect(revoke.body.contains("Only administrators can revoke API tokens."), "\(record.name)")
            }
            #expect(try await APIToken.query(on: app.db).count() == 2)
            #expect(try await APIToken.query(on: app.db).filter(\.$revokedAt != nil).count() == 0)
            let auth = [("Authorization", "Bearer \(handlerToken)")]
            #expect(try await app.browser().get("/api/v1/complaints", headers: auth).status == .ok)

            // The administrator can.
            let revoked = try await admin.post(
                "/staff/settings/tokens/\(caseSystem.id!.uuidString.lowercased())/revoke", form: [:],
                tokenFrom: "/staff/settings")
            #expect(revoked.status == .seeOther)
            #expect(try await app.browser().get("/api/v1/complaints", headers: auth).status == .unauthorized)
        }
    }
}
