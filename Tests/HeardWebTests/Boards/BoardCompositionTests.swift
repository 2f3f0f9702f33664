import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// The board pages, the boards list and the API count the people who sit on a board today, not their
/// memberships: someone who left and rejoined, or whose two memberships were stored as running at once, counts
/// once, and someone who has left does not count.
@Suite("Boards: members counted as people")
struct BoardCompositionTests {
    static let today = SimpleDate(year: 2026, month: 12, day: 5)

    @Test("the member counts name each current member once, and no former member", arguments: TestDatabase.all)
    func countsPeopleOnce(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(Self.today)
            // Dr Amir Khan, Sarah Whitaker and David Okafor vote; Gwen Lister observes, with lived experience.
            let board = try await BoardQuorumTests.committee(on: app.db)
            func add(_ name: String, votes: Bool, lived: Bool, appointed: String, left: String? = nil) async throws {
                let member = BoardMember(
                    boardID: board.id!, name: name, role: "Member", votes: votes, livedExperience: lived,
                    appointedOn: SimpleDate(iso: appointed)!)
                member.leftOn = left
                try await member.create(on: app.db)
            }
            // David Okafor left in June and was appointed again the same day.
            let okafor = try #require(
                try await BoardMember.query(on: app.db).filter(\.$name == "David Okafor").first())
            okafor.leftOn = "2026-06-01"
            try await okafor.update(on: app.db)
            try await add("David Okafor", votes: true, lived: false, appointed: "2026-06-01")
            // Stored before appointments were checked: a second membership of Sarah Whitaker's running at once.
            try await add("sarah whitaker", votes: true, lived: false, appointed: "2026-03-01")
            // A former member, with a vote and lived experience, who left in the summer.
            try await add("Peter Lamb", votes: true, lived: true, appointed: "2025-01-01", left: "2026-08-01")
            // Appointed from next year: not a member yet.
            try await add("Nadia Hussain", votes: true, lived: true, appointed: "2027-01-04")

            let summary = "4 members, 3 with a vote; 1 with lived experience, 0 of them with a vote."
            let secretary = try await app.signedInBrowser(.boardSecretary)
            let staffPage = try await secretary.get("/staff/boards/\(board.id!.uuidString.lowercased())")
            #expect(staffPage.status == .ok)
            #expect(staffPage.body.contains(summary), "\(staffPage.body)")
            #expect(staffPage.body.contains("at most the number of voting members (3 now)"))
            let visitor = app.browser()
            let publicPage = try await visitor.get("/boards/\(board.id!.uuidString.lowercased())")
            #expect(publicPage.status == .ok)
            #expect(publicPage.body.contains(summary))
            #expect(publicPage.body.contains("Members with lived experience sit on it, but none of them has a vote."))
            let list = try await visitor.get("/boards")
            #expect(list.body.contains("4 members, 1 with lived experience of the services."), "\(list.body)")
            let staffList = try await secretary.get("/staff/boards")
            let row = try #require(staffList.body.range(of: "Leeds Place Committee</a>"))
            let cells = staffList.body[row.upperBound...].prefix(400)
            #expect(cells.contains(">4<") && !cells.contains(">5<"), "\(cells)")

            let api = try await visitor.get("/api/v1/boards")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(api.body.utf8)) as? [String: Any])
            let composition = try #require(
                (json["boards"] as? [[String: Any]])?.first?["composition"] as? [String: Any])
            #expect(composition["members"] as? Int == 4)
            #expect(composition["voting"] as? Int == 3)
            #expect(composition["lived_experience"] as? Int == 1)
            #expect(composition["lived_experience_voting"] as? Int == 0)
        }
    }
}
