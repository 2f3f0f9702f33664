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
            let committer = GroupCommitter(maximumGroupSize: 64) { app.db }
            let writers = 200
            let badWriter = 57
            let outcomes = await withTaskGroup(of: (Int, String?).self) { group in
                for index in 0..<writers {
                    group.addTask {
                        do {
                            let slug = try await committer.write { db in
                                // The same slug as an existing place breaks the unique constraint.
                                let place = Place(
                                    name: "Place \(index)", slug: index == badWriter ? "taken" : "place-\(index)")
                                try await place.create(on: db)
                                return place.slug
                            }
                            return (index, slug)
                        } catch {
                            return (index, nil)
                        }
                    }
                }
                var outcomes: [Int: String?] = [:]
                for await (index, slug) in group { outcomes[index] = slug }
                return outcomes
            }
            #expect(outcomes.filter { $0.value == nil }.map(\.key) == [badWriter])
            #expect(outcomes[3] == "place-3")
            #expect(try await Place.query(on: app.db).count() == writers)  // 199 new ones and "Taken"
            #expect(try await Place.query(on: app.db).filter(\.$slug == "place-\(badWriter)").count() == 0)
            #expect(await committer.writesCommitted == writers - 1)
            let groups = await committer.groupsCommitted
            #expect(groups < (writers - 1) / 2, "\(groups) commits for \(writers - 1) writes")
        }
    }
}
