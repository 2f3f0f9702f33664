import Fluent
import Foundation
import HeardStorage
import Testing

@Suite("Group commit")
struct GroupCommitTests {
    @Test(
        "concurrent writes share commits, each caller gets its own result, and one bad write spoils no other",
        arguments: TestDatabase.all)
    func groupsWritesAndIsolatesFailures(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            try await Place(name: "Taken", slug: "taken").create(on: app.db)
            let badWriter = 57
            // One multi-row INSERT per group; the same slug as an existing place breaks the unique constraint.
            let committer = GroupCommitter<Int>(maximumGroupSize: 64, database: { app.db }) { indices, db in
                try await indices.map { index in
                    Place(name: "Place \(index)", slug: index == badWriter ? "taken" : "place-\(index)")
                }.create(on: db)
            }
            let writers = 200
            let outcomes = await withTaskGroup(of: (Int, Bool).self) { group in
                for index in 0..<writers {
                    group.addTask {
                        do {
                            try await committer.write(index)
                            return (index, true)
                        } catch {
                            return (index, false)
                        }
                    }
                }
                var outcomes: [Int: Bool] = [:]
                for await (index, stored) in group { outcomes[index] = stored }
                return outcomes
            }
            #expect(outcomes.filter { !$0.value }.map(\.key) == [badWriter])
            #expect(outcomes.count == writers)
            #expect(try await Place.query(on: app.db).count() == writers)  // 199 new ones and "Taken"
            #expect(try await Place.query(on: app.db).filter(\.$slug == "place-\(badWriter)").count() == 0)
            #expect(await committer.writesCommitted == writers - 1)
            let groups = await committer.groupsCommitted
            #expect(groups < (writers - 1) / 2, "\(groups) commits for \(writers - 1) writes")
        }
    }
}
