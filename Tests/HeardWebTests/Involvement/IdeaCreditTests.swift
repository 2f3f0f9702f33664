import Fluent
import Foundation
import HeardDomain
import HeardStorage
import HeardWeb
import Testing

@Suite("Credit for ideas names each person once")
struct IdeaCreditTests {
    @Test(
        "two ideas from Farah Begum credit her once, on the public and the staff initiative pages",
        arguments: TestDatabase.all)
    func eachNameOnce(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let officer = try await app.signedInBrowser(.engagementOfficer)
            _ = try await app.signedInBrowser(.involvedPerson)
            let author = try #require(try await User.query(on: app.db).filter(\.$role == .involvedPerson).first())
            let initiative = Initiative(
                title: "Community pharmacy late opening", what: "Two pharmacies open until 10pm", why: "Urgent care",
                affectsServices: true, substantialVariation: false, decisionBody: "Leeds Place Committee",
                targetDate: nil)
            try await initiative.create(on: app.db)
            for (title, credit, publicly) in [
                ("Late-night pharmacy after urgent care", "Farah Begum", true),
                ("A pharmacy near the urgent treatment centre", "Farah Begum", true),
                ("Hearing loops at the pharmacy counter", "Farah B.", false),
                ("Text when medicines are ready", "Farah B.", false),
            ] {
                let idea = Idea(
                    authorID: author.id!, title: title, details: "Details of the idea, long enough to read.",
                    creditName: credit, creditPublicly: publicly)
                idea.status = .takenForward
                idea.$initiative.id = initiative.id
                idea.respondedAt = Date()
                try await idea.create(on: app.db)
            }
            let id = initiative.id!.uuidString.lowercased()
            let publicPage = try await app.browser().get("/initiatives/\(id)")
            #expect(publicPage.body.contains("ideas put forward by Farah Begum, a member of the public. "))
            #expect(!publicPage.body.contains("Farah Begum, Farah Begum"))
            let staffPage = try await officer.get("/staff/initiatives/\(id)")
            // The initiative was under way before the ideas: they are taken forward by it, not its start.
            #expect(staffPage.body.contains("Takes forward ideas by Farah Begum, Farah B. ("))
            #expect(publicPage.body.contains("This takes forward ideas put forward by"))
            #expect(!staffPage.body.contains("Farah Begum, Farah Begum"))
        }
    }
}
