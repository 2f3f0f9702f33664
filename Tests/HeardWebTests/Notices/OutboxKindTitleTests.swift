import Foundation
import Testing

@testable import HeardWeb

@Suite("E-mail outbox: every kind of e-mail has a name")
struct OutboxKindTitleTests {
    /// Every `kind: "…"` the app's own code gives a notice, read from its source.
    static func kindsWritten() throws -> Set<String> {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources/HeardWeb")
        var kinds: Set<String> = []
        let files = try #require(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil))
        for case let file as URL in files where file.pathExtension == "swift" {
            let text = try String(contentsOf: file, encoding: .utf8)
            // Only notices: an agenda item's kind is not an e-mail.
            guard text.contains("Notice(") else { continue }
            for match in text.matches(of: /\"""\s*,\s*kind:\s*"([a-z_]+)"|Notice\([^)]*kind:\s*"([a-z_]+)"/) {
                if let kind = match.output.1 ?? match.output.2 { kinds.insert(String(kind)) }
            }
        }
        return kinds
    }

    @Test("the outbox names each kind in words, not its code")
    func everyKindNamed() throws {
        let written = try Self.kindsWritten()
        #expect(written.contains("event_signup") && written.contains("reply"), "the scan finds the kinds: \(written)")
        let named = Set(OutboxController.kindTitles.map(\.kind))
        #expect(written.subtracting(named).isEmpty, "kinds with no name: \(written.subtracting(named).sorted())")
    }
}
