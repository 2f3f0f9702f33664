import FluentKit

/// Commits many small, independent writes in one transaction.
///
/// A durable commit costs one flush to disk (fsync), and on SQLite commits are taken one at a time,
/// so a transaction per submission caps the rate at the disk's flush rate. Here each caller's write
/// waits while the commit in flight finishes, then goes to disk together with every write that arrived
/// meanwhile: one transaction, one flush, and (through `commitGroup`) one multi-row INSERT per table for
/// the whole group. A caller resumes only after the commit that carried its write has returned, so an
/// acknowledgement still means "on disk".
///
/// When a group's transaction fails, nothing in it was kept; each write is then tried again in a
/// transaction of its own, so one bad write cannot take its neighbours down with it.
public actor GroupCommitter<Write: Sendable> {
    /// The largest group committed at once; bounds how long one transaction holds the write lock.
    public let maximumGroupSize: Int
    private let database: @Sendable () -> any Database
    private let commitGroup: @Sendable ([Write], any Database) async throws -> Void
    private var waiting: [(write: Write, continuation: CheckedContinuation<Void, any Error>)] = []
    private var isCommitting = false
    /// Groups committed and writes carried, for tests and the load benchmark.
    public private(set) var groupsCommitted = 0
    public private(set) var writesCommitted = 0

    /// `commitGroup` stores a group of writes inside the transaction it is given.
    public init(
        maximumGroupSize: Int = 256, database: @escaping @Sendable () -> any Database,
        commitGroup: @escaping @Sendable ([Write], any Database) async throws -> Void
    ) {
        precondition(maximumGroupSize > 0, "a group holds at least one write")
        self.maximumGroupSize = maximumGroupSize
        self.database = database
        self.commitGroup = commitGroup
    }

    /// Returns once the transaction carrying `write` is committed; throws if it could not be.
    public func write(_ write: Write) async throws {
        try await withCheckedThrowingContinuation { continuation in
            waiting.append((write, continuation))
            if !isCommitting {
                isCommitting = true
                Task { await self.commitWaitingGroups() }
            }
        }
    }

    private func commitWaitingGroups() async {
        while !waiting.isEmpty {
            let group = Array(waiting.prefix(maximumGroupSize))
            waiting.removeFirst(group.count)
            await commit(group)
        }
        isCommitting = false
    }

    private func commit(_ group: [(write: Write, continuation: CheckedContinuation<Void, any Error>)]) async {
        let writes = group.map(\.write)
        let commitGroup = self.commitGroup
        do {
            try await database().writeTransaction { db in try await commitGroup(writes, db) }
            groupsCommitted += 1
            writesCommitted += group.count
            for entry in group { entry.continuation.resume() }
        } catch {
            guard group.count > 1 else {
                group[0].continuation.resume(throwing: error)
                return
            }
            for entry in group { await commit([entry]) }
        }
    }
}
