import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// Paper responses count only if they reached the organisation while the consultation was open, and none can
/// be added once the outcome, and the decision that relied on its figures, are published.
@Suite("Typing in paper responses")
struct PaperResponseTests {
    static func consultation(
        on db: any Database, opens: SimpleDate, closes: SimpleDate
    ) async throws -> (Consultation, SurveyQuestion) {
        let initiative = Initiative(
            title: "Ward 7 at Riverside", what: "Move ward 7", why: "Staffing", affectsServices: true,
            substantialVariation: false, decisionBody: "Calderdale Place Committee", targetDate: nil)
        try await initiative.create(on: db)
        let consultation = Consultation(
            initiativeID: initiative.id!, title: "Ward 7", background: "b", options: "o", discardedAlternatives: "d",
            reasons: "r", opensOn: opens, closesOn: closes)
        try await consultation.create(on: db)
        let question = SurveyQuestion(
            consultationID: consultation.id!, position: 1, kind: .freeText, text: "What matters to you?",
            choices: [])
        try await question.create(on: db)
        return (consultation, question)
    }

    @Test(
        "a paper response needs the date it was received, within the consultation; none before it opens or once its outcome is published",
        arguments: TestDatabase.all)
    func receivedWhileOpen(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(year: 2026, month: 12, day: 4))
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let (closed, question) = try await Self.consultation(
                on: app.db, opens: SimpleDate(year: 2026, month: 11, day: 1),
                closes: SimpleDate(year: 2026, month: 11, day: 30))
            let path = DecisionURL.paper(closed.id!)
            let page = try await officer.get(path)
            #expect(page.status == .ok)
            #expect(page.hiddenValue("received_on") == nil, "a visible date field")
            #expect(page.body.contains("value=\"2026-11-30\""), "closed: its last day is offered")
            let answer = "q-" + question.id!.uuidString.lowercased()

            // Too late, and no answer: both problems at once, nothing stored.
            let late = try await officer.post(
                path, form: ["received_on": "2026-12-02", "submission_key": "paper-1"], tokenFrom: path)
            #expect(late.status == .unprocessableEntity)
            #expect(late.body.contains("The last day for responses was 30 November 2026"))
            #expect(late.body.contains("Answer at least one question."))
            let nonsense = try await officer.post(
                path, form: ["received_on": "yesterday", answer: "Closer to home.", "submission_key": "paper-1"],
                tokenFrom: path)
            #expect(nonsense.status == .unprocessableEntity)
            #expect(nonsense.body.contains("\"yesterday\" is not a date"))
            #expect(nonsense.body.contains("Closer to home."), "what was typed is kept")
            #expect(try await SurveyResponse.query(on: app.db).count() == 0)

            let saved = try await officer.post(
                path, form: ["received_on": "2026-11-20", answer: "Closer to home.", "submission_key": "paper-1"],
                tokenFrom: path)
            #expect(saved.status == .seeOther)
            #expect(try await SurveyResponse.query(on: app.db).filter(\.$channel == "paper").count() == 1)
            let audit = try #require(
                try await AuditEvent.query(on: app.db).filter(\.$action == "consultation.paper_response_added")
                    .first())
            #expect(audit.summary.hasSuffix("received on 20 November 2026"))

            // Once the outcome is published, its figures are final.
            closed.analysisPublishedAt = Date()
            try await closed.update(on: app.db)
            #expect(try await officer.get(path).body.contains("The outcome of this consultation is published"))
            let afterOutcome = try await officer.post(
                path, form: ["received_on": "2026-11-21", answer: "Too late.", "submission_key": "paper-2"],
                tokenFrom: DecisionURL.consultation(closed.id!))
            #expect(afterOutcome.status == .conflict)
            #expect(afterOutcome.body.contains("no more responses can be added"))

            // Before it opens there is nothing to type in.
            let (forthcoming, _) = try await Self.consultation(
                on: app.db, opens: SimpleDate(year: 2026, month: 12, day: 20),
                closes: SimpleDate(year: 2027, month: 3, day: 14))
            let early = DecisionURL.paper(forthcoming.id!)
            #expect(try await officer.get(early).body.contains("This consultation opens on 20 December 2026"))
            let refused = try await officer.post(
                early, form: ["received_on": "2026-12-04", "submission_key": "paper-3"],
                tokenFrom: DecisionURL.consultation(forthcoming.id!))
            #expect(refused.status == .conflict)
            #expect(try await SurveyResponse.query(on: app.db).count() == 1)
        }
    }

    @Test(
        "'None of these' cannot be ticked with another answer; a ranking typed with spaces is read, a wrong one refused once",
        arguments: TestDatabase.all)
    func answersChecked(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(year: 2026, month: 12, day: 4))
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let (consultation, _) = try await Self.consultation(
                on: app.db, opens: SimpleDate(year: 2026, month: 11, day: 1),
                closes: SimpleDate(year: 2026, month: 12, day: 31))
            let used = SurveyQuestion(
                consultationID: consultation.id!, position: 2, kind: .multipleChoice,
                text: "Which do you use?", choices: ["GP", "Pharmacy", "None of these"])
            try await used.create(on: app.db)
            let order = SurveyQuestion(
                consultationID: consultation.id!, position: 3, kind: .ranking, text: "Put these in order",
                choices: ["Parking", "Buses"])
            try await order.create(on: app.db)
            let path = DecisionURL.paper(consultation.id!)
            let form = try await officer.get(path)
            #expect(form.body.contains("Only used to send them the outcome, then deleted. It is never published."))
            #expect(!form.body.contains("send you the outcome"), "staff are typing it in, not the respondent")
            let usedKey = "q-" + used.id!.uuidString.lowercased()
            let orderKey = "q-" + order.id!.uuidString.lowercased()
            let contradictory = try await officer.post(
                path,
                form: [
                    "received_on": "2026-12-01", usedKey + "-0": "on", usedKey + "-2": "on", orderKey + "-0": "1",
                    orderKey + "-1": "x", "submission_key": "p1",
                ], tokenFrom: path)
            #expect(contradictory.status == .unprocessableEntity)
            let noneOfThese = "\"None of these\" cannot be ticked with other answers"
            #expect(
                contradictory.body.components(separatedBy: noneOfThese).count == 3, "once in the summary, once by it")
            // Both groups' errors are tied to them, and the summary's links land on their first box.
            for key in [usedKey, orderKey] {
                #expect(contradictory.body.contains("aria-describedby=\"field-\(key)-hint field-\(key)-error\""))
                #expect(contradictory.body.contains("href=\"#field-\(key)\""))
                #expect(contradictory.body.contains("id=\"field-\(key)\" name=\"\(key)-0\""))
            }
            let numbering = "Give each choice a number from 1 to 2 in \"Put these in order\"."
            #expect(
                contradictory.body.components(separatedBy: numbering).count == 3,
                "once in the summary, once by the field")
            let tidy = try await officer.post(
                path,
                form: [
                    "received_on": "2026-12-01", usedKey + "-0": "on", orderKey + "-0": " 2", orderKey + "-1": "1 ",
                    "submission_key": "p2",
                ], tokenFrom: path)
            #expect(tidy.status == .seeOther)
            let stored = try #require(try await SurveyResponse.query(on: app.db).first())
            #expect(stored.answerMap[order.id!.uuidString] == "Buses\nParking")
        }
    }
}
