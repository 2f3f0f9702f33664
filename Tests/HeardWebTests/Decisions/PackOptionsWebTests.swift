import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// The survey's preferred-option question offers the options the pack sets out: when the pack's options
/// change, its choices follow, and the checklist says when they do not agree.
@Suite("The preferred-option question follows the pack's options")
struct PackOptionsWebTests {
    static let twoOptions = "Option A: move the clinic.\nOption B: keep it where it is."
    static let threeOptions = twoOptions + "\nOption C: build a new clinic."

    /// The "Survey questions" row of the staff checklist.
    static func surveyRow(_ page: TestBrowser.Page) throws -> Substring {
        let start = try #require(page.body.range(of: "<th scope=\"row\">Survey questions</th>"))
        let end = try #require(page.body[start.upperBound...].range(of: "</tr>"))
        return page.body[start.upperBound..<end.lowerBound]
    }

    @Test(
        "adding option C to the pack adds it, with its title, to the question; a question edited apart is flagged",
        arguments: TestDatabase.all)
    func following(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(ConsultationRulesTests.today)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let consultation = try await ConsultationTimingTests.consultation(
                opens: 1, closes: 85, stage: .consultation,
                questions: [
                    ("Which option do you prefer, and why?", .preferredOption, ["Option A", "Option B"]),
                    ("Anything else?", .freeText, []),
                ], responses: 0, on: app.db)
            consultation.options = Self.twoOptions
            try await consultation.save(on: app.db)
            let staffPath = ConsultationTimingTests.path(consultation)
            // The same options by name: met.
            #expect(try Self.surveyRow(try await officer.get(staffPath)).contains("tag-met"))

            var pack = ConsultationRulesTests.pack
            pack["title"] = consultation.title
            pack["options"] = Self.threeOptions
            let packPath = "/staff/initiatives/\(consultation.$initiative.id.uuidString.lowercased())/consultation"
            let saved = try await officer.post(packPath, form: pack, tokenFrom: packPath)
            #expect(saved.status == .seeOther)
            let question = try #require(
                try await SurveyQuestion.inOrder(of: consultation.id!, on: app.db).first {
                    $0.kind == .preferredOption
                })
            #expect(
                question.choiceList == [
                    "Option A: move the clinic", "Option B: keep it where it is", "Option C: build a new clinic",
                ])
            let page = try await officer.get(staffPath)
            #expect(
                page.body.contains("“Which option do you prefer, and why?” now offers the pack&#39;s options.")
                    || page.body.contains("“Which option do you prefer, and why?” now offers the pack's options."))
            #expect(try Self.surveyRow(page).contains("tag-met"))
            // The survey people will answer offers all three, by their titles.
            app.app.decisionClock = .fixed(ConsultationRulesTests.today.adding(days: 2))
            let survey = try await app.browser().get("/consultations/\(consultation.id!.uuidString.lowercased())")
            #expect(survey.body.contains("value=\"Option C: build a new clinic\""))
            app.app.decisionClock = .fixed(ConsultationRulesTests.today)

            // Choices changed by hand so they no longer match: not met, saying what differs.
            question.choices = ["Option A", "Option D: close it"].joined(separator: "\n")
            try await question.save(on: app.db)
            let row = try Self.surveyRow(try await officer.get(staffPath))
            #expect(row.contains("tag-not_met"))
            #expect(row.contains("does not offer “Option B: keep it where it is” and “Option C: build a new clinic”"))
            #expect(row.contains("offers “Option D: close it”, which the pack does not set out"))
        }
    }

    @Test(
        "a note between the options is not offered as one, and staff are told beside the options and on the page",
        arguments: TestDatabase.all)
    func proseIsNotAnOption(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(ConsultationRulesTests.today)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let consultation = try await ConsultationTimingTests.consultation(
                opens: 1, closes: 85, stage: .consultation,
                questions: [("Which option do you prefer, and why?", .preferredOption, ["Option A", "Option B"])],
                responses: 0, on: app.db)
            let packPath = "/staff/initiatives/\(consultation.$initiative.id.uuidString.lowercased())/consultation"
            let form = try await officer.get(packPath)
            #expect(form.body.contains("Start each option on its own line with its label"), "the rule is the hint")
            #expect(!form.body.contains("option-notes"), "nothing to check yet")

            var pack = ConsultationRulesTests.pack
            pack["title"] = consultation.title
            pack["options"] =
                "Option A: move the clinic.\nNote: we will pay travel costs whichever is chosen.\nOption B: keep it where it is.\nPlan C: a new building"
            #expect(try await officer.post(packPath, form: pack, tokenFrom: packPath).status == .seeOther)
            let question = try #require(try await SurveyQuestion.inOrder(of: consultation.id!, on: app.db).first)
            #expect(question.choiceList == ["Option A: move the clinic", "Option B: keep it where it is"])

            let staffPage = try await officer.get(ConsultationTimingTests.path(consultation)).body
            let again = try await officer.get(packPath).body
            for body in [staffPage, again] {
                #expect(body.contains("id=\"option-notes\""))
                #expect(body.contains("“Plan C: a new building” is not read as an option."))
                #expect(
                    body.contains("“Note: we will pay travel costs whichever is chosen.” is not read as an option."))
            }
        }
    }

    @Test("answers given before an option was retitled still count for it; one for an option taken out is shown")
    func keptAnswers() throws {
        let question = SurveyQuestion(
            consultationID: UUID(), position: 1, kind: .preferredOption, text: "Which option do you prefer?",
            choices: ["Option A: move the clinic", "Option C: build a new clinic"])
        question.id = UUID()
        let answers = [
            "Option A\nNearer.", "Option A: move the clinic\n", "Option B\nIt is fine as it is.", "\nNot sure.",
        ]
        let responses = answers.enumerated().map { index, answer in
            SurveyResponse(
                consultationID: UUID(), channel: "online", placeID: nil,
                answers: [question.id!.uuidString: answer], redactedText: "", submissionKey: "k\(index)",
                contactEmail: nil)
        }
        let analysis = ConsultationAnalysis.compute(
            questions: [question], responses: responses, equalityAnswers: [], population: [:], comparisonPlace: nil)
        let tally = try #require(analysis.tallies.first)
        #expect(tally.answered == 3)
        #expect(
            tally.counts.map(\.0) == [
                "Option A: move the clinic", "Option C: build a new clinic", "Option B (no longer offered)",
            ])
        #expect(tally.counts.map(\.1) == [2, 0, 1])
    }
}
