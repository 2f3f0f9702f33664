import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// An action is often made for the organisation, or another service, than the feedback it answers: the pages of
/// the feedback's service and place still list it and count it, so "led to an action" has its action beside it.
@Suite("You said, we did: the actions of a service or place")
struct YouSaidWeDidScopeTests {
    @Test(
        "an action answering a service's feedback is on that service's page and in its figures",
        arguments: TestDatabase.all)
    func actionAnsweringFeedback(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, place) = try await Fixtures.service(on: app.db)
            let other = Service(
                name: "Outpatients", summary: "", organisationID: service.$organisation.id, placeID: place.id!)
            try await other.create(on: app.db)
            let story = try await ScaleQueryTests.item(
                "HRD-ANSWERED", service: service, place: place, themes: ["Parking"], receivedDaysAgo: 2, on: app.db)
            // Made for the whole organisation, not the service the story was about.
            try await Fixtures.action(
                "More disabled parking bays", youSaid: "People said parking was hard.",
                organisationID: service.$organisation.id, status: .done,
                outcome: "Twelve new bays by the main entrance.", answers: [story.id!], on: app.db)
            // One made for the other service, answering nothing here: not on this service's page.
            try await Fixtures.action(
                "Shorter outpatient waits", youSaid: "Waits were long.", organisationID: service.$organisation.id,
                serviceID: other.id, placeID: place.id, status: .inProgress, on: app.db)

            let visitor = app.browser()
            let id = service.id!.uuidString.lowercased()
            let page = try await visitor.get("/you-said-we-did/services/\(id)").body
            #expect(page.contains("More disabled parking bays"))
            #expect(!page.contains("Nothing has been completed here yet."))
            #expect(!page.contains("Shorter outpatient waits"))
            let loop = try await visitor.get("/api/v1/loop-closure?service=\(id)").body
            let figures = try JSONDecoder().decode(ScaleQueryTests.Figures.self, from: Data(loop.utf8))
            #expect(figures.actions == 1 && figures.actionsClosed == 1)
            let placePage = try await visitor.get("/you-said-we-did/places/calderdale").body
            #expect(placePage.contains("More disabled parking bays") && placePage.contains("Shorter outpatient waits"))
            let otherPage = try await visitor.get("/you-said-we-did/services/\(other.id!.uuidString.lowercased())")
            #expect(!otherPage.body.contains("More disabled parking bays"))
        }
    }
}
