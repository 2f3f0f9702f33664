import Fluent
import Foundation
import HeardDomain
import SQLKit
import Testing

@testable import HeardStorage
@testable import HeardWeb

@Suite("Expenses: one open claim per invitation, kept by the database")
struct ExpenseClaimsOnceTests {
    static func post(
        _ browser: TestBrowser, _ path: String, form: [String: String], times: Int
    ) async throws -> [TestBrowser.Page] {
        try await withThrowingTaskGroup(of: TestBrowser.Page.self) { group in
            for number in 0..<times {
                var sent = form
                sent[SubmittedOnce.fieldName] = "parallel-claim-\(number)-\(UUID().uuidString.prefix(8))"
                group.addTask { try await browser.post(path, form: sent) }
            }
            return try await group.reduce(into: [TestBrowser.Page]()) { $0.append($1) }
        }
    }

    @Test(
        "six claims sent at once for one invitation make one; after a rejection six more make one again",
        arguments: TestDatabase.all)
    func parallel(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(year: 2026, month: 12, day: 16))
            let member = try await app.signedInBrowser(.involvedPerson)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let person = try #require(try await User.query(on: app.db).filter(\.$role == .involvedPerson).first())
            let (_, invitation) = try await ExpenseClaimsTests.accepted(app, person: person)
            let id = invitation.id!.uuidString.lowercased()
            let path = "/me/invitations/\(id)/expenses"
            let token = try #require(try await member.get("/me").csrfToken)
            let form = [
                "_csrf": token, "kind-1-\(id)": "parking", "amount-1-\(id)": "3.20", "wants_payment-\(id)": "yes",
            ]

            var pages = try await Self.post(member, path, form: form, times: 6)
            #expect(pages.filter { $0.status == .seeOther }.count == 1, "\(pages.map(\.status))")
            #expect(pages.filter { $0.status == .conflict }.count == 5, "\(pages.map(\.status))")
            #expect(
                pages.filter { $0.status == .conflict }.allSatisfy {
                    $0.body.contains("You have already claimed for this activity")
                })
            #expect(try await ExpenseClaim.query(on: app.db).count() == 1)
            #expect(try await ExpenseClaimLine.query(on: app.db).count() == 1, "no lines left from the losers")
            #expect(
                try await AuditEvent.query(on: app.db).filter(\.$action == "expenses.claimed").count() == 1)

            // Not approved: they may claim again, once.
            let first = try #require(try await ExpenseClaim.query(on: app.db).first())
            let firstID = first.id!.uuidString.lowercased()
            #expect(
                try await officer.post(
                    "/staff/expenses/\(firstID)/reject", form: ["reason-\(firstID)": "Add the receipt"],
                    tokenFrom: "/staff/expenses"
                ).status == .seeOther)
            pages = try await Self.post(member, path, form: form, times: 6)
            #expect(pages.filter { $0.status == .seeOther }.count == 1, "\(pages.map(\.status))")
            #expect(pages.filter { $0.status == .conflict }.count == 5)
            let claims = try await ExpenseClaim.query(on: app.db).all()
            #expect(claims.map(\.status.rawValue).sorted() == ["rejected", "submitted"])

            // The database itself refuses a second open claim, whatever the app checks.
            let extra = ExpenseClaim(
                invitationID: invitation.id!, userID: person.id!,
                claim: ExpenseRules.Claim(lines: [], paymentPence: 2500, wantsPayment: true))
            await #expect(throws: (any Error).self) { try await extra.create(on: app.db) }
            // A rejected one beside it is allowed.
            let rejected = ExpenseClaim(
                invitationID: invitation.id!, userID: person.id!,
                claim: ExpenseRules.Claim(lines: [], paymentPence: 2500, wantsPayment: true))
            rejected.status = .rejected
            try await rejected.create(on: app.db)
        }
    }

    @Test(
        "M0155 settles claims made twice before it: the one that got furthest stands, the others are not approved, with the reason",
        arguments: TestDatabase.all)
    func migrationSettlesDuplicates(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            _ = try await app.createUser(.involvedPerson)
            let person = try #require(try await User.query(on: app.db).filter(\.$role == .involvedPerson).first())
            let (_, invitation) = try await ExpenseClaimsTests.accepted(app, person: person)
            let (_, other) = try await ExpenseClaimsTests.accepted(app, person: person, title: "Second panel")
            let migration = M0155_OneOpenClaimPerInvitation()
            try await migration.revert(on: app.db)
            func claim(
                _ invitation: Invitation, _ status: ExpenseClaimStatus, minutesAgo: Double
            ) async throws
                -> ExpenseClaim
            {
                let made = ExpenseClaim(
                    invitationID: invitation.id!, userID: person.id!,
                    claim: ExpenseRules.Claim(lines: [], paymentPence: 2500, wantsPayment: true))
                made.status = status
                try await made.create(on: app.db)
                made.createdAt = Date().addingTimeInterval(-minutesAgo * 60)
                try await made.save(on: app.db)
                return made
            }
            let waitingFirst = try await claim(invitation, .submitted, minutesAgo: 30)
            let approved = try await claim(invitation, .approved, minutesAgo: 20)
            let waitingLater = try await claim(invitation, .submitted, minutesAgo: 10)
            let oldRejection = try await claim(invitation, .rejected, minutesAgo: 40)
            let alone = try await claim(other, .submitted, minutesAgo: 5)
            let twinA = try await claim(other, .rejected, minutesAgo: 50)

            try await migration.prepare(on: app.db)
            func status(_ claim: ExpenseClaim) async throws -> ExpenseClaim {
                let found = try await ExpenseClaim.find(claim.id, on: app.db)
                return try #require(found)
            }
            #expect(try await status(approved).status == .approved, "the one furthest on stands")
            for settled in [waitingFirst, waitingLater] {
                let now = try await status(settled)
                #expect(now.status == .rejected)
                #expect(now.rejectionReason == M0155_OneOpenClaimPerInvitation.duplicateReason)
                #expect(now.decidedAt != nil)
            }
            #expect(try await status(oldRejection).rejectionReason == nil, "rejections before are untouched")
            #expect(try await status(alone).status == .submitted)
            #expect(try await status(twinA).status == .rejected)

            // Two paid for the same invitation need finance: the migration stops and names them.
            try await migration.revert(on: app.db)
            let paidOnce = try await claim(other, .paid, minutesAgo: 3)
            let paidTwice = try await claim(other, .paid, minutesAgo: 2)
            await #expect(throws: (any Error).self) { try await migration.prepare(on: app.db) }
            do {
                try await migration.prepare(on: app.db)
            } catch {
                let text = String(describing: error)
                #expect(text.contains(paidOnce.id!.uuidString) && text.contains(paidTwice.id!.uuidString))
            }
            #expect(try await status(alone).status == .submitted, "nothing changed when it stopped")
            try await paidTwice.delete(on: app.db)
            try await ExpenseClaim.query(on: app.db).filter(\.$id == alone.id!).set(\.$status, to: .rejected)
                .update()
            try await migration.prepare(on: app.db)
        }
    }
}
