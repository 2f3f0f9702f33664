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
            #expect(csv.contains(",representative,"))
            let item = try #require(
                try await ComplaintFixtures.apiItem(
                    try await complaint.$feedback.get(on: app.db).reference, from: "2026-12-01", to: "2026-12-31",
                    in: app))
            #expect(item["complainant_type"] as? String == "representative")
            #expect(item["representative_basis"] as? String == "not_asked_yet")
            #expect(item["representative_relationship"] == nil, "how they know the person stays on the case page")
            let audit = try #require(
                try await AuditEvent.query(on: app.db).filter(\.$action == "complaint.opened").first())
            #expect(audit.changes.contains("representative"))

            // Later the person agrees: the handler records it on the case, and the prompt goes.
            #expect(page.contains("Record that the person affected has agreed"))
            #expect(page.contains("<details class=\"details\" open>"), "open while consent is still needed")
            let lost = try await handler.post(path + "/standing", form: [:], tokenFrom: path)
            #expect(lost.status == .unprocessableEntity)
            #expect(
                lost.body.contains(
                    "Say whether the complainant is the person affected or complaining for someone else."))
            let noRelationship = try await handler.post(
                path + "/standing",
                form: ["complainant_type": "representative", "representative_basis": "agreed"], tokenFrom: path)
            #expect(noRelationship.status == .unprocessableEntity)
            #expect(noRelationship.body.contains("Say how the complainant knows the person affected"))
            #expect(
                noRelationship.body.contains("value=\"agreed\" class=\"radio-input\" checked"),
                "what was chosen is kept")
            #expect(try await Complaint.find(complaint.id, on: app.db)?.representativeBasis == "not_asked_yet")
            let agreed = try await handler.post(
                path + "/standing",
                form: [
                    "complainant_type": "representative", "representative_relationship": "His daughter",
                    "representative_basis": "agreed",
                ], tokenFrom: path)
            #expect(agreed.status == .seeOther)
            let after = try await handler.get(path).body
            #expect(after.contains("Their records may now be shared with the complainant."))
            #expect(!after.contains("Consent needed before sharing their records."))
            #expect(after.contains("Complaining for someone else (His daughter): the person has agreed"))
            #expect(after.contains("Change who is complaining") && !after.contains("<details class=\"details\" open>"))
            let change = try #require(
                try await AuditEvent.query(on: app.db).filter(\.$action == "complaint.complainant_changed").first())
            #expect(change.summary.contains("for someone else, the person has agreed"))
            #expect(change.changes.contains("not_asked_yet") && change.changes.contains("agreed"))
            #expect(!change.summary.contains("daughter") && !change.changes.contains("daughter"))
            let apiItem = try #require(
                try await ComplaintFixtures.apiItem(
                    try await complaint.$feedback.get(on: app.db).reference, from: "2026-12-01", to: "2026-12-31",
                    in: app))
            #expect(apiItem["representative_basis"] as? String == "agreed")
            // Sending the same answers again changes nothing and records nothing.
            _ = try await handler.post(
                path + "/standing",
                form: [
                    "complainant_type": "representative", "representative_relationship": "His daughter",
                    "representative_basis": "agreed",
                ], tokenFrom: path)
            #expect(
                try await AuditEvent.query(on: app.db).filter(\.$action == "complaint.complainant_changed").count() == 1
            )
        }
    }

    @Test(
        "while the person affected has not agreed, a response is refused unless it shares nothing about them (audited)",
        arguments: TestDatabase.all)
    func responseWaitsForConsent(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(iso: "2027-03-10")!)
            let (service, place) = try await Fixtures.service(on: app.db)
            let complaint = try await ComplaintFixtures.complaint(
                "HRD-CONSENT1", receivedOn: "2027-01-05", acknowledgedOn: "2027-01-06", service: service,
                place: place, on: app.db)
            complaint.record(
                ComplainantStanding(type: .representative, relationship: "His daughter", basis: .notAskedYet))
            try await complaint.save(on: app.db)
            let handler = try await app.signedInBrowser(.complaintsHandler)
            let path = ComplaintFixtures.path(complaint)
            #expect(try await handler.get(path).body.contains("The response shares nothing about the person affected"))
            let response = [
                "responded_on": "2027-03-10", "how_considered": "Read the ward notes.",
                "conclusions": "The medicines round was missed.", "outcome": "upheld",
                "remedial_action": "A second check at handover.", "ombudsman_right_given": "yes",
            ]
            let refused = try await handler.post(path + "/respond", form: response, tokenFrom: path)
            #expect(refused.status == .unprocessableEntity)
            #expect(
                refused.body.contains("The person affected has not agreed to the complainant having their information"))
            #expect(refused.body.contains("href=\"#field-shares_nothing\""))
            #expect(try await Complaint.find(complaint.id, on: app.db)?.respondedOn == nil)

            var confirmed = response
            confirmed["shares_nothing"] = "yes"
            let sent = try await handler.post(path + "/respond", form: confirmed, tokenFrom: path)
            #expect(sent.status == .seeOther)
            let audit = try #require(
                try await AuditEvent.query(on: app.db).filter(\.$action == "complaint.responded").first())
            #expect(audit.summary.contains("the handler confirmed the response shares nothing about them"))
            #expect(audit.changes.contains("shares_nothing_about_person_affected"))
        }
    }

    @Test(
        "once the person affected agreed, the response needs no confirmation", arguments: TestDatabase.all)
    func responseAfterConsent(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(iso: "2027-03-10")!)
            let (service, place) = try await Fixtures.service(on: app.db)
            let complaint = try await ComplaintFixtures.complaint(
                "HRD-CONSENT2", receivedOn: "2027-01-05", acknowledgedOn: "2027-01-06", service: service,
                place: place, on: app.db)
            complaint.record(ComplainantStanding(type: .representative, relationship: "His daughter", basis: .agreed))
            try await complaint.save(on: app.db)
            let handler = try await app.signedInBrowser(.complaintsHandler)
            let path = ComplaintFixtures.path(complaint)
            #expect(!(try await handler.get(path).body.contains("name=\"shares_nothing\"")))
            let sent = try await handler.post(
                path + "/respond",
                form: [
                    "responded_on": "2027-03-10", "how_considered": "Read the ward notes.",
                    "conclusions": "The medicines round was missed.", "outcome": "upheld",
                    "remedial_action": "A second check at handover.", "ombudsman_right_given": "yes",
                ], tokenFrom: path)
            #expect(sent.status == .seeOther)
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
