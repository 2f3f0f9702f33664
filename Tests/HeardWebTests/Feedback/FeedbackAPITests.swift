import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing
import Vapor

@testable import HeardWeb

@Suite("Feedback JSON API")
struct FeedbackAPITests {
    @Test("POST /api/v1/feedback stores and analyses feedback and answers 201", arguments: TestDatabase.all)
    func createFeedback(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, _) = try await Fixtures.service(on: app.db)
            let browser = app.browser()
            let created = try await browser.postJSON(
                "/api/v1/feedback",
                json: """
                    {"text": "The receptionist was rude and my NHS number 943 476 5919 was read out loud.",
                     "service_id": "\(service.id!.uuidString)", "fft_rating": "Poor", "consent_to_publish": true,
                     "contact_email": "pat@example.org"}
                    """)
            #expect(created.status == .created)
            let body = try JSONDecoder().decode(Created.self, from: Data(created.body.utf8))
            #expect(body.status == "awaiting_moderation")
            #expect(created.location == "/api/v1/feedback/\(body.id.uuidString)", "the id as the body writes it")
            #expect(created.body.contains("\"id\":\"\(body.id.uuidString)\""))
            let item = try #require(try await FeedbackItem.find(body.id, on: app.db))
            #expect(item.channel == .api)
            #expect(item.fft == .poor)
            #expect(item.piiList.contains("nhs_number"))
            #expect(!item.redactedText.contains("943 476 5919"))
            #expect(item.analysedAt != nil)

            // Their own contact name, written into their words, is redacted there too, and in the text a
            // moderator is offered to publish.
            let named = try await browser.postJSON(
                "/api/v1/feedback",
                json: """
                    {"text": "I am Zelda Quibble and the nurse was kind to me. Zelda is grateful.",
                     "service_id": "\(service.id!.uuidString)", "consent_to_publish": true,
                     "contact_name": "Zelda Quibble", "contact_email": "zq@example.org"}
                    """)
            #expect(named.status == .created)
            let namedItem = try #require(
                try await FeedbackItem.find(
                    try JSONDecoder().decode(Created.self, from: Data(named.body.utf8)).id, on: app.db))
            #expect(namedItem.redactedText == "I am [name] and the nurse was kind to me. [name] is grateful.")
            #expect(!PublishedSuggestion.text(for: namedItem).contains("Zelda"))

            // By name, and a rating given as a number.
            let byName = try await browser.postJSON(
                "/api/v1/feedback",
                json: #"{"text": "Lovely staff.", "service_name": "emergency department", "fft_rating": 1}"#)
            #expect(byName.status == .created)

            // A service added after the submission path last read the services (as on another instance) is
            // found at once, and the item goes to that service's place and organisation.
            let place = Place(name: "Kirklees", slug: "kirklees")
            try await place.create(on: app.db)
            let added = Service(
                name: "Walk-in centre", organisationID: service.$organisation.id, placeID: place.id!)
            try await added.create(on: app.db)
            let toAdded = try await browser.postJSON(
                "/api/v1/feedback", json: #"{"text": "Quick and kind.", "service_id": "\#(added.id!.uuidString)"}"#)
            #expect(toAdded.status == .created)
            let addedItem = try JSONDecoder().decode(Created.self, from: Data(toAdded.body.utf8))
            let stored = try #require(try await FeedbackItem.find(addedItem.id, on: app.db))
            #expect(stored.$service.id == added.id && stored.$place.id == place.id)

            // A non-answer with an FFT answer is stored with no sentiment, so the dashboard does not count it as
            // positive or negative (NonAnswerFeedbackTests has the rest; alone it is refused).
            let nonAnswer = try await browser.postJSON(
                "/api/v1/feedback",
                json: #"{"text": "Did not answer", "fft_rating": "good", "service_id": "\#(added.id!.uuidString)"}"#)
            let nonAnswerItem = try JSONDecoder().decode(Created.self, from: Data(nonAnswer.body.utf8))
            #expect(nonAnswerItem.status == "approved_private")
            #expect(try await FeedbackItem.find(nonAnswerItem.id, on: app.db)?.sentiment == nil)
        }
    }

    @Test("feedback with no words is told, in the API's terms, which fields take them", arguments: TestDatabase.all)
    func noWords(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, _) = try await Fixtures.service(on: app.db)
            let id = service.id!.uuidString
            let browser = app.browser()
            for json in [
                #"{"service_id": "\#(id)"}"#, #"{"text": "", "service_id": "\#(id)"}"#,
                #"{"text": " \n\t ", "service_id": "\#(id)"}"#,
                #"{"text": " ", "what_was_good": "", "could_be_better": "  ", "service_id": "\#(id)"}"#,
                #"{"text": ""}"#,
            ] {
                let refused = try await browser.postJSON("/api/v1/feedback", json: json)
                #expect(refused.status == .unprocessableEntity, "\(json)")
                let error = try JSONDecoder().decode(ErrorBody.self, from: Data(refused.body.utf8))
                #expect(error.field == "text", "\(json)")
                #expect(error.error == FeedbackAPIController.noWords, "\(json): \(error.error)")
                // It names the JSON fields that take words, not the web form's questions.
                for field in ["'text'", "'what_was_good'", "'could_be_better'"] {
                    #expect(error.error.contains(field), "\(json)")
                }
                #expect(error.error != Self.formWordsForNoWords, "\(json)")
            }
            #expect(Self.formWordsForNoWords != nil, "the form has its own words for this")
            #expect(try await FeedbackItem.query(on: app.db).count() == 0, "nothing stored from a refusal")
            // Words in one of the other fields are enough; text that is too long keeps its own message.
            let good = try await browser.postJSON(
                "/api/v1/feedback", json: #"{"what_was_good": "Kind staff.", "service_id": "\#(id)"}"#)
            #expect(good.status == .created)
            let long = String(repeating: "a", count: FeedbackSubmission.maximumTextLength + 1)
            let tooLong = try await browser.postJSON(
                "/api/v1/feedback", json: #"{"text": "\#(long)", "service_id": "\#(id)"}"#)
            #expect(tooLong.status == .unprocessableEntity)
            let tooLongError = try JSONDecoder().decode(ErrorBody.self, from: Data(tooLong.body.utf8))
            #expect(tooLongError.field == "text")
            #expect(tooLongError.error != FeedbackAPIController.noWords)
        }
    }

    /// What the web form says to someone who wrote nothing (the API must not say it).
    static var formWordsForNoWords: String? {
        do {
            _ = try FeedbackSubmission(serviceID: "x").validated(consentRequired: false)
            return nil
        } catch {
            return error.errors.first { $0.field == "story" }?.message
        }
    }

    @Test("bad submissions get 4xx with an error and the field to fix")
    func badSubmissions() async throws {
        try await TestApp.run(on: .sqlite) { app in
            let (service, _) = try await Fixtures.service(on: app.db)
            let browser = app.browser()
            let cases: [(String, HTTPResponseStatus, String?)] = [
                (#"{"service_id": "\#(service.id!.uuidString)"}"#, .unprocessableEntity, "text"),
                (#"{"text": "Good"}"#, .unprocessableEntity, "service_id"),
                // Missing both: the text is named first, as the document says.
                ("{}", .unprocessableEntity, "text"),
                (#"{"text": ""}"#, .unprocessableEntity, "text"),
                (#"{"text": "Good", "service_id": "\#(UUID().uuidString)"}"#, .unprocessableEntity, "service_id"),
                (#"{"text": "Good", "service_name": "Nowhere"}"#, .unprocessableEntity, "service_name"),
                (
                    #"{"text": "Good", "service_id": "\#(service.id!.uuidString)", "fft_rating": "Amazing"}"#,
                    .unprocessableEntity, "fft_rating"
                ),
                (
                    #"{"text": "Good", "service_id": "\#(service.id!.uuidString)", "contact_email": "not-an-email"}"#,
                    .unprocessableEntity, "contact_email"
                ),
                (#"{"text": 42, "service_id": "\#(service.id!.uuidString)"}"#, .badRequest, "text"),
                (#"{"text": "Good", "service_id": "not-a-uuid"}"#, .unprocessableEntity, "service_id"),
                (
                    #"{"text": "Good", "service_id": "\#(service.id!.uuidString)", "contact_name": "\#(String(repeating: "n", count: 201))"}"#,
                    .unprocessableEntity, "contact_name"
                ),
                ("not json at all", .badRequest, nil),
                ("", .badRequest, nil),
                (
                    #"{"text": "Good", "service_id": "\#(service.id!.uuidString)", "fft_rating": 1e30}"#,
                    .unprocessableEntity, "fft_rating"
                ),
                (
                    #"{"text": "Good", "service_id": "\#(service.id!.uuidString)", "fft_rating": [1]}"#,
                    .badRequest, "fft_rating"
                ),
            ]
            for (json, status, field) in cases {
                let page = try await browser.postJSON("/api/v1/feedback", json: json)
                #expect(page.status == status, "\(json)")
                let error = try JSONDecoder().decode(ErrorBody.self, from: Data(page.body.utf8))
                #expect(!error.error.isEmpty)
                #expect(!error.error.contains("Unprocessable Entity"), "\(json)")
                if field == "fft_rating" { #expect(!error.error.contains("must be text"), "\(json)") }
                #expect(error.field == field, "\(json)")
            }
            #expect(try await FeedbackItem.query(on: app.db).count() == 0, "nothing half-stored")
            let notAnID = try await browser.postJSON(
                "/api/v1/feedback", json: #"{"text": "Good", "service_id": "nope"}"#)
            #expect(notAnID.body.contains("'service_id' must be an id like"))
            let array = try await browser.postJSON("/api/v1/feedback", json: "[]")
            #expect(array.status == .badRequest)
            #expect(array.body.contains("The body must be a JSON object"), "\(array.body)")
            let empty = try await browser.postJSON("/api/v1/feedback", json: "")
            #expect(empty.body.contains("send the fields as JSON, with Content-Type: application"), "\(empty.body)")
            #expect(!empty.body.contains("as a form"))
        }
    }

    @Test(
        "a field the API does not read is refused by name, with the one probably meant, and nothing is stored",
        arguments: TestDatabase.all)
    func unknownFields(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, _) = try await Fixtures.service(on: app.db)
            let id = service.id!.uuidString
            let cases: [(json: String, field: String, meant: String?)] = [
                // Ignored, a misspelt date would count the answer in this month instead of the one it was given.
                (
                    #"{"text": "Kind staff", "service_id": "\#(id)", "recieved_on": "2026-01-05"}"#, "recieved_on",
                    "received_on"
                ),
                (#"{"Text": "Kind staff", "service_id": "\#(id)"}"#, "Text", "text"),
                (#"{"text": "Kind staff", "serviceId": "\#(id)"}"#, "serviceId", "service_id"),
                (#"{"text": "Kind staff", "service_id": "\#(id)", "colour": "blue"}"#, "colour", nil),
            ]
            for (json, field, meant) in cases {
                let page = try await app.browser().postJSON("/api/v1/feedback", json: json)
                #expect(page.status == .unprocessableEntity, "\(json)")
                let error = try JSONDecoder().decode(ErrorBody.self, from: Data(page.body.utf8))
                #expect(error.field == field, "\(json)")
                #expect(error.error.hasPrefix("'\(field)' is not a field this API reads"), "\(error.error)")
                if let meant {
                    #expect(error.error.contains("did you mean '\(meant)'?"), "\(error.error)")
                } else {
                    #expect(!error.error.contains("did you mean"), "\(error.error)")
                }
                #expect(error.error.contains("'received_on'") && error.error.contains("'could_be_better'"))
            }
            #expect(try await FeedbackItem.query(on: app.db).count() == 0, "nothing stored")
            // Every field the document lists is read.
            let all = try await app.browser().postJSON(
                "/api/v1/feedback",
                json:
                    #"{"text": "Kind staff", "service_id": "\#(id)", "fft_rating": 1, "consent_to_publish": true, "contact_name": "Sam", "contact_email": "sam@example.org", "contact_phone": "07700 900982", "wants_reply": false, "what_was_good": "The nurse", "could_be_better": "Parking", "channel": "sms"}"#
            )
            #expect(all.status == .created, "\(all.body)")
            // The document lists the same fields, and says no others are read.
            let document = try await app.browser().get("/api/openapi.json")
            let root = try #require(try JSONSerialization.jsonObject(with: Data(document.body.utf8)) as? [String: Any])
            let schemas = try #require((root["components"] as? [String: Any])?["schemas"] as? [String: Any])
            let submission = try #require(schemas["FeedbackSubmission"] as? [String: Any])
            let listed = try #require(submission["properties"] as? [String: Any])
            let read = FeedbackAPIController.Submission.CodingKeys.allCases.map(\.stringValue)
            #expect(Set(listed.keys) == Set(read))
            #expect(submission["additionalProperties"] as? Bool == false)
        }
    }

    @Test("over the hourly limit: 429 with Retry-After")
    func rateLimited() async throws {
        try await TestApp.run(on: .sqlite, configure: { $0.submissionsPerAddressPerHour = 1 }) { app in
            let (service, _) = try await Fixtures.service(on: app.db)
            let json = #"{"text": "Kind staff", "service_id": "\#(service.id!.uuidString)"}"#
            #expect(try await app.browser().postJSON("/api/v1/feedback", json: json).status == .created)
            let second = try await app.browser().postJSON("/api/v1/feedback", json: json)
            #expect(second.status == .tooManyRequests)
            #expect(second.headers.first(name: "Retry-After") == "3600")
            // Untrusted, X-Forwarded-For changes nothing: anyone could write it.
            let forged = try await app.browser().postJSON(
                "/api/v1/feedback", json: json, headers: [("X-Forwarded-For", "203.0.113.9")])
            #expect(forged.status == .tooManyRequests)
        }
    }

    @Test(
        "behind a trusted load balancer, each visitor's address (the balancer's last X-Forwarded-For) has its own limit"
    )
    func rateLimitedBehindProxy() async throws {
        try await TestApp.run(
            on: .sqlite,
            configure: {
                $0.submissionsPerAddressPerHour = 1
                $0.trustsForwardedFor = true
            }
        ) { app in
            let (service, _) = try await Fixtures.service(on: app.db)
            let json = #"{"text": "Kind staff", "service_id": "\#(service.id!.uuidString)"}"#
            func send(_ forwarded: String) async throws -> HTTPResponseStatus {
                try await app.browser().postJSON(
                    "/api/v1/feedback", json: json, headers: [("X-Forwarded-For", forwarded)]
                ).status
            }
            #expect(try await send("198.51.100.1") == .created)
            #expect(try await send("198.51.100.2") == .created, "another visitor")
            // The visitor wrote the first address; the balancer the last: the limit follows the last.
            #expect(try await send("10.9.9.9, 198.51.100.1") == .tooManyRequests)
        }
    }

    @Test("staff read feedback with a bearer token; others are refused", arguments: TestDatabase.all)
    func staffRead(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, _) = try await Fixtures.service(on: app.db)
            let browser = app.browser()
            let created = try await browser.postJSON(
                "/api/v1/feedback",
                json:
                    #"{"text": "Call me on 07700 900982", "service_id": "\#(service.id!.uuidString)", "contact_email": "pat@example.org"}"#
            )
            let id = try JSONDecoder().decode(Created.self, from: Data(created.body.utf8)).id
            let path = "/api/v1/feedback/\(id.uuidString.lowercased())"
            let anonymous = try await browser.get(path)
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.headers.first(name: .wwwAuthenticate)?.hasPrefix("Bearer") == true)
            #expect(
                try await browser.get(path, headers: [("Authorization", "Bearer heard_wrong")]).status == .unauthorized)

            let token = try await StaffTokens.create(
                email: "handler@test.example", role: .complaintsHandler, name: "test", on: app.db)
            let read = try await browser.get(path, headers: [("Authorization", "Bearer \(token)")])
            #expect(read.status == .ok)
            #expect(read.body.contains("pat@example.org"), "staff see contact details")
            #expect(read.body.contains("[phone]"))

            let secretary = try await StaffTokens.create(
                email: "secretary@test.example", role: .boardSecretary, name: "test", on: app.db)
            #expect(
                try await browser.get(path, headers: [("Authorization", "Bearer \(secretary)")]).status == .forbidden)
            // Escalated to a formal complaint, its words and contact details are for the complaints team only.
            let officer = try await StaffTokens.create(
                email: "officer@test.example", role: .engagementOfficer, name: "test", on: app.db)
            #expect(try await browser.get(path, headers: [("Authorization", "Bearer \(officer)")]).status == .ok)
            let item = try #require(try await FeedbackItem.find(id, on: app.db))
            item.status = .escalated
            try await item.save(on: app.db)
            let refused = try await browser.get(path, headers: [("Authorization", "Bearer \(officer)")])
            #expect(refused.status == .forbidden)
            #expect(refused.body.contains("is a formal complaint, so only complaints handlers and administrators"))
            #expect(!refused.body.contains("pat@example.org"))
            #expect(try await browser.get(path, headers: [("Authorization", "Bearer \(token)")]).status == .ok)
            await #expect(throws: StaffTokenError.self) {
                _ = try await StaffTokens.create(email: "handler@test.example", role: .moderator, name: "x", on: app.db)
            }
            // A token for a switched-off account would never work: refused, saying how to switch it on.
            let handler = try #require(
                try await User.query(on: app.db).filter(\.$email == "handler@test.example").first())
            handler.isActive = false
            try await handler.save(on: app.db)
            do {
                _ = try await StaffTokens.create(
                    email: "handler@test.example", role: .complaintsHandler, name: "x", on: app.db)
                Issue.record("a switched-off account got a token")
            } catch let error as StaffTokenError {
                #expect(error.description.contains("is switched off"))
            }
            #expect(try await StaffTokens.accountExists(email: "handler@test.example", on: app.db))
            #expect(!(try await StaffTokens.accountExists(email: "nobody@test.example", on: app.db)))
        }
    }

    @Test("public stories carry only published, redacted text")
    func storiesArePublishedOnly() async throws {
        try await TestApp.run(on: .sqlite) { app in
            let (service, place) = try await Fixtures.service(on: app.db)
            let browser = app.browser()
            for text in ["Published story, nurse was kind", "Waiting story, call 07700 900982"] {
                _ = try await browser.postJSON(
                    "/api/v1/feedback",
                    json:
                        #"{"text": "\#(text)", "service_id": "\#(service.id!.uuidString)", "consent_to_publish": true}"#
                )
            }
            let first = try #require(
                try await FeedbackItem.query(on: app.db).filter(\.$story == "Published story, nurse was kind").first())
            first.status = .published
            first.publishedText = "Published story, the nurse was kind"
            first.publishedAt = Date()
            first.themes = "Not assigned;Staff manner & personal attributes"
            try await first.save(on: app.db)
            let page = try await browser.get("/api/v1/stories")
            #expect(page.status == .ok)
            #expect(page.body.contains("Published story, the nurse was kind"))
            #expect(
                page.body.contains("\"themes\":[\"Staff manner & personal attributes\"]"), "no label without a subject")
            #expect(!page.body.contains("Waiting story"))
            #expect(!page.body.contains("07700"))
            #expect(try await browser.get("/api/v1/stories?sentiment=angry").status == .unprocessableEntity)
            #expect(try await browser.get("/api/v1/loop-closure?place=atlantis").status == .unprocessableEntity)
            let twoAreas = try await browser.get(
                "/api/v1/loop-closure?place=\(place.slug)&service=\(service.id!.uuidString)")
            #expect(twoAreas.status == .unprocessableEntity)
            #expect(twoAreas.body.contains("Give one of organisation, place or service, not place and service"))
            // A misspelt filter is an error, not an empty list (or, for a service id, every story).
            for (query, field) in [
                ("service=not-a-uuid", "service"), ("service=\(UUID().uuidString)", "service"),
                ("place=nowhere", "place"), ("theme=Nonsense", "theme"), ("page=0", "page"),
                ("theme=Not%20assigned", "theme"),
            ] {
                let refused = try await browser.get("/api/v1/stories?" + query)
                #expect(refused.status == .unprocessableEntity, "\(query)")
                #expect(refused.body.contains("\"field\":\"\(field)\""), "\(query): \(refused.body)")
            }
            let serviceFilter = try await browser.get("/api/v1/stories?service=\(service.id!.uuidString)")
            #expect(serviceFilter.body.contains("Published story, the nurse was kind"))
            #expect(try await browser.get("/api/v1/stories?theme=Timeliness%20of%20care").status == .ok)
            let zero = try await browser.get("/api/v1/stories?page=0")
            #expect(zero.status == .unprocessableEntity)
            #expect(zero.body.contains("'page' must be a whole number from 1 to 1,000,000, not '0'."), "\(zero.body)")
            // Past the last page: an empty page, so a client reading until one is empty stops.
            let past = try await browser.get("/api/v1/stories?page=5")
            #expect(past.status == .ok)
            #expect(past.body.contains("\"items\":[]"))
            #expect(past.body.contains("\"page\":5"))
        }
    }

    struct Created: Decodable {
        var id: UUID
        var reference: String
        var status: String
    }

    struct ErrorBody: Decodable {
        var error: String
        var field: String?
    }
}
