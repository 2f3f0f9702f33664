import Fluent
import Foundation
import HeardDomain
import HeardStorage
import SQLKit
import Testing

@testable import HeardWeb

/// Consultation practice reports organisations' and groups' responses apart from individuals', named, each
/// response counted once: the form asks, the response keeps it, and the outcome page, staff analysis, CSV and API
/// agree.
@Suite("Consultation responses on behalf of an organisation or group")
struct OrganisationResponsesTests {
    struct APIOutcome: Decodable {
        struct Detail: Decodable {
            struct Organisation: Decodable, Equatable {
                var name: String
                var responses: Int
            }
            var responses: Int
            var organisations: [Organisation]
        }
        var outcome: Detail?
    }

    @Test(
        "the form refuses a missing, long or contact-details name, keeping what was typed; accepted ones are reported alike everywhere",
        arguments: TestDatabase.all)
    func formAndOutcome(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(year: 2026, month: 12, day: 4))
            let (consultation, question) = try await PaperResponseTests.consultation(
                on: app.db, opens: SimpleDate(year: 2026, month: 11, day: 1),
                closes: SimpleDate(year: 2026, month: 12, day: 31))
            let id = consultation.id!.uuidString.lowercased()
            let publicPath = "/consultations/\(id)"
            let answer = "q-" + question.id!.uuidString.lowercased()
            let person = app.browser()

            let form = try await person.get(publicPath)
            #expect(form.status == .ok)
            #expect(
                form.body.contains("Are you responding as an individual, or on behalf of an organisation or group?"))
            #expect(form.body.contains("Name of the organisation or group"))
            #expect(
                form.body.range(of: #"value="individual"[^>]*checked"#, options: .regularExpression) != nil,
                "an individual unless chosen")

            var sent = 0
            func respond(_ fields: [String: String]) async throws -> TestBrowser.Page {
                sent += 1
                var all = fields
                all["submission_key"] = "key-\(sent)"
                if all[answer] == nil { all[answer] = "Keep it close to home." }
                return try await person.post(publicPath + "/respond", form: all, tokenFrom: publicPath)
            }

            // Refused: each says what to fix, links to the field, keeps what was typed, and stores nothing.
            let refusals: [([String: String], field: String, says: String, kept: String)] = [
                (
                    ["responding_as": "organisation", "on_behalf_of": " ", answer: "Buses twice a day."],
                    "on_behalf_of", "Enter the name of the organisation or group you are responding for",
                    ">Buses twice a day.</textarea>"
                ),
                (
                    ["responding_as": "organisation", "on_behalf_of": String(repeating: "Long name ", count: 21)],
                    "on_behalf_of", "Keep the name of the organisation or group to 200 characters or fewer.",
                    "value=\"\(String(repeating: "Long name ", count: 21))\""
                ),
                (
                    ["responding_as": "organisation", "on_behalf_of": "Carers group, write to jo.bloggs@example.org"],
                    "on_behalf_of", "looks like it includes someone's e-mail address",
                    "value=\"Carers group, write to jo.bloggs@example.org\""
                ),
                (
                    ["responding_as": "organisation", "on_behalf_of": "Friends of Ward 7 on 07700 900982"],
                    "on_behalf_of", "looks like it includes someone's phone number",
                    "value=\"Friends of Ward 7 on 07700 900982\""
                ),
                (
                    ["responding_as": "individual", "on_behalf_of": "Age UK Calderdale"],
                    "responding_as", "You gave the name of an organisation or group", "value=\"Age UK Calderdale\""
                ),
                (
                    ["responding_as": "company", "on_behalf_of": "Age UK Calderdale"],
                    "responding_as", "Choose whether you are responding as an individual or on behalf",
                    "value=\"Age UK Calderdale\""
                ),
            ]
            for refusal in refusals {
                let page = try await respond(refusal.0)
                #expect(page.status == .unprocessableEntity, "\(refusal.0)")
                #expect(page.body.contains("href=\"#field-\(refusal.field)\""), "\(refusal.0)")
                #expect(page.body.contains(refusal.says), "\(refusal.0)")
                #expect(page.body.contains(refusal.kept), "\(refusal.0)")
            }
            #expect(try await SurveyResponse.query(on: app.db).count() == 0)

            // Accepted: names as given (spacing tidied), a name typed twice differently is one organisation, a
            // person's name after a title in a group's name is not contact details, and staff typing in a
            // paper response get the same question.
            let accepted: [[String: String]] = [
                [
                    "responding_as": "organisation", "on_behalf_of": "Calderdale Carers Forum",
                    "contact_email": "carers.lead@example.org",
                ],
                ["responding_as": "organisation", "on_behalf_of": "  calderdale   carers forum "],
                ["responding_as": "organisation", "on_behalf_of": "Age UK Calderdale"],
                ["responding_as": "organisation", "on_behalf_of": "Dr Patel Surgery Patient Group"],
                [:],
                ["responding_as": "individual", "on_behalf_of": ""],
            ]
            for fields in accepted {
                let page = try await respond(fields)
                #expect(page.status == .ok, "\(fields)")
            }
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let paperPath = DecisionURL.paper(consultation.id!)
            let paperForm = try await officer.get(paperPath)
            #expect(
                paperForm.body.contains(
                    "Is this response from an individual, or on behalf of an organisation or group?"))
            let paperRefused = try await officer.post(
                paperPath,
                form: [
                    "received_on": "2026-11-20", answer: "On paper.", "submission_key": "paper-1",
                    "responding_as": "organisation", "on_behalf_of": "",
                ], tokenFrom: paperPath)
            #expect(paperRefused.status == .unprocessableEntity)
            #expect(paperRefused.body.contains("href=\"#field-on_behalf_of\""))
            #expect(paperRefused.body.contains(">On paper.</textarea>"))
            let paper = try await officer.post(
                paperPath,
                form: [
                    "received_on": "2026-11-20", answer: "On paper.", "submission_key": "paper-1",
                    "responding_as": "organisation", "on_behalf_of": "Healthwatch Calderdale",
                ], tokenFrom: paperPath)
            #expect(paper.status == .seeOther)

            let stored = try await SurveyResponse.query(on: app.db).all()
            #expect(stored.count == accepted.count + 1)
            #expect(
                stored.filter { $0.respondingAs == OnBehalfOf.organisation }.count
                    == stored.filter { $0.onBehalfOf != nil }.count)
            #expect(stored.filter { $0.respondingAs == OnBehalfOf.individual && $0.onBehalfOf == nil }.count == 2)
            #expect(stored.contains { $0.onBehalfOf == "calderdale carers forum" }, "spacing tidied, words as given")
            #expect(stored.first { $0.channel == "paper" }?.onBehalfOf == "Healthwatch Calderdale")

            // Closed and published: the page, the staff analysis, the CSV and the API give the same organisations
            // and counts.
            app.app.decisionClock = .fixed(SimpleDate(year: 2027, month: 1, day: 5))
            consultation.analysisPublishedAt = Date()
            consultation.outcomeSummary = "People want it close to home."
            try await consultation.update(on: app.db)
            let api = try JSONDecoder().decode(
                APIOutcome.self, from: Data(try await person.get("/api/v1/consultations/\(id)").body.utf8))
            let outcome = try #require(api.outcome)
            #expect(outcome.responses == stored.count)
            #expect(
                outcome.organisations == [
                    .init(name: "Age UK Calderdale", responses: 1),
                    .init(name: "Calderdale Carers Forum", responses: 2),
                    .init(name: "Dr Patel Surgery Patient Group", responses: 1),
                    .init(name: "Healthwatch Calderdale", responses: 1),
                ])
            // The OpenAPI document names exactly the outcome's fields, and each organisation's.
            let json = try #require(
                try JSONSerialization.jsonObject(
                    with: Data(try await person.get("/api/v1/consultations/\(id)").body.utf8)) as? [String: Any])
            let sentOutcome = try #require(json["outcome"] as? [String: Any])
            let document = try #require(
                try JSONSerialization.jsonObject(with: Data(try await person.get("/api/openapi.json").body.utf8))
                    as? [String: Any])
            let schema = try #require(
                (((document["components"] as? [String: Any])?["schemas"] as? [String: Any])?["Consultation"]
                    as? [String: Any])?["properties"] as? [String: Any])
            let outcomeSchema = try #require(schema["outcome"] as? [String: Any])
            #expect(Set(try #require(outcomeSchema["properties"] as? [String: Any]).keys) == Set(sentOutcome.keys))
            #expect(Set(try #require(outcomeSchema["required"] as? [String])) == Set(sentOutcome.keys))
            let organisationSchema = try #require(
                ((outcomeSchema["properties"] as? [String: Any])?["organisations"] as? [String: Any])?["items"]
                    as? [String: Any])
            let sentOrganisation = try #require((sentOutcome["organisations"] as? [[String: Any]])?.first)
            #expect(
                Set(try #require(organisationSchema["properties"] as? [String: Any]).keys)
                    == Set(sentOrganisation.keys))

            let onBehalf = outcome.organisations.reduce(0) { $0 + $1.responses }
            let sentence =
                "\(onBehalf) responses on behalf of organisations or groups: "
                + outcome.organisations.map { $0.responses > 1 ? "\($0.name) (\($0.responses))" : $0.name }
                .joined(separator: "; ") + "."
            let admin = try await app.signedInBrowser(.administrator)
            for page in [
                try await person.get(publicPath + "/outcome"), try await admin.get("/staff/consultations/\(id)"),
            ] {
                #expect(page.status == .ok)
                #expect(page.body.contains(sentence))
            }
            let csv = try await person.get(publicPath + "/outcome.csv")
            let rows = csv.body.components(separatedBy: "\r\n").filter { $0.hasPrefix("responses,organisation,") }
            #expect(rows == outcome.organisations.map { "responses,organisation,\($0.name),\($0.responses),,," })
            #expect(csv.body.contains("responses,total,,\(stored.count),,,"), "each counted once in the total")

            // The person's copy of their data says whom the response was for; erasing their data keeps a
            // response whose outcome is published, so the figures stand.
            let copy = try await admin.get("/staff/personal-data/copy.json?email=carers.lead@example.org")
            let held = try #require(try JSONSerialization.jsonObject(with: Data(copy.body.utf8)) as? [String: Any])
            let responses = try #require(held["consultation_responses"] as? [[String: Any]])
            #expect(responses.map { $0["on_behalf_of"] as? String } == ["Calderdale Carers Forum"])
            let erased = try await admin.post(
                "/staff/personal-data/erase",
                form: ["email": "carers.lead@example.org", "reason": "Asked by letter", "confirm": "yes"],
                tokenFrom: "/staff/personal-data?email=carers.lead@example.org")
            #expect(erased.status == .seeOther)
            #expect(try await SurveyResponse.query(on: app.db).filter(\.$contactEmail != nil).count() == 0)
            #expect(try await person.get(publicPath + "/outcome").body.contains(sentence))
        }
    }

    @Test(
        "erasing a person's data before the outcome is published erases whom their response spoke for too",
        arguments: TestDatabase.all)
    func erasedBeforeTheOutcome(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(year: 2026, month: 12, day: 4))
            let (consultation, question) = try await PaperResponseTests.consultation(
                on: app.db, opens: SimpleDate(year: 2026, month: 11, day: 1),
                closes: SimpleDate(year: 2026, month: 12, day: 31))
            let publicPath = "/consultations/\(consultation.id!.uuidString.lowercased())"
            let person = app.browser()
            let sent = try await person.post(
                publicPath + "/respond",
                form: [
                    "submission_key": "key-1", "q-" + question.id!.uuidString.lowercased(): "Closer to home.",
                    "responding_as": "organisation", "on_behalf_of": "Todmorden Carers",
                    "contact_email": "sam@example.org",
                ], tokenFrom: publicPath)
            #expect(sent.status == .ok)
            #expect(try await SurveyResponse.query(on: app.db).first()?.onBehalfOf == "Todmorden Carers")
            let admin = try await app.signedInBrowser(.administrator)
            let erased = try await admin.post(
                "/staff/personal-data/erase",
                form: ["email": "sam@example.org", "reason": "Asked by phone", "confirm": "yes"],
                tokenFrom: "/staff/personal-data?email=sam@example.org")
            #expect(erased.status == .seeOther)
            let response = try #require(try await SurveyResponse.query(on: app.db).first())
            #expect(response.onBehalfOf == nil)
            #expect(response.respondingAs == OnBehalfOf.individual)
            #expect(response.contactEmail == nil)
        }
    }

    @Test(
        "M0151: responses stored before it are individuals'; the columns take an organisation",
        arguments: TestDatabase.all)
    func migration(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (consultation, _) = try await PaperResponseTests.consultation(
                on: app.db, opens: SimpleDate(year: 2026, month: 11, day: 1),
                closes: SimpleDate(year: 2026, month: 12, day: 31))
            let migration = try #require(
                HeardMigrations.all.first { String(describing: type(of: $0)) == "M0151_ResponsesOnBehalfOf" }
                    as? any AsyncMigration)
            let before = UUID()
            // On one connection: another SQLite connection may still hold the schema with the columns.
            try await app.db.transaction { db in
                try await migration.revert(on: db)
                try await (db as! any SQLDatabase).raw(
                    """
                    INSERT INTO survey_responses (id, consultation_id, channel, answers, redacted_text, submission_key)
                    VALUES (\(bind: before), \(bind: consultation.id!), 'online', '{}', '', 'old-1')
                    """
                ).run()
                try await migration.prepare(on: db)
            }
            let old = try #require(try await SurveyResponse.find(before, on: app.db))
            #expect(old.respondingAs == OnBehalfOf.individual)
            #expect(old.onBehalfOf == nil)
            let group = SurveyResponse(
                consultationID: consultation.id!, channel: "paper", placeID: nil, answers: [:], redactedText: "",
                submissionKey: "new-1", contactEmail: nil)
            group.respondingAs = OnBehalfOf.organisation
            group.onBehalfOf = String(repeating: "Ü", count: 200)
            try await group.create(on: app.db)
            #expect(
                try await SurveyResponse.find(group.id, on: app.db)?.onBehalfOf == String(repeating: "Ü", count: 200))
        }
    }
}
