import Fluent
import Foundation
import HeardDomain
import HeardStorage
import HeardWeb
import Testing

@Suite("Board members: names tidied before the duplicate check; placeholders refused where published")
struct BoardMemberTidyTests {
    @Test(
        "\"farah  begum\" is the member Farah Begum, on adding and on changing; \".\" is no role and no interest",
        arguments: TestDatabase.all)
    func tidiedNamesAndPlaceholders(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let clock = TestClock(SimpleDate(year: 2026, month: 11, day: 20))
            app.app.decisionClock = DecisionClock { clock.today }
            let secretary = try await app.signedInBrowser(.boardSecretary)
            let board = Board(name: "Leeds Place Committee", purpose: "Decides how NHS money for Leeds is spent.")
            try await board.create(on: app.db)
            let boardPath = "/staff/boards/\(board.id!.uuidString.lowercased())"
            func add(_ name: String, role: String = "Lay member") async throws -> TestBrowser.Page {
                try await secretary.post(
                    boardPath + "/members",
                    form: ["name": name, "role": role, "votes": "yes", "appointed_on": "2026-10-01"],
                    tokenFrom: boardPath)
            }
            #expect(try await add("  Farah   Begum ").status == .seeOther)
            let farah = try #require(try await BoardMember.query(on: app.db).first())
            #expect(farah.name == "Farah Begum", "stored tidied")
            for name in ["farah  begum", "FARAH BEGUM", "Farah\tBegum"] {
                let again = try await add(name)
                #expect(again.status == .unprocessableEntity, "\(name)")
                #expect(again.body.contains("is already a member of Leeds Place Committee"), "\(name)")
            }
            #expect(try await BoardMember.query(on: app.db).count() == 1)

            let placeholderRole = try await add("Tom Brennan", role: ".")
            #expect(placeholderRole.status == .unprocessableEntity)
            #expect(placeholderRole.body.contains("Enter their role on the board"))
            #expect(placeholderRole.body.contains("is a placeholder, not an answer"))
            #expect(try await add("Tom  Brennan", role: "Director of  finance").status == .seeOther)
            let tom = try #require(try await BoardMember.query(on: app.db).filter(\.$name == "Tom Brennan").first())
            #expect(tom.role == "Director of finance")

            // Changing Tom's name to Farah's with extra spaces is the same clash.
            let tomPath = boardPath + "/members/\(tom.id!.uuidString.lowercased())"
            let clash = try await secretary.post(
                tomPath,
                form: [
                    "name": "farah   begum", "role": "Director of finance", "votes": "yes",
                    "appointed_on": "2026-10-01",
                ],
                tokenFrom: tomPath)
            #expect(clash.status == .unprocessableEntity)
            #expect(clash.body.contains("is already a member"))
            let renamed = try await secretary.post(
                tomPath,
                form: [
                    "name": "Thomas   Brennan", "role": "Director of finance", "votes": "yes",
                    "appointed_on": "2026-10-01",
                ],
                tokenFrom: tomPath)
            #expect(renamed.status == .seeOther)
            #expect(try await BoardMember.find(tom.id, on: app.db)?.name == "Thomas Brennan")

            // A financial interest described as "." is refused; the register stays empty.
            let farahPath = boardPath + "/members/\(farah.id!.uuidString.lowercased())"
            for details in [".", "tbc", "x"] {
                let refused = try await secretary.post(
                    farahPath + "/declarations",
                    form: ["kind": "financial", "details": details, "declared_on": "2026-10-05"], tokenFrom: farahPath)
                #expect(refused.status == .unprocessableEntity, "\(details)")
                #expect(refused.body.contains("Describe the interest"), "\(details)")
            }
            #expect(try await InterestDeclaration.query(on: app.db).count() == 0)
            let register = try await app.browser().get("/boards/\(board.id!.uuidString.lowercased())")
            #expect(register.body.contains("Farah Begum"))
        }
    }
}
