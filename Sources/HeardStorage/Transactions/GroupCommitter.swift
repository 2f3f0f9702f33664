import FluentKit

/// Commits many small, independent writes in one transaction.
///
/// A durable commit costs one flush to disk (fsync), and on SQLite commits are taken one at a time,
/// so a transaction per submission caps the rate at the disk's flush rate. Here each caller's write
/// waits while the commit in flight finishes, then goes to disk together with every write that arrived
/// meanwhile: one flush for the whole group. A caller resumes only after the commit that carried its
/// write has returned, so an acknowledgement still means "on disk".
///
/// When a group's transaction fails, nothing in it was kept; each write is then tried again in a
/// transaction of its own, so one bad write cannot take its neighbours down with it. Writes must
/// therefore build their models inside the closure (a retry gets fresh ones).
public actor GroupCommitter {
    /// The largest group committed at once; bounds how long one transaction holds the write lock.
    public let maximumGroupSize: Int
    private let database: @Sendable () -> any Database
    private var waiting: [PendingWrite] = []
    private var isCommitting = false
    /// Groups committed and writes carried, for `/metrics` and the load benchmark.
    public private(set) var groupsCommitted = 0
    public private(set) var writesCommitted = 0

    public init(maximumGroupSize: Int = 256, database: @escaping @Sendable () -> any Database) {
        precondition(maximumGroupSize > 0, "a group holds at least one write")
        self.maximumGroupSize = maximumGroupSize
        self.database = database
    }

    /// Runs `work` inside a shared transaction and returns its result once that transaction is committed.
    public func write<Value: Sendable>(
        _ work: @escaping @Sendable (any Database) async throws -> Value
    ) async throws -> Value {
        let result: any Sendable = try await withCheckedThrowingContinuation { continuation in
            waiting.append(PendingWrite(work: { try await work($0) }, continuation: continuation))
            if !isCommitting {
                isCommitting = true
                Task { await self.commitWaitingGroups() }
            }
        }
        return result as! Value
    }

    private func commitWaitingGroups() async {
        while !waiting.isEmpty {
            let group = Array(waiting.prefix(maximumGroupSize))
            waiting.removeFirst(group.count)
            await commit(group)
        }
        isCommitting = false
    }

    private func commit(_ group: [PendingWrite]) async {
        do {
            let results = try await database().transaction { db in
                var results: [any Sendable] = []
                results.reserveCapacity(group.count)
                for write in group { results.append(try await write.work(db)) }
                return results
            }
            groupsCommitted += 1
            writesCommitted += group.count
            for (write, result) in zip(group, results) { write.continuation.resume(returning: result) }
        } catch {
            guard group.count > 1 else {
                group[0].continuation.resume(throwing: error)
                return
            }
            for write in group { await commit([write]) }
        }
    }

    private struct PendingWrite: Sendable {
        let work: @Sendable (any Database) async throws -> any Sendable
        let continuation: CheckedContinuation<any Sendable, any Error>
    }
}
