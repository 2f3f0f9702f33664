import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// Passwords: a forgotten one is reset through a link e-mailed to the account (once, for an hour, at most three
/// an hour, the same answer whether or not there is an account); anyone signed in changes their own; an
/// administrator edits an account and e-mails it a link. A new password signs out every other session.
@Suite("Passwords and accounts")
struct PasswordTests {
    static func link(in notice: Notice) throws -> String {
        let start = try #require(notice.body.range(of: "/reset-password/"))
        return String(notice.body[start.lowerBound...].prefix { !$0.isWhitespace })
    }

    @Test(
        "a forgotten password is reset by an e-mailed link that works once; other sessions end",
        arguments: TestDatabase.all)
    func forgotten(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (email, oldPassword) = try await app.createUser(.engagementOfficer)
            let elsewhere = app.browser()
            #expect(try await elsewhere.signIn(email: email, password: oldPassword).status == .seeOther)
            #expect(try await elsewhere.get("/staff").status == .ok)

            let visitor = app.browser()
            #expect(try await visitor.get("/sign-in").body.contains("href=\"/forgot-password\""))
            let malformed = try await visitor.post("/forgot-password", form: ["email": "not an address"])
            #expect(malformed.status == .unprocessableEntity)
            #expect(malformed.body.contains("in the correct format"))
            let unknown = try await visitor.post("/forgot-password", form: ["email": "nobody@test.heard.example"])
            let known = try await visitor.post("/forgot-password", form: ["email": email.uppercased()])
            #expect(unknown.status == .ok && known.status == .ok)
            #expect(unknown.body.contains("Check your e-mail") && known.body.contains("Check your e-mail"))
            var notices = try await Notice.query(on: app.db).filter(\.$kind == "password_reset").all()
            #expect(notices.map(\.toAddress) == [email], "only a real account gets a link")
            let path = try Self.link(in: notices[0])
            // Asked twice: once a new password is set through one link, the other is useless.
            _ = try await visitor.post("/forgot-password", form: ["email": email])
            notices = try await Notice.query(on: app.db).filter(\.$kind == "password_reset").all()
            let otherPath = try #require(try notices.map(Self.link(in:)).first { $0 != path })
            #expect(notices[0].body.contains("one hour"))
            // An administrator reading the outbox sees that a link was sent, but not one they could use.
            let admin = try await app.signedInBrowser(.administrator)
            let outbox = try await admin.get("/staff/notices").body
            #expect(outbox.contains("/reset-password/… (hidden: only the person it was sent to may use it)"))
            for link in [path, otherPath] {
                #expect(!outbox.contains(String(link.dropFirst("/reset-password/".count))), "\(link)")
            }

            #expect(try await visitor.get(path).status == .ok)
            let different = try await visitor.post(
                path, form: ["password": "three random words", "password_again": "three other words"])
            #expect(different.status == .unprocessableEntity)
            #expect(different.body.contains("Enter the same new password twice."))
            let short = try await visitor.post(path, form: ["password": "short", "password_again": "short"])
            #expect(short.body.contains("at least \(PasswordPolicy.minimumLength) characters"))
            let newPassword = "kettle orchard lantern"
            let changed = try await visitor.post(path, form: ["password": newPassword, "password_again": newPassword])
            #expect(changed.status == .ok)
            #expect(changed.body.contains("Your password has been changed"))
            let again = try await visitor.post(
                path, form: ["password": newPassword, "password_again": newPassword], tokenFrom: "/forgot-password")
            #expect(again.status == .gone)
            #expect(try await visitor.get(path).status == .gone)
            #expect(try await visitor.get(otherPath).status == .gone, "the earlier link was cancelled")

            #expect(try await elsewhere.get("/staff").status == .seeOther, "the session begun before is signed out")
            #expect(try await app.browser().signIn(email: email, password: oldPassword).status != .seeOther)
            #expect(try await app.browser().signIn(email: email, password: newPassword).status == .seeOther)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "user.password_reset").count() == 1)

            // At most three links an hour; an expired link is refused.
            for _ in 0..<4 { _ = try await visitor.post("/forgot-password", form: ["email": email]) }
            #expect(try await PasswordReset.query(on: app.db).count() == PasswordResets.perHour)
            let newest = try #require(
                try await Notice.query(on: app.db).filter(\.$kind == "password_reset").sort(\.$createdAt, .descending)
                    .first())
            let stale = try Self.link(in: newest)
            let token = String(stale.dropFirst("/reset-password/".count))
            let reset = try #require(
                try await PasswordReset.query(on: app.db).filter(\.$tokenHash == SecretToken.hash(token)).first())
            #expect(reset.usedAt == nil)
            #expect(try await visitor.get(stale).status == .ok)
            reset.expiresAt = Date().addingTimeInterval(-1)
            try await reset.save(on: app.db)
            #expect(try await visitor.get(stale).status == .gone, "an hour later the link is refused")
        }
    }

    @Test(
        "people change their own password; administrators edit accounts and e-mail a link", arguments: TestDatabase.all)
    func ownAndAdministered(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let organisation = Organisation(name: "Riverside Test Trust", kind: .trust)
            try await organisation.create(on: app.db)
            #expect(try await app.browser().get("/account/password").location?.hasPrefix("/sign-in") == true)

            let (email, password) = try await app.createUser(.involvedPerson)
            let me = app.browser()
            let other = app.browser()
            for browser in [me, other] {
                #expect(try await browser.signIn(email: email, password: password).status == .seeOther)
            }
            #expect(try await me.get("/me").body.contains("href=\"/account/password\""))
            let wrong = try await me.post(
                "/account/password",
                form: [
                    "current_password": "not it", "password": "a much longer one",
                    "password_again": "a much longer one",
                ])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.body.contains("Enter your current password correctly."))
            _ = try await app.browser().post("/forgot-password", form: ["email": email], tokenFrom: "/forgot-password")
            let asked = try #require(try await Notice.query(on: app.db).filter(\.$kind == "password_reset").first())
            let changed = try await me.post(
                "/account/password",
                form: [
                    "current_password": password, "password": "a much longer one",
                    "password_again": "a much longer one",
                ])
            #expect(changed.status == .ok)
            #expect(try await me.get("/me").status == .ok, "this session carries on")
            #expect(try await other.get("/me").status == .seeOther, "every other session ends")
            #expect(
                try await app.browser().get(try Self.link(in: asked)).status == .gone, "a link asked for before is void"
            )
            try await asked.delete(on: app.db)

            let admin = try await app.signedInBrowser(.administrator)
            let person = try #require(try await User.query(on: app.db).filter(\.$email == email).first())
            let path = "/staff/users/\(person.id!.uuidString.lowercased())"
            #expect(try await admin.get("/staff/users").body.contains("href=\"\(path)\""))
            let clash = try await admin.post(
                path,
                form: [
                    "display_name": "Farah Begum", "email": "administrator@test.heard.example",
                    "role": "moderator", "organisation_id": "",
                ], tokenFrom: path)
            #expect(clash.status == .unprocessableEntity)
            #expect(clash.body.contains("There is already an account for administrator@test.heard.example."))
            #expect(clash.body.contains("Farah Begum"), "what was typed is kept")
            let longName = try await admin.post(
                path,
                form: [
                    "display_name": String(repeating: "F", count: 5_000), "email": "farah.begum@test.heard.example",
                    "role": "moderator", "organisation_id": "",
                ], tokenFrom: path)
            #expect(longName.status == .unprocessableEntity)
            #expect(longName.body.contains("Keep the name to 100 characters or fewer: it is 5,000 now."))
            let saved = try await admin.post(
                path,
                form: [
                    "display_name": "Farah Begum", "email": "Farah.Begum@test.heard.example", "role": "moderator",
                    "organisation_id": organisation.id!.uuidString,
                ], tokenFrom: path)
            #expect(saved.status == .seeOther)
            let edited = try #require(try await User.find(person.id, on: app.db))
            #expect(edited.displayName == "Farah Begum" && edited.email == "farah.begum@test.heard.example")
            #expect(edited.role == .moderator && edited.$organisation.id == organisation.id)
            let told = try await Notice.query(on: app.db).filter(\.$kind == "account_email_changed").all()
            #expect(
                Set(told.map(\.toAddress)) == [email, "farah.begum@test.heard.example"], "old and new address told")
            #expect(told.allSatisfy { $0.body.contains("If you did not expect this") })
            let audit = try #require(
                try await AuditEvent.query(on: app.db).filter(\.$action == "user.updated").first())
            #expect(audit.summary == "Changed the account of farah.begum@test.heard.example")

            let administrator = try #require(
                try await User.query(on: app.db).filter(\.$role == .administrator).first())
            let ownPath = "/staff/users/\(administrator.id!.uuidString.lowercased())"
            let demote = try await admin.post(
                ownPath,
                form: [
                    "display_name": administrator.displayName, "email": administrator.email, "role": "moderator",
                    "organisation_id": "",
                ], tokenFrom: ownPath)
            #expect(demote.body.contains("You cannot change your own role."))

            // A new account can belong to an organisation from the start.
            let added = try await admin.post(
                "/staff/users/new",
                form: [
                    "display_name": "Sam Okafor", "email": "sam.okafor@test.heard.example",
                    "role": "complaints_handler",
                    "organisation_id": organisation.id!.uuidString, "password": "a long first password",
                ], tokenFrom: "/staff/users/new")
            #expect(added.status == .seeOther)
            let sam = try #require(
                try await User.query(on: app.db).filter(\.$email == "sam.okafor@test.heard.example").first())
            #expect(sam.$organisation.id == organisation.id)

            let sent = try await admin.post(path + "/password-reset", form: [:], tokenFrom: path)
            #expect(sent.status == .seeOther)
            let notice = try #require(
                try await Notice.query(on: app.db).filter(\.$kind == "password_reset").first())
            #expect(notice.toAddress == "farah.begum@test.heard.example")
            #expect(notice.body.contains("three days"))
            let reset = try #require(try await PasswordReset.query(on: app.db).filter(\.$createdByID != nil).first())
            #expect(reset.expiresAt > Date().addingTimeInterval(2.9 * 86400))
            #expect(reset.createdByID == administrator.id)
        }
    }
}
