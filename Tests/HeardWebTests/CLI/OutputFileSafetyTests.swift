import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// An output file appears whole or not at all: a failed or interrupted command leaves the file there as it
/// was, a link keeps pointing at its (replaced) target, and a pipe is written to, not replaced.
@Suite("Command line: output files", .serialized)
struct OutputFileSafetyTests {
    static let comments = "id,comment\n1,the nurse was kind\n2,a long wait in the corridor\n"
    static let earlier = "earlier results\n"

    @Test("analyse that fails on a bad row leaves the earlier output untouched, and says so")
    func failedAnalysisKeepsEarlierOutput() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try workspace.write("bad.csv", "id,comment\n1,fine\n2,\"broken\"x\n")
        try workspace.write("out.csv", Self.earlier)
        let run = try workspace.run("analyse", "--input", "bad.csv", "--text-column", "comment", "--output", "out.csv")
        #expect(run.status != 0 && run.endedCleanly)
        #expect(run.errors.contains("line 3"), "\(run.errors)")
        #expect(run.errors.contains("nothing was written to out.csv"), "\(run.errors)")
        #expect(try workspace.read("out.csv") == Self.earlier)
        #expect(try Self.names(in: workspace) == ["bad.csv", "out.csv"], "no temporary file is left")
    }

    @Test("analyse interrupted with Ctrl-C or SIGTERM removes its unfinished file and exits 130 or 143")
    func interruptedAnalysisWritesNothing() throws {
        for (signal, status) in [(SIGINT, Int32(130)), (SIGTERM, Int32(143))] {
            let workspace = try Workspace()
            defer { workspace.remove() }
            try workspace.write("out.csv", Self.earlier)
            // Input through a FIFO the test holds open, so the analysis is mid-run when the signal comes.
            #expect(mkfifo(workspace.path("in.csv"), 0o600) == 0)
            let running = try HeardRun.Running(
                ["analyse", "--input", "in.csv", "--text-column", "comment", "--output", "out.csv"],
                in: workspace.folder)
            let writer = try Self.openForWriting(workspace.path("in.csv"))
            defer { close(writer) }
            let rows = Self.comments + (3...2000).map { "\($0),the staff were kind\n" }.joined()
            _ = rows.utf8CString.withUnsafeBufferPointer { write(writer, $0.baseAddress, $0.count - 1) }
            usleep(300_000)
            kill(running.pid, signal)
            let run = try running.finish()
            #expect(run.status == status, "\(run.errors)")
            #expect(run.errors.contains("interrupted: nothing written to out.csv"), "\(run.errors)")
            #expect(try workspace.read("out.csv") == Self.earlier)
            #expect(try Self.names(in: workspace) == ["in.csv", "out.csv"], "no temporary file is left")
        }
    }

    @Test("analyse through a link replaces the link's target and keeps the link")
    func outputThroughALink() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try workspace.write("a.csv", Self.comments)
        try FileManager.default.createDirectory(
            atPath: workspace.path("results"), withIntermediateDirectories: false)
        try workspace.write("results/target.csv", Self.earlier)
        try FileManager.default.createSymbolicLink(
            atPath: workspace.path("link.csv"), withDestinationPath: "results/target.csv")
        let run = try workspace.run("analyse", "--input", "a.csv", "--text-column", "comment", "--output", "link.csv")
        #expect(run.status == 0, "\(run.errors)")
        #expect(
            try FileManager.default.destinationOfSymbolicLink(atPath: workspace.path("link.csv"))
                == "results/target.csv")
        #expect(try workspace.read("results/target.csv").hasPrefix("id,comment,themes,"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.path("results")) == ["target.csv"])
    }

    @Test("analyse and export write into a FIFO instead of replacing it")
    func outputIntoAFIFO() async throws {
        try await CommandLineTests.withDatabase { database, workspace in
            try workspace.write("a.csv", Self.comments)
            for arguments in [
                ["analyse", "--input", "a.csv", "--text-column", "comment", "--output", "pipe"],
                ["export", "feedback", "--output", "pipe", "--database", database],
            ] {
                #expect(mkfifo(workspace.path("pipe"), 0o600) == 0)
                let reader = FIFOReader(path: workspace.path("pipe"))
                let run = try HeardRun.run(arguments, in: workspace.folder)
                #expect(run.status == 0, "\(arguments): \(run.errors)")
                let read = String(decoding: reader.wait(), as: UTF8.self)
                #expect(read.contains(arguments[0] == "analyse" ? "id,comment,themes," : "id,"), "\(read)")
                var status = stat()
                #expect(stat(workspace.path("pipe"), &status) == 0 && status.st_mode & S_IFMT == S_IFIFO)
                unlink(workspace.path("pipe"))
            }
        }
    }

    /// Whether the file starts as every SQLite database does.
    static func isSQLite(_ path: String) throws -> Bool {
        try Data(contentsOf: URL(fileURLWithPath: path)).prefix(16) == Data("SQLite format 3\0".utf8)
    }

    static func names(in workspace: Workspace) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: workspace.folder.path).sorted()
    }

    /// Opens a FIFO for writing once its reader has opened it; without a reader in 30 s, fails the test.
    static func openForWriting(_ path: String) throws -> Int32 {
        for _ in 0..<300 {
            let descriptor = open(path, O_WRONLY | O_NONBLOCK)
            if descriptor >= 0 { return descriptor }
            usleep(100_000)
        }
        Issue.record("nothing opened \(path) for reading")
        throw POSIXError(.ENXIO)
    }
}

/// Reads a FIFO to its end on a thread of its own, as a program at the other end of a pipe would.
final class FIFOReader: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var bytes = Data()

    init(path: String) {
        Thread.detachNewThread { [self] in
            let descriptor = open(path, O_RDONLY)
            var chunk = [UInt8](repeating: 0, count: 65536)
            while descriptor >= 0 {
                let count = read(descriptor, &chunk, chunk.count)
                if count <= 0 { break }
                bytes.append(contentsOf: chunk[0..<count])
            }
            if descriptor >= 0 { close(descriptor) }
            done.signal()
        }
    }

    func wait() -> Data {
        done.wait()
        return bytes
    }
}
