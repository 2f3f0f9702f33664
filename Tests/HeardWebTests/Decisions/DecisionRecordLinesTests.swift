import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// Members present and declarations are typed one a line in the decision paper: the public record keeps them
/// apart rather than running them together.
@Suite("Decisions: the public record shows lines as typed")
struct DecisionRecordLinesTests {
    @Test("the public decision record shows members present and declarations one a line", arguments: TestDatabase.all)
    func decisionLines(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let today = SimpleDate(year: 2026, month: 12, day: 5)
            app.app.decisionClock = .fixed(today)
            let initiative = Initiative(
                title: "Stroke rehabilitation at home", what: "Move rehab home.", why: "People recover better.",
                affectsServices: true, substantialVariation: false, decisionBody: "ICB board", targetDate: nil,
                stage: .decision, livedExperienceMembers: 0)
            try await initiative.create(on: app.db)
            let decision = Decision(
                initiativeID: initiative.id!, title: "Decision: stroke rehabilitation", meeting: "ICB board",
                meetingOn: today,
                membersPresent: "Dr Amir Khan (chair)\r\nSarah Whitaker\n\nTom Brennan",
                declarations: "Dr Amir Khan: GP partner, left for the item\nNo other declarations",
                outcome: "Option A is agreed.", quorate: true)
            decision.status = "approved"
            try await decision.create(on: app.db)
            let page = try await app.browser().get(DecisionURL.publicDecision(decision.id!))
            #expect(page.status == .ok)
            #expect(
                page.body.contains(
                    "<ul class=\"list-lines\"><li>Dr Amir Khan (chair)</li><li>Sarah Whitaker</li><li>Tom Brennan</li></ul>"
                ))
            #expect(
                page.body.contains(
                    "<ul class=\"list-lines\"><li>Dr Amir Khan: GP partner, left for the item</li><li>No other declarations</li></ul>"
                ))
            let css = try await app.browser().get("/css/heard.css").body
            #expect(css.contains(".list-lines"))
        }
    }
}
