import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

@Suite("Who has answered an open consultation so far")
struct OpenConsultationRepresentationTests {
    @Test(
        "staff see who has answered while the consultation is open, to aim outreach, but not the themes",
        arguments: TestDatabase.all)
    func soFar(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(EventsToRespondTests.today)
            let (consultation, place) = try await EventsToRespondTests.openConsultation(on: app.db)
            for index in 0..<8 {
                let response = SurveyResponse(
                    consultationID: consultation.id!, channel: "online", placeID: place.id!, answers: [:],
                    redactedText: "", submissionKey: "so-far-\(index)", contactEmail: nil)
                if index < 2 {
                    response.respondingAs = OnBehalfOf.organisation
                    response.onBehalfOf = "Kirklees Carers Count"
                }
                try await response.create(on: app.db)
                try await EqualityResponse(
                    contextType: "consultation", contextID: consultation.id!, placeID: place.id!,
                    answers: #"{"sex":"\#(index < 6 ? "female" : "male")"}"#
                ).create(on: app.db)
            }
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let page = try await officer.get("/staff/consultations/\(consultation.id!.uuidString.lowercased())").body
            #expect(page.contains("Who we heard from compared with who lives here"))
            #expect(page.contains("So far, while the consultation is open: 8 responses."))
            #expect(page.contains("Female"), "groups named as the questions word them")
            // The groups that have answered for their members so far are named too.
            #expect(
                page.contains("2 responses on behalf of organisations or groups: Kirklees Carers Count (2)."),
                "\(page)")
            #expect(!page.contains("Themes the listening engine found"), "themes wait for the close")
            // Small numbers are hidden here as everywhere: 2 men is "fewer than 5".
            #expect(page.contains("fewer than 5"))
            #expect(!page.contains("<td>2</td>"))
        }
    }
}
