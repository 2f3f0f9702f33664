import Fluent
import Foundation
import HeardDomain
import HeardStorage
import HeardWeb
import Testing

@Suite("Moderation")
struct ModerationTests {
    /// Two moderators signed in with their own accounts.
    static func twoModerators(_ app: TestApp) async throws -> (TestBrowser, TestBrowser) {
        let first = try await app.signedInBrowser(.moderator)
        let (email, password) = try await app.createUser(.moderator, email: "second.moderator@test.heard.example")
        let second = app.browser()
        _ = try await second.signIn(email: email, password: password)
        return (first, second)
    }

    @Test(
        "two moderators deciding the same item at once: one decision is kept, the other is refused with 409 and saves nothing",
        arguments: TestDatabase.all)
    func concurrentDecisions(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, place) = try await Fixtures.service(on: app.db)
            let (first, second) = try await Self.twoModerators(app)
            for round in 0..<3 {
                let item = try await ScaleQueryTests.item(
                    "HRD-RACE000\(round)", service: service, place: place, themes: [], status: .awaitingModeration,
                    receivedDaysAgo: 1, on: app.db)
                let path = SiteURLPaths.moderate(item.id!)
                let tokens = (try await first.get(path).csrfToken ?? "", try await second.get(path).csrfToken ?? "")
                async let escalated = first.post(
                    path,
                    form: [
                        "decision": "escalate", "reason": "Describes harm: a complaint", "published_text": "x",
                        "_csrf": tokens.0,
                    ])
                async let rejected = second.post(
                    path,
                    form: [
                        "decision": "reject", "reason": "Not about our services", "published_text": "x",
                        "_csrf": tokens.1,
                    ])
                let (escalate, reject) = try await (escalated, rejected)
                #expect(
                    Set([escalate.status, reject.status]) == [.seeOther, .conflict],
                    "round \(round): one decision wins, the other is refused")
                let loser = escalate.status == .conflict ? escalate : reject
                #expect(loser.body.contains("already been moderated by Moderator Tester"))
                #expect(loser.body.contains("Your decision was not saved"))

                let stored = try #require(try await FeedbackItem.find(item.id, on: app.db))
                let complaints = try await Complaint.query(on: app.db).filter(\.$feedback.$id == item.id!).count()
                let events = try await AuditEvent.query(on: app.db).filter(\.$objectID == item.id!.uuidString).all()
                if escalate.status == .seeOther {
                    #expect(stored.status == .escalated)
                    #expect(stored.moderationNote == "Describes harm: a complaint")
                    #expect(complaints == 1)
                    #expect(events.map(\.action) == ["feedback.escalate"])
                } else {
                    #expect(stored.status == .rejected)
                    #expect(stored.moderationNote == "Not about our services")
                    #expect(complaints == 0, "a rejected item has no complaint running")
                    #expect(events.map(\.action) == ["feedback.reject"])
                }
            }
        }
    }

    @Test(
        "a decision sent after another moderator's is refused with 409, naming who decided", arguments: TestDatabase.all
    )
    func lateDecision(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, place) = try await Fixtures.service(on: app.db)
            let (first, second) = try await Self.twoModerators(app)
            let item = try await ScaleQueryTests.item(
                "HRD-LATE0001", service: service, place: place, themes: [], status: .awaitingModeration,
                receivedDaysAgo: 1, on: app.db)
            let path = SiteURLPaths.moderate(item.id!)
            let staleToken = try #require(try await second.get(path).csrfToken)
            let approved = try await first.post(
                path, form: ["decision": "approve", "published_text": "Story HRD-LATE0001"])
            #expect(approved.status == .seeOther)
            let late = try await second.post(
                path, form: ["decision": "escalate", "reason": "A complaint", "_csrf": staleToken])
            #expect(late.status == .conflict)
            #expect(late.body.contains("HRD-LATE0001 has already been moderated by Moderator Tester (published)"))
            #expect(late.body.contains("href=\"#field-decision\""))
            #expect(late.body.contains("id=\"field-decision\""))
            #expect(try await FeedbackItem.find(item.id, on: app.db)?.status == .published)
            #expect(try await Complaint.query(on: app.db).count() == 0)
        }
    }
}

/// Staff paths the tests build, spelt as the app spells them.
enum SiteURLPaths {
    static func moderate(_ id: UUID) -> String { "/staff/moderation/\(id.uuidString.lowercased())" }
    static func feedback(_ id: UUID) -> String { "/staff/feedback/\(id.uuidString.lowercased())" }
}
