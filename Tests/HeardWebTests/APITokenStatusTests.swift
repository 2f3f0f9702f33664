import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// A token of a switched-off account is refused, so the token list must not call it active.
@Suite("API token status")
struct APITokenStatusTests {
    /// The table row that names `text`.
    static func row(naming text: String, in body: String) throws -> String {
        let name = try #require(body.range(of: text))
        let start = try #require(body[..<name.lowerBound].range(of: "<tr", options: .backwards))
        let end = try #require(body[name.upperBound...].range(of: "</tr>"))
        return String(body[start.lowerBound..<end.upperBound])
    }

    @Test("a revoked token beats a switched-off account; otherwise the account decides")
    func status() {
        #expect(APITokenStatus(isRevoked: false, accountIsActive: true).title == "Active")
        #expect(APITokenStatus(isRevoked: false, accountIsActive: false).title == "Account switched off")
        #expect(APITokenStatus(isRevoked: true, accountIsActive: false) == .revoked)
    }

    @Test(
        "settings shows 'Account switched off' for the token of a switched-off account",
        arguments: TestDatabase.all)
    func switchedOffAccount(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let admin = try await app.signedInBrowser(.administrator)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let (email, _) = try await app.createUser(.complaintsHandler)
            let handler = try #require(try await User.query(on: app.db).filter(\.$email == email).first())
            let officerAccount = try #require(
                try await User.query(on: app.db).filter(\.$role == .engagementOfficer).first())
            let token = try await APITokens.create(
                for: handler, name: "case system", actor: .system("test"), on: app.db)
            _ = try await APITokens.create(for: officerAccount, name: "survey tool", actor: .system("test"), on: app.db)
            let auth = [("Authorization", "Bearer \(token)")]
            #expect(try await app.browser().get("/api/v1/complaints", headers: auth).status == .ok)

            let path = "/staff/users/\(handler.id!.uuidString.lowercased())"
            #expect(try await admin.post(path + "/deactivate", form: [:], tokenFrom: path).status == .seeOther)
            #expect(try await app.browser().get("/api/v1/complaints", headers: auth).status == .unauthorized)
            let users = try await admin.get("/staff/users").body
            #expect(users.contains("Its API token is refused while it is off (\"case system\")"))
            // No new token for a switched-off account, or for an involved person (not staff), even by a crafted form.
            let (involvedEmail, _) = try await app.createUser(.involvedPerson)
            let involved = try #require(try await User.query(on: app.db).filter(\.$email == involvedEmail).first())
            for (account, words) in [
                (handler, "account is switched off: choose an active member of staff"),
                (involved, "is not a member of staff: choose a member of staff from the list"),
            ] {
                let refused = try await admin.post(
                    "/staff/settings/tokens", form: ["user_id": account.id!.uuidString, "name": "crafted"],
                    tokenFrom: "/staff/settings")
                #expect(refused.status == .unprocessableEntity)
                #expect(refused.body.contains(words), "\(account.email)")
            }
            #expect(try await APIToken.query(on: app.db).filter(\.$name == "crafted").count() == 0)

            let settings = try await admin.get("/staff/settings")
            #expect(settings.status == .ok)
            let switchedOff = try Self.row(naming: "case system", in: settings.body)
            #expect(switchedOff.contains("Account switched off"))
            #expect(!switchedOff.contains("Active"))
            #expect(try Self.row(naming: "survey tool", in: settings.body).contains("Active"))
            // An officer sees only their own token (APITokenAccessTests), with the same status.
            let officerSettings = try await officer.get("/staff/settings")
            #expect(try Self.row(naming: "survey tool", in: officerSettings.body).contains("Active"))
            #expect(!officerSettings.body.contains("case system"))
            // An administrator can still revoke it, so it stays refused if the account is switched on again.
            let adminPage = try await admin.get("/staff/settings")
            #expect(try Self.row(naming: "case system", in: adminPage.body).contains("Revoke"))
            // Switched on again, the token works again, and the administrator is told so by name.
            #expect(try await admin.post(path + "/activate", form: [:], tokenFrom: path).status == .seeOther)
            #expect(
                try await admin.get("/staff/users").body.contains(
                    "Its API token works again: \"case system\". Revoke any no longer needed in Settings."))
            #expect(try await app.browser().get("/api/v1/complaints", headers: auth).status == .ok)
            // The table's caption does not repeat the heading above it.
            #expect(adminPage.body.components(separatedBy: "API tokens").count - 1 == 1, "once, as the heading")
            #expect(adminPage.body.contains("Every token, with its account"))
            // The audit log writes the API in capitals.
            let audit = try await admin.get("/staff/audit").body
            #expect(audit.contains("API token: created") && !audit.contains("Api token"))
        }
    }
}
