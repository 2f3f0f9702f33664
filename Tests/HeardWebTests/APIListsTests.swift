import Fluent
import Foundation
import HeardDomain
import HeardStorage
import HeardWeb
import Testing
import Vapor

/// The public lists of the JSON API over the demo data: consultations, actions and decisions, their filters,
/// and paging that covers every row once.
@Suite("JSON API: consultations, actions, decisions and paging")
struct APIListsTests {
    typealias JSON = [String: Any]

    static func json(_ page: TestBrowser.Page) throws -> JSON {
        try #require(try JSONSerialization.jsonObject(with: Data(page.body.utf8)) as? JSON)
    }

    static func items(_ page: TestBrowser.Page) throws -> [JSON] {
        try #require(try json(page)["items"] as? [JSON])
    }

    /// Every item of a paged list, read page by page the way a client would, until a page comes back empty.
    static func everyItem(_ browser: TestBrowser, _ path: String, perPage: Int) async throws -> [JSON] {
        var all: [JSON] = []
        var page = 1
        while true {
            let separator = path.contains("?") ? "&" : "?"
            let response = try await browser.get("\(path)\(separator)per_page=\(perPage)&page=\(page)")
            #expect(response.status == .ok)
            let body = try json(response)
            #expect(body["per_page"] as? Int == perPage)
            #expect(body["page"] as? Int == page)
            let items = try #require(body["items"] as? [JSON])
            if items.isEmpty { break }
            #expect(items.count <= perPage)
            all += items
            page += 1
            if page > 1000 { Issue.record("paging never ended"); break }
        }
        return all
    }

    @Test(
        "consultations: every one listed with its state, its pack and questions, and its results once published",
        arguments: TestDatabase.all)
    func consultations(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database, configure: { $0.seedDemoData = true }) { app in
            let visitor = app.browser()
            let stored = try await Consultation.query(on: app.db).all()
            #expect(stored.count >= 3)
            let listed = try await Self.everyItem(visitor, "/api/v1/consultations", perPage: 2)
            #expect(listed.count == stored.count)
            #expect(Set(listed.compactMap { $0["id"] as? String }).count == stored.count, "no consultation twice")
            let first = try Self.json(try await visitor.get("/api/v1/consultations"))
            #expect(first["total"] as? Int == stored.count)

            var sawOutcome = false
            var sawScaleLabels = false
            var sawPending = false
            for consultation in stored {
                let id = consultation.id!.uuidString
                let item = try #require(listed.first { ($0["id"] as? String)?.uppercased() == id })
                let responses = try await SurveyResponse.query(on: app.db)
                    .filter(\.$consultation.$id == consultation.id!).all()
                #expect(item["responses"] as? Int == responses.count)
                #expect(item["title"] as? String == consultation.title)
                #expect(item["url"] as? String == "/consultations/\(id.lowercased())")

                let detailPage = try await visitor.get("/api/v1/consultations/\(id.lowercased())")
                #expect(detailPage.status == .ok)
                let detail = try Self.json(detailPage)
                #expect(detail["background"] as? String == consultation.background)
                let questions = try #require(detail["questions"] as? [JSON])
                #expect(
                    questions.count
                        == (try await SurveyQuestion.query(on: app.db).filter(\.$consultation.$id == consultation.id!)
                            .count()))
                // A scale says what its points mean, as the form does; other kinds have no labels.
                for question in questions {
                    if question["kind"] as? String == "scale" {
                        let labels = try #require(question["labels"] as? [String])
                        #expect(labels.count == 5 && labels[0].hasPrefix("1 – "))
                        sawScaleLabels = sawScaleLabels || labels.last == "5 – Very easy"
                    } else {
                        #expect(question["labels"] is NSNull)
                    }
                }
                // Nothing a respondent wrote or gave privately is in the API: only counts and the published themes.
                for response in responses {
                    if let email = response.contactEmail, !email.isEmpty { #expect(!detailPage.body.contains(email)) }
                }
                if consultation.analysisPublishedAt != nil {
                    sawOutcome = true
                    #expect(item["status"] as? String == "closed_with_outcome")
                    #expect(item["outcome_url"] as? String == "/consultations/\(id.lowercased())/outcome")
                    let outcome = try #require(detail["outcome"] as? JSON)
                    #expect(outcome["responses"] as? Int == responses.count)
                    let byChannel = try #require(outcome["by_channel"] as? [String: Int])
                    #expect(byChannel.values.reduce(0, +) == responses.count)
                    let themes = try #require(outcome["themes"] as? [JSON])
                    let storedThemes = try await ConsultationTheme.query(on: app.db)
                        .filter(\.$consultation.$id == consultation.id!).all()
                    #expect(Set(themes.compactMap { $0["name"] as? String }) == Set(storedThemes.map(\.name)))
                    let byPlace = try #require(outcome["by_place"] as? [String: Int])
                    #expect(byPlace.values.reduce(0, +) == responses.count)
                    // Every question is there, those answered in words too, as on the outcome page.
                    let results = try #require(outcome["questions"] as? [JSON])
                    #expect(results.count == questions.count)
                    // Representation as the page gives it: the same groups, a small count null, never below 5.
                    let page = try await visitor.get("/consultations/\(id.lowercased())/outcome").body
                    let representation = try #require(outcome["representation"] as? [JSON])
                    #expect(!representation.isEmpty)
                    for characteristic in representation {
                        for group in try #require(characteristic["groups"] as? [JSON]) {
                            let shownAs = try #require(group["shown_as"] as? String)
                            if let count = group["respondents"] as? Int {
                                #expect(count == 0 || count >= 5, "\(group)")
                                #expect(shownAs == String(count))
                            } else {
                                #expect(group["respondents"] is NSNull)
                                #expect(shownAs == "fewer than 5" || shownAs == "not shown, to protect a small group")
                                #expect(group["respondent_percent"] is NSNull)
                            }
                            #expect(page.contains(try #require(group["group"] as? String)))
                        }
                    }
                } else {
                    sawPending = true
                    #expect(item["outcome_url"] is NSNull)
                    #expect(detail["outcome"] is NSNull, "no results before the outcome is published")
                }
            }
            #expect(sawOutcome && sawPending, "the demo has consultations both before and after their outcome")
            #expect(sawScaleLabels, "the demo's scale question names its ends")

            // The state filter agrees with the list, and unknown values and pages say what to fix.
            for state in ConsultationState.allCases {
                let filtered = try Self.items(try await visitor.get("/api/v1/consultations?status=\(state.rawValue)"))
                #expect(filtered.count == listed.filter { $0["status"] as? String == state.rawValue }.count)
            }
            let wrongState = try await visitor.get("/api/v1/consultations?status=closed")
            #expect(wrongState.status == .unprocessableEntity)
            #expect(wrongState.body.contains("\"field\":\"status\""))
            #expect(wrongState.body.contains("closed_awaiting_outcome"))
            for bad in ["page=0", "page=two", "per_page=0", "per_page=501", "page=-1"] {
                let refused = try await visitor.get("/api/v1/consultations?\(bad)")
                #expect(refused.status == .unprocessableEntity, "\(bad)")
                #expect(refused.body.contains("must be a whole number from 1 to"), "\(bad)")
            }
            let unknown = try await visitor.get("/api/v1/consultations/\(UUID().uuidString)")
            #expect(unknown.status == .notFound)
            #expect(unknown.body.contains("\"field\":\"id\""))
            #expect(try await visitor.get("/api/v1/consultations/not-an-id").status == .notFound)
        }
    }

    @Test(
        "actions: every action once across pages, filtered by state and area as the public pages are",
        arguments: TestDatabase.all)
    func actions(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database, configure: { $0.seedDemoData = true }) { app in
            let visitor = app.browser()
            let stored = try await ActionItem.query(on: app.db).with(\.$place).all()
            #expect(stored.count > 7)
            let listed = try await Self.everyItem(visitor, "/api/v1/actions", perPage: 7)
            #expect(listed.count == stored.count)
            #expect(Set(listed.compactMap { $0["id"] as? String }).count == stored.count, "no action twice")
            let dueDays = listed.compactMap { $0["due_on"] as? String }
            #expect(dueDays == dueDays.sorted(), "oldest due first")

            let closed = try await Self.everyItem(visitor, "/api/v1/actions?status=closed", perPage: 100)
            #expect(closed.count == stored.filter(\.status.isClosed).count)
            #expect(closed.allSatisfy { ["done", "not_possible"].contains($0["status"] as? String ?? "") })
            #expect(closed.allSatisfy { $0["closed_on"] is String })
            let open = try await Self.everyItem(visitor, "/api/v1/actions?status=open", perPage: 100)
            #expect(open.count + closed.count == stored.count)

            let leeds = try #require(try await Place.query(on: app.db).filter(\.$slug == "leeds").first())
            let inLeeds = try await Self.everyItem(visitor, "/api/v1/actions?place=leeds", perPage: 100)
            #expect(inLeeds.count == stored.filter { $0.$place.id == leeds.id }.count)
            #expect(inLeeds.allSatisfy { ($0["place"] as? JSON)?["slug"] as? String == "leeds" })

            // The counts are the stored links and updates, not the page's guess.
            let busiest = try #require(
                listed.max { ($0["feedback_linked"] as? Int ?? 0) < ($1["feedback_linked"] as? Int ?? 0) })
            let busiestID = try #require(UUID(uuidString: busiest["id"] as? String ?? ""))
            let links = try await ActionFeedbackLink.query(on: app.db).filter(\.$action.$id == busiestID).count()
            #expect(links > 0)
            #expect(busiest["feedback_linked"] as? Int == links)
            #expect(
                busiest["updates"] as? Int
                    == (try await ActionUpdate.query(on: app.db).filter(\.$action.$id == busiestID).count()))

            let nowhere = try await visitor.get("/api/v1/actions?place=atlantis")
            #expect(nowhere.status == .unprocessableEntity)
            #expect(nowhere.body.contains("No place has the slug 'atlantis'"))
            let wrongStatus = try await visitor.get("/api/v1/actions?status=finished")
            #expect(wrongStatus.status == .unprocessableEntity)
            #expect(wrongStatus.body.contains("'status' must be open, closed or all"))
        }
    }

    @Test("decisions: paged, and what was decided shown only once approved", arguments: TestDatabase.all)
    func decisions(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database, configure: { $0.seedDemoData = true }) { app in
            let visitor = app.browser()
            let stored = try await Decision.query(on: app.db).all()
            let listed = try await Self.everyItem(visitor, "/api/v1/decisions", perPage: 2)
            #expect(listed.count == stored.count)
            #expect(Set(listed.compactMap { $0["id"] as? String }).count == stored.count)
            for decision in stored {
                let item = try #require(listed.first { ($0["id"] as? String)?.uppercased() == decision.id!.uuidString })
                #expect(item["meeting_on"] as? String == decision.meetingOn)
                #expect((item["initiative"] as? JSON)?["id"] as? String == decision.$initiative.id.uuidString)
                if decision.isApproved {
                    #expect(item["outcome"] as? String == decision.outcome)
                    #expect(item["url"] as? String == "/decisions/\(decision.id!.uuidString.lowercased())")
                    #expect(item["approved_on"] is String)
                } else {
                    #expect(item["outcome"] is NSNull, "a proposed decision's wording is not published")
                    #expect(item["url"] is NSNull)
                }
            }
            #expect(stored.contains { !$0.isApproved } && stored.contains(where: \.isApproved))
            let tooMany = try await visitor.get("/api/v1/decisions?per_page=100000")
            #expect(tooMany.status == .unprocessableEntity)
            #expect(tooMany.body.contains("'per_page' must be a whole number from 1 to 500"))
        }
    }
}
