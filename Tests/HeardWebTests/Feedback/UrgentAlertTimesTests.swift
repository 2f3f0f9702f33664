import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// An urgent alert says when the person wrote: feedback imported from last year's survey raises its alert
/// today, and must not read as if someone wrote this morning.
@Suite("Urgent alerts: when the person wrote")
struct UrgentAlertTimesTests {
    @Test(
        "the dashboard shows when the feedback was written, and when the alert was raised if later",
        arguments: TestDatabase.all)
    func times(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, place) = try await Fixtures.service(on: app.db)
            let old = try await ScaleQueryTests.item(
                "HRD-URGOLD01", service: service, place: place, themes: [], receivedDaysAgo: 0, on: app.db)
            old.receivedAt = try #require(DateInput.parse("2025-03-03"))  // 12:00 UK time
            try await old.save(on: app.db)
            let fresh = try await ScaleQueryTests.item(
                "HRD-URGNEW01", service: service, place: place, themes: [], receivedDaysAgo: 0, on: app.db)
            try await UrgentAlert(feedbackID: old.id!, reasons: "safeguarding").create(on: app.db)
            try await UrgentAlert(feedbackID: fresh.id!, reasons: "danger").create(on: app.db)
            let moderator = try await app.signedInBrowser(.moderator)
            let dashboard = try await moderator.get("/staff").body
            let raised = try #require(
                try await UrgentAlert.query(on: app.db).filter(\.$feedback.$id == old.id!).first()?.createdAt)
            #expect(
                dashboard.contains(
                    "safeguarding – written 3 Mar 2025, 12:00 (alert raised \(raised.formatted(AuditPage.dateFormat)))")
            )
            let written = fresh.receivedAt.formatted(AuditPage.dateFormat)
            #expect(dashboard.contains("danger – written \(written)<"), "raised at once: one time is enough")
        }
    }
}
