import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where a command writes an output file, so that a failed or interrupted run never costs the file there.
///
/// A regular file (or a new one) is written as a temporary file in the same folder and renamed over it only
/// by `commit()`; until then the earlier file is untouched. A symbolic link is followed, so the link stays and
/// its target is replaced. A device, pipe or other non-regular file (`/dev/stdout`, a FIFO) is written
/// straight through: renaming over it would replace the device node instead of writing to it.
///
/// Dropped without `commit()` (an error was thrown), the temporary file is removed.
public final class FileOutput {
    /// The path as the person gave it, for messages.
    public let path: String
    /// Whether the output goes through a temporary file (false for a device or pipe written directly).
    public let replacesAtomically: Bool
    private let destination: String
    private let temporary: String?
    private var descriptor: Int32
    private var finished = false

    public init(path: String) throws {
        self.path = path
        destination = Self.resolvingLinks(path)
        var existing = stat()
        let exists = stat(destination, &existing) == 0
        if exists && existing.st_mode & S_IFMT != S_IFREG {
            replacesAtomically = false
            temporary = nil
            descriptor = open(destination, O_WRONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw CSVError.cannotWrite(path: path, reason: Self.lastError()) }
            return
        }
        replacesAtomically = true
        let url = URL(fileURLWithPath: destination)
        let temporary =
            url.deletingLastPathComponent().appendingPathComponent(
                ".\(url.lastPathComponent).\(UUID().uuidString.prefix(8)).partial"
            ).path
        self.temporary = temporary
        // 0o666 less the umask, as a new file gets; an existing file keeps its own permissions.
        descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw CSVError.cannotWrite(path: path, reason: Self.lastError()) }
        if exists { _ = fchmod(descriptor, existing.st_mode & 0o7777) }
        UnfinishedOutputs.shared.add(temporary: temporary, shownAs: path)
    }

    deinit { discard() }

    /// Writes all of `bytes`, or throws with the reason (a full disk, a closed pipe).
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard var next = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let written = writeSystemCall(descriptor, next, remaining)
            if written < 0 {
                if errno == EINTR { continue }
                throw CSVError.cannotWrite(path: path, reason: Self.lastError())
            }
            next += written
            remaining -= written
        }
    }

    /// Makes the output final: the temporary file takes the destination's place.
    ///
    /// Not fsync'd first: what this guards against is a failed or interrupted run, not a power cut, and the sync
    /// is time on the hot path of `heard analyse` (0.09 s for 150 MB on this machine's disk, far more on a slow
    /// one, against about 3 s for a million rows). ext4, the usual Linux file system, flushes a file renamed over
    /// another before the rename is committed anyway.
    public func commit() throws {
        guard !finished else { return }
        finished = true
        if let temporary {
            if close(descriptor) != 0 {
                let problem = Self.lastError()
                UnfinishedOutputs.shared.remove(temporary)
                throw CSVError.cannotWrite(path: path, reason: problem)
            }
            if let problem = UnfinishedOutputs.shared.finish(temporary: temporary, into: destination) {
                throw CSVError.cannotWrite(path: path, reason: problem)
            }
        } else if close(descriptor) != 0 {
            throw CSVError.cannotWrite(path: path, reason: Self.lastError())
        }
    }

    /// Abandons the output: the temporary file is removed and any earlier file is left as it was.
    public func discard() {
        guard !finished else { return }
        finished = true
        close(descriptor)
        if let temporary { UnfinishedOutputs.shared.remove(temporary) }
    }

    /// Whether writing `path` goes through a temporary file, so a failure leaves the file there untouched.
    public static func replacesAtomically(_ path: String) -> Bool {
        var status = stat()
        return stat(resolvingLinks(path), &status) != 0 || status.st_mode & S_IFMT == S_IFREG
    }

    /// `path` with every symbolic link in it followed, even one whose target does not exist yet (it is
    /// created there).
    static func resolvingLinks(_ path: String) -> String {
        var current = URL(fileURLWithPath: path).standardizedFileURL
        for _ in 0..<40 {
            let folder = current.deletingLastPathComponent().resolvingSymlinksInPath()
            current = folder.appendingPathComponent(current.lastPathComponent)
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: current.path) else {
                return current.path
            }
            current = URL(fileURLWithPath: target, relativeTo: folder).standardizedFileURL
        }
        return current.path
    }

    static func lastError() -> String { String(cString: strerror(errno)) }
}

#if canImport(Glibc)
    private let writeSystemCall = Glibc.write
#elseif canImport(Darwin)
    private let writeSystemCall = Darwin.write
#endif

/// The outputs a command has not finished, so an interrupted command can remove their temporary files and
/// say that nothing was written to them. A lock makes a rename and an interruption exclude each other:
/// either the rename happened, or the temporary file is removed and the earlier file is untouched.
public final class UnfinishedOutputs: @unchecked Sendable {
    public static let shared = UnfinishedOutputs()
    private let lock = NSLock()
    /// The path each temporary file is for, as the person gave it.
    private var shownPaths: [String: String] = [:]
    /// Outputs the command will write but has not begun (it may still be reading its input).
    private var expected: Set<String> = []

    /// Notes that the command will write `path`, so an interruption before it starts still names it.
    public func expect(_ path: String) {
        lock.withLock { _ = expected.insert(path) }
    }

    func add(temporary: String, shownAs path: String) {
        lock.withLock { shownPaths[temporary] = path }
    }

    func remove(_ temporary: String) {
        lock.withLock {
            shownPaths[temporary] = nil
            unlink(temporary)
        }
    }

    /// Renames the temporary file over the destination; the reason it could not, if it could not.
    func finish(temporary: String, into destination: String) -> String? {
        lock.withLock {
            let path = shownPaths.removeValue(forKey: temporary)
            guard rename(temporary, destination) == 0 else {
                let reason = FileOutput.lastError()
                unlink(temporary)
                return reason
            }
            if let path { expected.remove(path) }
            return nil
        }
    }

    /// Removes every unfinished output's temporary file and returns the paths of the outputs not written.
    /// Holds the lock for good, so no rename can follow: call it only just before the process exits.
    public func discardAllBeforeExit() -> [String] {
        lock.lock()
        for temporary in shownPaths.keys { unlink(temporary) }
        return expected.union(shownPaths.values).sorted()
    }
}
