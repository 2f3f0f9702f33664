import Fluent
import Foundation
import HeardDomain
import Testing

@testable import HeardStorage
@testable import HeardWeb

@Suite("M0127: the day each equality impact assessment was first saved")
struct EIAFirstSavedMigrationTests {
    @Test(
        "an assessment saved before M0127 gets the UK day of its first save in the audit log; one with none stays unknown",
        arguments: TestDatabase.all)
    func backfilledFromTheAuditLog(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            func initiative(_ title: String) async throws -> Initiative {
                let item = Initiative(
                    title: title, what: "What", why: "Why", affectsServices: false, substantialVariation: false,
                    decisionBody: "Leeds Place Committee", targetDate: nil)
                try await item.create(on: app.db)
                try await EqualityAssessment(
                    initiativeID: item.id!, whoAffected: "Patients", entries: [:], status: .draft
                ).create(on: app.db)
                return item
            }
            let audited = try await initiative("Audited")
            let unaudited = try await initiative("Not audited")
            // 23:30 UTC on 31 March 2027 is 00:30 on 1 April in the UK (summer time).
            for (action, at) in [
                ("eia.signed_off", Date(timeIntervalSince1970: 1_900_000_000)),
                (
                    "eia.saved",
                    DecisionClock.startOfUKDay(SimpleDate(year: 2027, month: 4, day: 1)).addingTimeInterval(1_800)
                ),
                ("initiative.updated", Date(timeIntervalSince1970: 1_700_000_000)),
            ] {
                try await AuditEvent(
                    occurredAt: at, actorID: nil, actorLabel: "Tester", action: action, objectType: "initiative",
                    objectID: audited.id!.uuidString, summary: action
                ).create(on: app.db)
            }
            try await M0127_EqualityAssessmentFirstSaved.backfill(on: app.db)
            func firstSaved(_ item: Initiative) async throws -> String? {
                try await EqualityAssessment.query(on: app.db).filter(\.$initiative.$id == item.id!).first()?
                    .firstSavedOn
            }
            #expect(try await firstSaved(audited) == "2027-04-01")
            #expect(try await firstSaved(unaudited) == nil)
        }
    }
}
