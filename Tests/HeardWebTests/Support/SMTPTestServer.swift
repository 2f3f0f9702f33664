import Foundation
import HeardWeb
import Testing

/// A real SMTP server (Python's aiosmtpd, installed by scripts/test.sh) writing what it receives to a
/// Maildir, so tests can read the e-mails Heard actually sent.
final class SMTPTestServer: @unchecked Sendable {
    let port: Int
    let maildir: URL
    private let process: Process

    /// The Python interpreter with aiosmtpd, from `HEARD_TEST_PYTHON`.
    static var python: String? {
        ProcessInfo.processInfo.environment["HEARD_TEST_PYTHON"].flatMap { $0.isEmpty ? nil : $0 }
    }

    static var isAvailable: Bool { python != nil }

    init() throws {
        port = try FreePort.find()
        maildir = FileManager.default.temporaryDirectory.appendingPathComponent("heard-mail-\(UUID().uuidString)")
        process = Process()
        process.executableURL = URL(fileURLWithPath: Self.python!)
        process.arguments = [
            "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:\(port)", "-c", "aiosmtpd.handlers.Mailbox", maildir.path,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait (bounded) until it accepts connections.
        for _ in 0..<100 {
            if FreePort.isListening(port) { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        stop()
        throw SMTPTestServerError(description: "aiosmtpd did not start on port \(port)")
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            for _ in 0..<40 where process.isRunning { Thread.sleep(forTimeInterval: 0.05) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        try? FileManager.default.removeItem(at: maildir)
    }

    /// Every message received so far, as raw text.
    func messages() -> [String] {
        let folder = maildir.appendingPathComponent("new")
        let files = (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []
        return files.compactMap { try? String(contentsOf: $0, encoding: .utf8) }
    }

    /// Waits up to `seconds` for a message that contains every string in `texts`.
    /// An app that sends its outbox to this server at once: the job worker on, polling every 0.1 s.
    func sendsMail(_ config: inout AppConfiguration) {
        config.smtp = SMTPSettings(host: "127.0.0.1", port: port)
        config.runsJobWorker = true
        config.jobPollInterval = 0.1
        config.mailFrom = "Heard test <heard@test.example>"
    }

    func waitForMessage(containing texts: [String], seconds: Double = 15) async throws -> String? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let match = messages().first(where: { message in texts.allSatisfy { message.contains($0) } }) {
                return match
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        return nil
    }
}

struct SMTPTestServerError: Error, CustomStringConvertible {
    let description: String
}

enum FreePort {
    static func find() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func isListening(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        } == 0
    }
}
