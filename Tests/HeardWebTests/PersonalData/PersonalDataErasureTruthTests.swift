import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// The erasure preview says what erasing will do, and the page says the same afterwards: an e-mail about a
/// complaint that is kept is kept (and still sent) with it. The reason for erasing is refused for naming the
/// person because it outlives the erasure in the audit log, not because it is published.
@Suite("Requests about personal data: the preview tells the truth")
struct PersonalDataErasureTruthTests {
    @Test(
        "a queued e-mail about a kept complaint is shown as kept before and after erasing; a named reason is explained",
        arguments: TestDatabase.all)
    func complaintEmailKept(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, _) = try await Fixtures.service(on: app.db)
            let admin = try await app.signedInBrowser(.administrator)
            let formPath = "/staff/feedback/new/form?service=\(service.id!.uuidString)"
            let entered = try await admin.post(
                "/staff/feedback/new?service=\(service.id!.uuidString)",
                form: [
                    "service_id": service.id!.uuidString, "story": "Formal complaint: my discharge was unsafe.",
                    "consent_to_publish": "no", "channel": "letter", "contact_email": "kim@example.org",
                    "contact_name": "Kim Lee", "is_complaint": "yes",
                ], tokenFrom: formPath)
            #expect(entered.status == .seeOther)
            let complaint = try #require(try await FeedbackItem.query(on: app.db).first())
            let receipt = Notice(
                to: "kim@example.org", subject: "We have your complaint", body: "Dear Kim, we have it.",
                kind: "feedback_receipt", feedbackID: complaint.id)
            try await receipt.create(on: app.db)
            let other = Notice(to: "kim@example.org", subject: "News", body: "Dear Kim", kind: "reply")
            try await other.create(on: app.db)
            _ = try await admin.get("/staff/notices")

            let search = "/staff/personal-data?email=kim@example.org"
            let kept = "Kept with the complaint, which the law requires: it is still sent."
            var page = try await admin.get(search).body
            #expect(page.contains(kept), "\(page)")
            #expect(page.contains("Not sent yet: it is cancelled."), "the other e-mail is cancelled")

            let named = try await admin.post(
                "/staff/personal-data/erase",
                form: [
                    "email": "kim@example.org", "reason": "Mrs Kim Lee asked by letter to delete it.", "confirm": "yes",
                ],
                tokenFrom: search)
            #expect(named.status == .unprocessableEntity)
            #expect(!named.body.contains("This is published"))
            #expect(
                named.body.contains(
                    "The reason is kept in the audit log after the erasure, so it must not say who the person is: remove"
                ), "\(named.body)")

            let erased = try await admin.post(
                "/staff/personal-data/erase",
                form: [
                    "email": "kim@example.org", "reason": "Asked by letter on 3 December 2026; identity checked.",
                    "confirm": "yes",
                ], tokenFrom: search)
            #expect(erased.status == .seeOther)
            let told = try await admin.get(try #require(erased.location)).body
            #expect(told.contains("Erased: 1 e-mail."), "\(told)")
            #expect(told.contains("1 e-mail about a kept complaint kept with it"), "\(told)")
            let stillQueued = try #require(try await Notice.find(receipt.id, on: app.db))
            #expect(stillQueued.status == .queued && stillQueued.toAddress == "kim@example.org")
            #expect(try await Notice.find(other.id, on: app.db) == nil)

            page = try await admin.get(search).body
            #expect(page.contains(kept))
            #expect(!page.contains("it is cancelled"), "the page no longer says it will be cancelled")
            #expect(page.contains("There is nothing more to erase"))
        }
    }
}
