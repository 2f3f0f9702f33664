import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// Regulation 5: a complaint made for someone else is recorded with how the complainant knows them and whether
/// they agreed; the handler is prompted when consent is still to be sought, without being stopped.
@Suite("Complaints made for someone else")
struct ComplaintOnBehalfTests {
    @Test(
        "the public form asks who the complaint is for, refuses missing answers keeping what was typed, and the case prompts for consent",
        arguments: TestDatabase.all)
    func publicForm(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(year: 2026, month: 12, day: 4))
            let (service, _) = try await Fixtures.service(on: app.db)
            let formPath = "/feedback/new?service=\(service.id!.uuidString)"
            let person = app.browser()
            let form = try await person.get(formPath).body
            #expect(form.contains("Complaining for someone else"))
            #expect(form.contains("I have not asked them yet"))
            var fields = [
                "service_id": service.id!.uuidString, "story": "My father was left without his medicines for a day.",
                "consent_to_publish": "no", "is_complaint": "yes", "contact_name": "Ann Carer",
                "contact_email": "ann.carer@example.org", "complainant_type": "representative",
            ]
            let missing = try await person.post(formPath, form: fields)
            #expect(missing.status == .unprocessableEntity)
            #expect(missing.body.contains("Say how you know the person you are complaining for"))
            #expect(missing.body.contains("Choose one: they have agreed, they have died"))
            #expect(missing.body.contains("href=\"#field-representative_relationship\""))
            #expect(missing.body.contains("without his medicines"), "what was typed is kept")
            #expect(try await FeedbackItem.query(on: app.db).count() == 0)

            fields["representative_relationship"] = "His daughter"
            fields["representative_basis"] = "not_asked_yet"
            let sent = try await person.post(formPath, form: fields)
            #expect(sent.status == .seeOther)
            let complaint = try #require(try await Complaint.query(on: app.db).first())
            #expect(complaint.complainantType == "representative")
            #expect(complaint.representativeRelationship == "His daughter")
            #expect(complaint.representativeBasis == "not_asked_yet")

            let handler = try await app.signedInBrowser(.complaintsHandler)
            let path = ComplaintFixtures.path(complaint)
            let page = try await handler.get(path).body
            #expect(page.contains("Consent needed before sharing their records."))
            #expect(page.contains("Complaining for someone else (His daughter): the person has not been asked yet"))
            #expect(page.contains("Record the acknowledgement") || page.contains("name=\"acknowledged_on\""))
            let acknowledged = try await handler.post(
                path + "/acknowledge",
                form: ["acknowledged_on": "2026-12-04", "acknowledgement_note": "Phoned Ann to talk it through."],
                tokenFrom: path)
            #expect(acknowledged.status == .seeOther, "consent still to come does not stop the acknowledgement")
            let csv = try await handler.get("/staff/complaints.csv?from=2026-12-01&to=2026-12-31").body
            #expect(csv.contains(",ombudsman_outcome_on,complainant_type"))
            #expect(csv.contains(",representative\r\n") || csv.hasSuffix(",representative"))
            let audit = try #require(
                try await AuditEvent.query(on: app.db).filter(\.$action == "complaint.opened").first())
            #expect(audit.changes.contains("representative"))
        }
    }

    @Test(
        "staff entry records a complaint from the person affected by default, and one for someone who has died",
        arguments: TestDatabase.all)
    func staffEntry(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(year: 2026, month: 12, day: 4))
            let (service, _) = try await Fixtures.service(on: app.db)
            let handler = try await app.signedInBrowser(.complaintsHandler)
            let formPath = "/staff/feedback/new/form?service=\(service.id!.uuidString)"
            let form = try await handler.get(formPath).body
            #expect(form.contains("If it is a complaint: who is complaining?"))
            let fields = [
                "service_id": service.id!.uuidString, "story": "Letter: my late husband's care on the ward.",
                "consent_to_publish": "no", "channel": "letter", "is_complaint": "yes",
                "contact_name": "Grace Okafor", "complainant_type": "representative",
                "representative_relationship": "His widow", "representative_basis": "someone",
            ]
            let bad = try await handler.post(
                "/staff/feedback/new?service=\(service.id!.uuidString)", form: fields, tokenFrom: formPath)
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.contains("Choose one: they have agreed"))
            #expect(bad.body.contains("value=\"His widow\""), "what was typed is kept")
            var fixed = fields
            fixed["representative_basis"] = "died"
            let entered = try await handler.post(
                "/staff/feedback/new?service=\(service.id!.uuidString)", form: fixed, tokenFrom: formPath)
            #expect(entered.status == .seeOther)
            let page = try await handler.get(try #require(entered.location)).body
            #expect(page.contains("Complaining for someone else (His widow): the person has died"))
            #expect(!page.contains("Consent needed before sharing their records."))
        }
    }
}
