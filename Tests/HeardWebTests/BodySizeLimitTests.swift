import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A request that says it will send gigabytes is refused when its head arrives, not after the server has waited
/// for (or read) the body; the route's own limit still holds for bodies sent without a length.
@Suite("Request bodies: an oversized declared length is refused at once")
struct BodySizeLimitTests {
    #if canImport(Glibc)
        /// Sends raw bytes over TCP and returns what comes back within `seconds` (HTTP clients will not send a
        /// Content-Length that disagrees with the body).
        static func exchange(port: Int, _ text: String, seconds: Int = 30) throws -> String {
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            try #require(descriptor >= 0)
            defer { close(descriptor) }
            var timeout = timeval(tv_sec: seconds, tv_usec: 0)
            setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            try #require(connected == 0)
            let bytes = Array(text.utf8)
            _ = bytes.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, 0) }
            var received: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
                if count <= 0 { break }
                received += buffer[0..<count]
                if String(decoding: received, as: UTF8.self).contains("\r\n\r\n{") { break }
            }
            return String(decoding: received, as: UTF8.self)
        }

        /// The body is never sent: without the early check the server would wait for it, and nothing would come
        /// back before the socket's 30-second timeout.
        @Test("a JSON body declared as 10 GB gets 413 with a message, without the body being sent")
        func declaredTooLarge() async throws {
            try await TestApp.run(on: .sqlite) { app in
                let port = Int(app.baseURL.split(separator: ":").last!)!
                let response = try Self.exchange(
                    port: port,
                    "POST /api/v1/feedback HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 10000000000\r\n\r\n{")
                #expect(response.hasPrefix("HTTP/1.1 413"), "\(response.prefix(200))")
                #expect(response.contains("Send less than 2 MB"))
                // A form of ordinary size is not affected.
                let small = try await app.browser().postJSON("/api/v1/feedback", json: "{}")
                #expect(small.status != .payloadTooLarge)
            }
        }
    #endif
}
