import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing
import Vapor

@testable import HeardWeb

/// A staff form that creates something, sent twice (a double click, two instances at once, a refreshed page),
/// makes it once.
@Suite("Staff create forms sent twice make one thing")
struct DuplicateSubmissionTests {
    static func hidden(_ name: String, in page: TestBrowser.Page) throws -> String {
        try #require(page.hiddenValue(name), "the form carries \(name)")
    }

    @Test("one action from the same form sent twice at once, and again later", arguments: TestDatabase.all)
    func action(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, _) = try await Fixtures.service(on: app.db)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let owner = try #require(try await User.query(on: app.db).first())
            let page = try await officer.get("/staff/actions/new")
            let form = [
                "_csrf": try #require(page.csrfToken),
                SubmittedOnce.fieldName: try Self.hidden(SubmittedOnce.fieldName, in: page),
                "you_said": "The car park is hard to find.", "title": "Put up new signs",
                "organisation_id": service.$organisation.id.uuidString, "owner_id": owner.id!.uuidString,
                "due_on": DecisionClock.system.today().adding(days: 30).iso,
            ]
            let statuses = try await withThrowingTaskGroup(of: TestBrowser.Page.self) { group in
                for _ in 0..<3 { group.addTask { try await officer.post("/staff/actions/new", form: form) } }
                return try await group.reduce(into: [TestBrowser.Page]()) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0.status == .seeOther }, "\(statuses.map(\.status))")
            let actions = try await ActionItem.query(on: app.db).all()
            #expect(actions.count == 1)
            let path = "/staff/actions/\(try #require(actions.first?.id).uuidString.lowercased())"
            #expect(statuses.allSatisfy { $0.location == path })

            // Sent again later (a resend after a timeout): taken to what the first made, and told why.
            let again = try await officer.post("/staff/actions/new", form: form)
            #expect(again.location == path)
            #expect(
                try await officer.get(path).body.contains("That form had already been sent, so nothing new was made."))
            #expect(try await ActionItem.query(on: app.db).count() == 1)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "action.created").count() == 1)

            // A new filling-in of the form is a new action.
            let second = try await officer.get("/staff/actions/new")
            var fresh = form
            fresh[SubmittedOnce.fieldName] = try Self.hidden(SubmittedOnce.fieldName, in: second)
            #expect(fresh[SubmittedOnce.fieldName] != form[SubmittedOnce.fieldName])
            #expect(try await officer.post("/staff/actions/new", form: fresh).status == .seeOther)
            #expect(try await ActionItem.query(on: app.db).count() == 2)
        }
    }

    @Test("refreshing the page that shows a new API token does not make a second token", arguments: TestDatabase.all)
    func apiToken(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let admin = try await app.signedInBrowser(.administrator)
            let owner = try #require(try await User.query(on: app.db).first())
            let page = try await admin.get("/staff/settings")
            let form = [
                "_csrf": try #require(page.csrfToken),
                SubmittedOnce.fieldName: try Self.hidden(SubmittedOnce.fieldName, in: page),
                "user_id": owner.id!.uuidString, "name": "Survey tool upload",
            ]
            let shown = try await admin.post("/staff/settings/tokens", form: form)
            #expect(shown.status == .ok)
            #expect(shown.body.contains("Copy this token now."))
            let refreshed = try await admin.post("/staff/settings/tokens", form: form)
            #expect(refreshed.status == .seeOther)
            #expect(refreshed.location == "/staff/settings")
            #expect(try await APIToken.query(on: app.db).count() == 1)
            let list = try await admin.get("/staff/settings")
            #expect(list.body.contains("That form had already been sent"))
            #expect(!list.body.contains("Copy this token now."))
        }
    }
}
