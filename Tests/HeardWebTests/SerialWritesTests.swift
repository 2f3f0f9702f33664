import Fluent
import Foundation
import HeardStorage
import NIOCore
import Testing

@Suite("Write transactions taking turns")
struct SerialWritesTests {
    @Test(
        "writers waiting for one holding the write lock leave connections free for readers", arguments: TestDatabase.all
    )
    func waitingWritersDoNotStarveReaders(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let loops = Array(app.app.eventLoopGroup.makeIterator())
            try #require(loops.count >= 2, "needs two event loops: one for the holder, one for the waiters")
            // Each event loop has its own SQLite connection; the holder takes the first loop's, the rest
            // are on the second loop, where the reader is too.
            let holderDB = try #require(app.app.databases.database(logger: app.app.logger, on: loops[0]))
            let otherDB = try #require(app.app.databases.database(logger: app.app.logger, on: loops[1]))
            let (began, beganSignal) = AsyncStream<Void>.makeStream()
            let (release, releaseSignal) = AsyncStream<Void>.makeStream()

            let holder = Task {
                try await holderDB.writeTransaction { db in
                    try await Place(name: "Held", slug: "held").create(on: db)
                    beganSignal.yield()
                    for await _ in release { break }
                }
            }
            for await _ in began { break }
            let writers = Task {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for index in 0..<3 {
                        group.addTask {
                            try await otherDB.writeTransaction { db in
                                try await Place(name: "Waiting \(index)", slug: "waiting-\(index)").create(on: db)
                            }
                        }
                    }
                    try await group.waitForAll()
                }
            }
            let turns = (app.app.databases.configuration() as? SerialWritesConfiguration)?.turns
            if let turns {
                // SQLite: the holder has the turn and all three writers queue for it, holding no connection.
                let deadline = ContinuousClock.now + .seconds(10)
                while await turns.queueLength < 3, ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(5))
                }
                #expect(await turns.queueLength == 3)
            } else {
                #expect(database.engine == .postgres, "SQLite write transactions take turns")
                // PostgreSQL locks rows: the writers go ahead.
                try await Task.sleep(for: .milliseconds(300))
            }

            // The holder has not committed, so the reader sees none of the new places, and it must not have to
            // wait for the holder to finish: before writers took turns, a waiting writer held this loop's only
            // connection while SQLite's busy handler spun, and the reader queued behind it.
            let read = await Self.within(.seconds(5)) { try await Place.query(on: otherDB).count() }
            // On PostgreSQL the writers may or may not have committed yet (under load, some have not after
            // 300 ms): what matters is that the reader answered.
            #expect(
                read == 0 || (turns == nil && read.map { (0...3).contains($0) } == true),
                "a reader should not wait for the holder: \(String(describing: read))")

            releaseSignal.finish()
            try await holder.value
            try await writers.value
            #expect(try await Place.query(on: app.db).count() == 4)
            #expect(await turns?.queueLength ?? 0 == 0)
        }
    }

    @Test("turns are taken one at a time, in the order asked, and pass on when the holder throws")
    func oneAtATimeInOrder() async throws {
        struct Refused: Error {}
        let turns = WriteTurns()
        let log = Log()
        let (release, releaseSignal) = AsyncStream<Void>.makeStream()
        await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await turns.inTurn {
                    await log.enter(0)
                    for await _ in release { break }
                    await log.leave()
                    throw Refused()
                }
            }
            while await log.entered.isEmpty { await Task.yield() }
            for index in 1..<20 {
                group.addTask {
                    try await turns.inTurn {
                        await log.enter(index)
                        try await Task.sleep(for: .milliseconds(1))
                        await log.leave()
                        if index % 5 == 0 { throw Refused() }
                    }
                }
                // Each asks before the next is started, so the order asked is the index order.
                while await turns.queueLength < index { await Task.yield() }
            }
            releaseSignal.finish()
            var refused = 0
            while let next = await group.nextResult() {
                if case .failure(let error) = next {
                    #expect(error is Refused)
                    refused += 1
                }
            }
            #expect(refused == 4)
        }
        #expect(await log.overlapped == false)
        #expect(await log.entered == Array(0..<20))
        #expect(await turns.queueLength == 0)
    }

    /// The value `body` returns within `limit`, or nil when it took longer.
    private static func within<T: Sendable>(
        _ limit: Duration, _ body: @escaping @Sendable () async throws -> T
    ) async -> T? {
        await withTaskGroup(of: T?.self) { group in
            group.addTask { try? await body() }
            group.addTask {
                try? await Task.sleep(for: limit)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }
}

private actor Log {
    private(set) var entered: [Int] = []
    private(set) var overlapped = false
    private var inside = false

    func enter(_ index: Int) {
        if inside { overlapped = true }
        inside = true
        entered.append(index)
    }

    func leave() { inside = false }
}
