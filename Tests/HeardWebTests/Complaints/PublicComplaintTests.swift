import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// A member of the public can make a formal complaint themselves, and read how complaints work.
@Suite("Formal complaints from the public form")
struct PublicComplaintTests {
    @Test(
        "ticking 'formal complaint' needs a way to reply, opens the complaint with its clock from today, tells the complaints team and is never published",
        arguments: TestDatabase.all)
    func complaintFromThePublicForm(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(year: 2026, month: 12, day: 4))
            let (service, _) = try await Fixtures.service(on: app.db)
            try await app.createUser(.complaintsHandler)
            let formPath = "/feedback/new?service=\(service.id!.uuidString)"
            let person = app.browser()
            let form = try await person.get(formPath)
            #expect(form.body.contains("I want to make a formal complaint"))
            #expect(form.body.contains("href=\"/how-to-complain\""))
            var fields = [
                // No answer to "May we publish?": a complaint is never published, so it is not asked of one.
                "service_id": service.id!.uuidString, "story": "My mother was discharged at night with no transport.",
                "is_complaint": "yes",
            ]
            let anonymous = try await person.post(formPath, form: fields)
            #expect(anonymous.status == .unprocessableEntity)
            #expect(anonymous.body.contains("To make a formal complaint, give an e-mail address or phone number"))
            #expect(anonymous.body.contains("discharged at night"), "what was typed is kept")
            // An address but no name: the written response must be addressed to someone, as the form says.
            var noName = fields
            noName["contact_email"] = "sam.person@example.org"
            let unnamed = try await person.post(formPath, form: noName)
            #expect(unnamed.status == .unprocessableEntity)
            #expect(unnamed.body.contains("To make a formal complaint, give your name"))
            #expect(unnamed.body.contains("sam.person@example.org"), "what was typed is kept")
            fields["contact_name"] = "Sam Person"
            let nameOnly = try await person.post(formPath, form: fields)
            #expect(nameOnly.status == .unprocessableEntity, "a name alone is no way to send the answer")
            #expect(try await FeedbackItem.query(on: app.db).count() == 0)

            fields["contact_email"] = "sam.person@example.org"
            let sent = try await person.post(formPath, form: fields)
            #expect(sent.status == .seeOther)
            let item = try #require(try await FeedbackItem.query(on: app.db).first())
            #expect(item.status == .escalated, "it goes to the complaints team, not to moderation or publication")
            #expect(!item.consentToPublish)
            let complaint = try #require(
                try await Complaint.query(on: app.db).filter(\.$feedback.$id == item.id!).first())
            #expect(complaint.receivedOn == "2026-12-04")
            let thanks = try await person.get(try #require(sent.location))
            #expect(thanks.body.contains("We have your complaint"))
            #expect(thanks.body.contains(item.reference))
            #expect(thanks.body.contains("within 3 working days"))
            let notice = try #require(
                try await Notice.query(on: app.db).filter(\.$kind == "complaint_received").first())
            #expect(notice.toAddress == "complaints_handler@test.heard.example")
            #expect(notice.body.contains("Acknowledge it by 9 December 2026"), "\(notice.body)")
            #expect(!notice.body.contains("discharged"), "the e-mail names the reference, not the words")
            #expect(try await app.browser().get("/stories/\(item.reference)").status == .notFound)
            let audit = try #require(
                try await AuditEvent.query(on: app.db).filter(\.$action == "complaint.opened").first())
            #expect(audit.actorLabel == "public")
        }
    }

    @Test("the public page says how to complain, the time limit, what happens and which Ombudsman to go to")
    func howToComplain() async throws {
        try await TestApp.run(on: .sqlite) { app in
            let page = try await app.browser().get("/how-to-complain")
            #expect(page.status == .ok)
            #expect(page.body.contains("within 12 months of what happened, or of when you found out about it"))
            #expect(page.body.contains("within 3 working days"))
            #expect(page.body.contains("Parliamentary and Health Service Ombudsman"))
            #expect(page.body.contains("Local Government and Social Care Ombudsman"))
            #expect(
                try await app.browser().get("/").body.contains("href=\"/how-to-complain\""), "linked from every page")
        }
    }
}
