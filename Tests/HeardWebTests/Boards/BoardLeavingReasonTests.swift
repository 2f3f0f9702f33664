import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// The reason for correcting or cancelling a leaving is kept in the audit log, so it may not repeat personal data.
extension BoardMembershipOverlapTests {
    @Test(
        "a reason for correcting or cancelling a leaving that repeats personal data is refused",
        arguments: TestDatabase.all)
    func personalDataInTheReason(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(Self.today)
            let secretary = try await app.signedInBrowser(.boardSecretary)
            let (_, _, path) = try await Self.committee(on: app.db)
            try await Self.leave(path, on: "2026-12-01", secretary)
            let version = try ConcurrentEditTests.version(try await secretary.get(path))
            let reason = "Sarah Whitaker told me, call her on 07700 900123"
            let message = "Describe the reason without repeating the personal data (the phone number \"07700 900123\")"
            let corrected = try await secretary.post(
                path + "/leave/date",
                form: ["left_on": "2026-11-28", "left_on_reason": reason, EditVersion.fieldName: version],
                tokenFrom: path)
            #expect(corrected.status == .unprocessableEntity)
            #expect(corrected.body.contains(message), "\(corrected.body)")
            #expect(corrected.body.contains("value=\"2026-11-28\""), "the typed date is kept")
            let cancelled = try await secretary.post(
                path + "/leave/cancel", form: ["not_left_reason": reason, EditVersion.fieldName: version],
                tokenFrom: path)
            #expect(cancelled.status == .unprocessableEntity)
            #expect(cancelled.body.contains(message))
            #expect(try await Self.memberships("Sarah Whitaker", app.db).map(\.leftOn) == ["2026-12-01"])
            let audited = try await AuditEvent.query(on: app.db)
                .filter(\.$action ~~ ["board.member_leaving_corrected", "board.member_leaving_cancelled"]).count()
            #expect(audited == 0, "nothing refused reaches the audit log")

            // Naming members, whose names are on the public register, is fine.
            let fine = try await secretary.post(
                path + "/leave/date",
                form: [
                    "left_on": "2026-11-28",
                    "left_on_reason": "Sarah Whitaker's letter of resignation to Dr Amira Khan is dated 28 November.",
                    EditVersion.fieldName: version,
                ], tokenFrom: path)
            #expect(fine.status == .seeOther)
        }
    }
}
