import Fluent
import HeardDomain
import HeardStorage
import HeardWeb
import Testing

@Suite("Demo data")
struct DemoDataTests {
    @Test("every demo account can sign in with its printed password", arguments: TestDatabase.all)
    func demoAccountsWork(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database, configure: { $0.seedDemoData = true }) { app in
            #expect(Set(DemoData.accounts.map(\.role)) == Set(Role.allCases))
            for account in DemoData.accounts {
                let browser = app.browser()
                let page = try await browser.signIn(email: account.email, password: account.password)
                #expect(page.status == .seeOther, "\(account.email)")
            }
            #expect(try await Place.query(on: app.db).count() == 6)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$actorLabel == "demo seed").count() > 30)
            // The complaints say who is complaining as their stories do: "my son's wait" is his mother's.
            let standings = try await Complaint.query(on: app.db).all().map(\.standing)
            #expect(standings.contains { $0.type == .representative && $0.basis == .notAskedYet })
            #expect(standings.contains { $0.relationship == "His mother" && $0.basis == .child })
            #expect(standings.contains { $0.type == .personAffected })

            // An upcoming activity shows a guest invited without an account, and what she needs to take part.
            let guest = try #require(
                try await Invitation.query(on: app.db).filter(\.$guestName == "Gloria Mensah").first())
            let officer = app.browser()
            _ = try await officer.signIn(email: "engagement@demo.heard.test", password: "demo-engagement-pass")
            let activity = try await officer.get("/staff/activities/\(guest.$activity.id.uuidString.lowercased())")
            #expect(activity.status == .ok)
            #expect(activity.body.contains("Gloria Mensah"))
            #expect(activity.body.contains("A British Sign Language interpreter."))

            // Expenses: one claim waiting for a decision, one paid with the involvement payment.
            let expenses = try await officer.get("/staff/expenses?status=all")
            #expect(expenses.status == .ok)
            #expect(expenses.body.contains("Waiting for a decision") && expenses.body.contains("£9.90"))
            #expect(expenses.body.contains("Paid on") && expenses.body.contains("£31.30"))
            // Their dates read in order: claimed inside the time to claim, then decided, then paid, none later
            // than today.
            let today = DecisionClock.system.today()
            let claims = try await ExpenseClaim.query(on: app.db).with(\.$invitation) { $0.with(\.$activity) }.all()
            #expect(claims.count == 2)
            for claim in claims {
                let held = claim.invitation.activity.date
                let claimed = try #require(claim.createdAt.map(SimpleDate.ukDay(of:)))
                #expect(claimed > held && claimed <= ExpenseRules.lastDayToClaim(heldOn: held) && claimed <= today)
                if let decided = claim.decidedAt.map(SimpleDate.ukDay(of:)) {
                    #expect(claimed <= decided && decided <= today)
                    if let paid = claim.paidOn.flatMap(SimpleDate.init(iso:)) {
                        #expect(decided <= paid && paid <= today)
                    }
                }
                #expect(claim.invitation.attended == true && !claim.invitation.activity.isCancelled)
            }
        }
    }

    @Test("the demo is added only to an empty database")
    func seedsOnce() async throws {
        try await TestApp.run(on: .sqlite, configure: { $0.seedDemoData = true }) { app in
            let seededAgain = try await DemoData.seedIfEmpty(on: app.db, hashPassword: { $0 })
            #expect(!seededAgain)
            #expect(try await Organisation.query(on: app.db).count() == 9)
        }
    }
}
