import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// What a review of the consultation pages found: an open consultation could not be given longer, a theme
/// could be published as raised by more responses than there were, a theme recorded by mistake could not be
/// taken out, one page repeated the same field ids for every theme, and a consultation open without questions
/// told the public its form would appear "when the consultation opens".
@Suite("Consultations: extending, theme counts and ids, opening without questions")
struct ConsultationTimingTests {
    static let today = SimpleDate(year: 2026, month: 12, day: 5)

    /// `questions` (wording, kind, choices) are asked in the order given.
    static func consultation(
        opens: Int, closes: Int, stage: InitiativeStage, questions: [(String, QuestionKind, [String])] = [],
        responses: Int, on db: any Database
    ) async throws -> Consultation {
        let initiative = Initiative(
            title: "Eye clinic", what: "Move the clinic.", why: "A bigger site.", affectsServices: true,
            substantialVariation: false, decisionBody: "ICB board", targetDate: nil, stage: stage,
            livedExperienceMembers: 2)
        try await initiative.create(on: db)
        let consultation = Consultation(
            initiativeID: initiative.id!, title: "Moving the eye clinic", background: "b", options: "o",
            discardedAlternatives: "d", reasons: "r", opensOn: today.adding(days: opens),
            closesOn: today.adding(days: closes))
        try await consultation.create(on: db)
        for (index, (text, kind, choices)) in questions.enumerated() {
            try await SurveyQuestion(
                consultationID: consultation.id!, position: index + 1, kind: kind, text: text, choices: choices
            ).create(on: db)
        }
        for index in 0..<responses {
            try await SurveyResponse(
                consultationID: consultation.id!, channel: "online", placeID: nil, answers: [:],
                redactedText: "Parking is hard.", submissionKey: "key-\(index)", contactEmail: nil
            ).create(on: db)
        }
        return consultation
    }

    static func path(_ consultation: Consultation) -> String {
        "/staff/consultations/\(consultation.id!.uuidString.lowercased())"
    }

    @Test(
        "an open consultation can be given longer, with a reason, up to 26 weeks from opening",
        arguments: TestDatabase.all)
    func extending(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(Self.today)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let open = try await Self.consultation(
                opens: -10, closes: 74, stage: .consultation, responses: 2, on: app.db)
            let path = Self.path(open)
            let page = try await officer.get(path)
            #expect(page.body.contains("Extend the closing date"))
            #expect(page.body.contains("Up to 26 May 2027 (26 weeks from opening)"))

            let refusals: [([String: String], String)] = [
                (
                    ["closes_on": "2027-02-10", "extension_reason": "More time for carers."],
                    "Enter a date after the current closing date, 17 February 2027."
                ),
                (
                    ["closes_on": "2027-05-27", "extension_reason": "More time for carers."],
                    "A consultation can run for up to 26 weeks, so the latest it can close is 26 May 2027."
                ),
                (
                    ["closes_on": "2027-03-31", "extension_reason": "x"],
                    "Say why the consultation needs longer, in a sentence the public can follow"
                ),
                (["closes_on": "soon", "extension_reason": "More time for carers."], "Enter the new closing date"),
                (
                    [
                        "closes_on": "2027-03-31",
                        "extension_reason": String(repeating: "More time please. ", count: 30),
                    ],
                    "Keep the reason to 500 characters or fewer"
                ),
            ]
            for (form, message) in refusals {
                let refused = try await officer.post(path + "/extend", form: form, tokenFrom: path)
                #expect(refused.status == .unprocessableEntity, "\(form)")
                #expect(refused.body.contains(message), "\(form)")
            }
            #expect(try await Consultation.find(open.id, on: app.db)?.closesOn == "2027-02-17", "nothing refused saved")

            let extended = try await officer.post(
                path + "/extend",
                form: ["closes_on": "2027-03-31", "extension_reason": "Carers asked for more time over the holidays."],
                tokenFrom: path)
            #expect(extended.status == .seeOther)
            #expect(try await Consultation.find(open.id, on: app.db)?.closesOn == "2027-03-31")
            #expect(try await officer.get(path).body.contains("Consultation extended: it now closes on 31 March 2027."))
            let audit = try #require(
                try await AuditEvent.query(on: app.db).filter(\.$action == "consultation.extended").first())
            #expect(audit.summary.contains("Carers asked for more time over the holidays."))
            let publicPage = try await officer.get("/consultations/\(open.id!.uuidString.lowercased())")
            #expect(publicPage.body.contains("31 March 2027"))
            // The extension and its reason are published, not only audited.
            #expect(publicPage.body.contains("it was to close on 17 February 2027"))
            #expect(publicPage.body.contains("Carers asked for more time over the holidays."))

            // One that has not opened yet is changed through its pack, not extended.
            let later = try await Self.consultation(
                opens: 5, closes: 90, stage: .consultation, responses: 0, on: app.db)
            let notOpen = try await officer.post(
                Self.path(later) + "/extend",
                form: ["closes_on": "2027-04-01", "extension_reason": "More time for carers."],
                tokenFrom: Self.path(later))
            #expect(notOpen.status == .unprocessableEntity)
            #expect(notOpen.body.contains("Only an open consultation can be extended."))
            #expect(!notOpen.body.contains("Enter a date after"), "one reason, not two that contradict")
        }
    }

    @Test(
        "closing early is published with the date it was due to close and why; under two weeks fails G3 whatever the reason",
        arguments: TestDatabase.all)
    func closingEarly(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(Self.today)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let open = try await Self.consultation(
                opens: -3, closes: 80, stage: .consultation, responses: 1, on: app.db)
            let path = Self.path(open)
            let closed = try await officer.post(
                path + "/close", form: ["reason": "The ward closed after a fire, so the proposal no longer stands."],
                tokenFrom: path)
            #expect(closed.status == .seeOther)
            let staffPage = try await officer.get(path)
            #expect(staffPage.body.contains("G3 Adequate time"))
            #expect(staffPage.body.contains("Open for 3 days, less than two weeks."))
            let publicPage = try await app.browser().get("/consultations/\(open.id!.uuidString.lowercased())")
            #expect(
                publicPage.body.contains(
                    "Closed early on 5 December 2026: </strong>it was due to close on 23 February 2027."))
            #expect(publicPage.body.contains("Why: The ward closed after a fire, so the proposal no longer stands."))
            let api = try await app.browser().get("/api/v1/consultations/\(open.id!.uuidString)")
            let body = try JSONSerialization.jsonObject(with: Data(api.body.utf8)) as! [String: Any]
            let json = try #require(body["consultation"] as? [String: Any])
            #expect(json["closed_early"] as? Bool == true)
            #expect(json["closes_on"] as? String == "2026-12-05")
            #expect(json["due_to_close_on"] as? String == "2027-02-23")
            #expect(
                json["closed_early_reason"] as? String
                    == "The ward closed after a fire, so the proposal no longer stands.")
            let lateQuestion = try await officer.post(
                path + "/questions", form: ["text": "How likely are you to use it?", "kind": "free_text"],
                tokenFrom: path)
            #expect(lateQuestion.status == .unprocessableEntity)
            #expect(lateQuestion.body.contains("This consultation has closed, so nobody could answer a new question."))
        }
    }

    @Test(
        "once its consultation opens, the public page shows the initiative at Consultation; staff are told what blocks the next stage",
        arguments: TestDatabase.all)
    func stageFollowsOpening(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(Self.today)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let open = try await Self.consultation(
                opens: -3, closes: 80, stage: .optionsDeveloped, responses: 1, on: app.db)
            let initiativeID = open.$initiative.id.uuidString.lowercased()
            let publicPage = try await app.browser().get("/initiatives/\(initiativeID)")
            #expect(publicPage.body.contains("<strong>Consultation</strong> (now)"))
            #expect(!publicPage.body.contains("<strong>Options developed</strong> (now)"))
            let staffPage = try await officer.get("/staff/initiatives/\(initiativeID)")
            #expect(
                staffPage.body.contains(
                    "The consultation has opened, so the public page shows this initiative at Consultation."))
            // The pack here has no questions: the page says why moving on would be refused before anyone tries.
            #expect(staffPage.body.contains("Next: Consultation. Not yet: "))
            let forthcoming = try await Self.consultation(
                opens: 3, closes: 90, stage: .optionsDeveloped, responses: 0, on: app.db)
            let notYet = try await app.browser().get(
                "/initiatives/\(forthcoming.$initiative.id.uuidString.lowercased())")
            #expect(notYet.body.contains("<strong>Options developed</strong> (now)"))
        }
    }

    @Test(
        "a theme cannot be raised by more responses than there were; it can be removed until published; ids are unique",
        arguments: TestDatabase.all)
    func themes(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(Self.today)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let closed = try await Self.consultation(
                opens: -100, closes: -10, stage: .analysis, responses: 2, on: app.db)
            let path = Self.path(closed)
            let tooMany = try await officer.post(
                path + "/themes",
                form: ["name": "Night workers", "summary": "Shifts.", "mentions": "500", "sentiment": "4"],
                tokenFrom: path)
            #expect(tooMany.status == .unprocessableEntity)
            #expect(
                tooMany.body.contains(
                    "2 responses were received, so no theme was raised by 500. Enter a number from 1 to 2."))
            for name in ["Parking", "Bus routes"] {
                let made = try await officer.post(
                    path + "/themes", form: ["name": name, "summary": "Hard.", "mentions": "2", "sentiment": "4"],
                    tokenFrom: path)
                #expect(made.status == .seeOther, "\(name)")
            }
            let page = try await officer.get(path)
            for id in ["field-response_kind-2", "field-response_reason", "field-response_kind"] {
                let count = page.body.components(separatedBy: "id=\"\(id)\"").count - 1
                #expect(count <= 1, "id \(id) appears \(count) times")
            }
            let themes = try await ConsultationTheme.query(on: app.db).sort(\.$name).all()
            #expect(themes.count == 2)
            for theme in themes {
                let suffix = "-" + theme.id!.uuidString.lowercased()
                #expect(page.body.contains("id=\"field-response_reason\(suffix)\""))
                #expect(page.body.contains("for=\"field-response_kind\(suffix)-2\""))
            }
            // The theme whose form failed keeps the plain ids the error summary links to.
            let busRoutes = try #require(themes.first { $0.name == "Bus routes" })
            let themePath = path + "/themes/\(busRoutes.id!.uuidString.lowercased())"
            let failed = try await officer.post(
                themePath, form: ["response_kind": "accepted", "response_reason": ""], tokenFrom: path)
            #expect(failed.status == .unprocessableEntity)
            #expect(failed.body.contains("href=\"#field-response_reason\""))
            #expect(failed.body.components(separatedBy: "id=\"field-response_reason\"").count - 1 == 1)

            // With no kind chosen, the summary links to the first radio of that theme's group: a control it can focus.
            let noKind = try await officer.post(
                themePath, form: ["response_reason": "We will add a bus from the station."], tokenFrom: path)
            #expect(noKind.status == .unprocessableEntity)
            #expect(noKind.body.contains("href=\"#field-response_kind\""))
            #expect(noKind.body.contains("type=\"radio\" id=\"field-response_kind\""))

            // A refused reason keeps the answer chosen, not only the words, even over an answer saved before.
            let notAccepted = "id=\"field-response_kind-3\" name=\"response_kind\" value=\"not_accepted\" checked"
            let accepted = "id=\"field-response_kind\" name=\"response_kind\" value=\"accepted\" checked"
            let handle = "Ask @RiversideNHS about the buses."
            let refused = try await officer.post(
                themePath, form: ["response_kind": "not_accepted", "response_reason": handle], tokenFrom: path)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("@RiversideNHS about the buses.</textarea>"))
            #expect(refused.body.contains(notAccepted), "the chosen answer is kept")
            #expect(
                try await officer.post(
                    themePath, form: ["response_kind": "accepted", "response_reason": "We will add a bus."],
                    tokenFrom: path
                ).status == .seeOther)
            // Saved, the page shows it checked in that theme's own form.
            #expect(
                try await officer.get(path).body.contains(
                    "id=\"field-response_kind-\(busRoutes.id!.uuidString.lowercased())\" name=\"response_kind\" value=\"accepted\" checked"
                ))
            let refusedAgain = try await officer.post(
                themePath, form: ["response_kind": "not_accepted", "response_reason": handle], tokenFrom: path)
            #expect(refusedAgain.status == .unprocessableEntity)
            #expect(refusedAgain.body.contains(notAccepted), "the answer sent, not the one saved")
            #expect(!refusedAgain.body.contains(accepted))
            #expect(try await ConsultationTheme.find(busRoutes.id, on: app.db)?.responseKind == .accepted)

            let removed = try await officer.post(themePath + "/remove", form: [:], tokenFrom: path)
            #expect(removed.status == .seeOther)
            #expect(try await ConsultationTheme.query(on: app.db).all().map(\.name) == ["Parking"])
            #expect(
                try await AuditEvent.query(on: app.db).filter(\.$action == "consultation.theme_removed").count() == 1)

            #expect(
                try await officer.post(
                    path + "/publish", form: ["outcome_summary": "Most people worried about parking."], tokenFrom: path
                ).status == .seeOther)
            // Once published, the themes are the published record: none added from a stale page either.
            let late = try await officer.post(
                path + "/themes", form: ["name": "Later theme", "summary": "Late.", "mentions": "1", "sentiment": "3"],
                tokenFrom: path)
            #expect(late.status == .unprocessableEntity)
            #expect(late.body.contains("The analysis is published, so its themes are part of the published record."))
            let parking = try #require(try await ConsultationTheme.query(on: app.db).first())
            let kept = try await officer.post(
                path + "/themes/\(parking.id!.uuidString.lowercased())/remove", form: [:], tokenFrom: path)
            #expect(kept.status == .conflict)
            #expect(kept.body.contains("The analysis is published with Parking in it"))
            #expect(try await ConsultationTheme.query(on: app.db).count() == 1)
        }
    }

    @Test("a reason given without choosing an option is not counted as a vote", arguments: TestDatabase.all)
    func reasonWithoutChoice(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(Self.today)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let closed = try await Self.consultation(
                opens: -100, closes: -10, stage: .analysis, responses: 0, on: app.db)
            let question = SurveyQuestion(
                consultationID: closed.id!, position: 1, kind: .preferredOption, text: "Which option do you prefer?",
                choices: ["Option A", "Option B"])
            try await question.create(on: app.db)
            let key = question.id!.uuidString
            for (index, answer) in ["Option A\nIt is nearer.", "\nI cannot decide, both are far."].enumerated() {
                try await SurveyResponse(
                    consultationID: closed.id!, channel: "online", placeID: nil, answers: [key: answer],
                    redactedText: "", submissionKey: "why-\(index)", contactEmail: nil
                ).create(on: app.db)
            }
            let page = try await officer.get(Self.path(closed))
            #expect(page.body.contains("1 person answered."))
            #expect(!page.body.contains("2 people answered."))
        }
    }

    @Test(
        "open with no questions: the staff page says so and the public page does not promise a form later",
        arguments: TestDatabase.all)
    func openWithoutQuestions(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(Self.today)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let open = try await Self.consultation(
                opens: -1, closes: 83, stage: .consultation, responses: 0, on: app.db)
            let staff = try await officer.get(Self.path(open))
            #expect(staff.body.contains("Open without its survey questions and an equality impact assessment"))
            let publicPage = try await officer.get("/consultations/\(open.id!.uuidString.lowercased())")
            #expect(publicPage.body.contains("the online form is not ready yet"))
            #expect(publicPage.body.contains("respond another way below"), "paper is offered too")
            #expect(!publicPage.body.contains("the form appears on this page when the consultation opens"))

            // The last question of an open consultation cannot be taken away (nobody has answered yet).
            try await SurveyQuestion(
                consultationID: open.id!, position: 1, kind: .freeText, text: "What matters to you?", choices: []
            ).create(on: app.db)
            let question = try #require(try await SurveyQuestion.query(on: app.db).first())
            let staffPath = Self.path(open)
            let removeLast = try await officer.post(
                staffPath + "/questions/\(question.id!.uuidString.lowercased())/remove", form: [:], tokenFrom: staffPath
            )
            #expect(removeLast.status == .conflict)
            #expect(removeLast.body.contains("This is the only question of an open consultation"))
            #expect(try await SurveyQuestion.query(on: app.db).count() == 1)
        }
    }
}
