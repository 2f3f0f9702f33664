import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

@Suite("Your involvement: messages that match what is on the page, and invitations that say what is offered")
struct ExpensePageMessagesTests {
    /// Every link in the error summary goes to an element on the page.
    static func summaryTargetsExist(_ body: String) -> [String] {
        let links = body.components(separatedBy: "href=\"#field-").dropFirst().compactMap {
            $0.split(separator: "\"").first.map { "field-" + $0 }
        }
        return links.filter { !body.contains("id=\"\($0)\"") }
    }

    @Test(
        "after the time to claim, a rejected claim does not say to claim again below; errors about forms not shown link to real elements",
        arguments: TestDatabase.all)
    func closedAndMissing(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let clock = TestClock(SimpleDate(year: 2026, month: 12, day: 16))
            app.app.decisionClock = DecisionClock { clock.today }
            let member = try await app.signedInBrowser(.involvedPerson)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let person = try #require(try await User.query(on: app.db).filter(\.$role == .involvedPerson).first())
            let (_, invitation) = try await ExpenseClaimsTests.accepted(app, person: person)
            let (_, declined) = try await ExpenseClaimsTests.accepted(
                app, person: person, status: .declined, title: "Pharmacy workshop")
            let id = invitation.id!.uuidString.lowercased()
            let declinedID = declined.id!.uuidString.lowercased()
            #expect(
                try await member.post(
                    "/me/invitations/\(id)/expenses", form: ExpenseActivityChecksTests.form(id), tokenFrom: "/me"
                ).status == .seeOther)
            let claim = try #require(try await ExpenseClaim.query(on: app.db).first())
            let claimID = claim.id!.uuidString.lowercased()
            #expect(
                try await officer.post(
                    "/staff/expenses/\(claimID)/reject", form: ["reason-\(claimID)": "Add the receipt"],
                    tokenFrom: "/staff/expenses"
                ).status == .seeOther)
            var mine = try await member.get("/me")
            #expect(mine.body.contains("You can claim again below"))
            #expect(mine.body.contains("Claim your expenses"))
            #expect(mine.body.contains("Reference \(StaffExpenses.reference(claim))"))

            clock.advance(days: 100)
            mine = try await member.get("/me")
            #expect(!mine.body.contains("You can claim again below"), "no form is shown")
            #expect(!mine.body.contains("Claim your expenses"))
            #expect(mine.body.contains("Reply to the e-mail we sent you to talk about it."))
            #expect(mine.body.contains("Claims for this activity closed on 15 March 2027"))
            #expect(mine.body.contains("Earlier invitations"))
            #expect(mine.body.contains("Pharmacy workshop, 15 December 2026: you said you could not come."))

            // Replying once replies are closed, to one they came to and one they did not.
            for replied in [id, declinedID] {
                let late = try await member.post(
                    "/me/invitations/\(replied)", form: ["reply-\(replied)": "accepted"], tokenFrom: "/me")
                #expect(late.status == .unprocessableEntity)
                #expect(late.body.contains("This activity has already happened, so replies are closed."))
                #expect(late.body.contains("href=\"#field-reply-\(replied)\""))
                #expect(Self.summaryTargetsExist(late.body).isEmpty, "\(Self.summaryTargetsExist(late.body))")
            }
            // Claiming for one they said they could not come to.
            clock.advance(days: -90)
            let notComing = try await member.post(
                "/me/invitations/\(declinedID)/expenses", form: ExpenseActivityChecksTests.form(declinedID),
                tokenFrom: "/me")
            #expect(notComing.status == .conflict)
            #expect(notComing.body.contains("href=\"#field-claim-\(declinedID)\""))
            #expect(Self.summaryTargetsExist(notComing.body).isEmpty, "\(Self.summaryTargetsExist(notComing.body))")
        }
    }

    @Test(
        "an invitation says when, and that an involvement payment is offered and costs can be claimed; a date with claims cannot move",
        arguments: TestDatabase.all)
    func invitationsAndDates(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let clock = TestClock(SimpleDate(year: 2026, month: 12, day: 1))
            app.app.decisionClock = DecisionClock { clock.today }
            let member = try await app.signedInBrowser(.involvedPerson)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let person = try #require(try await User.query(on: app.db).filter(\.$role == .involvedPerson).first())
            let (activity, invitation) = try await ExpenseClaimsTests.accepted(app, person: person)
            activity.startTime = "18:00"
            activity.endTime = "20:00"
            try await activity.save(on: app.db)
            let mine = try await member.get("/me")
            #expect(mine.body.contains("Tuesday 15 December 2026, 6pm to 8pm, Wakefield library."))
            #expect(mine.body.contains("An involvement payment of £25.00 is offered for taking part."))
            #expect(mine.body.contains("you can claim back your fares, mileage, parking and the cost of care"))

            clock.advance(days: 16)
            let id = invitation.id!.uuidString.lowercased()
            #expect(
                try await member.post(
                    "/me/invitations/\(id)/expenses", form: ExpenseActivityChecksTests.form(id), tokenFrom: "/me"
                ).status == .seeOther)
            let path = DecisionURL.activity(activity.id!)
            let edit = try await officer.get(path + "/edit")
            var form: [String: String] = [
                "title": activity.title, "kind": "workshop", "place_id": activity.$place.id.uuidString,
                "date": "2026-12-14", "venue": activity.venue, "attendees": "1", "payment": "25",
                "start_time": "18:00", "end_time": "20:00", "edit_version": edit.hiddenValue("edit_version") ?? "",
            ]
            let moved = try await officer.post(path + "/edit", form: form, tokenFrom: path + "/edit")
            #expect(moved.status == .unprocessableEntity)
            #expect(moved.body.contains("1 expense claim has been made for this activity on 15 December 2026"))
            #expect(try await InvolvementActivity.find(activity.id, on: app.db)?.heldOn == "2026-12-15")
            form["date"] = "2026-12-15"
            #expect(try await officer.post(path + "/edit", form: form, tokenFrom: path + "/edit").status == .seeOther)
            #expect(try await member.get("/me").body.contains("Waiting for a decision"), "the claim is still shown")
        }
    }
}
