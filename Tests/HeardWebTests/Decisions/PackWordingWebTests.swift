import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// The staff consultation page checks the pack's public text for reading age and jargon, as warnings.
@Suite("Consultation pack wording warnings")
struct PackWordingWebTests {
    @Test(
        "a hard background and an unexplained abbreviation are warned about; a plain pack is not",
        arguments: TestDatabase.all)
    func warnings(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(EIABeforeOpeningWebTests.setUpOn)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let (_, consultation, _) = try await EIABeforeOpeningWebTests.consultation(on: app.db)
            let path = "/staff/consultations/\(consultation.id!.uuidString.lowercased())"

            let plain = try await officer.get(path)
            #expect(plain.status == .ok)
            #expect(plain.body.contains("Pack wording"))
            #expect(plain.body.contains("read plainly: no warnings"))
            #expect(!plain.body.contains("hard to read"))

            consultation.background =
                "The proposed reconfiguration of ophthalmology outpatient provision necessitates consideration of alternative accommodation."
            consultation.reasons = "The ICB wants more room."
            try await consultation.save(on: app.db)
            let hard = try await officer.get(path)
            #expect(hard.status == .ok)
            #expect(
                hard.body.contains(
                    "The background is hard to read (reading age over 18, the target is 11 or under)"))
            #expect(hard.body.contains("use shorter sentences and everyday words."))
            #expect(
                hard.body.contains("The reasons: &quot;ICB&quot; may not be understood.")
                    || hard.body.contains("The reasons: \"ICB\" may not be understood."))
            #expect(hard.body.contains("These warnings do not stop the consultation"))
            #expect(!hard.body.contains("read plainly: no warnings"))
        }
    }
}
