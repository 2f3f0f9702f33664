import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// What staff write for the public has a length a page can show: "We will …" is a short sentence, an update on
/// an action and the response to an idea a few paragraphs. Longer text is refused with the limit and its length,
/// and what was typed is kept to shorten.
@Suite("Actions and ideas: text a page can show")
struct ActionTextLimitTests {
    @Test("an action's title, an update and a change of plan are kept to their limits", arguments: TestDatabase.all)
    func actionLimits(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, place) = try await Fixtures.service(on: app.db)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let owner = try #require(try await User.query(on: app.db).filter(\.$role == .engagementOfficer).first())
            let form = [
                "you_said": "People said the waits were not explained.",
                "title": String(repeating: "We will explain. ", count: 300),
                "organisation_id": service.$organisation.id.uuidString, "place_id": place.id!.uuidString,
                "owner_id": owner.id!.uuidString, "due_on": "2099-01-01",
            ]
            app.app.decisionClock = .fixed(SimpleDate(iso: "2098-12-01")!)
            let long = try await officer.post("/staff/actions/new", form: form, tokenFrom: "/staff/actions/new")
            #expect(long.status == .unprocessableEntity)
            #expect(long.body.contains("Keep what will be done to 200 characters or fewer: it is 5,099 now."))
            #expect(long.body.contains("We will explain. We will explain."), "what was typed is kept")
            var longYouSaid = form
            longYouSaid["title"] = "Explain waits at reception"
            longYouSaid["you_said"] = String(repeating: "x", count: 5001)
            let refusedYouSaid = try await officer.post(
                "/staff/actions/new", form: longYouSaid, tokenFrom: "/staff/actions/new")
            #expect(refusedYouSaid.status == .unprocessableEntity)
            #expect(
                refusedYouSaid.body.contains("Keep what people told us to 5,000 characters or fewer: it is 5,001 now."))
            #expect(try await ActionItem.query(on: app.db).count() == 0)

            var fits = form
            fits["title"] = "Explain waits at reception"
            let raised = try await officer.post("/staff/actions/new", form: fits, tokenFrom: "/staff/actions/new")
            #expect(raised.status == .seeOther)
            let path = try #require(raised.location)

            let note = String(repeating: "Still working on it. ", count: 1000)
            let update = try await officer.post(
                path + "/update", form: ["status": "in_progress", "note": note], tokenFrom: path)
            #expect(update.status == .unprocessableEntity)
            #expect(update.body.contains("Keep the update to 5,000 characters or fewer: it is 20,999 now."))
            #expect(update.body.contains("Still working on it. Still working on it."), "what was typed is kept")
            #expect(try await ActionUpdate.query(on: app.db).count() == 1, "only the update raising it")

            let page = try await officer.get(path)
            let plan = try await officer.post(
                path + "/plan",
                form: [
                    "title": String(repeating: "t", count: 201), "owner_id": owner.id!.uuidString,
                    "due_on": "2099-01-01", "edit_version": page.hiddenValue("edit_version") ?? "",
                ], tokenFrom: path)
            #expect(plan.status == .unprocessableEntity)
            #expect(plan.body.contains("Keep what will be done to 200 characters or fewer: it is 201 now."))
            #expect(try await ActionItem.query(on: app.db).first()?.title == "Explain waits at reception")
        }
    }

    @Test("the response to an idea is kept to 5,000 characters", arguments: TestDatabase.all)
    func ideaResponse(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let member = try await app.signedInBrowser(.involvedPerson)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let put = try await member.post(
                "/me/ideas",
                form: [
                    "title": "Free parking for carers",
                    "details": "Carers visiting every day pay too much to park at the hospital.",
                    "credit_name": "Farah B.",
                ], tokenFrom: "/me")
            #expect(put.status == .seeOther)
            let idea = try #require(try await Idea.query(on: app.db).first())
            let path = "/staff/ideas/\(idea.id!.uuidString.lowercased())"
            let response = String(repeating: "We will look at this. ", count: 1000)
            let refused = try await officer.post(
                path, form: ["status": "considering", "response": response], tokenFrom: path)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("Keep the response to 5,000 characters or fewer: it is 21,999 now."))
            #expect(refused.body.contains("We will look at this. We will look at this."), "what was typed is kept")
            #expect(try await Idea.find(idea.id, on: app.db)?.status == .submitted)
        }
    }
}
