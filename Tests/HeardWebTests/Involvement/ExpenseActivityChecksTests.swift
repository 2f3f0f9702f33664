import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

@Suite("Expenses: not for a cancelled activity nor for someone recorded as not coming; staff see both")
struct ExpenseActivityChecksTests {
    static func form(_ id: String) -> [String: String] {
        ["kind-1-\(id)": "parking", "amount-1-\(id)": "3.20", "wants_payment-\(id)": "yes"]
    }

    @Test(
        "a cancelled activity takes no claim and no approval, and the expenses list says it was cancelled",
        arguments: TestDatabase.all)
    func cancelled(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(year: 2026, month: 12, day: 16))
            let member = try await app.signedInBrowser(.involvedPerson)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let person = try #require(try await User.query(on: app.db).filter(\.$role == .involvedPerson).first())
            let (activity, invitation) = try await ExpenseClaimsTests.accepted(app, person: person)
            let (other, otherInvitation) = try await ExpenseClaimsTests.accepted(
                app, person: person, title: "Pharmacy workshop")
            let id = invitation.id!.uuidString.lowercased()
            let otherID = otherInvitation.id!.uuidString.lowercased()
            // Claimed for the second before it was recorded as cancelled.
            #expect(
                try await member.post(
                    "/me/invitations/\(otherID)/expenses", form: Self.form(otherID), tokenFrom: "/me"
                ).status == .seeOther)
            var list = try await officer.get("/staff/expenses")
            #expect(list.body.contains("The activity: not recorded."))

            for cancelled in [activity, other] {
                let path = DecisionURL.activity(cancelled.id!)
                #expect(
                    try await officer.post(path + "/outcome", form: ["outcome": "cancelled"], tokenFrom: path).status
                        == .seeOther)
            }
            let refused = try await member.post(
                "/me/invitations/\(id)/expenses", form: Self.form(id), tokenFrom: "/me")
            #expect(refused.status == .conflict)
            #expect(refused.body.contains("This activity was cancelled, so there is nothing to claim here."))
            #expect(try await ExpenseClaim.query(on: app.db).count() == 1)

            list = try await officer.get("/staff/expenses")
            #expect(list.body.contains("The activity: cancelled."))
            let claim = try #require(try await ExpenseClaim.query(on: app.db).first())
            let claimID = claim.id!.uuidString.lowercased()
            let approve = try await officer.post(
                "/staff/expenses/\(claimID)/approve", form: [:], tokenFrom: "/staff/expenses")
            #expect(approve.status == .conflict)
            #expect(approve.body.contains("The activity is recorded as cancelled, so this claim cannot be approved."))
            #expect(approve.body.contains("href=\"#field-decision-\(claimID)\""))
            #expect(approve.body.contains("id=\"field-decision-\(claimID)\""))
            #expect(try await ExpenseClaim.find(claim.id, on: app.db)?.status == .submitted)
            // It can still be turned down, with the reason.
            #expect(
                try await officer.post(
                    "/staff/expenses/\(claimID)/reject", form: ["reason-\(claimID)": "The workshop was cancelled."],
                    tokenFrom: "/staff/expenses"
                ).status == .seeOther)
        }
    }

    @Test(
        "staff record who came after the day; someone recorded as not coming cannot claim nor be approved; the list says whether they came",
        arguments: TestDatabase.all)
    func attendance(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let clock = TestClock(SimpleDate(year: 2026, month: 12, day: 10))
            app.app.decisionClock = DecisionClock { clock.today }
            let member = try await app.signedInBrowser(.involvedPerson)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let person = try #require(try await User.query(on: app.db).filter(\.$role == .involvedPerson).first())
            let (activity, invitation) = try await ExpenseClaimsTests.accepted(app, person: person)
            let id = invitation.id!.uuidString.lowercased()
            let page = DecisionURL.activity(activity.id!)
            let field = "came-\(id)"

            var shown = try await officer.get(page)
            #expect(shown.body.contains("Who came, of those who said they would"))
            #expect(shown.body.contains("Record who came on the day of the activity, 15 December 2026, or after."))
            let early = try await officer.post(page + "/attendance", form: [field: "no"], tokenFrom: page)
            #expect(early.status == .conflict)
            #expect(early.body.contains("href=\"#field-\(field)\"") && early.body.contains("id=\"field-\(field)\""))

            clock.advance(days: 6)
            // Claimed before attendance was recorded.
            #expect(
                try await member.post("/me/invitations/\(id)/expenses", form: Self.form(id), tokenFrom: "/me").status
                    == .seeOther)
            var list = try await officer.get("/staff/expenses")
            #expect(list.body.contains("The activity: not recorded."))
            #expect(!list.body.contains("came:"), "nothing said of coming until someone is recorded")

            let nonsense = try await officer.post(page + "/attendance", form: [field: "maybe"], tokenFrom: page)
            #expect(nonsense.status == .unprocessableEntity)
            #expect(nonsense.body.contains("Choose whether \(person.displayName) came or did not come."))
            #expect(nonsense.body.contains("id=\"field-\(field)\""))
            #expect(
                try await officer.post(page + "/attendance", form: [field: "no"], tokenFrom: page).status == .seeOther)
            #expect(try await Invitation.find(invitation.id, on: app.db)?.attended == false)
            #expect(
                try await AuditEvent.query(on: app.db).filter(\.$action == "activity.attendance_recorded").count() == 1)
            shown = try await officer.get(page)
            #expect(shown.body.contains("<td>Did not come</td>"))

            list = try await officer.get("/staff/expenses")
            #expect(list.body.contains("Whether \(person.displayName) came: did not come."))
            let claim = try #require(try await ExpenseClaim.query(on: app.db).first())
            let claimID = claim.id!.uuidString.lowercased()
            let approve = try await officer.post(
                "/staff/expenses/\(claimID)/approve", form: [:], tokenFrom: "/staff/expenses")
            #expect(approve.status == .conflict)
            #expect(approve.body.contains("recorded as not coming to the activity, so this claim cannot be approved"))
            #expect(
                try await officer.post(
                    "/staff/expenses/\(claimID)/reject", form: ["reason-\(claimID)": "You were not there."],
                    tokenFrom: "/staff/expenses"
                ).status == .seeOther)
            let again = try await member.post("/me/invitations/\(id)/expenses", form: Self.form(id), tokenFrom: "/me")
            #expect(again.status == .conflict)
            #expect(again.body.contains("The team recorded that you did not come to this activity"))
            #expect(!(try await member.get("/me").body.contains("Claim your expenses")))

            // Corrected: they came, so they can claim, and it can be approved.
            #expect(
                try await officer.post(page + "/attendance", form: [field: "yes"], tokenFrom: page).status == .seeOther)
            #expect(
                try await member.post("/me/invitations/\(id)/expenses", form: Self.form(id), tokenFrom: "/me").status
                    == .seeOther)
            let second = try #require(
                try await ExpenseClaim.query(on: app.db).filter(\.$status == .submitted).first())
            list = try await officer.get("/staff/expenses")
            #expect(list.body.contains("Whether \(person.displayName) came: came."))
            #expect(list.body.contains("The activity: not recorded."))
            #expect(
                try await officer.post(
                    "/staff/expenses/\(second.id!.uuidString.lowercased())/approve", form: [:],
                    tokenFrom: "/staff/expenses"
                ).status == .seeOther)
        }
    }
}
