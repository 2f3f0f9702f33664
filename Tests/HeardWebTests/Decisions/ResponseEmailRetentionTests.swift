import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// An e-mail address given with a consultation response "only to send you the outcome" goes once it has been
/// used for that: housekeeping clears it when the outcome e-mail to it is sent, and at the latest 30 days after
/// the outcome is published.
@Suite("Consultation responses: the outcome address is cleared once used")
struct ResponseEmailRetentionTests {
    @Test(
        "the address goes once its outcome e-mail is sent, or 30 days after publishing; not before the outcome",
        arguments: TestDatabase.all)
    func clearedOnceSent(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(ConsultationTimingTests.today)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let closed = try await ConsultationTimingTests.consultation(
                opens: -100, closes: -10, stage: .analysis, responses: 0, on: app.db)
            func response(_ consultation: Consultation, _ email: String?, key: String) async throws -> SurveyResponse {
                let response = SurveyResponse(
                    consultationID: consultation.id!, channel: "online", placeID: nil, answers: [:],
                    redactedText: "Parking is hard.", submissionKey: key, contactEmail: email)
                try await response.create(on: app.db)
                return response
            }
            let told = try await response(closed, "ann@example.org", key: "k1")
            let waiting = try await response(closed, "ben@example.org", key: "k2")
            let silent = try await response(closed, nil, key: "k3")
            try await ConsultationTheme(
                consultationID: closed.id!, name: "Parking", summary: "Parking is hard.", mentions: 3, sentiment: 4,
                quote: "Parking is hard.", responseKind: .accepted, responseReason: "More spaces.",
                respondedOn: ConsultationTimingTests.today
            ).create(on: app.db)
            // Another consultation, its outcome not yet out: the address is still needed.
            let open = try await ConsultationTimingTests.consultation(
                opens: -10, closes: 30, stage: .consultation, responses: 0, on: app.db)
            let early = try await response(open, "ben@example.org", key: "k4")

            let path = ConsultationTimingTests.path(closed)
            #expect(
                try await officer.post(
                    path + "/publish", form: ["outcome_summary": "Most people worried about parking."], tokenFrom: path
                ).status == .seeOther)
            let notices = try await Notice.query(on: app.db).filter(\.$kind == "consultation_outcome").all()
            #expect(notices.count == 2)
            #expect(notices.allSatisfy { $0.consultationID == closed.id }, "each outcome e-mail names its consultation")
            // Ann's has gone; Ben's waits in the outbox, which keeps its own copy of his address.
            let toAnn = try #require(notices.first { $0.toAddress == "ann@example.org" })
            toAnn.status = .sent
            toAnn.sentAt = Date()
            try await toAnn.update(on: app.db)
            // An e-mail to Ben about something else, sent, does not count as his outcome.
            let other = Notice(
                to: "ben@example.org", subject: "Thank you", body: "Thanks", kind: "consultation_outcome")
            other.consultationID = open.id
            other.status = .sent
            try await other.create(on: app.db)

            // Housekeeping (the daily job) does it.
            let job = try await JobQueue(database: app.db, workerID: "test").enqueue(kind: HousekeepingJob.kind)
            try await HousekeepingJob.run(job, on: app.db, logger: app.app.logger)
            #expect(try await SurveyResponse.find(told.id, on: app.db)?.contactEmail == nil)
            #expect(try await SurveyResponse.find(waiting.id, on: app.db)?.contactEmail == "ben@example.org")
            #expect(try await SurveyResponse.find(early.id, on: app.db)?.contactEmail == "ben@example.org")
            #expect(try await SurveyResponse.find(silent.id, on: app.db)?.contactEmail == nil)

            // However the e-mail fared, the response's copy of the address goes 30 days after publishing.
            let publishedAt = try #require(try await Consultation.find(closed.id, on: app.db)?.analysisPublishedAt)
            #expect(
                try await ResponseEmailRetention.clearSent(
                    now: publishedAt.addingTimeInterval(29 * 86400), on: app.db) == 0)
            #expect(
                try await ResponseEmailRetention.clearSent(
                    now: publishedAt.addingTimeInterval(30 * 86400), on: app.db) == 1)
            #expect(try await SurveyResponse.find(waiting.id, on: app.db)?.contactEmail == nil)
            #expect(try await SurveyResponse.find(early.id, on: app.db)?.contactEmail == "ben@example.org")
            let notice = try await app.browser().get(SiteURL.privacy).body
            #expect(
                notice.contains(
                    "An e-mail address given with a consultation response is deleted from the response once the outcome has been e-mailed, and at the latest 30 days after the outcome is published."
                ))

            // M0156 reverts, keeping every e-mail, and applies again (Fluent's SQLite revert leaves the column).
            guard database.engine == .postgres else { return }
            let migration = try #require(
                HeardMigrations.all.first { String(describing: type(of: $0)) == "M0156_NoticeConsultation" }
                    as? any AsyncMigration)
            let before = try await Notice.query(on: app.db).count()
            try await migration.revert(on: app.db)
            try await migration.prepare(on: app.db)
            #expect(try await Notice.query(on: app.db).count() == before)
            #expect(try await Notice.query(on: app.db).filter(\.$consultationID != nil).count() == 0)
        }
    }
}
