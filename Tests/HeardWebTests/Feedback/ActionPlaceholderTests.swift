import Fluent
import Foundation
import HeardDomain
import HeardStorage
import HeardWeb
import Testing

@Suite("Closing an action needs a real description of what was done")
struct ActionPlaceholderTests {
    @Test("done with \".\" or \"tbc\" is refused; nobody is told and nothing is published", arguments: TestDatabase.all)
    func placeholderOutcomeRefused(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, place) = try await Fixtures.service(on: app.db)
            let item = try await ScaleQueryTests.item(
                "HRD-ACTPLAC1", service: service, place: place, themes: ["Timeliness of care"], receivedDaysAgo: 3,
                on: app.db)
            item.contactEmail = "sam.person@example.org"
            try await item.save(on: app.db)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let owner = try #require(try await User.query(on: app.db).filter(\.$role == .engagementOfficer).first())
            let created = try await officer.post(
                "/staff/actions/new",
                form: [
                    "feedback[]": item.id!.uuidString, "you_said": "People said car parking cost too much.",
                    "title": "Make parking free for outpatients",
                    "organisation_id": service.$organisation.id.uuidString,
                    "place_id": place.id!.uuidString, "owner_id": owner.id!.uuidString, "due_on": "2027-03-31",
                ], tokenFrom: "/staff/actions/new?feedback=\(item.id!.uuidString)")
            let path = try #require(created.location)
            for note in [".", "tbc", "n/a", "  -  "] {
                let refused = try await officer.post(
                    path + "/update", form: ["status": "done", "note": note], tokenFrom: path)
                #expect(refused.status == .unprocessableEntity, "\(note)")
                #expect(refused.body.contains("Say what was done"), "\(note)")
                #expect(refused.body.contains("is a placeholder, not an answer"), "\(note)")
            }
            let notPossible = try await officer.post(
                path + "/update", form: ["status": "not_possible", "note": "."], tokenFrom: path)
            #expect(notPossible.status == .unprocessableEntity)
            #expect(notPossible.body.contains("Explain why this is not possible"))
            #expect(try await ActionItem.query(on: app.db).first()?.status != .done)
            #expect(try await Notice.query(on: app.db).count() == 0)
            #expect(!(try await app.browser().get("/you-said-we-did/places/\(place.slug)").body.contains("We did: .")))

            let done = try await officer.post(
                path + "/update", form: ["status": "done", "note": "Parking is free for outpatients."],
                tokenFrom: path)
            #expect(done.status == .seeOther)
        }
    }
}
