import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// Each step is recorded once: of parallel submits only the first succeeds, and a form sent from a stale tab
/// gets a plain 409 notice naming who recorded the step, never error links to fields no longer on the page.
@Suite("Complaint steps are recorded once")
struct ComplaintStepOnceTests {
    /// Sends the same form three times at once; returns the statuses and the refused pages.
    static func threeAtOnce(
        _ browser: TestBrowser, _ path: String, form: [String: String], tokenFrom page: String
    ) async throws -> [TestBrowser.Page] {
        let token = try #require(try await browser.get(page).csrfToken)
        var fields = form
        fields["_csrf"] = token
        async let a = browser.post(path, form: fields, withToken: false)
        async let b = browser.post(path, form: fields, withToken: false)
        async let c = browser.post(path, form: fields, withToken: false)
        return try await [a, b, c]
    }

    @Test(
        "three parallel acknowledgements, delay letters and responses: one of each is kept", arguments: TestDatabase.all
    )
    func parallelSubmits(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let clock = TestClock(SimpleDate(iso: "2026-06-02")!)
            app.app.decisionClock = DecisionClock { clock.today }
            let (service, place) = try await Fixtures.service(on: app.db)
            let complaint = try await ComplaintFixtures.complaint(
                "HRD-RACE0001", receivedOn: "2026-06-01", service: service, place: place, on: app.db)
            let handler = try await app.signedInBrowser(.complaintsHandler)
            let path = ComplaintFixtures.path(complaint)
            func expectOneWins(_ pages: [TestBrowser.Page], action: String) async throws {
                #expect(pages.filter { $0.status == .seeOther }.count == 1, "\(action): exactly one is recorded")
                let refused = pages.filter { $0.status != .seeOther }
                #expect(refused.count == 2)
                for page in refused {
                    #expect(page.status == .conflict)
                    #expect(page.body.contains("Already recorded by Complaints handler Tester on "))
                    #expect(!page.body.contains("error-summary"))
                }
                #expect(try await AuditEvent.query(on: app.db).filter(\.$action == action).count() == 1)
            }

            try await expectOneWins(
                try await Self.threeAtOnce(
                    handler, path + "/acknowledge",
                    form: [
                        "acknowledged_on": "2026-06-02", "acknowledgement_note": "Phoned to talk it through.",
                        "agreed_response_by": "2026-07-01",
                    ], tokenFrom: path), action: "complaint.acknowledged")

            clock.advance(days: 30)  // 2 July 2026: past the agreed date
            try await expectOneWins(
                try await Self.threeAtOnce(
                    handler, path + "/delay",
                    form: [
                        "delay_explained_on": "2026-07-02", "delay_reason": "Waiting for the ward's records.",
                        "response_expected_by": "2026-08-01", "previous_letter": "",
                    ], tokenFrom: path), action: "complaint.delay_explained")
            #expect(try await ComplaintDelayLetter.query(on: app.db).count() == 1)

            try await expectOneWins(
                try await Self.threeAtOnce(
                    handler, path + "/respond",
                    form: [
                        "responded_on": "2026-07-02", "how_considered": "Read the notes and spoke to the ward.",
                        "conclusions": "The letter left out two medicines.", "outcome": "upheld",
                        "remedial_action": "A pharmacist checks every letter.", "ombudsman_right_given": "yes",
                    ], tokenFrom: path), action: "complaint.responded")
            #expect(try await Complaint.find(complaint.id, on: app.db)?.respondedOn == "2026-07-02")
        }
    }

    @Test(
        "a stale tab's acknowledgement, delay letter or response gets a plain 409 notice", arguments: TestDatabase.all)
    func staleTab(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(iso: "2026-07-02")!)
            let (service, place) = try await Fixtures.service(on: app.db)
            let complaint = try await ComplaintFixtures.complaint(
                "HRD-STALE001", receivedOn: "2026-06-01", acknowledgedOn: "2026-06-02",
                agreedResponseBy: "2026-07-01", service: service, place: place, on: app.db)
            let handler = try await app.signedInBrowser(.complaintsHandler)
            let path = ComplaintFixtures.path(complaint)
            let stale = try #require(try await handler.get(path).csrfToken)
            // Someone else records a delay letter while this tab is open.
            let letter = try await handler.post(
                path + "/delay",
                form: [
                    "delay_explained_on": "2026-07-02", "delay_reason": "Waiting for the ward's records.",
                    "response_expected_by": "2026-08-01", "previous_letter": "",
                ], tokenFrom: path)
            #expect(letter.status == .seeOther)

            let ack = try await handler.post(
                path + "/acknowledge", form: ["acknowledged_on": "2026-06-03", "_csrf": stale], withToken: false)
            #expect(ack.status == .conflict)
            #expect(ack.body.contains("Already recorded by Complaints handler Tester on "))
            #expect(!ack.body.contains("href=\"#field-acknowledged_on\""))
            #expect(!ack.body.contains("error-summary"))
            let delay = try await handler.post(
                path + "/delay",
                form: [
                    "delay_explained_on": "2026-07-02", "delay_reason": "A second try at the same letter.",
                    "response_expected_by": "2026-09-01", "previous_letter": "", "_csrf": stale,
                ], withToken: false)
            #expect(delay.status == .conflict)
            #expect(delay.body.contains("Already recorded by"))
            #expect(try await ComplaintDelayLetter.query(on: app.db).count() == 1, "the first letter stands")

            complaint.respondedOn = "2026-07-02"
            complaint.outcome = .notUpheld
            try await complaint.save(on: app.db)
            let respond = try await handler.post(
                path + "/respond", form: ["responded_on": "2026-07-02", "_csrf": stale], withToken: false)
            #expect(respond.status == .conflict)
            #expect(respond.body.contains("Already recorded"))
            #expect(!respond.body.contains("href=\"#field-how_considered\""))
        }
    }

    @Test(
        "the agreed response date: not over 12 months from receipt, not before the acknowledgement",
        arguments: TestDatabase.all)
    func agreedDate(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(iso: "2026-06-03")!)
            let (service, place) = try await Fixtures.service(on: app.db)
            let complaint = try await ComplaintFixtures.complaint(
                "HRD-AGREED01", receivedOn: "2026-06-01", service: service, place: place, on: app.db)
            let handler = try await app.signedInBrowser(.complaintsHandler)
            let path = ComplaintFixtures.path(complaint)
            func acknowledge(agreed: String) async throws -> TestBrowser.Page {
                try await handler.post(
                    path + "/acknowledge",
                    form: [
                        "acknowledged_on": "2026-06-03", "acknowledgement_note": "Phoned to talk it through.",
                        "agreed_response_by": agreed,
                    ], tokenFrom: path)
            }
            let tooFar = try await acknowledge(agreed: "2027-06-02")
            #expect(tooFar.status == .unprocessableEntity)
            #expect(
                tooFar.body.contains(
                    "Check the date: 2 June 2027 is more than 12 months after the complaint was received (1 June 2026)."
                ))
            let before = try await acknowledge(agreed: "2026-06-02")
            #expect(before.status == .unprocessableEntity)
            #expect(before.body.contains("The agreed response date must be after the acknowledgement."))
            #expect(try await acknowledge(agreed: "2027-06-01").status == .seeOther, "exactly 12 months is allowed")
        }
    }

    @Test(
        "the response form: the Ombudsman box shows its error; required text boxes say so", arguments: TestDatabase.all)
    func accessibleResponseForm(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(iso: "2026-06-10")!)
            let (service, place) = try await Fixtures.service(on: app.db)
            let complaint = try await ComplaintFixtures.complaint(
                "HRD-ARIA0001", receivedOn: "2026-06-01", service: service, place: place, on: app.db)
            let handler = try await app.signedInBrowser(.complaintsHandler)
            let path = ComplaintFixtures.path(complaint)
            let unacknowledged = try await handler.get(path)
            let note = try #require(ComplaintFixtures.control("acknowledgement_note", in: unacknowledged.body))
            #expect(note.contains("aria-required=\"true\""))
            let lateReason = try #require(ComplaintFixtures.control("late_reason", in: unacknowledged.body))
            #expect(!lateReason.contains("aria-required"), "optional boxes are not marked required")

            complaint.acknowledgedOn = "2026-06-02"
            complaint.agreedResponseBy = "2026-06-10"
            try await complaint.save(on: app.db)
            let due = try await handler.get(path)
            for name in ["how_considered", "conclusions", "remedial_action", "delay_reason"] {
                let control = try #require(ComplaintFixtures.control(name, in: due.body), "\(name)")
                #expect(control.contains("aria-required=\"true\""), "\(name)")
            }
            let checkbox = try #require(ComplaintFixtures.control("ombudsman_right_given", in: due.body))
            #expect(!checkbox.contains("aria-invalid"))

            let refused = try await handler.post(
                path + "/respond",
                form: [
                    "responded_on": "2026-06-10", "how_considered": "Read the notes.", "conclusions": "Upheld.",
                    "remedial_action": "Checklist changed.", "outcome": "upheld",
                ], tokenFrom: path)
            #expect(refused.status == .unprocessableEntity)
            let invalid = try #require(ComplaintFixtures.control("ombudsman_right_given", in: refused.body))
            #expect(invalid.contains("aria-invalid=\"true\""))
            #expect(invalid.contains("aria-describedby=\"field-ombudsman_right_given-error\""))
            #expect(refused.body.contains("id=\"field-ombudsman_right_given-error\""))
            #expect(refused.body.contains("href=\"#field-ombudsman_right_given\""))
        }
    }
}
