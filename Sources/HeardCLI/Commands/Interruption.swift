import Dispatch
import Foundation
import HeardText

/// Ctrl-C (SIGINT) or SIGTERM during a command that writes files: the temporary files of unfinished outputs
/// are removed, so no half-written file is left looking complete, and the command says so and exits
/// 128 + the signal (130 for Ctrl-C).
enum Interruption {
    /// Call at the start of a command's `run()`, with the files it will write. A device or pipe is left out:
    /// what went through to it cannot be taken back.
    static func removeUnfinishedOutputs(of outputs: [String] = []) {
        for path in outputs where FileOutput.replacesAtomically(path) { UnfinishedOutputs.shared.expect(path) }
        _ = sources
    }

    /// A line to add when interrupted: what was kept and how to carry on ("run it again with --resume").
    static func whenInterrupted(say line: String) {
        lastWords.set(line)
    }

    private static let lastWords = LockedLine()

    /// Kept for the life of the process: a released source stops handling its signal.
    private nonisolated(unsafe) static let sources: [any DispatchSourceSignal] = [SIGINT, SIGTERM].map { number in
        signal(number, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
        source.setEventHandler { exit(after: number) }
        source.activate()
        return source
    }

    private static func exit(after number: Int32) -> Never {
        let paths = UnfinishedOutputs.shared.discardAllBeforeExit()
        let lines =
            (paths.isEmpty ? ["interrupted"] : paths.map { "interrupted: nothing written to \($0)" })
            + (lastWords.get().map { [$0] } ?? [])
        // A progress bar may have left the cursor mid-line.
        let message = (isatty(STDERR_FILENO) == 1 ? "\n" : "") + lines.joined(separator: "\n") + "\n"
        message.utf8CString.withUnsafeBufferPointer { _ = write(STDERR_FILENO, $0.baseAddress, $0.count - 1) }
        _exit(128 + number)
    }
}

/// One line, set by the command and read by the signal handler on another thread.
private final class LockedLine: @unchecked Sendable {
    private let lock = NSLock()
    private var line: String?

    func set(_ newLine: String) { lock.withLock { line = newLine } }
    func get() -> String? { lock.withLock { line } }
}
