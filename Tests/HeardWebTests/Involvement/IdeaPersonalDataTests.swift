import Fluent
import Foundation
import HeardDomain
import HeardStorage
import HeardWeb
import Testing

@Suite("Ideas: personal data never reaches the public page, the e-mail or the audit trail")
struct IdeaPersonalDataTests {
    @Test(
        "an idea with a phone number, NHS number, e-mail, postcode or a name is refused, with the typed text kept",
        arguments: TestDatabase.all)
    func refusedWhenPutForward(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let member = try await app.signedInBrowser(.involvedPerson)
            let refused = try await member.post(
                "/me/ideas",
                form: [
                    "title": "Call me on 07700 900123 about ward 5",
                    "details":
                        "My NHS number is 943 476 5919, e-mail farah.begum@example.com, postcode LS7 4AB. Nurse Janet Smith was rude.",
                    "credit_name": "Farah Begum", "credit_publicly": "yes",
                ], tokenFrom: "/me")
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("Ideas taken forward are shown on public pages"))
            #expect(refused.body.contains("remove the phone number"))
            #expect(refused.body.contains("NHS number"))
            #expect(refused.body.contains("e-mail address"))
            #expect(refused.body.contains("postcode"))
            #expect(refused.body.contains("href=\"#field-title\""))
            #expect(refused.body.contains("href=\"#field-details\""))
            #expect(refused.body.contains("Call me on 07700 900123 about ward 5"), "what was typed is kept")
            #expect(try await Idea.query(on: app.db).count() == 0)
            #expect(try await Notice.query(on: app.db).count() == 0)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "idea.submitted").count() == 0)

            let named = try await member.post(
                "/me/ideas",
                form: [
                    "title": "Kinder reception on ward 5",
                    "details": "Nurse Janet Smith was rude to my mum at reception on ward 5.",
                    "credit_name": "Farah Begum", "credit_publicly": "yes",
                ], tokenFrom: "/me")
            #expect(named.status == .unprocessableEntity)
            #expect(named.body.contains("name"))
            #expect(
                named.body.contains("for example &quot;a nurse&quot;") || named.body.contains("for example \"a nurse\"")
            )

            let fine = try await member.post(
                "/me/ideas",
                form: [
                    "title": "Kinder reception on ward 5",
                    "details":
                        "A nurse was rude to my mum at reception on ward 5; training for reception staff would help.",
                    "credit_name": "Farah Begum", "credit_publicly": "yes",
                ], tokenFrom: "/me")
            #expect(fine.status == .seeOther)
        }
    }

    @Test(
        "an idea holding personal data from before the check cannot be taken forward, and the public page redacts it",
        arguments: TestDatabase.all)
    func checkedAgainWhenTakenForward(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let officer = try await app.signedInBrowser(.engagementOfficer)
            _ = try await app.signedInBrowser(.involvedPerson)
            let author = try #require(try await User.query(on: app.db).filter(\.$role == .involvedPerson).first())
            let initiative = Initiative(
                title: "Community pharmacy late opening", what: "Two pharmacies open until 10pm", why: "Urgent care",
                affectsServices: true, substantialVariation: false, decisionBody: "Leeds Place Committee",
                targetDate: nil)
            try await initiative.create(on: app.db)
            // Stored directly, as an idea put forward before the check existed would be.
            let idea = Idea(
                authorID: author.id!, title: "Call me on 07700 900123 about ward 5",
                details: "My e-mail is farah.begum@example.com and my NHS number is 943 476 5919.",
                creditName: "Farah Begum", creditPublicly: true)
            try await idea.create(on: app.db)
            let path = "/staff/ideas/\(idea.id!.uuidString.lowercased())"
            let refused = try await officer.post(
                path,
                form: [
                    "status": "taken_forward", "initiative_id": initiative.id!.uuidString,
                    "response": "We are looking at this as part of the pharmacy work.",
                ], tokenFrom: path)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("cannot be taken forward as written"))
            #expect(refused.body.contains("phone number"))
            #expect(refused.body.contains("We are looking at this as part of the pharmacy work."), "typed text kept")
            #expect(try await Idea.find(idea.id, on: app.db)?.status == .submitted)
            #expect(try await Notice.query(on: app.db).count() == 0)

            // Considering it is allowed; the audit summary does not copy the phone number.
            let considering = try await officer.post(
                path, form: ["status": "considering", "response": "We will call you to talk it through."],
                tokenFrom: path)
            #expect(considering.status == .seeOther)
            let audit = try #require(
                try await AuditEvent.query(on: app.db).filter(\.$action == "idea.answered").first())
            #expect(!audit.summary.contains("07700"))
            #expect(audit.summary.contains("[phone]"))

            // One taken forward before the check is shown on the public page with the personal data replaced.
            idea.status = .takenForward
            idea.$initiative.id = initiative.id
            idea.respondedAt = Date()
            try await idea.save(on: app.db)
            let published = try await app.browser().get("/ideas")
            #expect(published.status == .ok)
            #expect(published.body.contains("[phone]"))
            #expect(!published.body.contains("07700 900123"))
            #expect(!published.body.contains("farah.begum@example.com"))
            #expect(!published.body.contains("943 476 5919"))
        }
    }
}
