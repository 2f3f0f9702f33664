import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// People quote the reference they were given; any member of staff who works on feedback can open it.
@Suite("Finding feedback by its reference")
struct FeedbackReferenceSearchTests {
    @Test(
        "a reference typed as people say it opens the feedback; an unknown one says so and lists nothing",
        arguments: TestDatabase.all)
    func findByReference(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, place) = try await Fixtures.service(on: app.db)
            let item = try await ScaleQueryTests.item(
                "HRD-7K3Q9XAB", service: service, place: place, themes: [], receivedDaysAgo: 2, on: app.db)
            _ = try await ScaleQueryTests.item(
                "HRD-OTHER234", service: service, place: place, themes: [], receivedDaysAgo: 1, on: app.db)
            let itemPath = "/staff/feedback/\(item.id!.uuidString.lowercased())"
            let moderator = try await app.signedInBrowser(.moderator)
            for role in [Role.moderator, .complaintsHandler, .engagementOfficer] {
                let staff = role == .moderator ? moderator : try await app.signedInBrowser(role)
                #expect(try await staff.get("/staff/feedback").body.contains("name=\"reference\""), "\(role)")
                for typed in ["HRD-7K3Q9XAB", "hrd-7k3q9xab", " HRD 7K3Q 9XAB ", "7k3q9xab", "HRD7K3Q9XAB"] {
                    let found = try await staff.get(
                        "/staff/feedback?reference="
                            + typed.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
                    #expect(found.status == .seeOther, "\(role) \(typed)")
                    #expect(found.location == itemPath, "\(role) \(typed)")
                }
            }
            let missing = try await moderator.get("/staff/feedback?reference=HRD-NOPE0000")
            #expect(missing.status == .ok)
            #expect(missing.body.contains("No feedback has the reference \"HRD-NOPE0000\". Check it with the person"))
            #expect(missing.body.contains("0 items"))
            #expect(missing.body.contains("value=\"HRD-NOPE0000\""), "what was typed is kept")
        }
    }
}
