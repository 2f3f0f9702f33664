import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// Weak passwords are refused wherever one is set on a page: an administrator adding an account, changing one's
/// own, and a reset link. Changing one's own also refuses the current password, and asks for it when left empty.
@Suite("Password strength")
struct PasswordStrengthTests {
    @Test("the demo accounts' passwords meet the policy, so the README's sign-ins still work")
    func demoPasswords() {
        for account in DemoData.accounts {
            #expect(
                PasswordPolicy.problem(with: account.password, forAccount: account.email) == nil, "\(account.email)")
        }
    }

    @Test("an administrator cannot add an account with a common password", arguments: TestDatabase.all)
    func newAccount(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let admin = try await app.signedInBrowser(.administrator)
            #expect(try await admin.get("/staff/users/new").body.contains("not a common password"))
            func add(_ password: String) async throws -> TestBrowser.Page {
                try await admin.post(
                    "/staff/users/new",
                    form: [
                        "display_name": "Sam Okafor", "email": "sam.okafor@test.heard.example", "role": "moderator",
                        "organisation_id": "", "password": password,
                    ], tokenFrom: "/staff/users/new")
            }
            let common = try await add("password1234")
            #expect(common.status == .unprocessableEntity)
            #expect(common.body.contains("among the most common passwords"))
            let named = try await add("SamOkafor2024!")
            #expect(named.status == .unprocessableEntity)
            #expect(named.body.contains("mostly your e-mail address"))
            #expect(try await User.query(on: app.db).filter(\.$email == "sam.okafor@test.heard.example").count() == 0)
            #expect(try await add("kettle orchard lantern").status == .seeOther)
        }
    }

    @Test(
        "changing one's own password: empty, weak and unchanged are refused with what to do",
        arguments: TestDatabase.all)
    func change(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (email, password) = try await app.createUser(.moderator)
            let me = app.browser()
            #expect(try await me.signIn(email: email, password: password).status == .seeOther)
            #expect(try await me.get("/account/password").body.contains("not a common password"))
            func change(current: String, to new: String) async throws -> TestBrowser.Page {
                try await me.post(
                    "/account/password", form: ["current_password": current, "password": new, "password_again": new],
                    tokenFrom: "/account/password")
            }
            let empty = try await change(current: "", to: "")
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.body.contains("Enter your current password."))
            #expect(!empty.body.contains("Enter your current password correctly."))
            let repeated = try await change(current: password, to: "aaaaaaaaaaaa")
            #expect(repeated.status == .unprocessableEntity)
            #expect(repeated.body.contains("not one character or a short part repeated"))
            #expect(!repeated.body.contains("Enter your current password"))
            let run = try await change(current: password, to: "123456789012")
            #expect(run.body.contains("not a run like abcdef"))
            let unchanged = try await change(current: password, to: password)
            #expect(unchanged.status == .unprocessableEntity)
            #expect(unchanged.body.contains("Choose a password you have not used here"))
            // With a wrong current password, nothing says whether the new one is the current one.
            let guess = try await change(current: "not the password", to: "not the password")
            #expect(guess.body.contains("Enter your current password correctly."))
            #expect(!guess.body.contains("have not used here"))
            let user = try #require(try await User.query(on: app.db).filter(\.$email == email).first())
            #expect(try app.app.password.verify(password, created: user.passwordHash), "nothing refused was saved")
            #expect(try await change(current: password, to: "kettle orchard lantern").status == .ok)
        }
    }

    @Test("a reset link refuses a weak password", arguments: TestDatabase.all)
    func reset(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (email, _) = try await app.createUser(.engagementOfficer)
            let visitor = app.browser()
            _ = try await visitor.post("/forgot-password", form: ["email": email], tokenFrom: "/forgot-password")
            let notice = try #require(try await Notice.query(on: app.db).filter(\.$kind == "password_reset").first())
            let path = try PasswordTests.link(in: notice)
            #expect(try await visitor.get(path).body.contains("not a common password"))
            for (weak, says) in [
                ("Heard-2024-Heard", "the word \"heard\""), ("Letmein123456!", "among the most common passwords"),
                ("abcdefghijkl", "not a run like abcdef"),
            ] {
                let refused = try await visitor.post(path, form: ["password": weak, "password_again": weak])
                #expect(refused.status == .unprocessableEntity, "\(weak)")
                #expect(refused.body.contains(says), "\(weak)")
            }
            let strong = "kettle orchard lantern"
            #expect(try await visitor.post(path, form: ["password": strong, "password_again": strong]).status == .ok)
        }
    }
}
