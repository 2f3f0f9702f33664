import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// An engagement officer putting a survey right before anyone answers it: changing a question's wording, kind
/// or choices, and moving questions up and down, under the same rule as adding and removing them.
@Suite("Survey questions: changing one and moving it up or down")
struct SurveyQuestionChangesTests {
    static let today = SimpleDate(year: 2026, month: 12, day: 5)

    static func consultation(
        opens: Int, closes: Int, questions: [(String, QuestionKind, [String])], responses: Int = 0,
        on db: any Database
    ) async throws -> Consultation {
        try await ConsultationTimingTests.consultation(
            opens: opens, closes: closes, stage: .consultation, questions: questions, responses: responses, on: db)
    }

    static let three: [(String, QuestionKind, [String])] = [
        ("Which option do you prefer?", .preferredOption, ["Move", "Stay"]),
        ("How do you get to the clinic now?", .freeText, []),
        ("What else should we know?", .freeText, []),
    ]

    static func path(_ consultation: Consultation) -> String {
        "/staff/consultations/\(consultation.id!.uuidString.lowercased())"
    }

    static func questionPath(_ consultation: Consultation, _ question: SurveyQuestion) -> String {
        path(consultation) + "/questions/\(question.id!.uuidString.lowercased())"
    }

    static func ordered(_ consultation: Consultation, on db: any Database) async throws -> [SurveyQuestion] {
        try await SurveyQuestion.inOrder(of: consultation.id!, on: db)
    }

    static func audits(_ action: String, on db: any Database) async throws -> [AuditEvent] {
        try await AuditEvent.query(on: db).filter(\.$action == action).all()
    }

    @Test(
        "a question is changed from a form filled in with it, checked as a new one is, and audited before → after",
        arguments: TestDatabase.all)
    func changing(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(Self.today)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let consultation = try await Self.consultation(opens: 1, closes: 90, questions: Self.three, on: app.db)
            let staffPath = Self.path(consultation)
            let second = try await Self.ordered(consultation, on: app.db)[1]
            let edit = Self.questionPath(consultation, second) + "/edit"

            // The survey list links each question's form, named for a screen reader.
            let page = try await officer.get(staffPath)
            #expect(page.body.contains("href=\"\(edit)\""))
            #expect(page.body.contains("Change<span class=\"visually-hidden\"> question 2</span>"))

            let form = try await officer.get(edit)
            #expect(form.status == .ok)
            #expect(form.body.contains("<h1>Change question 2</h1>"))
            #expect(form.body.contains(">How do you get to the clinic now?</textarea>"))
            #expect(form.body.contains("<option value=\"free_text\" selected>"))
            #expect(form.hiddenValue(EditVersion.fieldName) != nil)

            // Refused as adding would refuse it, with what was typed kept.
            let tooFew = try await officer.post(
                edit,
                form: [
                    "text": "How do you travel to the clinic?", "kind": "single_choice", "choices": "Bus",
                    "edit_version": try #require(form.hiddenValue(EditVersion.fieldName)),
                ], tokenFrom: edit)
            #expect(tooFew.status == .unprocessableEntity)
            #expect(tooFew.body.contains("Enter at least two choices, one on each line."))
            #expect(tooFew.body.contains(">How do you travel to the clinic?</textarea>"))
            #expect(tooFew.body.contains("<option value=\"single_choice\" selected>"))
            #expect(try await SurveyQuestion.find(second.id, on: app.db)?.text == "How do you get to the clinic now?")

            let saved = try await officer.post(
                edit,
                form: [
                    "text": "How do you travel to the clinic?", "kind": "single_choice", "choices": "Bus\nCar\nWalk",
                    "edit_version": try #require(form.hiddenValue(EditVersion.fieldName)),
                ], tokenFrom: edit)
            #expect(saved.status == .seeOther)
            #expect(saved.location == staffPath + "#questions")
            let changed = try #require(try await SurveyQuestion.find(second.id, on: app.db))
            #expect(changed.text == "How do you travel to the clinic?")
            #expect(changed.kind == .singleChoice)
            #expect(changed.choiceList == ["Bus", "Car", "Walk"])
            #expect(changed.position == 2)
            #expect(try await officer.get(staffPath).body.contains("Question 2 changed."))
            let audit = try #require(try await Self.audits("consultation.question_changed", on: app.db).first)
            #expect(
                audit.summary
                    == "Changed question 2: wording \"How do you get to the clinic now?\" → \"How do you travel to the clinic?\"; kind Free text → Single choice; choices none → Bus; Car; Walk"
            )
            #expect(audit.objectID == consultation.id!.uuidString)
            #expect(audit.changes.contains("\"kind\":{\"from\":\"free_text\",\"to\":\"single_choice\"}"))

            // The checker reads a changed question as it reads a new one.
            let negative = try await officer.post(
                edit, form: ["text": "Would it not be better to go by bus?", "kind": "free_text"], tokenFrom: edit)
            #expect(negative.status == .seeOther)
            #expect(try await officer.get(staffPath).body.contains("Question 2 changed. The checker has 1 suggestion"))
            #expect(try await SurveyQuestion.find(second.id, on: app.db)?.choices == "")
            #expect(try await officer.get(edit).body.contains("The checker's suggestions on the question as it is now"))

            // Saving it as it is changes nothing and audits nothing.
            let same = try await officer.post(
                edit, form: ["text": "Would it not be better to go by bus?", "kind": "free_text"], tokenFrom: edit)
            #expect(same.status == .seeOther)
            #expect(try await officer.get(staffPath).body.contains("Question 2 is unchanged"))
            #expect(try await Self.audits("consultation.question_changed", on: app.db).count == 2)

            // A form opened before someone else's change does not overwrite it.
            let stale = try await officer.post(
                edit,
                form: ["text": "Is the bus a problem?", "kind": "free_text", "edit_version": "0123456789abcdef"],
                tokenFrom: edit)
            #expect(stale.status == .conflict)
            #expect(stale.body.contains("changed this question"))
            #expect(stale.body.contains(">Is the bus a problem?</textarea>"))
            #expect(
                try await SurveyQuestion.find(second.id, on: app.db)?.text == "Would it not be better to go by bus?")

            // A question that is not in this survey is not found.
            let other = try await Self.consultation(opens: 1, closes: 90, questions: Self.three, on: app.db)
            let foreign = try await Self.ordered(other, on: app.db)[0]
            for missing in [
                staffPath + "/questions/\(UUID().uuidString.lowercased())/edit",
                staffPath + "/questions/\(foreign.id!.uuidString.lowercased())/edit", staffPath + "/questions/abc/edit",
            ] {
                #expect(try await officer.get(missing).status == .notFound, "\(missing)")
                let posted = try await officer.post(
                    missing, form: ["text": "Hello there?", "kind": "free_text"], tokenFrom: staffPath)
                #expect(posted.status == .notFound, "\(missing)")
                #expect(
                    try await officer.post(
                        missing.replacingOccurrences(of: "/edit", with: "/move"), form: ["direction": "up"],
                        tokenFrom: staffPath
                    ).status == .notFound)
            }
            #expect(try await SurveyQuestion.find(foreign.id, on: app.db)?.text == "Which option do you prefer?")
        }
    }

    @Test(
        "questions move up and down, numbered 1 to n; the ends cannot move past the end; the survey follows",
        arguments: TestDatabase.all)
    func moving(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(Self.today)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let consultation = try await Self.consultation(opens: 1, closes: 90, questions: Self.three, on: app.db)
            let staffPath = Self.path(consultation)
            let start = try await Self.ordered(consultation, on: app.db)
            func move(_ question: SurveyQuestion, _ direction: String) async throws -> TestBrowser.Page {
                try await officer.post(
                    Self.questionPath(consultation, question) + "/move", form: ["direction": direction],
                    tokenFrom: staffPath)
            }

            // The first offers no Move up, the last no Move down.
            let page = try await officer.get(staffPath)
            #expect(page.body.components(separatedBy: "name=\"direction\" value=\"up\"").count - 1 == 2)
            #expect(page.body.components(separatedBy: "name=\"direction\" value=\"down\"").count - 1 == 2)
            #expect(page.body.contains("Move up<span class=\"visually-hidden\"> question 2</span>"))
            #expect(!page.body.contains("Move up<span class=\"visually-hidden\"> question 1</span>"))
            #expect(!page.body.contains("Move down<span class=\"visually-hidden\"> question 3</span>"))

            let up = try await move(start[2], "up")
            #expect(up.status == .seeOther)
            #expect(up.location == staffPath + "#questions")
            var now = try await Self.ordered(consultation, on: app.db)
            #expect(now.map(\.id) == [start[0].id, start[2].id, start[1].id])
            #expect(now.map(\.position) == [1, 2, 3])
            #expect(try await officer.get(staffPath).body.contains("Question 3 moved up: it is now question 2."))

            #expect(try await move(start[0], "down").status == .seeOther)
            now = try await Self.ordered(consultation, on: app.db)
            #expect(now.map(\.id) == [start[2].id, start[0].id, start[1].id])
            #expect(now.map(\.position) == [1, 2, 3])

            // Asked anyway (a forged form), the ends are refused with a reason, and nothing moves.
            let first = try await move(start[2], "up")
            #expect(first.status == .conflict)
            #expect(first.body.contains("Question 1 is already the first question, so it cannot move up."))
            let last = try await move(start[1], "down")
            #expect(last.status == .conflict)
            #expect(last.body.contains("Question 3 is already the last question, so it cannot move down."))
            let sideways = try await move(start[1], "sideways")
            #expect(sideways.status == .unprocessableEntity)
            #expect(sideways.body.contains("Choose whether to move the question up or down."))
            #expect(try await Self.ordered(consultation, on: app.db).map(\.id) == now.map(\.id))

            let moves = try await Self.audits("consultation.question_moved", on: app.db)
            #expect(moves.count == 2)
            #expect(
                moves.contains {
                    $0.summary == "Moved question \"What else should we know?\" up from 3 to 2"
                        && $0.objectID == consultation.id!.uuidString
                })

            // Positions left with a gap and a tie by older data are numbered 1 to n again by a move.
            now[0].position = 1
            now[1].position = 5
            now[2].position = 5
            for question in now { try await question.save(on: app.db) }
            let tied = try await Self.ordered(consultation, on: app.db)
            #expect(try await move(tied[2], "up").status == .seeOther)
            let renumbered = try await Self.ordered(consultation, on: app.db)
            #expect(renumbered.map(\.position) == [1, 2, 3])
            #expect(renumbered.map(\.id) == [tied[0].id, tied[2].id, tied[1].id])

            // Once open, the public survey and the API ask them in the new order, with the new wording.
            let wording = Self.questionPath(consultation, renumbered[2]) + "/edit"
            #expect(
                try await officer.post(
                    wording, form: ["text": "Anything else we should know?", "kind": "free_text"], tokenFrom: wording
                ).status == .seeOther)
            app.app.decisionClock = .fixed(Self.today.adding(days: 1))
            let expected = [renumbered[0].text, renumbered[1].text, "Anything else we should know?"]
            let survey = try await app.browser().get("/consultations/\(consultation.id!.uuidString.lowercased())")
            #expect(survey.status == .ok)
            let places = expected.map { survey.body.range(of: $0)?.lowerBound }
            #expect(places.allSatisfy { $0 != nil }, "every question is on the survey")
            #expect(places.compactMap { $0 } == places.compactMap { $0 }.sorted(), "in the order they were put")
            let api = try await app.browser().get("/api/v1/consultations/\(consultation.id!.uuidString.lowercased())")
            struct Detail: Decodable {
                struct Question: Decodable { var text: String }
                var questions: [Question]
            }
            let detail = try JSONDecoder().decode(Detail.self, from: Data(api.body.utf8))
            #expect(detail.questions.map(\.text) == expected)
        }
    }

    @Test(
        "once anyone has answered, or once closed, questions can be neither changed nor moved, and say why",
        arguments: TestDatabase.all)
    func refusals(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(Self.today)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let answered = try await Self.consultation(
                opens: -5, closes: 80, questions: Self.three, responses: 1, on: app.db)
            let closed = try await Self.consultation(opens: -100, closes: -3, questions: Self.three, on: app.db)
            let cases = [
                (answered, "People have already answered this survey, so its questions cannot change now."),
                (
                    closed,
                    "This consultation has closed, so its questions cannot change now: they are the questions people were asked."
                ),
            ]
            for (consultation, message) in cases {
                let staffPath = Self.path(consultation)
                let questions = try await Self.ordered(consultation, on: app.db)
                let edit = Self.questionPath(consultation, questions[1]) + "/edit"
                let page = try await officer.get(staffPath)
                #expect(!page.body.contains("href=\"\(edit)\""), "no Change link")
                #expect(!page.body.contains("name=\"direction\""), "no Move buttons")

                let form = try await officer.get(edit)
                #expect(form.status == .conflict)
                #expect(form.body.contains(message))
                let refused = try await officer.post(
                    edit, form: ["text": "How far do you travel?", "kind": "free_text"], tokenFrom: staffPath)
                #expect(refused.status == .conflict)
                #expect(refused.body.contains(message))
                #expect(refused.body.contains(">How far do you travel?</textarea>"), "what was typed is kept")
                let moved = try await officer.post(
                    Self.questionPath(consultation, questions[1]) + "/move", form: ["direction": "up"],
                    tokenFrom: staffPath)
                #expect(moved.status == .conflict)
                #expect(moved.body.contains(message))
                let after = try await Self.ordered(consultation, on: app.db)
                #expect(after.map(\.id) == questions.map(\.id))
                #expect(after.map(\.text) == Self.three.map(\.0))
            }
            #expect(try await Self.audits("consultation.question_changed", on: app.db).isEmpty)
            #expect(try await Self.audits("consultation.question_moved", on: app.db).isEmpty)
        }
    }

    @Test(
        "an answer sent from a survey shown before a question was changed is refused with the answers kept; a move alone does not refuse it",
        arguments: TestDatabase.all)
    func answersToChangedQuestions(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(Self.today)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            // Open since yesterday, nobody has answered yet: staff may still put the survey right.
            let consultation = try await Self.consultation(opens: -1, closes: 90, questions: Self.three, on: app.db)
            let questions = try await Self.ordered(consultation, on: app.db)
            let travel = "q-" + questions[1].id!.uuidString.lowercased()
            let publicPath = "/consultations/\(consultation.id!.uuidString.lowercased())"
            let person = app.browser()
            let shown = try await person.get(publicPath)
            let version = try #require(shown.hiddenValue(ResponsesController.surveyVersionField))
            var form = [
                "submission_key": try #require(shown.hiddenValue("submission_key")),
                ResponsesController.surveyVersionField: version, travel: "By bus, two changes.",
            ]

            // Moving a question does not change what an answer means.
            let move = Self.questionPath(consultation, questions[2]) + "/move"
            #expect(
                try await officer.post(move, form: ["direction": "up"], tokenFrom: Self.path(consultation)).status
                    == .seeOther)
            #expect(try await person.get(publicPath).hiddenValue(ResponsesController.surveyVersionField) == version)

            // Changing its wording does: the answer typed under the old wording is not stored under the new.
            let edit = Self.questionPath(consultation, questions[1]) + "/edit"
            #expect(
                try await officer.post(
                    edit, form: ["text": "How long does your journey to the clinic take?", "kind": "free_text"],
                    tokenFrom: edit
                ).status == .seeOther)
            let refused = try await person.post(publicPath + "/respond", form: form, tokenFrom: publicPath)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("The questions were changed while you were answering."))
            #expect(refused.body.contains("How long does your journey to the clinic take?"))
            #expect(refused.body.contains(">By bus, two changes.</textarea>"), "what they typed is kept")
            #expect(try await SurveyResponse.query(on: app.db).count() == 0)

            // Sent again from the form as it is now, it is taken.
            let current = try #require(refused.hiddenValue(ResponsesController.surveyVersionField))
            #expect(current != version)
            form[ResponsesController.surveyVersionField] = current
            let thanks = try await person.post(publicPath + "/respond", form: form, tokenFrom: publicPath)
            #expect(thanks.status == .ok)
            let stored = try await SurveyResponse.query(on: app.db).all()
            #expect(stored.count == 1)
            #expect(stored.first?.answerMap[questions[1].id!.uuidString] == "By bus, two changes.")
        }
    }

    @Test(
        "saving a change to a question a colleague removed meanwhile shows what was typed, to copy",
        arguments: TestDatabase.all)
    func changingARemovedQuestion(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(Self.today)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let consultation = try await Self.consultation(opens: 1, closes: 90, questions: Self.three, on: app.db)
            let question = try await Self.ordered(consultation, on: app.db)[2]
            let edit = Self.questionPath(consultation, question) + "/edit"
            #expect(try await officer.get(edit).status == .ok)
            let removed = try await officer.post(
                Self.questionPath(consultation, question) + "/remove", form: [:], tokenFrom: Self.path(consultation))
            #expect(removed.status == .seeOther)
            #expect(try await SurveyQuestion.find(question.id, on: app.db) == nil)

            let late = try await officer.post(
                edit, form: ["text": "Is there anything else we should know?", "kind": "free_text"], tokenFrom: edit)
            #expect(late.status == .notFound)
            #expect(late.body.contains("This question is no longer in the survey"))
            #expect(late.body.contains("Is there anything else we should know?"), "what was typed is shown to copy")
            #expect(try await Self.ordered(consultation, on: app.db).count == 2)
        }
    }
}
