import Fluent
import Foundation
import HeardDomain
import HeardStorage

@testable import HeardWeb

/// Complaints made straight in the database at a chosen point of their clock, for tests of the queue and
/// each step; the journeys through moderation are in `ComplaintsTests`.
enum ComplaintFixtures {
    static func complaint(
        _ reference: String, receivedOn: String, acknowledgedOn: String? = nil, agreedResponseBy: String? = nil,
        respondedOn: String? = nil, service: Service, place: Place, on db: any Database
    ) async throws -> Complaint {
        let item = try await ScaleQueryTests.item(
            reference, service: service, place: place, themes: [], status: .escalated, receivedDaysAgo: 1, on: db)
        item.contactName = "Pat Example"
        try await item.save(on: db)
        let complaint = Complaint(feedbackID: item.id!, receivedOn: SimpleDate(iso: receivedOn)!, createdByID: nil)
        complaint.acknowledgedOn = acknowledgedOn
        complaint.acknowledgementNote = acknowledgedOn == nil ? "" : "Phoned to talk it through."
        complaint.agreedResponseBy = agreedResponseBy
        if let respondedOn {
            complaint.respondedOn = respondedOn
            complaint.howConsidered = "Read the notes."
            complaint.conclusions = "Upheld."
            complaint.remedialAction = "Changed the checklist."
            complaint.ombudsmanRightGiven = true
            complaint.outcome = .upheld
        }
        try await complaint.create(on: db)
        return complaint
    }

    /// A complaint received 5 January 2027, acknowledged the next day and closed on 1 February 2027 as withdrawn.
    static func withdrawn(
        _ reference: String, service: Service, place: Place, on db: any Database
    ) async throws -> Complaint {
        let complaint = try await complaint(
            reference, receivedOn: "2027-01-05", acknowledgedOn: "2027-01-06", service: service, place: place, on: db)
        complaint.closedOn = "2027-02-01"
        complaint.outcome = .withdrawn
        complaint.closedReason = "She rang to withdraw it."
        try await complaint.save(on: db)
        return complaint
    }

    static func path(_ complaint: Complaint) -> String { ComplaintURL.complaint(complaint.id!) }

    /// The complaint with `reference` as `GET /api/v1/complaints` gives it to a complaints handler's token, for
    /// complaints received from `from` to `to`.
    static func apiItem(
        _ reference: String, from: String, to: String, in app: TestApp
    ) async throws -> [String: Any]? {
        let token = try await StaffTokens.create(
            email: "handler-\(UUID().uuidString.prefix(8))@test.example", role: .complaintsHandler,
            name: "case system", on: app.db)
        let listed = try await app.browser().get(
            "/api/v1/complaints?from=\(from)&to=\(to)", headers: [("Authorization", "Bearer \(token)")])
        guard listed.status == .ok,
            let json = try JSONSerialization.jsonObject(with: Data(listed.body.utf8)) as? [String: Any],
            let items = json["items"] as? [[String: Any]]
        else { return nil }
        return items.first { $0["reference"] as? String == reference }
    }

    /// The opening tag of the form control named `name` (`<textarea …>`, `<input …>`), to check its attributes.
    static func control(_ name: String, in body: String) -> String? {
        guard let nameRange = body.range(of: "name=\"\(name)\"") else { return nil }
        guard let start = body[..<nameRange.lowerBound].lastIndex(of: "<"),
            let end = body[nameRange.upperBound...].firstIndex(of: ">")
        else { return nil }
        return String(body[start...end])
    }
}
