import Fluent
import Foundation
import HeardDomain
import SQLKit
import Testing

@testable import HeardStorage
@testable import HeardWeb

/// Regulation 12(4): a complaint made more than 12 months late is taken on only with a good reason for the delay
/// and when it can still be investigated effectively and fairly. The handler records both at acknowledgement.
@Suite("Complaints taken on although late")
struct LateComplaintTests {
    static let note = "Phoned; the ward manager will look into it."

    @Test(
        "a late complaint needs the reason and the confirmation that it can still be investigated fairly",
        arguments: TestDatabase.all)
    func bothPartsOfRegulation12(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(iso: "2026-06-03")!)
            let (service, place) = try await Fixtures.service(on: app.db)
            let complaint = try await ComplaintFixtures.complaint(
                "HRD-LATE0101", receivedOn: "2026-06-01", service: service, place: place, on: app.db)
            let handler = try await app.signedInBrowser(.complaintsHandler)
            let path = ComplaintFixtures.path(complaint)
            let form = try await handler.get(path)
            let box = try #require(ComplaintFixtures.control("late_still_fair", in: form.body))
            #expect(box.contains("type=\"checkbox\"") && !box.contains("checked"))
            #expect(form.body.contains("It is still possible to investigate this fairly and well"))

            // The reason without the confirmation: refused, linked to the box, what was typed kept.
            let reasonOnly = try await handler.post(
                path + "/acknowledge",
                form: [
                    "acknowledged_on": "2026-06-02", "acknowledgement_note": Self.note, "event_on": "2025-03-01",
                    "late_reason": "She was in hospital until May.",
                ], tokenFrom: path)
            #expect(reasonOnly.status == .unprocessableEntity)
            #expect(
                reasonOnly.body.contains(
                    "can only be taken on if it is still possible to investigate it fairly and well (regulation 12(4))")
            )
            #expect(reasonOnly.body.contains("href=\"#field-late_still_fair\""), "the summary links to the box")
            let refusedBox = try #require(ComplaintFixtures.control("late_still_fair", in: reasonOnly.body))
            #expect(refusedBox.contains("aria-invalid=\"true\""))
            #expect(refusedBox.contains("field-late_still_fair-error"))
            #expect(reasonOnly.body.contains("She was in hospital until May."), "the reason typed is kept")
            #expect(reasonOnly.body.contains("value=\"2025-03-01\""), "the date typed is kept")
            #expect(!reasonOnly.body.contains("say why it is still taken on"), "the reason was given")
            #expect(try await Complaint.find(complaint.id, on: app.db)?.acknowledgedOn == nil, "nothing saved")

            // Neither part: both asked for at once. The ticked box is kept while the reason is missing.
            let neither = try await handler.post(
                path + "/acknowledge",
                form: ["acknowledged_on": "2026-06-02", "acknowledgement_note": Self.note, "event_on": "2025-03-01"],
                tokenFrom: path)
            #expect(neither.status == .unprocessableEntity)
            #expect(neither.body.contains("say why it is still taken on"))
            #expect(neither.body.contains("Tick the box to confirm it is"))
            let confirmedOnly = try await handler.post(
                path + "/acknowledge",
                form: [
                    "acknowledged_on": "2026-06-02", "acknowledgement_note": Self.note, "event_on": "2025-03-01",
                    "late_still_fair": "yes",
                ], tokenFrom: path)
            #expect(confirmedOnly.status == .unprocessableEntity)
            #expect(
                try #require(ComplaintFixtures.control("late_still_fair", in: confirmedOnly.body)).contains("checked"))
            #expect(!confirmedOnly.body.contains("Tick the box to confirm it is"))

            let both = try await handler.post(
                path + "/acknowledge",
                form: [
                    "acknowledged_on": "2026-06-02", "acknowledgement_note": Self.note, "event_on": "2025-03-01",
                    "late_reason": "She was in hospital until May.", "late_still_fair": "yes",
                ], tokenFrom: path)
            #expect(both.status == .seeOther)
            let saved = try #require(try await Complaint.find(complaint.id, on: app.db))
            #expect(saved.lateReason == "She was in hospital until May.")
            #expect(saved.lateStillFair)
            let page = try await handler.get(path).body
            #expect(page.contains("taken on because: She was in hospital until May."))
            #expect(page.contains("<dt>Still possible to investigate fairly and well</dt>"))
            #expect(page.contains("Yes, confirmed when it was taken on"))
            let audit = try #require(
                try await AuditEvent.query(on: app.db).filter(\.$action == "complaint.acknowledged").first())
            #expect(
                AuditLog.decodeChanges(audit.changes).contains(FieldChange("late_still_fair", from: nil, to: "yes")),
                "\(audit.changes)")
            #expect(!audit.changes.contains("hospital"), "the reason's own words stay on the case")
            let changes = AuditLog.decodeChanges(audit.changes)
            #expect(changes.contains(FieldChange("event_on", from: nil, to: "2025-03-01")))
            #expect(changes.contains(FieldChange("late_reason_given", from: nil, to: "yes")))
        }
    }

    @Test(
        "a complaint within the time limit needs no confirmation; one taken on late before it was asked shows 'not recorded'",
        arguments: TestDatabase.all)
    func inTimeAndRecordedBefore(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(iso: "2026-06-03")!)
            let (service, place) = try await Fixtures.service(on: app.db)
            let handler = try await app.signedInBrowser(.complaintsHandler)
            let inTime = try await ComplaintFixtures.complaint(
                "HRD-LATE0102", receivedOn: "2026-06-01", service: service, place: place, on: app.db)
            let inTimePath = ComplaintFixtures.path(inTime)
            let acknowledged = try await handler.post(
                inTimePath + "/acknowledge",
                form: ["acknowledged_on": "2026-06-02", "acknowledgement_note": Self.note, "event_on": "2025-07-01"],
                tokenFrom: inTimePath)
            #expect(acknowledged.status == .seeOther)
            let inTimePage = try await handler.get(inTimePath).body
            #expect(!inTimePage.contains("Still possible to investigate fairly and well"))
            #expect(try await AuditEvent.query(on: app.db).first()?.changes.contains("late_still_fair") == false)

            // As M0129 leaves a case taken on late before it asked: a reason, no confirmation.
            let earlier = try await ComplaintFixtures.complaint(
                "HRD-LATE0103", receivedOn: "2026-06-01", acknowledgedOn: "2026-06-02", service: service,
                place: place, on: app.db)
            earlier.eventOn = "2025-03-01"
            earlier.lateReason = "He was abroad."
            try await earlier.save(on: app.db)
            let earlierPage = try await handler.get(ComplaintFixtures.path(earlier)).body
            #expect(earlierPage.contains("taken on because: He was abroad."))
            #expect(earlierPage.contains("Not recorded: it was taken on before Heard asked"))
        }
    }

    @Test("M0129 gives complaints already recorded 'not confirmed'", arguments: TestDatabase.all)
    func migrationDefault(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, place) = try await Fixtures.service(on: app.db)
            let complaint = try await ComplaintFixtures.complaint(
                "HRD-LATE0104", receivedOn: "2026-06-01", service: service, place: place, on: app.db)
            complaint.lateStillFair = true
            try await complaint.save(on: app.db)
            // As the table stood before M0129 (Fluent's SQLite revert leaves the column, so it is dropped here).
            // One connection for both: SQLite's other pooled connections may still hold the old schema.
            try await app.db.transaction { db in
                try await (db as! any SQLDatabase).raw("ALTER TABLE complaints DROP COLUMN late_still_fair").run()
                try await M0129_ComplaintLateStillFair().prepare(on: db)
            }
            #expect(try await Complaint.find(complaint.id, on: app.db)?.lateStillFair == false)
        }
    }
}
