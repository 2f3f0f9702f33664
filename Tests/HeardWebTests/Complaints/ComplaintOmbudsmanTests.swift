import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// Regulation 14(2): the response to a complaint about a council's social care names the Local Government and
/// Social Care Ombudsman; a complaint about an NHS service names the Parliamentary and Health Service Ombudsman.
@Suite("The Ombudsman a complaint response names")
struct ComplaintOmbudsmanTests {
    static func service(_ kind: OrganisationKind, on db: any Database) async throws -> (Service, Place) {
        let organisation = Organisation(
            name: kind == .council ? "Pennine Vale Borough Council" : "Riverside Test Trust", kind: kind)
        try await organisation.create(on: db)
        let place = Place(name: "Calderdale", slug: "calderdale")
        try await place.create(on: db)
        let service = Service(
            name: kind == .council ? "Carers' support service" : "Emergency department", summary: "",
            organisationID: organisation.id!, placeID: place.id!)
        try await service.create(on: db)
        return (service, place)
    }

    static let response = [
        "responded_on": "2026-07-02", "how_considered": "Read the notes and spoke to the team.",
        "conclusions": "The respite booking was lost.", "outcome": "upheld",
        "remedial_action": "Bookings are now confirmed in writing.",
    ]

    @Test(
        "a council's carers' service: the form, the refusal and the record name the LGSCO; an NHS one the PHSO",
        arguments: TestDatabase.all)
    func councilAndNHS(_ database: TestDatabase) async throws {
        for kind in [OrganisationKind.council, .trust] {
            try await TestApp.run(on: database) { app in
                app.app.decisionClock = .fixed(SimpleDate(iso: "2026-07-02")!)
                let (service, place) = try await Self.service(kind, on: app.db)
                let complaint = try await ComplaintFixtures.complaint(
                    "HRD-OMBUD001", receivedOn: "2026-06-01", acknowledgedOn: "2026-06-02", service: service,
                    place: place, on: app.db)
                let handler = try await app.signedInBrowser(.complaintsHandler)
                let path = ComplaintFixtures.path(complaint)
                let expected: Ombudsman =
                    kind == .council ? .localGovernmentAndSocialCare : .parliamentaryAndHealthService
                let other: Ombudsman = kind == .council ? .parliamentaryAndHealthService : .localGovernmentAndSocialCare

                let form = try await handler.get(path)
                #expect(
                    form.body.contains(
                        "The response tells them they can go to the \(expected.name) (\(expected.website))"))
                #expect(!form.body.contains("go to the \(other.name) ("))

                let unticked = try await handler.post(path + "/respond", form: Self.response, tokenFrom: path)
                #expect(unticked.status == .unprocessableEntity)
                #expect(
                    unticked.body.contains(
                        "The response must tell the complainant they can go to the \(expected.name) (\(expected.website))"
                    ))
                #expect(try await Complaint.find(complaint.id, on: app.db)?.respondedOn == nil)

                var ticked = Self.response
                ticked["ombudsman_right_given"] = "yes"
                #expect(try await handler.post(path + "/respond", form: ticked, tokenFrom: path).status == .seeOther)
                let record = try await handler.get(path)
                #expect(record.body.contains("Told of the right to go to the \(expected.name)"))
                #expect(!record.body.contains(other.name))
            }
        }
    }
}
