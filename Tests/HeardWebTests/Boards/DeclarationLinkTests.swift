import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// Members without a Heard account declare through a link e-mailed to them: sent by the secretary or by the
/// reminders, usable once, until it expires.
@Suite("Declaration links for members without an account")
struct DeclarationLinkTests {
    static func token(in notice: Notice) throws -> String {
        let after = try #require(notice.body.components(separatedBy: "/declare/").dropFirst().first)
        return String(after.prefix { !$0.isWhitespace })
    }

    @Test(
        "the secretary e-mails a link; the member declares once without signing in; a used, expired or wrong link is refused",
        arguments: TestDatabase.all)
    func linkJourney(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(year: 2026, month: 11, day: 20))
            let secretary = try await app.signedInBrowser(.boardSecretary)
            let board = Board(name: "Patient and Carer Panel", purpose: "Advises the place committee.")
            try await board.create(on: app.db)
            let boardPath = "/staff/boards/\(board.id!.uuidString.lowercased())"
            let added = try await secretary.post(
                boardPath + "/members",
                form: [
                    "name": "Grace Okoro", "role": "Carer representative", "votes": "no", "lived_experience": "yes",
                    "appointed_on": "2026-11-01",
                ], tokenFrom: boardPath)
            #expect(added.status == .seeOther)
            let member = try #require(try await BoardMember.query(on: app.db).first())
            let memberPath = boardPath + "/members/" + member.id!.uuidString.lowercased()
            #expect(try await secretary.get(memberPath).body.contains("Send them the form by e-mail"))

            let bad = try await secretary.post(
                memberPath + "/declaration-link", form: ["email": "grace at example"], tokenFrom: memberPath)
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.contains("Enter their e-mail address in the correct format"))
            #expect(bad.body.contains("grace at example"), "what was typed is kept")
            #expect(try await DeclarationLink.query(on: app.db).count() == 0)

            let sent = try await secretary.post(
                memberPath + "/declaration-link", form: ["email": "Grace@Example.org"], tokenFrom: memberPath)
            #expect(sent.status == .seeOther)
            let notice = try #require(try await Notice.query(on: app.db).filter(\.$kind == "declaration_link").first())
            #expect(notice.toAddress == "grace@example.org")
            let token = try Self.token(in: notice)
            #expect(token.count >= 40)
            let stored = try #require(try await DeclarationLink.query(on: app.db).first())
            #expect(stored.tokenHash != token && !stored.tokenHash.contains(token), "only a hash is stored")
            #expect(try await BoardMember.find(member.id, on: app.db)?.email == "grace@example.org")
            #expect(try await secretary.get(memberPath).body.contains("not used yet"))

            // The member, not signed in.
            let visitor = app.browser()
            let path = "/declare/" + token
            let form = try await visitor.get(path)
            #expect(form.status == .ok)
            #expect(form.body.contains("Grace Okoro, Carer representative on Patient and Carer Panel."))
            #expect(form.headers.first(name: .cacheControl) == "no-store", "it names the member and holds the token")
            #expect(form.body.contains("Due on appointment, by 29 November 2026"))
            let noKind = try await visitor.post(path, form: ["details": "Trustee of Carers Count"])
            #expect(noKind.status == .unprocessableEntity)
            #expect(noKind.body.contains("Choose the kind of interest"))
            #expect(noKind.body.contains("Trustee of Carers Count"), "what was typed is kept")
            let declared = try await visitor.post(
                path, form: ["kind": "personal", "details": "Trustee of Carers Count, a local charity"])
            #expect(declared.status == .ok)
            #expect(declared.body.contains("Your interest is recorded in the register of Patient and Carer Panel."))
            let declaration = try #require(try await InterestDeclaration.query(on: app.db).first())
            #expect(declaration.declaredOn == "2026-11-20")
            #expect(declaration.kind == .personal)
            let audit = try #require(
                try await AuditEvent.query(on: app.db).filter(\.$action == "board.interest_declared").first())
            #expect(audit.actorLabel == "Grace Okoro (e-mailed declaration link)")
            #expect(try await DeclarationLink.query(on: app.db).filter(\.$id == stored.id!).first()?.usedAt != nil)
            let publicBoard = try await visitor.get("/boards/\(board.id!.uuidString.lowercased())")
            #expect(publicBoard.body.contains("Trustee of Carers Count, a local charity"))

            // A second interest in the same sitting, through the day-long link the thank-you page offers.
            let anotherStart = try #require(declared.body.range(of: "href=\"/declare/"))
            let anotherPath = String(
                declared.body[declared.body.index(anotherStart.lowerBound, offsetBy: 6)...].prefix { $0 != "\"" })
            #expect(declared.body.contains("Declare another interest"))
            let followUp = try await visitor.post(
                anotherPath, form: ["kind": "financial", "details": "Shares in Leeds Pharmacy Ltd"],
                tokenFrom: anotherPath)
            #expect(followUp.status == .ok)
            #expect(try await InterestDeclaration.query(on: app.db).count() == 2)
            #expect(try await visitor.get(anotherPath).status == .gone, "the follow-up link works once too")

            // Used: refused, and nothing more recorded.
            let again = try await visitor.get(path)
            #expect(again.status == .gone)
            #expect(again.body.contains("Ask the board secretary to send you a new one."))
            #expect(try await visitor.post(path, form: ["kind": "none"], tokenFrom: "/sign-in").status == .gone)
            #expect(try await InterestDeclaration.query(on: app.db).count() == 2)
            #expect(try await secretary.get(memberPath).body.contains(": used on "))

            // Expired, and wrong.
            _ = try await secretary.post(
                memberPath + "/declaration-link", form: ["email": "grace@example.org"], tokenFrom: memberPath)
            let second = try #require(
                try await Notice.query(on: app.db).filter(\.$kind == "declaration_link").all().last)
            let secondToken = try Self.token(in: second)
            let expired = try #require(
                try await DeclarationLink.query(on: app.db).filter(\.$tokenHash == SecretToken.hash(secondToken))
                    .first())
            expired.expiresAt = Date().addingTimeInterval(-60)
            try await expired.save(on: app.db)
            #expect(try await visitor.get("/declare/" + (try Self.token(in: second))).status == .gone)
            #expect(try await visitor.get("/declare/not-a-real-token").status == .notFound)
        }
    }

    @Test(
        "a member with an account declares on their own page; the reminders e-mail the others a fresh link",
        arguments: TestDatabase.all)
    func accountsAndReminders(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(year: 2026, month: 11, day: 26))
            let secretary = try await app.signedInBrowser(.boardSecretary)
            _ = try await app.signedInBrowser(.involvedPerson)
            let person = try #require(try await User.query(on: app.db).filter(\.$role == .involvedPerson).first())
            let board = Board(name: "Quality Committee", purpose: "Assures the quality of services.")
            try await board.create(on: app.db)
            let boardPath = "/staff/boards/\(board.id!.uuidString.lowercased())"
            for (name, account) in [("Farah Begum", person.id!.uuidString), ("Tom Brennan", "")] {
                _ = try await secretary.post(
                    boardPath + "/members",
                    form: [
                        "name": name, "role": "Lay member", "votes": "yes", "appointed_on": "2026-11-01",
                        "account_id": account,
                    ], tokenFrom: boardPath)
            }
            let farah = try #require(try await BoardMember.query(on: app.db).filter(\.$name == "Farah Begum").first())
            let farahPath = boardPath + "/members/" + farah.id!.uuidString.lowercased()
            #expect(!(try await secretary.get(farahPath).body.contains("Send them the form by e-mail")))
            let refused = try await secretary.post(
                farahPath + "/declaration-link", form: ["email": "farah@example.org"], tokenFrom: farahPath)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("has a Heard account and declares on their own page"))

            let tom = try #require(try await BoardMember.query(on: app.db).filter(\.$name == "Tom Brennan").first())
            tom.email = "tom@example.org"
            try await tom.save(on: app.db)
            // Due by 29 November: three days to go.
            let outcome = try await Reminders.send(
                today: SimpleDate(year: 2026, month: 11, day: 26), siteURL: "https://heard.example", on: app.db)
            #expect(outcome.notices == 2)
            let reminders = try await Notice.query(on: app.db).filter(\.$kind == "reminder_declaration").all()
            #expect(Set(reminders.map(\.toAddress)) == [person.email, "tom@example.org"])
            let tomsReminder = try #require(reminders.first { $0.toAddress == "tom@example.org" })
            #expect(tomsReminder.body.contains("https://heard.example/declare/"))
            #expect(tomsReminder.body.contains("is due by 29 November 2026"))
            let linked = try await app.browser().post(
                "/declare/" + (try Self.token(in: tomsReminder)), form: ["kind": "none"])
            #expect(linked.status == .ok)
            #expect(linked.body.contains("Your nil return is recorded"))
        }
    }

    @Test("the same link sent twice at once records one declaration", arguments: TestDatabase.all)
    func concurrentUse(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let board = Board(name: "Quality Committee", purpose: "Assures the quality of services.")
            try await board.create(on: app.db)
            let member = BoardMember(
                boardID: board.id!, name: "Tom Brennan", role: "Lay member", votes: true, livedExperience: false,
                appointedOn: SimpleDate(year: 2026, month: 1, day: 5))
            try await member.create(on: app.db)
            let issued = DeclarationLinks.issue(for: member, createdBy: nil, siteURL: "", now: Date())
            try await issued.link.create(on: app.db)
            let first = app.browser()
            let second = app.browser()
            let firstToken = try #require(try await first.get(issued.url).csrfToken)
            let secondToken = try #require(try await second.get(issued.url).csrfToken)
            async let a = first.post(issued.url, form: ["kind": "none", "_csrf": firstToken])
            async let b = second.post(issued.url, form: ["kind": "none", "_csrf": secondToken])
            let statuses = try await [a.status, b.status]
            #expect(statuses.filter { $0 == .ok }.count == 1, "\(statuses)")
            #expect(statuses.filter { $0 == .gone }.count == 1, "\(statuses)")
            #expect(try await InterestDeclaration.query(on: app.db).count() == 1)
        }
    }

    @Test(
        "a personal link is never kept in the public page cache: used elsewhere, it says so at once",
        arguments: TestDatabase.all)
    func notCached(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database, configure: { $0.publicPageCacheSeconds = 600 }) { app in
            app.app.decisionClock = .fixed(SimpleDate(year: 2026, month: 11, day: 20))
            let secretary = try await app.signedInBrowser(.boardSecretary)
            let board = Board(name: "Patient and Carer Panel", purpose: "Advises the place committee.")
            try await board.create(on: app.db)
            let boardPath = "/staff/boards/\(board.id!.uuidString.lowercased())"
            _ = try await secretary.post(
                boardPath + "/members",
                form: [
                    "name": "Grace Okoro", "role": "Carer representative", "votes": "no", "lived_experience": "yes",
                    "appointed_on": "2026-11-01",
                ], tokenFrom: boardPath)
            let member = try #require(try await BoardMember.query(on: app.db).first())
            let memberPath = boardPath + "/members/" + member.id!.uuidString.lowercased()
            _ = try await secretary.post(
                memberPath + "/declaration-link", form: ["email": "grace@example.org"], tokenFrom: memberPath)
            let notice = try #require(try await Notice.query(on: app.db).filter(\.$kind == "declaration_link").first())
            let path = "/declare/" + (try Self.token(in: notice))
            let visitor = app.browser()
            #expect(try await visitor.get(path).status == .ok)
            // Used through another instance: only the shared database knows.
            let link = try #require(try await DeclarationLink.query(on: app.db).first())
            link.usedAt = Date()
            try await link.save(on: app.db)
            let again = try await visitor.get(path)
            #expect(again.status == .gone, "not the form kept from a moment ago")
        }
    }
}
