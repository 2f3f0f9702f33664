import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// Free text on boards is published in the register: each field has a limit, and the refusal says the limit
/// and how long the text is. A declaration may include an interest that ended in the last 6 months.
@Suite("Boards: text limits and the end date of a declared interest")
struct BoardInputLimitsTests {
    @Test(
        "a board's purpose, a member's role and a declaration's details are capped, with the limit and the length",
        arguments: TestDatabase.all)
    func textLimits(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(iso: "2026-12-05")!)
            let secretary = try await app.signedInBrowser(.boardSecretary)
            let huge = String(repeating: "a", count: 200_000)

            let longPurpose = try await secretary.post(
                "/staff/boards", form: ["name": "Quality Committee", "purpose": huge])
            #expect(longPurpose.status == .unprocessableEntity)
            #expect(
                longPurpose.body.contains("Keep the description to 2,000 characters or fewer: it is 200,000 now."))
            #expect(try await Board.query(on: app.db).count() == 0)
            let created = try await secretary.post(
                "/staff/boards",
                form: ["name": "Quality Committee", "purpose": String(repeating: "b", count: TextLimit.boardPurpose)])
            #expect(created.status == .seeOther, "exactly the limit is accepted")
            let board = try #require(try await Board.query(on: app.db).first())
            let boardPath = "/staff/boards/\(board.id!.uuidString.lowercased())"

            var member = ["name": "Grace Okoro", "role": huge, "votes": "no", "appointed_on": "2026-11-01"]
            let longRole = try await secretary.post(boardPath + "/members", form: member, tokenFrom: boardPath)
            #expect(longRole.status == .unprocessableEntity)
            #expect(longRole.body.contains("Keep the role to 150 characters or fewer: it is 200,000 now."))
            #expect(try await BoardMember.query(on: app.db).count() == 0)
            member["role"] = "Carer representative"
            member["name"] = huge
            let longName = try await secretary.post(boardPath + "/members", form: member, tokenFrom: boardPath)
            #expect(longName.status == .unprocessableEntity)
            #expect(longName.body.contains("Keep the name to 100 characters or fewer: it is 200,000 now."))
            member["name"] = "Grace Okoro"
            #expect(
                try await secretary.post(boardPath + "/members", form: member, tokenFrom: boardPath).status
                    == .seeOther)
            let grace = try #require(try await BoardMember.query(on: app.db).first())
            let memberPath = boardPath + "/members/\(grace.id!.uuidString.lowercased())"
            member["role"] = String(repeating: "c", count: 151)
            let changedRole = try await secretary.post(memberPath, form: member, tokenFrom: memberPath)
            #expect(changedRole.status == .unprocessableEntity)
            #expect(changedRole.body.contains("Keep the role to 150 characters or fewer: it is 151 now."))
            #expect(try await BoardMember.find(grace.id, on: app.db)?.role == "Carer representative")

            // The secretary's form, and the member's own through an e-mailed link.
            let longDetails = try await secretary.post(
                memberPath + "/declarations",
                form: ["kind": "personal", "details": huge, "declared_on": "2026-11-20"], tokenFrom: memberPath)
            #expect(longDetails.status == .unprocessableEntity)
            #expect(
                longDetails.body.contains(
                    "Keep the description of the interest to 2,000 characters or fewer: it is 200,000 now."))
            _ = try await secretary.post(
                memberPath + "/declaration-link", form: ["email": "grace@example.org"], tokenFrom: memberPath)
            let notice = try #require(try await Notice.query(on: app.db).filter(\.$kind == "declaration_link").first())
            let path = "/declare/" + (try DeclarationLinkTests.token(in: notice))
            let visitor = app.browser()
            let viaLink = try await visitor.post(path, form: ["kind": "personal", "details": huge])
            #expect(viaLink.status == .unprocessableEntity)
            #expect(
                viaLink.body.contains(
                    "Keep the description of the interest to 2,000 characters or fewer: it is 200,000 now."))
            #expect(try await InterestDeclaration.query(on: app.db).count() == 0)
            let declared = try await visitor.post(
                path, form: ["kind": "personal", "details": "Trustee of Carers Count, a local charity"])
            #expect(declared.status == .ok)
            #expect(try await InterestDeclaration.query(on: app.db).count() == 1)
        }
    }

    @Test(
        "an interest that ended in the 6 months before the declaration can be declared; one ended earlier is refused",
        arguments: TestDatabase.all)
    func recentlyEndedInterest(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(iso: "2026-12-05")!)
            let secretary = try await app.signedInBrowser(.boardSecretary)
            let seated = try await BoardFixtures.qualityCommitteeWithGP(
                appointedOn: "2026-11-01", secretary: secretary, on: app.db)
            let (board, memberPath) = (seated.board, seated.memberPath)
            _ = try await secretary.post(
                memberPath + "/declaration-link", form: ["email": "amir@example.org"], tokenFrom: memberPath)
            let notice = try #require(try await Notice.query(on: app.db).filter(\.$kind == "declaration_link").first())
            let path = "/declare/" + (try DeclarationLinkTests.token(in: notice))
            let visitor = app.browser()

            // Declared today, 5 December 2026: the window goes back to 5 June 2026.
            let tooOld = try await visitor.post(
                path, form: ["kind": "financial", "details": "Shares in Leeds Pharmacy Ltd", "ended_on": "2026-06-04"])
            #expect(tooOld.status == .unprocessableEntity)
            #expect(
                tooOld.body.contains(
                    "An interest that ended more than 6 months before the declaration (before 5 June 2026) need not be declared"
                ))
            #expect(try await InterestDeclaration.query(on: app.db).count() == 0)
            let recent = try await visitor.post(
                path, form: ["kind": "financial", "details": "Shares in Leeds Pharmacy Ltd", "ended_on": "2026-09-30"])
            #expect(recent.status == .ok)
            let declaration = try #require(try await InterestDeclaration.query(on: app.db).first())
            #expect(declaration.endedOn == "2026-09-30" && declaration.declaredOn == "2026-12-05")
            let publicPage = try await app.browser().get("/boards/\(board.id!.uuidString.lowercased())")
            #expect(publicPage.body.contains("Ended 30 September 2026"))

            // The secretary's form reads the window from the declaration date typed.
            let staffRecent = try await secretary.post(
                memberPath + "/declarations",
                form: [
                    "kind": "personal", "details": "Trustee of Carers Count", "declared_on": "2026-11-02",
                    "ended_on": "2026-05-02",
                ], tokenFrom: memberPath)
            #expect(staffRecent.status == .seeOther)
            let staffOld = try await secretary.post(
                memberPath + "/declarations",
                form: [
                    "kind": "financial", "details": "Shares in Leeds Pharmacy Ltd", "declared_on": "2026-11-02",
                    "ended_on": "2026-05-01",
                ], tokenFrom: memberPath)
            #expect(staffOld.status == .unprocessableEntity)
            #expect(staffOld.body.contains("(before 2 May 2026) need not be declared"))
        }
    }
}
