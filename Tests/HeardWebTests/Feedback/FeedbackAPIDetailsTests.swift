import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing
import Vapor

@testable import HeardWeb

/// The API's small promises: errors name the values it accepts, a service named two ways must be one service,
/// staff answers are never cached, and the document is where tools look for it.
@Suite("Feedback API: details")
struct FeedbackAPIDetailsTests {
    typealias ErrorBody = FeedbackAPITests.ErrorBody

    @Test("an FFT rating that is not one says the values accepted", arguments: TestDatabase.all)
    func ratingMessages(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, _) = try await Fixtures.service(on: app.db)
            let accepted =
                "'fft_rating' must be a number from 1 (very good) to 5 (very poor), or 6 (don't know), or its words, like \"Very good\"."
            for (rating, status) in [("true", HTTPResponseStatus.badRequest), ("9", .unprocessableEntity)] {
                let page = try await app.browser().postJSON(
                    "/api/v1/feedback",
                    json: #"{"text": "Good", "service_id": "\#(service.id!.uuidString)", "fft_rating": \#(rating)}"#)
                #expect(page.status == status, "\(rating)")
                let error = try JSONDecoder().decode(ErrorBody.self, from: Data(page.body.utf8))
                #expect(error.error == accepted, "\(rating)")
                #expect(error.field == "fft_rating")
            }
            #expect(try await FeedbackItem.query(on: app.db).count() == 0)
        }
    }

    @Test("feedback with only what was good is accepted, as the document says (QA 30)")
    func wordsInAnyField() async throws {
        try await TestApp.run(on: .sqlite) { app in
            let (service, _) = try await Fixtures.service(on: app.db)
            let browser = app.browser()
            let created = try await browser.postJSON(
                "/api/v1/feedback",
                json:
                    #"{"what_was_good": "The nurse explained everything", "service_id": "\#(service.id!.uuidString)"}"#)
            #expect(created.status == .created)
            let document = try await browser.get("/api/openapi.json")
            let root = try #require(try JSONSerialization.jsonObject(with: Data(document.body.utf8)) as? [String: Any])
            let schemas = try #require((root["components"] as? [String: Any])?["schemas"] as? [String: Any])
            let submission = try #require(schemas["FeedbackSubmission"] as? [String: Any])
            #expect(submission["required"] == nil, "text alone is not required")
            let alternatives = try #require(submission["allOf"] as? [[String: Any]]).compactMap {
                ($0["anyOf"] as? [[String: Any]])?.compactMap { ($0["required"] as? [String])?.first }
            }
            #expect(alternatives.contains(["text", "what_was_good", "could_be_better"]))
            #expect(alternatives.contains(["service_id", "service_name"]))
        }
    }

    @Test(
        "an answer to one FFT follow-up is read with its question: \"Nothing\" was good is a complaint, to do better praise",
        arguments: TestDatabase.all)
    func answerReadWithItsQuestion(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, _) = try await Fixtures.service(on: app.db)
            let browser = app.browser()
            for (field, negative) in [("what_was_good", true), ("could_be_better", false)] {
                let created = try await browser.postJSON(
                    "/api/v1/feedback",
                    json: #"{"\#(field)": "Nothing", "service_id": "\#(service.id!.uuidString)"}"#)
                #expect(created.status == .created)
                let reference = try #require(
                    (try JSONSerialization.jsonObject(with: Data(created.body.utf8)) as? [String: Any])?["reference"]
                        as? String)
                let item = try #require(
                    try await FeedbackItem.query(on: app.db).filter(\.$reference == reference).first())
                let sentiment = try #require(item.sentiment, "\(field)")
                if negative {
                    #expect(sentiment >= 4, "\(field): \(sentiment)")
                    #expect(!item.themeList.contains("Positive experience & gratitude"), "\(field)")
                } else {
                    #expect(sentiment <= 2, "\(field): \(sentiment)")
                }
            }
        }
    }

    @Test("service_id and service_name must name the same service", arguments: TestDatabase.all)
    func serviceNamedTwice(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, place) = try await Fixtures.service(on: app.db)
            let other = Service(name: "Walk-in centre", organisationID: service.$organisation.id, placeID: place.id!)
            try await other.create(on: app.db)
            let differ = try await app.browser().postJSON(
                "/api/v1/feedback",
                json: #"{"text": "Good", "service_id": "\#(service.id!.uuidString)", "service_name": "Walk-in centre"}"#
            )
            #expect(differ.status == .unprocessableEntity)
            let error = try JSONDecoder().decode(ErrorBody.self, from: Data(differ.body.utf8))
            #expect(
                error.error
                    == "service_id and service_name name different services: the id is Emergency department's, not 'Walk-in centre'. Send one of them, or both for the same service."
            )
            #expect(error.field == "service_name")
            #expect(try await FeedbackItem.query(on: app.db).count() == 0)
            let same = try await app.browser().postJSON(
                "/api/v1/feedback",
                json:
                    #"{"text": "Good", "service_id": "\#(service.id!.uuidString)", "service_name": " emergency DEPARTMENT "}"#
            )
            #expect(same.status == .created)
        }
    }

    @Test(
        "staff API answers are not cached; the document is described and found at /openapi.json",
        arguments: TestDatabase.all)
    func staffAnswersAndDocument(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, _) = try await Fixtures.service(on: app.db)
            let browser = app.browser()
            let created = try await browser.postJSON(
                "/api/v1/feedback",
                json:
                    #"{"text": "Kind staff", "service_id": "\#(service.id!.uuidString)", "contact_email": "pat@example.org"}"#
            )
            #expect(created.headers.first(name: .cacheControl) == nil, "a public answer may be cached")
            let location = try #require(created.location)
            let feedbackToken = try await StaffTokens.create(
                email: "moderator@test.example", role: .moderator, name: "test", on: app.db)
            let read = try await browser.get(location, headers: [("Authorization", "Bearer \(feedbackToken)")])
            #expect(read.status == .ok)
            #expect(read.body.contains("pat@example.org"))
            #expect(read.headers.first(name: .cacheControl) == "no-store")
            let complaintsToken = try await StaffTokens.create(
                email: "handler@test.example", role: .complaintsHandler, name: "test", on: app.db)
            let complaints = try await browser.get(
                "/api/v1/complaints", headers: [("Authorization", "Bearer \(complaintsToken)")])
            #expect(complaints.status == .ok)
            #expect(complaints.headers.first(name: .cacheControl) == "no-store")
            let refused = try await browser.get(location, headers: [("Authorization", "Bearer heard_wrong")])
            #expect(refused.status == .unauthorized)
            #expect(refused.headers.first(name: .cacheControl) == "no-store")

            let moved = try await browser.get("/openapi.json")
            #expect(moved.status == .movedPermanently)
            #expect(moved.location == "/api/openapi.json")
            let document = try await browser.get("/api/openapi.json")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(document.body.utf8)) as? [String: Any])
            let schemas = (json["components"] as? [String: Any])?["schemas"] as? [String: Any]
            let staffView = schemas?["FeedbackStaffView"] as? [String: Any]
            let analysis = (staffView?["properties"] as? [String: Any])?["analysis"] as? [String: Any]
            let fields = try #require(analysis?["properties"] as? [String: [String: Any]])
            #expect(
                (fields["sentiment"]?["description"] as? String)?.hasPrefix(
                    "How the person felt: 1 very positive, 2 positive, 3 mixed, 4 negative, 5 very negative.") == true)
            for (name, field) in fields {
                #expect((field["description"] as? String)?.isEmpty == false, "\(name) is described")
            }
        }
    }

    @Test(
        "a service that is not listed: the API says what the web form says, send the closest one, and the document says it",
        arguments: TestDatabase.all)
    func serviceNotListed(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, _) = try await Fixtures.service(on: app.db)
            let browser = app.browser()
            let refused = try await browser.postJSON(
                "/api/v1/feedback", json: #"{"text": "The dentist was kind.", "service_name": "Smile Dental Care"}"#)
            #expect(refused.status == .unprocessableEntity)
            let error = try JSONDecoder().decode(ErrorBody.self, from: Data(refused.body.utf8))
            #expect(error.field == "service_name")
            #expect(error.error.hasPrefix("No service is called 'Smile Dental Care'."))
            #expect(error.error.contains(FeedbackAPIController.notListed))
            // The web chooser's advice, in the web's words: the closest service, or the site's contact.
            let chooser = try await browser.get("/feedback?q=Smile%20Dental%20Care").body
            #expect(chooser.contains("choose the service closest to it"))

            let closest = try await browser.postJSON(
                "/api/v1/feedback",
                json:
                    #"{"text": "Smile Dental Care: the dentist was kind.", "service_id": "\#(service.id!.uuidString)"}"#
            )
            #expect(closest.status == .created)

            let document =
                try JSONSerialization.jsonObject(
                    with: Data(try await browser.get("/api/openapi.json").body.utf8)) as? [String: Any]
            let schemas = (document?["components"] as? [String: Any])?["schemas"] as? [String: Any]
            let submission = schemas?["FeedbackSubmission"] as? [String: Any]
            #expect((submission?["description"] as? String)?.contains("is not listed") == true)
        }
    }
}
