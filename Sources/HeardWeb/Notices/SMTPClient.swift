import Foundation
import NIOCore
import NIOPosix

/// A minimal SMTP client (RFC 5321) for handing notices to the organisation's mail relay:
/// EHLO, MAIL FROM, RCPT TO, DATA, QUIT. No TLS or AUTH: Heard expects a relay on localhost or a
/// trusted network, which is how NHS organisations usually run outbound mail.
struct SMTPClient: Sendable {
    let host: String
    let port: Int
    let heloName: String
    let timeout: TimeAmount

    init(host: String, port: Int, heloName: String = "heard.local", timeout: TimeAmount = .seconds(20)) {
        self.host = host
        self.port = port
        self.heloName = heloName
        self.timeout = timeout
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    struct Message: Sendable {
        var from: String
        var to: String
        var subject: String
        var body: String
    }

    func send(_ message: Message, on group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) async throws {
        let channel = try await ClientBootstrap(group: group)
            .connectTimeout(timeout)
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        try await channel.executeThenClose { inbound, outbound in
            var reader = ReplyReader(iterator: inbound.makeAsyncIterator())
            func expect(_ codes: Set<Int>, after step: String) async throws {
                let (code, text) = try await reader.nextReply()
                guard codes.contains(code) else {
                    throw Failure(description: "\(step): the server said \(code) \(text)")
                }
            }
            func send(_ line: String) async throws {
                try await outbound.write(ByteBuffer(string: line + "\r\n"))
            }
            try await expect([220], after: "greeting")
            try await send("EHLO \(heloName)")
            try await expect([250], after: "EHLO")
            try await send("MAIL FROM:<\(Self.address(message.from))>")
            try await expect([250], after: "MAIL FROM")
            try await send("RCPT TO:<\(Self.address(message.to))>")
            try await expect([250, 251], after: "RCPT TO")
            try await send("DATA")
            try await expect([354], after: "DATA")
            try await outbound.write(ByteBuffer(string: Self.content(of: message)))
            try await expect([250], after: "message body")
            try await send("QUIT")
            _ = try? await reader.nextReply()
        }
    }

    /// The bare address from "Name <a@b>" or "a@b".
    static func address(_ text: String) -> String {
        if let open = text.lastIndex(of: "<"), let close = text.lastIndex(of: ">"), open < close {
            return String(text[text.index(after: open)..<close])
        }
        return text.trimmingCharacters(in: .whitespaces)
    }

    /// Headers and body with CRLF line ends and dot-stuffing, ending with the lone dot.
    static func content(of message: Message) -> String {
        let date = Date().formatted(
            Date.VerbatimFormatStyle(
                format:
                    "\(weekday: .abbreviated), \(day: .twoDigits) \(month: .abbreviated) \(year: .defaultDigits) \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits):\(second: .twoDigits) +0000",
                locale: Locale(identifier: "en_US_POSIX"), timeZone: .gmt, calendar: Calendar(identifier: .gregorian)))
        var lines = [
            "From: \(message.from)", "To: \(message.to)", "Subject: \(encodeHeader(message.subject))", "Date: \(date)",
            "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit", "",
        ]
        for line in message.body.replacingOccurrences(of: "\r\n", with: "\n").split(
            separator: "\n", omittingEmptySubsequences: false)
        {
            lines.append(line.hasPrefix(".") ? "." + line : String(line))
        }
        lines.append(".")
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// RFC 2047 encoding for subjects that are not plain ASCII.
    static func encodeHeader(_ text: String) -> String {
        let clean = text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        guard !clean.allSatisfy(\.isASCII) else { return clean }
        return "=?utf-8?B?" + Data(clean.utf8).base64EncodedString() + "?="
    }

    /// Reads SMTP replies, joining multi-line ones ("250-…" then "250 …").
    struct ReplyReader {
        var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
        var pending = ""

        mutating func nextLine() async throws -> String {
            while true {
                if let range = pending.range(of: "\r\n") {
                    let line = String(pending[..<range.lowerBound])
                    pending.removeSubrange(..<range.upperBound)
                    return line
                }
                guard var buffer = try await iterator.next() else {
                    throw Failure(description: "the mail server closed the connection")
                }
                pending += buffer.readString(length: buffer.readableBytes) ?? ""
            }
        }

        mutating func nextReply() async throws -> (Int, String) {
            var text: [String] = []
            while true {
                let line = try await nextLine()
                guard line.count >= 3, let code = Int(line.prefix(3)) else {
                    throw Failure(description: "the mail server sent an unreadable reply: \(line.prefix(80))")
                }
                text.append(String(line.dropFirst(4)))
                if line.count == 3 || line[line.index(line.startIndex, offsetBy: 3)] == " " {
                    return (code, text.joined(separator: " "))
                }
            }
        }
    }
}
