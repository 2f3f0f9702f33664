import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// Who handles each complaint: given from the case page (audited), taken on by whoever acknowledges an
/// unhandled case, shown in the list and the daily digest, and "Only mine" for each handler.
@Suite("Complaint handlers")
struct ComplaintHandlersTests {
    @Test("cases are given to a handler, listed by handler, and taken on by acknowledging", arguments: TestDatabase.all)
    func handlers(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(iso: "2026-12-07")!)
            let (service, _) = try await Fixtures.service(on: app.db)
            let moderator = try await app.signedInBrowser(.moderator)
            let first = try await app.signedInBrowser(.complaintsHandler)
            let (email, password) = try await app.createUser(.complaintsHandler, email: "second@test.heard.example")
            let second = app.browser()
            _ = try await second.signIn(email: email, password: password)
            let secondUser = try #require(try await User.query(on: app.db).filter(\.$email == email).first())
            var paths: [String] = []
            for text in ["The ward lost my mother's hearing aids.", "Nobody returned my calls about the referral."] {
                let created = try await app.browser().postJSON(
                    "/api/v1/feedback", json: #"{"text": "\#(text)", "service_id": "\#(service.id!.uuidString)"}"#)
                #expect(created.status == .created)
                let item = try #require(
                    try await FeedbackItem.query(on: app.db).filter(\.$story == text).first())
                let escalated = try await moderator.post(
                    "/staff/moderation/\(item.id!.uuidString.lowercased())",
                    form: ["decision": "escalate", "reason": "A complaint", "contact_phone": "07700 900456"])
                #expect(escalated.status == .seeOther)
                let complaint = try #require(
                    try await Complaint.query(on: app.db).filter(\.$feedback.$id == item.id!).first())
                paths.append("/staff/complaints/\(complaint.id!.uuidString.lowercased())")
            }
            #expect(try await first.get(paths[0]).body.contains("Nobody yet"))

            let wrong = try await first.post(
                paths[0] + "/handler", form: ["handler_id": UUID().uuidString], tokenFrom: paths[0])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.body.contains("Choose a complaints handler from the list."))
            let given = try await first.post(
                paths[0] + "/handler", form: ["handler_id": secondUser.id!.uuidString], tokenFrom: paths[0])
            #expect(given.status == .seeOther)
            let afterGiving = try await first.get(paths[0])
            #expect(afterGiving.body.contains("\(secondUser.displayName) is handling this complaint."))
            #expect(
                try await AuditEvent.query(on: app.db).filter(\.$action == "complaint.assigned").count() == 1)

            // Acknowledging a case nobody handles takes it on.
            let acknowledged = try await first.post(
                paths[1] + "/acknowledge",
                form: ["acknowledged_on": "2026-12-07", "acknowledgement_note": "Phoned to talk it through."],
                tokenFrom: paths[1])
            #expect(acknowledged.status == .seeOther)
            let firstUser = try #require(
                try await User.query(on: app.db).filter(\.$role == .complaintsHandler)
                    .filter(\.$email != email).first())
            let mine = try await first.get("/staff/complaints?handler=me")
            let theirs = try await second.get("/staff/complaints?handler=me")
            let firstRef = try #require(
                try await Complaint.query(on: app.db).filter(\.$handler.$id == firstUser.id!).with(\.$feedback).first()
            ).feedback.reference
            let secondRef = try #require(
                try await Complaint.query(on: app.db).filter(\.$handler.$id == secondUser.id!).with(\.$feedback).first()
            ).feedback.reference
            #expect(mine.body.contains(firstRef) && !mine.body.contains(secondRef))
            #expect(theirs.body.contains(secondRef) && !theirs.body.contains(firstRef))
            #expect(mine.body.contains("Everyone's cases"))
            #expect(mine.body.contains("name=\"handler\" value=\"me\""), "the figures form keeps 'Only mine'")
            let everyone = try await first.get("/staff/complaints")
            #expect(everyone.body.contains(firstRef) && everyone.body.contains(secondRef))
            #expect(everyone.body.contains(secondUser.displayName))

            // The daily digest says who handles each case.
            let sent = try await Reminders.send(today: SimpleDate(iso: "2026-12-08")!, siteURL: "", on: app.db)
            #expect(sent.ran)
            let digest = try #require(
                try await Notice.query(on: app.db).filter(\.$kind == "reminder_complaints").first())
            #expect(digest.body.contains("(handled by \(secondUser.displayName))"))
        }
    }
}
