import Fluent
import Foundation
import HeardStorage
import NIOCore
import Testing

/// Every transaction in Heard reads and then writes. On SQLite one that read first could not write once another
/// connection had committed meanwhile ("database is locked", at once): a retired place or a saved form failed
/// with a 500 while the public were sending feedback. `writeTransaction` takes the write lock first.
@Suite("Transactions that read, then write")
struct WriteTransactionTests {
    @Test(
        "a transaction that reads first still writes when another connection commits meanwhile",
        .enabled(if: System.coreCount > 1, "needs two event loops, so two SQLite connections"),
        arguments: TestDatabase.all)
    func readThenWrite(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let loops = Array(app.app.eventLoopGroup.makeIterator())
            let mine = try #require(app.app.databases.database(logger: app.app.logger, on: loops[0]))
            let other = try #require(app.app.databases.database(logger: app.app.logger, on: loops[1]))
            let otherWrite = try await mine.writeTransaction { db in
                #expect(try await Place.query(on: db).count() == 0)
                // Another connection writes while this transaction is between its read and its write.
                let otherWrite = Task { try await Place(name: "Leeds", slug: "leeds").create(on: other) }
                try await Task.sleep(for: .milliseconds(300))
                try await Place(name: "Wakefield", slug: "wakefield").create(on: db)
                return otherWrite
            }
            try await otherWrite.value
            let names = try await Place.query(on: app.db).all().map(\.name)
            #expect(Set(names) == ["Leeds", "Wakefield"], "both writes are kept, neither refused")
        }
    }
}
