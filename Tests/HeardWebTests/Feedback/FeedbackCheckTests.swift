import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

@Suite("Checking on feedback by its reference")
struct FeedbackCheckTests {
    @Test("the references Heard makes are the ones the check reads")
    func sameAlphabet() {
        #expect(Set(FeedbackReference.alphabet) == FeedbackReferenceInput.alphabet)
        for _ in 0..<50 {
            let made = FeedbackReference.make()
            #expect(FeedbackReferenceInput.read(made.lowercased()) == .success(made))
        }
    }

    @Test(
        "someone with a reference sees what happened to their feedback, step by step, and nothing they did not give",
        arguments: TestDatabase.all)
    func steps(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, place) = try await Fixtures.service(on: app.db)
            let visitor = app.browser()
            let sent = try await visitor.postJSON(
                "/api/v1/feedback",
                json: """
                    {"text": "The signs to the car park are hard to follow at night.", "service_id": "\(service.id!.uuidString)",
                     "consent_to_publish": true, "contact_email": "pat@example.org"}
                    """)
            #expect(sent.status == .created)
            let item = try #require(try await FeedbackItem.query(on: app.db).first())
            let path =
                "/feedback/check?reference=" + item.reference.lowercased().replacingOccurrences(of: "-", with: " ")

            let waiting = try await visitor.get(path)
            #expect(waiting.status == .ok)
            #expect(waiting.body.contains("What has happened to \(item.reference)"))
            #expect(waiting.body.contains("about Emergency department, \(place.name)."))
            #expect(waiting.body.contains("It is waiting to be read by a member of staff."))
            #expect(!waiting.body.contains("car park") && !waiting.body.contains("pat@example.org"), "not their words")
            #expect(waiting.headers.first(name: .cacheControl)?.contains("no-store") == true)

            // Read, published, replied to, and behind a change that was made.
            item.status = .published
            item.moderatedAt = ISO8601DateFormatter().date(from: "2026-11-03T10:00:00Z")
            item.publishedAt = item.moderatedAt
            item.publishedText = "The signs to the car park are hard to follow at night."
            item.firstReplyAt = ISO8601DateFormatter().date(from: "2026-11-04T10:00:00Z")
            try await item.save(on: app.db)
            let action = ActionItem()
            action.title = "New lit signs to the car park"
            action.youSaid = "The car park is hard to find at night."
            action.$organisation.id = service.$organisation.id
            action.$place.id = place.id
            action.dueOn = ISO8601DateFormatter().date(from: "2026-12-01T12:00:00Z")!
            action.status = .done
            action.outcome = "Six lit signs went up on 20 November."
            try await action.create(on: app.db)
            try await ActionFeedbackLink(actionID: action.id!, feedbackID: item.id!).create(on: app.db)
            let done = try await visitor.get(path).body
            #expect(done.contains("A member of staff read it on 3 November 2026"))
            #expect(done.contains("href=\"/stories/\(item.reference)\""))
            #expect(done.contains("The service replied on 4 November 2026: the reply is shown with your story."))
            #expect(
                done.contains(
                    "<strong>What we did: </strong>New lit signs to the car park. Six lit signs went up on 20 November."
                ))
            // Published: how to withdraw consent, as the privacy notice promises (no contact set: in words).
            #expect(done.contains("Changed your mind about it being published?"))
            #expect(
                done.contains(
                    "Contact the organisation that runs this site and quote your reference, \(item.reference). We will take it down"
                ))
            #expect(!waiting.body.contains("Changed your mind"), "only once it is published")

            // A complaint says only that the complaints team has it: not even the action it led to.
            item.status = .escalated
            try await item.save(on: app.db)
            let complaint = try await visitor.get(path).body
            #expect(complaint.contains("It was passed to our complaints team on 3 November 2026."))
            #expect(!complaint.contains("replied") && !complaint.contains("What we did"))
            #expect(!complaint.contains("Changed your mind"))

            // An FFT answer with no comment is counted, not read.
            item.status = .approvedPrivate
            item.saysNothing = true
            try await item.save(on: app.db)
            let answer = try await visitor.get(path).body
            #expect(answer.contains("nothing to read or publish") && !answer.contains("What we did"))
            // Copied from the thank-you page's sentence, with its full stop.
            let copied = try await visitor.get("/feedback/check?reference=\(item.reference).")
            #expect(copied.status == .ok && copied.body.contains("What has happened to \(item.reference)"))
        }
    }

    @Test("a blank, mistyped or unknown reference says what to fix", arguments: TestDatabase.all)
    func refusals(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let visitor = app.browser()
            let form = try await visitor.get("/feedback/check")
            #expect(form.status == .ok && form.body.contains("<label") && form.body.contains("Your reference"))
            #expect(!form.body.contains("There is a problem"))
            let blank = try await visitor.get("/feedback/check?reference=")
            #expect(blank.status == .unprocessableEntity)
            #expect(blank.body.contains("There is a problem") && blank.body.contains("href=\"#field-reference\""))
            #expect(blank.body.contains("Enter your reference."))
            let typo = try await visitor.get("/feedback/check?reference=HRD-0K2M9QX")
            #expect(typo.status == .unprocessableEntity)
            #expect(typo.body.contains("is not a reference") && typo.body.contains("value=\"HRD-0K2M9QX\""))
            let unknown = try await visitor.get("/feedback/check?reference=HRD-7K2M9QXD")
            #expect(unknown.status == .notFound)
            #expect(unknown.body.contains("We have no feedback with the reference HRD-7K2M9QXD."))
        }
    }
}
