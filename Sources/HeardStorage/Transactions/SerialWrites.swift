import FluentKit

/// A database configuration whose write transactions take turns inside the app before they take a connection.
///
/// SQLite lets one connection write at a time, and the app has one connection per event loop. Without turns,
/// simultaneous writers (the last places at an event, a burst of submissions) each take a connection and then
/// spin on SQLite's busy handler for the write lock while holding it; the requests behind them wait for a
/// connection instead, and on a loaded machine that wait passed the pool's timeout and answered 500. Waiting
/// for a turn holds no connection and no thread, so readers carry on and each writer, once it has its turn,
/// finds the lock free. PostgreSQL locks rows, not the database, and is not wrapped.
public struct SerialWritesConfiguration: DatabaseConfiguration {
    private var inner: any DatabaseConfiguration
    /// Shared by every copy of this configuration, so by every database handle the app makes from it.
    public let turns = WriteTurns()

    public init(_ inner: any DatabaseConfiguration) {
        self.inner = inner
    }

    public var middleware: [any AnyModelMiddleware] {
        get { inner.middleware }
        set { inner.middleware = newValue }
    }

    public func makeDriver(for databases: Databases) -> any DatabaseDriver {
        inner.makeDriver(for: databases)
    }
}

/// First come, first served: one holder at a time, the rest resumed in the order they asked.
public actor WriteTurns {
    private var isHeld = false
    // An array: the queue is as long as the writers arriving at one moment, a handful.
    private var waiting: [CheckedContinuation<Void, Never>] = []
    /// How many are waiting for a turn now, for tests that check writers really queue here.
    public var queueLength: Int { waiting.count }

    public init() {}

    /// Runs `body` when it is this caller's turn; the turn passes on when it returns or throws.
    public nonisolated func inTurn<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        await take()
        do {
            let result = try await body()
            await pass()
            return result
        } catch {
            await pass()
            throw error
        }
    }

    private func take() async {
        guard isHeld else {
            isHeld = true
            return
        }
        // The turn is handed over in `pass`, so it stays held while the next caller resumes.
        await withCheckedContinuation { waiting.append($0) }
    }

    private func pass() {
        if !waiting.isEmpty {
            waiting.removeFirst().resume()
        } else {
            isHeld = false
        }
    }
}
