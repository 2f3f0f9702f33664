import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// The decision paper recognises a member on the day of the meeting, and says when one had left before it.
extension BoardMembershipOverlapTests {
    @Test(
        "the decision paper does not call a member who left after the meeting unknown, and says when one left before",
        arguments: TestDatabase.all)
    func formerMembersOnThePaper(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(Self.today)
            let secretary = try await app.signedInBrowser(.boardSecretary)
            let (_, _, sarahPath) = try await Self.committee(on: app.db)
            try await Self.leave(sarahPath, on: "2026-12-01", secretary)
            let decision = try await BoardsTests.decisionReadyForApproval(
                meetingOn: SimpleDate(year: 2026, month: 11, day: 20), membersPresent: "Dr Khan; Sarah Whitaker",
                on: app.db)
            let paperPath = "/staff/initiatives/\(decision.$initiative.id.uuidString.lowercased())/decision"
            let before = try await secretary.get(paperPath)
            #expect(before.status == .ok)
            #expect(!before.body.contains("Not on any board's member list"), "a member on the day of the meeting")
            #expect(!before.body.contains("No longer members at the meeting"))

            decision.meetingOn = "2026-12-03"
            decision.membersPresent = "Dr Khan; Sarah Whitaker; Tom Brenan"
            try await decision.update(on: app.db)
            let after = try await secretary.get(paperPath)
            #expect(
                after.body.contains(
                    "No longer members at the meeting: Sarah Whitaker left Leeds Place Committee on 1 December 2026."),
                "\(after.body)")
            #expect(after.body.contains("Not on any board's member list: Tom Brenan."), "a name Heard does not know")
        }
    }
}
