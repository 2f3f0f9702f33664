import Fluent
import Foundation
import HeardDomain
import Testing

@testable import HeardStorage
@testable import HeardWeb

@Suite("M0130: the day each theme response in a decision paper was last changed")
struct ThemeResponseDatesMigrationTests {
    @Test(
        "a response recorded before M0130 gets the UK day of its latest answer in the audit log; others stay unknown",
        arguments: TestDatabase.all)
    func backfilledFromTheAuditLog(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let consultation = try await ConsultationTimingTests.consultation(
                opens: -100, closes: -10, stage: .analysis, responses: 3, on: app.db)
            func theme(_ name: String, answered: Bool) async throws -> ConsultationTheme {
                let theme = ConsultationTheme(
                    consultationID: consultation.id!, name: name, summary: "s", mentions: 1, sentiment: 3, quote: "",
                    responseKind: answered ? .accepted : nil, responseReason: answered ? "Because." : "")
                try await theme.create(on: app.db)
                return theme
            }
            let travel = try await theme("Travel", answered: true)
            let travelCosts = try await theme("Travel costs", answered: true)
            let parking = try await theme("Parking", answered: true)
            let carers = try await theme("Carers", answered: false)
            let first = DecisionClock.startOfUKDay(SimpleDate(year: 2027, month: 3, day: 20))
            // Half past midnight on 1 April in the UK is still 31 March in UTC.
            let latest = DecisionClock.startOfUKDay(SimpleDate(year: 2027, month: 4, day: 1)).addingTimeInterval(1_800)
            for (summary, at) in [
                ("Answered theme Travel: Not accepted", first), ("Answered theme Travel: Accepted", latest),
                ("Answered theme Travel costs: Accepted", first),
                ("Answered theme Carers: Accepted", latest),
            ] {
                try await AuditEvent(
                    occurredAt: at, actorID: nil, actorLabel: "Tester", action: "consultation.theme_answered",
                    objectType: "consultation", objectID: consultation.id!.uuidString, summary: summary
                ).create(on: app.db)
            }
            try await M0130_ThemeResponseDates.backfill(on: app.db)
            func day(_ theme: ConsultationTheme) async throws -> String? {
                try await ConsultationTheme.find(theme.id, on: app.db)?.respondedOn
            }
            #expect(try await day(travel) == "2027-04-01")
            #expect(try await day(travelCosts) == "2027-03-20", "not confused with a theme whose name it starts with")
            #expect(try await day(parking) == nil, "no answer in the audit log")
            #expect(try await day(carers) == nil, "not answered now")
        }
    }
}
