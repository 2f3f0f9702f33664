import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// A member's details can be corrected: name, role, vote, lived experience, appointment date, each change
/// audited and checked against the register they already have.
@Suite("Board members: changing their details")
struct BoardMemberChangeTests {
    @Test(
        "a secretary corrects a member's details; impossible dates and clashing names are refused",
        arguments: TestDatabase.all)
    func change(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(iso: "2026-12-05")!)
            let secretary = try await app.signedInBrowser(.boardSecretary)
            let board = Board(name: "Patient and Carer Panel", purpose: "Advises the place committee.")
            try await board.create(on: app.db)
            let boardPath = "/staff/boards/\(board.id!.uuidString.lowercased())"
            for name in ["Farah Begum", "Tom Brennan"] {
                let added = try await secretary.post(
                    boardPath + "/members",
                    form: ["name": name, "role": "Panel member", "votes": "no", "appointed_on": "2026-10-01"],
                    tokenFrom: boardPath)
                #expect(added.status == .seeOther)
            }
            let farah = try #require(try await BoardMember.query(on: app.db).filter(\.$name == "Farah Begum").first())
            let path = boardPath + "/members/\(farah.id!.uuidString.lowercased())"
            let nilReturn = try await secretary.post(
                path + "/declarations", form: ["kind": "none", "declared_on": "2026-10-20"], tokenFrom: path)
            #expect(nilReturn.status == .seeOther)
            #expect(try await secretary.get(path).body.contains("value=\"Panel member\""), "the form starts filled in")

            func change(_ form: [String: String]) async throws -> TestBrowser.Page {
                var fields = [
                    "name": "Farah Begum", "role": "Panel member", "votes": "no", "appointed_on": "2026-10-01",
                ]
                fields.merge(form) { $1 }
                return try await secretary.post(path, form: fields, tokenFrom: path)
            }
            let clash = try await change(["name": "tom brennan"])
            #expect(clash.status == .unprocessableEntity)
            #expect(clash.body.contains("tom brennan is already a member of Patient and Carer Panel."))
            let afterDeclaring = try await change(["appointed_on": "2026-11-01"])
            #expect(afterDeclaring.body.contains("They declared on 20 October 2026, so they were appointed by then."))
            let longAgo = try await change(["appointed_on": "1900-01-01"])
            #expect(longAgo.body.contains("Check the year"))
            #expect(
                try await BoardMember.find(farah.id, on: app.db)?.role == "Panel member", "nothing refused is saved")

            let saved = try await change([
                "name": "Farah Begum-Ali", "role": "Vice-chair", "votes": "yes", "lived_experience": "yes",
            ])
            #expect(saved.status == .seeOther)
            let changed = try #require(try await BoardMember.find(farah.id, on: app.db))
            #expect(changed.name == "Farah Begum-Ali" && changed.role == "Vice-chair")
            #expect(changed.votes && changed.livedExperience)
            let audit = try #require(
                try await AuditEvent.query(on: app.db).filter(\.$action == "board.member_changed").first())
            #expect(audit.summary == "Changed the details of Farah Begum-Ali on Patient and Carer Panel")
            let publicPage = try await app.browser().get("/boards/\(board.id!.uuidString.lowercased())")
            #expect(publicPage.body.contains("Farah Begum-Ali") && publicPage.body.contains("Vice-chair"))
        }
    }

    @Test(
        "a nil return is refused while an interest stands; the secretary records when it ended, then it is accepted",
        arguments: TestDatabase.all)
    func endedInterest(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(iso: "2026-12-05")!)
            let secretary = try await app.signedInBrowser(.boardSecretary)
            let seated = try await BoardFixtures.qualityCommitteeWithGP(
                appointedOn: "2026-10-01", secretary: secretary, on: app.db)
            let (board, path) = (seated.board, seated.memberPath)
            let declared = try await secretary.post(
                path + "/declarations",
                form: ["kind": "financial", "details": "GP partner, Chapeltown Surgery", "declared_on": "2026-10-05"],
                tokenFrom: path)
            #expect(declared.status == .seeOther)
            let contradicting = try await secretary.post(
                path + "/declarations", form: ["kind": "none", "declared_on": "2026-12-01"], tokenFrom: path)
            #expect(contradicting.status == .unprocessableEntity)
            #expect(
                contradicting.body.contains("the register shows one that still stands (GP partner, Chapeltown Surgery)")
            )

            let interest = try #require(try await InterestDeclaration.query(on: app.db).first())
            let endPath = path + "/declarations/\(interest.id!.uuidString.lowercased())/end"
            let field = "ended_on-\(interest.id!.uuidString.lowercased())"
            let early = try await secretary.post(endPath, form: [field: "2026-09-01"], tokenFrom: path)
            #expect(early.body.contains("It cannot end before it was declared (5 October 2026)."))
            let future = try await secretary.post(endPath, form: [field: "2027-01-01"], tokenFrom: path)
            #expect(future.body.contains("Record the end once it has happened."))
            let ended = try await secretary.post(endPath, form: [field: "2026-11-30"], tokenFrom: path)
            #expect(ended.status == .seeOther)
            #expect(try await InterestDeclaration.find(interest.id, on: app.db)?.endedOn == "2026-11-30")
            #expect(
                try await AuditEvent.query(on: app.db).filter(\.$action == "board.interest_ended").count() == 1)
            let nilReturn = try await secretary.post(
                path + "/declarations", form: ["kind": "none", "declared_on": "2026-12-01"], tokenFrom: path)
            #expect(nilReturn.status == .seeOther)
            let publicPage = try await app.browser().get("/boards/\(board.id!.uuidString.lowercased())")
            #expect(publicPage.body.contains("Ended 30 November 2026"))
        }
    }
}
