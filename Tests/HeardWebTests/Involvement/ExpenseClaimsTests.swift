import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

@Suite("Expenses: a panel member claims after an activity; staff approve, reject or mark paid; finance get a CSV")
struct ExpenseClaimsTests {
    /// An activity on 15 December 2026 offering a £25 involvement payment, and the panel member's accepted
    /// invitation to it.
    static func accepted(
        _ app: TestApp, person: User, heldOn: SimpleDate = SimpleDate(year: 2026, month: 12, day: 15),
        status: InvitationStatus = .accepted, title: String = "Carers panel on respite care"
    ) async throws -> (InvolvementActivity, Invitation) {
        var place = try await Place.query(on: app.db).first()
        if place == nil { place = try await Fixtures.service(on: app.db).1 }
        let placeID = try #require(place?.id)
        let activity = InvolvementActivity(
            initiativeID: nil, placeID: placeID, kind: .workshop, title: title, heldOn: heldOn,
            venue: "Wakefield library", attendees: 0)
        activity.paymentPence = 2500
        try await activity.create(on: app.db)
        let invitation = Invitation(activityID: activity.id!, userID: person.id!)
        invitation.status = status
        try await invitation.create(on: app.db)
        return (activity, invitation)
    }

    static func audit(_ action: String, on db: any Database) async throws -> [AuditEvent] {
        try await AuditEvent.query(on: db).filter(\.$action == action).all()
    }

    @Test(
        "claiming: not before the activity, not for a declined or someone else's invitation; bad amounts refused with what was typed kept",
        arguments: TestDatabase.all)
    func claiming(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let clock = TestClock(SimpleDate(year: 2026, month: 12, day: 10))
            app.app.decisionClock = DecisionClock { clock.today }
            let member = try await app.signedInBrowser(.involvedPerson)
            let person = try #require(try await User.query(on: app.db).filter(\.$role == .involvedPerson).first())
            let (_, invitation) = try await Self.accepted(app, person: person)
            let id = invitation.id!.uuidString.lowercased()
            let path = "/me/invitations/\(id)/expenses"
            let good = [
                "kind-1-\(id)": "public_transport", "amount-1-\(id)": "4.50", "kind-2-\(id)": "mileage",
                "miles-2-\(id)": "12.5", "wants_payment-\(id)": "yes",
            ]

            let early = try await member.post(path, form: good, tokenFrom: "/me")
            #expect(early.status == .conflict)
            #expect(early.body.contains("You can claim from the day after the activity, 16 December 2026."))
            #expect(!(try await member.get("/me").body.contains("Claim your expenses")), "no form before it")

            clock.advance(days: 6)
            let (_, declined) = try await Self.accepted(
                app, person: person, status: .declined, title: "Pharmacy workshop")
            let declinedID = declined.id!.uuidString.lowercased()
            let notComing = try await member.post(
                "/me/invitations/\(declinedID)/expenses",
                form: ["kind-1-\(declinedID)": "parking", "amount-1-\(declinedID)": "3"], tokenFrom: "/me")
            #expect(notComing.status == .conflict)
            #expect(notComing.body.contains("only for an activity you said you would come to"))

            let other = try await app.signedInBrowser(.involvedPerson, email: "other@test.heard.example")
            #expect(try await other.post(path, form: good, tokenFrom: "/me").status == .notFound)
            #expect(try await ExpenseClaim.query(on: app.db).count() == 0)

            var mine = try await member.get("/me")
            #expect(mine.body.contains("Claim your expenses"))
            #expect(mine.body.contains("if you receive benefits you may want to check first"))
            let bad = try await member.post(
                path,
                form: [
                    "kind-1-\(id)": "public_transport", "amount-1-\(id)": "four pounds", "kind-2-\(id)": "mileage",
                    "amount-2-\(id)": "20", "kind-3-\(id)": "other", "amount-3-\(id)": "5",
                    "kind-4-\(id)": "care_or_support", "amount-4-\(id)": "650",
                ], tokenFrom: "/me")
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.contains("Enter the amount for line 1 in pounds and pence more than 0"))
            #expect(bad.body.contains("enter the miles, not pounds"))
            #expect(bad.body.contains("Say what line 3 was for."))
            #expect(bad.body.contains("a line over £500.00 needs a note"))
            #expect(bad.body.contains("Say whether you want the involvement payment of £25.00"))
            #expect(bad.body.contains("value=\"four pounds\""), "what was typed is kept")
            #expect(bad.body.contains("href=\"#field-amount-1-\(id)\""), "the summary links to the field")
            #expect(try await ExpenseClaim.query(on: app.db).count() == 0)
            // A comma for pence is refused, never read as hundreds of pounds.
            let comma = try await member.post(
                path,
                form: [
                    "kind-1-\(id)": "parking", "amount-1-\(id)": "12,50", "kind-2-\(id)": "public_transport",
                    "amount-2-\(id)": "1,00", "kind-3-\(id)": "parking", "amount-3-\(id)": "12.345",
                    "kind-4-\(id)": "mileage", "miles-4-\(id)": "1.11", "wants_payment-\(id)": "no",
                ], tokenFrom: "/me")
            #expect(comma.status == .unprocessableEntity)
            #expect(comma.body.contains("Use a full stop for pence, like 12.50, in the amount for line 1"))
            #expect(comma.body.contains("Use a full stop for pence, like 12.50, in the amount for line 2"))
            #expect(comma.body.contains("no more than 2 decimal places (pence)"))
            #expect(comma.body.contains("one decimal place at most"))
            #expect(comma.body.contains("value=\"12,50\""))
            #expect(try await ExpenseClaim.query(on: app.db).count() == 0)

            var once = good
            once["submission_key"] = "expense-claim-first-tap"
            let sent = try await member.post(path, form: once, tokenFrom: "/me")
            #expect(sent.status == .seeOther)
            let claim = try #require(try await ExpenseClaim.query(on: app.db).with(\.$lines).first())
            // £4.50 + 12.5 miles at 45p (£5.63) + the £25 payment.
            #expect(claim.totalPence == 450 + 563 + 2500)
            #expect(claim.orderedLines.map(\.kind) == [.publicTransport, .mileage])
            #expect(claim.orderedLines[1].tenthsOfMile == 125)
            #expect(claim.status == .submitted && claim.wantsPayment == true && claim.paymentPence == 2500)
            #expect(try await Self.audit("expenses.claimed", on: app.db).count == 1)
            mine = try await member.get("/me")
            #expect(mine.body.contains("Waiting for a decision"))
            #expect(mine.body.contains("£35.13"))
            #expect(!mine.body.contains("Claim your expenses"), "one claim at a time")
            let doubleTap = try await member.post(path, form: once, tokenFrom: "/me")
            #expect(doubleTap.status == .seeOther, "the same form sent twice makes nothing new")
            let twice = try await member.post(path, form: good, tokenFrom: "/me")
            #expect(twice.status == .conflict)
            #expect(twice.body.contains("You have already claimed for this activity"))
            #expect(try await ExpenseClaim.query(on: app.db).count() == 1)

            // Three months on, claims are closed.
            clock.advance(days: 95)
            try await ExpenseClaimLine.query(on: app.db).delete()
            try await claim.delete(on: app.db)
            let late = try await member.post(path, form: good, tokenFrom: "/me")
            #expect(late.status == .conflict)
            #expect(late.body.contains("Claims for this activity closed on 15 March 2027"))
        }
    }

    @Test(
        "staff approve, reject with a reason the person sees, and mark paid; each audited and e-mailed; CSV for finance",
        arguments: TestDatabase.all)
    func deciding(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let clock = TestClock(SimpleDate(year: 2026, month: 12, day: 16))
            app.app.decisionClock = DecisionClock { clock.today }
            let member = try await app.signedInBrowser(.involvedPerson)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let moderator = try await app.signedInBrowser(.moderator)
            let person = try #require(try await User.query(on: app.db).filter(\.$role == .involvedPerson).first())
            let (_, invitation) = try await Self.accepted(app, person: person)
            let id = invitation.id!.uuidString.lowercased()
            let claimForm = [
                "kind-1-\(id)": "parking", "amount-1-\(id)": "3.20", "kind-2-\(id)": "other",
                "amount-2-\(id)": "6", "note-2-\(id)": "=HYPERLINK(\"http://evil.example\")",
                "wants_payment-\(id)": "no",
            ]
            #expect(
                try await member.post("/me/invitations/\(id)/expenses", form: claimForm, tokenFrom: "/me").status
                    == .seeOther)
            var claim = try #require(try await ExpenseClaim.query(on: app.db).first())
            let claimPath = "/staff/expenses/\(claim.id!.uuidString.lowercased())"

            #expect(try await moderator.get("/staff/expenses").status == .forbidden)
            #expect(try await member.get("/staff/expenses").status == .forbidden)
            #expect(
                try await member.post(claimPath + "/approve", form: [:], tokenFrom: "/me").status == .forbidden)
            var list = try await officer.get("/staff/expenses")
            #expect(list.status == .ok)
            #expect(list.body.contains(person.displayName) && list.body.contains("£9.20"))
            #expect(list.body.contains("They chose not to take the involvement payment."))
            #expect(try await officer.get("/staff").body.contains("href=\"/staff/expenses\""), "in the navigation")

            // Rejected: the reason is needed, and the person sees it and can claim again.
            let noReason = try await officer.post(claimPath + "/reject", form: [:], tokenFrom: "/staff/expenses")
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.body.contains("Enter the reason it is not approved"))
            let reason = "Please add the parking receipt"
            let rejected = try await officer.post(
                claimPath + "/reject", form: ["reason-\(claim.id!.uuidString.lowercased())": reason],
                tokenFrom: "/staff/expenses")
            #expect(rejected.status == .seeOther)
            claim = try #require(try await ExpenseClaim.find(claim.id, on: app.db))
            #expect(claim.status == .rejected && claim.rejectionReason == reason && claim.decidedAt != nil)
            let rejectedMail = try #require(
                try await Notice.query(on: app.db).filter(\.$kind == "expenses").first())
            #expect(rejectedMail.toAddress == person.email && rejectedMail.body.contains(reason))
            var mine = try await member.get("/me")
            #expect(mine.body.contains("Not approved") && mine.body.contains(reason))
            #expect(mine.body.contains("Claim your expenses"), "they may claim again")
            let paidTooSoon = try await officer.post(
                claimPath + "/paid", form: ["paid_on-\(claim.id!.uuidString.lowercased())": "2026-12-16"],
                tokenFrom: "/staff/expenses")
            #expect(paidTooSoon.status == .conflict, "a rejected claim is not paid")

            // Claimed again: approved, then paid.
            #expect(
                try await member.post("/me/invitations/\(id)/expenses", form: claimForm, tokenFrom: "/me").status
                    == .seeOther)
            let second = try #require(
                try await ExpenseClaim.query(on: app.db).filter(\.$status == .submitted).first())
            let secondID = second.id!.uuidString.lowercased()
            let secondPath = "/staff/expenses/\(secondID)"
            #expect(
                try await officer.post(secondPath + "/approve", form: [:], tokenFrom: "/staff/expenses").status
                    == .seeOther)
            #expect(
                try await officer.post(secondPath + "/approve", form: [:], tokenFrom: "/staff/expenses").status
                    == .conflict)
            // Not paid before it was approved (on the 16th): claimed ≤ approved ≤ paid.
            let approvedClaim = try #require(try await ExpenseClaim.find(second.id, on: app.db))
            approvedClaim.decidedAt = Date(timeIntervalSince1970: 1_797_422_400)  // 16 December 2026, noon
            try await approvedClaim.save(on: app.db)
            let beforeApproval = try await officer.post(
                secondPath + "/paid", form: ["paid_on-\(secondID)": "2026-12-15"], tokenFrom: "/staff/expenses")
            #expect(beforeApproval.status == .unprocessableEntity)
            #expect(beforeApproval.body.contains("cannot be before it was approved, 16 December 2026"))
            let future = try await officer.post(
                secondPath + "/paid", form: ["paid_on-\(secondID)": "2026-12-17"],
                tokenFrom: "/staff/expenses?status=approved")
            #expect(future.status == .unprocessableEntity)
            #expect(future.body.contains("cannot be in the future"))
            #expect(future.body.contains("value=\"2026-12-17\""))
            let paid = try await officer.post(
                secondPath + "/paid", form: ["paid_on-\(secondID)": "2026-12-16"], tokenFrom: "/staff/expenses")
            #expect(paid.status == .seeOther)
            #expect(try await ExpenseClaim.find(second.id, on: app.db)?.status == .paid)
            mine = try await member.get("/me")
            #expect(mine.body.contains("Paid on 16 December 2026"))
            #expect(try await Notice.query(on: app.db).filter(\.$kind == "expenses").count() == 3)
            for action in ["expenses.rejected", "expenses.approved", "expenses.paid"] {
                #expect(try await Self.audit(action, on: app.db).count == 1, "\(action) is audited")
            }
            list = try await officer.get("/staff/expenses")
            #expect(list.body.contains("No claims to show."), "nothing left to decide or pay")

            // The spreadsheet carries the list's filter: by default what is waiting, here nothing.
            #expect(list.body.contains("href=\"/staff/expenses.csv\""))
            #expect(list.body.contains("Download these claims for finance (CSV): waiting to be decided or paid"))
            let waiting = try await officer.get("/staff/expenses.csv")
            #expect(waiting.status == .ok)
            #expect(CSVText.records(waiting.body).count == 1, "only the heading: nothing is waiting")
            #expect(waiting.headers.first(name: .contentDisposition)?.contains("expense-claims-waiting-") == true)

            // All claims: money in pounds, formulas defused, each with its reference.
            person.displayName = "=SUM(A1:A9)"
            try await person.save(on: app.db)
            list = try await officer.get("/staff/expenses?status=all")
            #expect(list.body.contains("href=\"/staff/expenses.csv?status=all\""))
            #expect(list.body.contains("Download these claims for finance (CSV): all claims"))
            let csv = try await officer.get("/staff/expenses.csv?status=all")
            #expect(csv.status == .ok)
            #expect(csv.headers.first(name: .contentType)?.contains("text/csv") == true)
            let records = CSVText.records(csv.body)
            #expect(records.first?.fields.prefix(2) == ["reference", "person"])
            let rows = records.dropFirst()
            #expect(rows.count == 2)
            let references = Set(rows.map { $0.fields[0] })
            #expect(references == [StaffExpenses.reference(claim), StaffExpenses.reference(second)])
            #expect(references.allSatisfy { $0.hasPrefix("EC-") && $0.count == 11 })
            #expect(list.body.contains("Reference \(StaffExpenses.reference(claim))."))
            #expect(rows.allSatisfy { $0.fields[1] == "'=SUM(A1:A9)" }, "a name that is a formula is defused")
            #expect(rows.allSatisfy { $0.fields[9] == "9.20" && $0.fields[8] == "" })
            #expect(Set(rows.map { $0.fields[10] }) == ["rejected", "paid"])
            #expect(rows.contains { $0.fields[12] == "2026-12-16" })
            #expect(rows.allSatisfy { $0.fields[6].contains("Other: =HYPERLINK") && $0.fields[6].hasPrefix("Parking") })
            let paidOnly = CSVText.records(try await officer.get("/staff/expenses.csv?status=paid").body).dropFirst()
            #expect(paidOnly.map { $0.fields[10] } == ["paid"])
            #expect(try await member.get("/staff/expenses.csv").status == .forbidden)
        }
    }

    @Test(
        "a personal-data request for the person's address copies their claims, and erasing keeps them as finance records",
        arguments: TestDatabase.all)
    func personalData(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(year: 2026, month: 12, day: 16))
            let member = try await app.signedInBrowser(.involvedPerson)
            let admin = try await app.signedInBrowser(.administrator)
            let person = try #require(try await User.query(on: app.db).filter(\.$role == .involvedPerson).first())
            let (_, invitation) = try await Self.accepted(app, person: person)
            let id = invitation.id!.uuidString.lowercased()
            #expect(
                try await member.post(
                    "/me/invitations/\(id)/expenses",
                    form: [
                        "kind-1-\(id)": "mileage", "miles-1-\(id)": "20",
                        "note-1-\(id)": "Home to the library and back",
                        "wants_payment-\(id)": "no",
                    ], tokenFrom: "/me"
                ).status == .seeOther)
            // Approved, so an e-mail went to them: that is erased, the claim is not.
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let claim = try #require(try await ExpenseClaim.query(on: app.db).first())
            #expect(
                try await officer.post(
                    "/staff/expenses/\(claim.id!.uuidString.lowercased())/approve", form: [:],
                    tokenFrom: "/staff/expenses"
                ).status == .seeOther)
            let address = person.email.uppercased().replacingOccurrences(of: "@", with: "%40")
            let search = "/staff/personal-data?email=\(address)"
            let found = try await admin.get(search)
            #expect(found.body.contains("1 expense claim and 1 e-mail"))
            #expect(found.body.contains("Expense claims, with an account"))
            #expect(found.body.contains("Kept: expense claims are finance records."))
            let copy = try await admin.get("/staff/personal-data/copy.json?email=\(address)")
            #expect(copy.status == .ok)
            #expect(copy.body.contains("\"expense_claims\""))
            #expect(copy.body.contains("\"miles\" : \"20 miles\""))
            #expect(copy.body.contains("\"note\" : \"Home to the library and back\""))
            #expect(copy.body.contains("\"total\" : \"9.00\""))
            #expect(copy.body.contains("\"wants_involvement_payment\" : \"no\""))

            let erased = try await admin.post(
                "/staff/personal-data/erase",
                form: [
                    "email": person.email, "reference": "",
                    "reason": "Asked by e-mail on 16 December 2026 to delete everything; identity checked.",
                    "confirm": "yes",
                ], tokenFrom: search)
            #expect(erased.status == .seeOther)
            let told = try await admin.get(try #require(erased.location))
            #expect(told.body.contains("1 e-mail."))
            #expect(told.body.contains("1 expense claim kept, as finance records"), "\(told.body)")
            #expect(try await ExpenseClaim.query(on: app.db).count() == 1)
            #expect(try await ExpenseClaimLine.query(on: app.db).count() == 1)
        }
    }

    @Test(
        "staff set an activity's involvement payment in pounds; a bad amount is refused with what was typed kept",
        arguments: TestDatabase.all)
    func activityPayment(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(year: 2026, month: 12, day: 10))
            let officer = try await app.signedInBrowser(.engagementOfficer)
            _ = try await app.createUser(.involvedPerson)
            let member = try #require(try await User.query(on: app.db).filter(\.$role == .involvedPerson).first())
            let (activity, _) = try await Self.accepted(app, person: member)
            let path = DecisionURL.activity(activity.id!)
            let edit = try await officer.get(path + "/edit")
            #expect(edit.body.contains("value=\"25.00\""), "the payment is shown in pounds")
            var form: [String: String] = [
                "title": activity.title, "kind": "workshop", "place_id": activity.$place.id.uuidString,
                "date": activity.heldOn, "venue": activity.venue, "attendees": "0", "payment": "£forty",
                "edit_version": edit.hiddenValue("edit_version") ?? "",
            ]
            let refused = try await officer.post(path + "/edit", form: form, tokenFrom: path + "/edit")
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("Enter the involvement payment in pounds, like 25 or 37.50"))
            #expect(refused.body.contains("value=\"£forty\""))
            #expect(refused.body.contains("href=\"#field-payment\""))
            form["payment"] = "1,00"
            let comma = try await officer.post(path + "/edit", form: form, tokenFrom: path + "/edit")
            #expect(comma.status == .unprocessableEntity)
            #expect(comma.body.contains("Use a full stop for pence, like 12.50"))
            #expect(try await InvolvementActivity.find(activity.id, on: app.db)?.paymentPence == 2500)
            form["payment"] = "37.50"
            #expect(try await officer.post(path + "/edit", form: form, tokenFrom: path + "/edit").status == .seeOther)
            #expect(try await InvolvementActivity.find(activity.id, on: app.db)?.paymentPence == 3750)
            #expect(try await officer.get(path).body.contains("£37.50"))
            form["payment"] = ""
            form["edit_version"] = try await officer.get(path + "/edit").hiddenValue("edit_version") ?? ""
            #expect(try await officer.post(path + "/edit", form: form, tokenFrom: path + "/edit").status == .seeOther)
            #expect(try await InvolvementActivity.find(activity.id, on: app.db)?.paymentPence == nil)
            #expect(try await officer.get(path).body.contains("None offered"))
        }
    }
}
