import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// A board member with an account sees their boards' coming decisions and the ones they took part in.
@Suite("A board member's own page shows their board's decisions")
struct BoardBusinessTests {
    @Test(
        "decisions coming to the member's board, and approved ones the minutes name them at, are on /me",
        arguments: TestDatabase.all)
    func boardBusinessOnOwnPage(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(year: 2026, month: 12, day: 4))
            let browser = try await app.signedInBrowser(.involvedPerson)
            let person = try #require(try await User.query(on: app.db).filter(\.$role == .involvedPerson).first())
            let board = Board(name: "Ward 7 Decision Committee", purpose: "Decides on ward 7.")
            try await board.create(on: app.db)
            let member = BoardMember(
                boardID: board.id!, name: "Farah Begum", role: "Patient representative", votes: true,
                livedExperience: true, appointedOn: SimpleDate(year: 2026, month: 1, day: 5))
            member.$account.id = person.id
            try await member.create(on: app.db)
            // One decision per initiative.
            func initiativeID(_ title: String) async throws -> UUID {
                let initiative = Initiative(
                    title: title, what: "Change it", why: "Staffing", affectsServices: true,
                    substantialVariation: false, decisionBody: "Ward 7 Decision Committee", targetDate: nil)
                try await initiative.create(on: app.db)
                return initiative.id!
            }
            let taken = Decision(
                initiativeID: try await initiativeID("Weekend beds"), title: "Decision: ward 7 stays open at weekends",
                meeting: "Ward 7 Decision Committee", meetingOn: SimpleDate(year: 2026, month: 11, day: 10),
                membersPresent: "Chair\nMrs Begum\nDr Stone", declarations: "None.",
                outcome: "Weekend beds stay open.", quorate: true)
            taken.status = "approved"
            try await taken.create(on: app.db)
            let without = Decision(
                initiativeID: try await initiativeID("Signs"), title: "Decision: new signs",
                meeting: "Ward 7 Decision Committee",
                meetingOn: SimpleDate(year: 2026, month: 11, day: 12), membersPresent: "Chair\nDr Stone",
                declarations: "None.", outcome: "New signs.", quorate: true)
            without.status = "approved"
            try await without.create(on: app.db)
            let coming = Decision(
                initiativeID: try await initiativeID("Closing ward 7"), title: "Decision: closing ward 7",
                meeting: "Ward 7 Decision Committee",
                meetingOn: SimpleDate(year: 2026, month: 12, day: 15), membersPresent: "", declarations: "",
                outcome: "", quorate: nil)
            try await coming.create(on: app.db)
            let otherBoard = Decision(
                initiativeID: try await initiativeID("Other board"), title: "Decision: another board's business",
                meeting: "Leeds Place Committee", meetingOn: SimpleDate(year: 2026, month: 12, day: 16),
                membersPresent: "", declarations: "", outcome: "", quorate: nil)
            try await otherBoard.create(on: app.db)

            let page = try await browser.get("/me")
            #expect(page.status == .ok)
            #expect(page.body.contains("Decisions coming to your meetings"))
            #expect(page.body.contains("Decision: closing ward 7"))
            #expect(page.body.contains("15 December 2026"))
            #expect(
                !page.body.contains("another board&#39;s business") && !page.body.contains("another board's business"))
            #expect(page.body.contains("Decision: ward 7 stays open at weekends"))
            #expect(page.body.contains("Weekend beds stay open."))
            #expect(page.body.contains("href=\"/decisions/\(taken.id!.uuidString.lowercased())\""))
            #expect(!page.body.contains("Decision: new signs"), "she was not at that meeting")
        }
    }
}
