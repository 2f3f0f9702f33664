import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// E-mails go out without direction override and isolate controls (U+202A–U+202E, U+2066–U+2069), even from a
/// notice queued with them before the text it was written from was cleaned on saving (M0135 cleaned the stored
/// text, not the outbox).
@Suite("E-mails without direction override controls")
struct NoticeBidiControlTests {
    static let subject = "You said, we did: \u{202E}sngis wen\u{202C} in the car park"
    static let body = "Hello,\n\n\u{2067}We put up\u{2069} new signs by the \u{202D}main entrance\u{202C}.\n"

    @Test("the message sent from a notice holds none of the controls, and keeps every other character")
    func messageLeavesThemOut() {
        let notice = Notice(
            to: "person@example.org", subject: Self.subject + " שער", body: Self.body + "\u{200F}שער\n",
            kind: "we_did")
        let message = NoticeDelivery.message(notice, from: "Heard <heard@example.org>")
        #expect(message.subject == "You said, we did: sngis wen in the car park שער")
        #expect(message.body == "Hello,\n\nWe put up new signs by the main entrance.\n\u{200F}שער\n", "RLM is kept")
        #expect(message.to == "person@example.org" && message.from == "Heard <heard@example.org>")
        #expect(!BidiControlTests.hasControl(SMTPClient.content(of: message)))
    }

    @Test(
        "a notice queued with the controls reaches the mail server without them",
        .enabled(if: SMTPTestServer.isAvailable),
        arguments: TestDatabase.all)
    func queuedNoticeIsSentClean(_ database: TestDatabase) async throws {
        let smtp = try SMTPTestServer()
        defer { smtp.stop() }
        try await TestApp.run(
            on: database,
            configure: smtp.sendsMail
        ) { app in
            // Queued as an older Heard wrote it, straight into the outbox.
            let notice = Notice(to: "sam.person@example.org", subject: Self.subject, body: Self.body, kind: "we_did")
            try await notice.create(on: app.db)
            // A minute, not the default 15 seconds: the suite runs beside many others, SQLite and PostgreSQL at
            // once, and under that load CI once saw the worker take longer.
            let mail = try #require(
                try await smtp.waitForMessage(containing: ["To: sam.person@example.org"], seconds: 60),
                "the notice was sent")
            // Plain ASCII once the controls are out, so the subject is not encoded.
            #expect(mail.contains("Subject: You said, we did: sngis wen in the car park"), "\(mail)")
            #expect(mail.contains("We put up new signs by the main entrance."), "\(mail)")
            #expect(!BidiControlTests.hasControl(mail))
            // The worker marks it sent once the server has taken it, a moment after the message lands.
            var sent = try #require(try await Notice.find(notice.id, on: app.db))
            for _ in 0..<100 where sent.status != .sent {
                try await Task.sleep(for: .milliseconds(100))
                sent = try #require(try await Notice.find(notice.id, on: app.db))
            }
            #expect(sent.status == .sent)
            // The outbox keeps the notice as it was written; only what is sent leaves the controls out.
            #expect(sent.subject == Self.subject)
            let admin = try await app.signedInBrowser(.administrator)
            let outbox = try await admin.get("/staff/notices")
            #expect(outbox.status == .ok)
            #expect(outbox.body.contains("sngis wen in the car park"))
        }
    }
}
