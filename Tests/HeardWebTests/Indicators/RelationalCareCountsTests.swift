import Fluent
import Foundation
import HeardDomain
import HeardStorage
import HeardWeb
import Testing

@Suite("Relational care in feedback counts only feedback moderators kept")
struct RelationalCareCountsTests {
    @Test(
        "rejected feedback and feedback waiting for moderation are left out of the quarter's comments and shares",
        arguments: TestDatabase.all)
    func onlyKeptFeedback(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(year: 2026, month: 12, day: 4))
            let (service, _) = try await Fixtures.service(on: app.db)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            // Every comment speaks of kindness; each ends in a different moderation status.
            let statuses: [FeedbackStatus] = [
                .published, .approvedPrivate, .escalated, .withdrawn, .rejected, .awaitingModeration, .rejected,
            ]
            for index in statuses.indices {
                let created = try await app.browser().postJSON(
                    "/api/v1/feedback",
                    json:
                        #"{"text": "The nurses were so kind and caring, visit \#(index).", "service_id": "\#(service.id!.uuidString)"}"#
                )
                #expect(created.status == .created)
            }
            let items = try await FeedbackItem.query(on: app.db).all()
            #expect(items.count == statuses.count)
            #expect(items.allSatisfy { $0.relationalList.contains("compassion") }, "the engine reads kindness")
            for (item, status) in zip(items, statuses) {
                item.receivedAt = Date(timeIntervalSince1970: 1_794_744_000)  // November 2026
                item.status = status
                try await item.save(on: app.db)
            }
            let page = try await officer.get("/staff/indicators?place=calderdale")
            // Four kept (published, private, escalated, withdrawn), all about compassion; three left out.
            #expect(page.body.contains("October to December 2026</th><td>4</td><td>100%</td>"))
            #expect(
                page.body.contains(
                    "Counted: feedback moderators kept, whether published, approved but not published, escalated to a complaint or withdrawn from publication. Feedback still waiting for moderation, and feedback moderators rejected, is left out, as are answers with no comment, non-answers such as \"N/A\", and comments that may not be in English."
                ))
        }
    }
}
