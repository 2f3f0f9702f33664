import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

/// New items are written with plain SQL (one INSERT per group); everything else reads them with the Fluent
/// model. These tests would fail if the two disagreed about any column.
@Suite("New feedback rows")
struct NewFeedbackTests {
    @Test("every value written by the multi-row INSERT reads back through the model", arguments: TestDatabase.all)
    func roundTrip(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let organisation = Organisation(name: "Calder Trust", kind: .trust)
            try await organisation.create(on: app.db)
            let place = Place(name: "Calderdale", slug: "calderdale")
            try await place.create(on: app.db)
            let service = Service(name: "Ward 4", organisationID: organisation.id!, placeID: place.id!)
            try await service.create(on: app.db)
            let enteredBy = try await app.createUser(.engagementOfficer)
            let officer = try #require(try await User.query(on: app.db).filter(\.$email == enteredBy.email).first())

            let received = Date(timeIntervalSince1970: 1_790_000_000.25)
            var full = NewFeedback(
                id: UUID(), reference: "HRD-ABCDEFGH", serviceID: service.id!, placeID: place.id!,
                organisationID: organisation.id!, channel: .phone, story: "Kind nurses, long wait. Café “ok”.",
                whatWasGood: "The nurses", couldBeBetter: "The wait", fftRating: 2, consentToPublish: true,
                contactName: "Ann Example", contactEmail: "ann@example.org", contactPhone: "07700 900123",
                wantsReply: true, status: .awaitingModeration, receivedAt: received, enteredByID: officer.id,
                submitterHash: "abc123", importBatchID: nil)
            full.analysedAt = received.addingTimeInterval(1)
            full.themes = ["Staff manner", "Waiting", "Staff manner"]
            full.sentiment = 3
            full.relational = "compassion"
            full.isUrgent = true
            full.urgentReasons = "danger"
            full.piiKinds = "name;phone"
            full.redactedText = "Kind nurses, long wait."
            full.needsAnswer = true
            let bare = NewFeedback(
                id: UUID(), reference: "HRD-JKLMNPQR", serviceID: service.id!, placeID: place.id!,
                organisationID: organisation.id!, channel: .online, story: "", whatWasGood: "", couldBeBetter: "",
                fftRating: nil, consentToPublish: false, contactName: nil, contactEmail: nil, contactPhone: nil,
                wantsReply: false, status: .awaitingModeration, receivedAt: received, enteredByID: nil,
                submitterHash: nil, importBatchID: nil)
            let rows = [full, bare]
            try await app.db.transaction { try await NewFeedback.insert(rows, on: $0) }

            let item = try #require(try await FeedbackItem.find(full.id, on: app.db))
            #expect(item.reference == full.reference)
            #expect(item.$service.id == service.id && item.$place.id == place.id)
            #expect(item.$organisation.id == organisation.id)
            #expect(item.channel == .phone && item.status == .awaitingModeration)
            #expect(item.story == full.story && item.whatWasGood == "The nurses" && item.couldBeBetter == "The wait")
            #expect(item.fftRating == 2 && item.consentToPublish && item.wantsReply)
            #expect(item.contactName == "Ann Example" && item.contactEmail == "ann@example.org")
            #expect(item.contactPhone == "07700 900123")
            #expect(abs(item.receivedAt.timeIntervalSince(received)) < 0.001)
            #expect(item.enteredByID == officer.id && item.submitterHash == "abc123" && item.importBatchID == nil)
            #expect(item.analysedAt.map { abs($0.timeIntervalSince(full.analysedAt!)) < 0.001 } == true)
            #expect(item.themeList == ["Staff manner", "Waiting", "Staff manner"])
            #expect(item.sentiment == 3 && item.relational == "compassion")
            #expect(item.isUrgent && item.urgentReasons == "danger" && item.piiKinds == "name;phone")
            #expect(item.redactedText == full.redactedText && item.needsAnswer)
            #expect(item.createdAt != nil && item.updatedAt != nil)
            let themes = try await FeedbackTheme.query(on: app.db).filter(\.$feedback.$id == full.id).all()
            #expect(themes.map(\.theme).sorted() == ["Staff manner", "Waiting"])

            let empty = try #require(try await FeedbackItem.find(bare.id, on: app.db))
            #expect(empty.fftRating == nil && empty.contactEmail == nil && empty.sentiment == nil)
            #expect(empty.analysedAt == nil && empty.themeList.isEmpty && !empty.isUrgent && !empty.consentToPublish)
            // Stored items can still be changed through the model.
            empty.status = .rejected
            try await empty.save(on: app.db)
            #expect(try await FeedbackItem.find(bare.id, on: app.db)?.status == .rejected)
        }
    }
}
