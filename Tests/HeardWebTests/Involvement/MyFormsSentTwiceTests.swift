import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// A declaration of interest goes on the public register, and an idea to staff: a double tap (both copies at
/// once, so the "already put forward" check sees neither) or a resend makes one of each.
@Suite("Own page forms sent twice")
struct MyFormsSentTwiceTests {
    /// The submission key of the form posting to `action` on `page`.
    static func key(forFormTo action: String, in page: String) throws -> String {
        let form = try #require(page.range(of: "action=\"\(action)\""), "no form posting to \(action)")
        let field = try #require(page[form.upperBound...].range(of: "name=\"submission_key\" value=\""))
        return String(page[field.upperBound...].prefix { $0 != "\"" })
    }

    @Test(
        "an interest, a nil return and an idea sent twice at once, or again later, are recorded once",
        arguments: TestDatabase.all)
    func ownPage(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(year: 2026, month: 11, day: 20))
            let member = try await app.signedInBrowser(.involvedPerson)
            let person = try #require(try await User.query(on: app.db).filter(\.$role == .involvedPerson).first())
            let board = Board(name: "Patient and Carer Panel", purpose: "Advises the place committee.")
            try await board.create(on: app.db)
            let seat = BoardMember(
                boardID: board.id!, name: "Farah Begum", role: "Panel member", votes: true, livedExperience: true,
                appointedOn: SimpleDate(year: 2026, month: 11, day: 1))
            seat.$account.id = person.id
            try await seat.create(on: app.db)
            let id = BoardURL.id(seat.id!)
            let declarePath = "/me/declarations/\(id)"

            var page = try await member.get("/me")
            let interest = [
                "kind-\(id)": "personal", "details-\(id)": "Volunteer, Leeds sickle cell support group",
                "submission_key": try Self.key(forFormTo: declarePath, in: page.body),
            ]
            async let one = member.post(declarePath, form: interest, tokenFrom: "/me")
            async let two = member.post(declarePath, form: interest, tokenFrom: "/me")
            let both = try await [one, two]
            #expect(both.allSatisfy { $0.status == .seeOther && $0.location == "/me" })
            #expect(try await InterestDeclaration.query(on: app.db).count() == 1)
            let later = try await member.post(declarePath, form: interest, tokenFrom: "/me")
            #expect(later.location == "/me")
            page = try await member.get("/me")
            #expect(page.body.contains("That form had already been sent, so nothing new was made."))
            #expect(try await InterestDeclaration.query(on: app.db).count() == 1)
            let register = try await app.browser().get("/boards/\(BoardURL.id(board.id!))")
            #expect(register.body.components(separatedBy: "Volunteer, Leeds sickle cell support group").count == 2)

            // A new page gives a new key: a second, different declaration is recorded, its start date typed the UK
            // way (where the date picker is a text box).
            let another = [
                "kind-\(id)": "financial", "details-\(id)": "Shares in a pharmacy chain",
                "held_from-\(id)": "1/10/2026", "submission_key": try Self.key(forFormTo: declarePath, in: page.body),
            ]
            #expect(try await member.post(declarePath, form: another, tokenFrom: "/me").status == .seeOther)
            #expect(try await InterestDeclaration.query(on: app.db).count() == 2)
            let shares = try await InterestDeclaration.query(on: app.db).filter(
                \.$details == "Shares in a pharmacy chain"
            )
            .first()
            #expect(shares?.heldFrom == "2026-10-01")

            page = try await member.get("/me")
            let idea = [
                "title": "Evening clinics for carers", "details": "Carers who work cannot get to daytime clinics.",
                "credit_name": "Farah Begum", "submission_key": try Self.key(forFormTo: "/me/ideas", in: page.body),
            ]
            async let first = member.post("/me/ideas", form: idea, tokenFrom: "/me")
            async let second = member.post("/me/ideas", form: idea, tokenFrom: "/me")
            let ideas = try await [first, second]
            #expect(ideas.allSatisfy { $0.status == .seeOther })
            #expect(try await Idea.query(on: app.db).count() == 1)
        }
    }

    @Test("the secretary's declaration form sent twice at once records one interest", arguments: TestDatabase.all)
    func secretaryForm(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(year: 2026, month: 11, day: 20))
            let secretary = try await app.signedInBrowser(.boardSecretary)
            let board = Board(name: "Patient and Carer Panel", purpose: "Advises the place committee.")
            try await board.create(on: app.db)
            let seat = BoardMember(
                boardID: board.id!, name: "Farah Begum", role: "Panel member", votes: true, livedExperience: true,
                appointedOn: SimpleDate(year: 2026, month: 11, day: 1))
            try await seat.create(on: app.db)
            let memberPath = BoardURL.member(board.id!, seat.id!)
            let action = BoardURL.declarations(board.id!, seat.id!)
            let page = try await secretary.get(memberPath)
            let form = [
                "kind": "financial", "details": "GP partner, Chapeltown Surgery", "declared_on": "2026-11-18",
                "submission_key": try Self.key(forFormTo: action, in: page.body),
            ]
            async let one = secretary.post(action, form: form, tokenFrom: memberPath)
            async let two = secretary.post(action, form: form, tokenFrom: memberPath)
            let both = try await [one, two]
            #expect(both.allSatisfy { $0.status == .seeOther && $0.location == memberPath }, "\(both.map(\.status))")
            #expect(try await InterestDeclaration.query(on: app.db).count() == 1)
        }
    }
}
