import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// The rules a review of the consultation pages found could be walked round: a consultation set up before
/// there are options, backdated or with an empty pack; a choice listed twice; reasons of one letter;
/// personal data in what is published; and changing the record of a decision after it was approved.
@Suite("Consultations: the pack, reasons and the record of a decision")
struct ConsultationRulesTests {
    static let today = SimpleDate(year: 2026, month: 12, day: 5)

    static func initiative(_ stage: InitiativeStage, on db: any Database) async throws -> Initiative {
        let initiative = Initiative(
            title: "Stroke rehabilitation at home", what: "Move rehab home.", why: "People recover better.",
            affectsServices: true, substantialVariation: false, decisionBody: "ICB board", targetDate: nil,
            stage: stage, livedExperienceMembers: 2)
        try await initiative.create(on: db)
        return initiative
    }

    static let pack = [
        "title": "Stroke rehabilitation at home", "background": "Rehabilitation happens on the ward now.",
        "options": "A. Home visits. B. No change.", "discarded_alternatives": "C. Close the unit: too far to travel.",
        "reasons": "People recover better at home.", "opens_on": "2026-12-06", "closes_on": "2027-03-01",
        "short_duration_reason": "", "formats": "online",
    ]

    @Test(
        "set up only from Options developed, with a whole pack, never in the past; a choice listed twice is refused",
        arguments: TestDatabase.all)
    func settingUp(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(Self.today)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let initiative = try await Self.initiative(.involvementPlanned, on: app.db)
            let path = "/staff/initiatives/\(initiative.id!.uuidString.lowercased())/consultation"

            let initiativePath = "/staff/initiatives/\(initiative.id!.uuidString.lowercased())"
            // Said up front: no pack form to fill in and have refused.
            #expect(
                try await officer.get(initiativePath).body.contains(
                    "Set up the consultation once the initiative reaches Options developed"))
            let formFirst = try await officer.get(path)
            #expect(formFirst.status == .seeOther)
            #expect(
                try await officer.get(initiativePath).body.contains(
                    "Move it to Options developed before setting up its consultation"))
            let early = try await officer.post(path, form: Self.pack, tokenFrom: initiativePath)
            #expect(early.status == .unprocessableEntity)
            #expect(early.body.contains("Move it to Options developed before setting up its consultation"))
            initiative.stage = .optionsDeveloped
            try await initiative.save(on: app.db)

            var empty = Self.pack
            for field in ["background", "options", "discarded_alternatives", "reasons"] { empty[field] = "  " }
            let noPack = try await officer.post(path, form: empty, tokenFrom: path)
            #expect(noPack.status == .unprocessableEntity)
            #expect(noPack.body.contains("Give the background"))
            #expect(noPack.body.contains("Moseley"))
            var backdated = Self.pack
            backdated["opens_on"] = "2026-01-01"
            let past = try await officer.post(path, form: backdated, tokenFrom: path)
            #expect(past.status == .unprocessableEntity)
            #expect(past.body.contains("A consultation cannot open in the past"))
            // Opening today, before there are questions or an equality impact assessment, would put up a
            // consultation with nothing to answer; 27 weeks is longer than a proposal stays formative.
            var today = Self.pack
            today["opens_on"] = "2026-12-05"
            let notReady = try await officer.post(path, form: today, tokenFrom: path)
            #expect(notReady.status == .unprocessableEntity)
            #expect(
                notReady.body.contains(
                    "It would open today without its survey questions and an equality impact assessment (a draft is enough to open). Open it on 6 December 2026 or later"
                ))
            var long = Self.pack
            long["closes_on"] = "2027-06-20"
            let tooLong = try await officer.post(path, form: long, tokenFrom: path)
            #expect(tooLong.status == .unprocessableEntity)
            #expect(tooLong.body.contains("A consultation can run for up to 26 weeks. Close it by 6 June 2027"))
            #expect(try await Consultation.query(on: app.db).count() == 0, "nothing refused was saved")
            #expect(
                try await officer.get(path).body.contains("value=\"2026-12-06\""), "a new consultation opens tomorrow")

            let made = try await officer.post(path, form: Self.pack, tokenFrom: path)
            #expect(made.status == .seeOther)
            let consultation = try #require(try await Consultation.query(on: app.db).first())
            let staffPath = "/staff/consultations/\(consultation.id!.uuidString.lowercased())"
            let twice = try await officer.post(
                staffPath + "/questions",
                form: ["text": "Which option do you prefer?", "kind": "single_choice", "choices": "Home\nhome \nWard"],
                tokenFrom: staffPath)
            #expect(twice.status == .unprocessableEntity)
            #expect(twice.body.contains("is listed more than once: make each choice different."))
            #expect(try await SurveyQuestion.query(on: app.db).count() == 0)

            // A question saved before the check, with a choice twice, no longer stops the page opening.
            try await SurveyQuestion(
                consultationID: consultation.id!, position: 1, kind: .singleChoice, text: "Old question",
                choices: ["A", "A", "B"]
            ).create(on: app.db)
            let page = try await officer.get(staffPath)
            #expect(page.status == .ok)
            #expect(page.body.contains("Old question"))
            #expect(page.body.contains("Not ready to open on 6 December 2026."))
            #expect(page.body.contains("Add an equality impact assessment (a draft is enough to open) before then"))

            // Until someone answers, a question can be taken out; the others close up.
            #expect(
                try await officer.post(
                    staffPath + "/questions", form: ["text": "How far do you travel?", "kind": "free_text"],
                    tokenFrom: staffPath
                ).status == .seeOther)
            // The checker's count is in words a person would write.
            #expect(
                try await officer.post(
                    staffPath + "/questions",
                    form: ["text": "Would it not be better to go by bus?", "kind": "free_text"],
                    tokenFrom: staffPath
                ).status == .seeOther)
            let checked = try await officer.get(staffPath)
            #expect(checked.body.contains("Question added. The checker has 1 suggestion for it below."))
            let old = try #require(try await SurveyQuestion.query(on: app.db).filter(\.$text == "Old question").first())
            let remove = staffPath + "/questions/\(old.id!.uuidString.lowercased())/remove"
            #expect(page.body.contains("action=\"\(remove)\""))
            #expect(try await officer.post(remove, form: [:], tokenFrom: staffPath).status == .seeOther)
            let left = try await SurveyQuestion.query(on: app.db).sort(\.$position).all()
            #expect(left.map(\.text) == ["How far do you travel?", "Would it not be better to go by bus?"])
            #expect(left.map(\.position) == [1, 2])
            app.app.decisionClock = .fixed(Self.today.adding(days: 1))  // open now
            try await SurveyResponse(
                consultationID: consultation.id!, channel: "online", placeID: nil, answers: [:], redactedText: "",
                submissionKey: "k", contactEmail: nil
            ).create(on: app.db)
            let answered =
                "/staff/consultations/\(consultation.id!.uuidString.lowercased())/questions/"
                + "\(left[0].id!.uuidString.lowercased())/remove"
            let refused = try await officer.post(answered, form: [:], tokenFrom: staffPath)
            #expect(refused.status == .conflict)
            #expect(refused.body.contains("People have already answered this survey"))
            #expect(try await SurveyQuestion.query(on: app.db).count() == 2)
        }
    }

    @Test(
        "reasons must be sentences; published text with personal data is refused; an approved decision's record stays",
        arguments: TestDatabase.all)
    func reasonsAndRecord(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(Self.today)
            let officer = try await app.signedInBrowser(.engagementOfficer)

            // An open consultation cannot be closed early for "x".
            let open = try await Self.initiative(.consultation, on: app.db)
            let openConsultation = Consultation(
                initiativeID: open.id!, title: "Open one", background: "b", options: "o", discardedAlternatives: "d",
                reasons: "r", opensOn: Self.today.adding(days: -30), closesOn: Self.today.adding(days: 54))
            try await openConsultation.create(on: app.db)
            let openPath = "/staff/consultations/\(openConsultation.id!.uuidString.lowercased())"
            let x = try await officer.post(openPath + "/close", form: ["reason": "x"], tokenFrom: openPath)
            #expect(x.status == .unprocessableEntity)
            #expect(x.body.contains("at least 3 words"))
            #expect(try await Consultation.find(openConsultation.id, on: app.db)?.closedEarlyOn == nil)
            let closed = try await officer.post(
                openPath + "/close", form: ["reason": "The service has to move sooner because the lease ends."],
                tokenFrom: openPath)
            #expect(closed.status == .seeOther)

            // A closed one: themes, reasons and the outcome are published.
            let analysed = try await Self.initiative(.analysis, on: app.db)
            let consultation = Consultation(
                initiativeID: analysed.id!, title: "Closed one", background: "b", options: "o",
                discardedAlternatives: "d", reasons: "r", opensOn: Self.today.adding(days: -120),
                closesOn: Self.today.adding(days: -20))
            try await consultation.create(on: app.db)
            let path = "/staff/consultations/\(consultation.id!.uuidString.lowercased())"
            let theme = ["name": "Travel", "mentions": "12", "sentiment": "4", "quote": ""]
            var withPhone = theme
            withPhone["summary"] = "Dr Smith on 07700 900456 said the buses are poor."
            let phone = try await officer.post(path + "/themes", form: withPhone, tokenFrom: path)
            #expect(phone.status == .unprocessableEntity)
            #expect(phone.body.contains("This is published, so it must not contain personal data: remove the"))
            // Named in plain words, and with what to write instead of a name.
            #expect(phone.body.contains("phone number") && phone.body.contains(" name"))
            // The words themselves are quoted, so the writer knows what to change.
            #expect(phone.body.contains("the name \"Smith\" and the phone number \"07700 900456\""))
            #expect(!phone.body.contains("remove the Name") && !phone.body.contains("remove the Phone"))
            #expect(phone.body.contains("Describe people by their role"))
            var plain = theme
            plain["summary"] = "The buses are poor."
            #expect(try await officer.post(path + "/themes", form: plain, tokenFrom: path).status == .seeOther)
            let travel = try #require(try await ConsultationTheme.query(on: app.db).first())
            let themePath = path + "/themes/\(travel.id!.uuidString.lowercased())"
            for reason in [".", "x"] {
                let short = try await officer.post(
                    themePath, form: ["response_kind": "not_accepted", "response_reason": reason], tokenFrom: path)
                #expect(short.status == .unprocessableEntity, "\(reason)")
            }
            #expect(try await ConsultationTheme.find(travel.id, on: app.db)?.responseKind == nil)
            #expect(
                try await officer.post(
                    themePath,
                    form: ["response_kind": "proposal_changed", "response_reason": "We added a shuttle bus."],
                    tokenFrom: path
                ).status == .seeOther)
            let named = try await officer.post(
                path + "/publish", form: ["outcome_summary": "Call Mrs Jane Smith on 07700 900123 about it."],
                tokenFrom: path)
            #expect(named.status == .unprocessableEntity)
            // The organisation's own contact details may stay, but not a respondent's mobile or personal e-mail.
            let respondent = try await officer.post(
                path + "/publish",
                form: ["outcome_summary": "A respondent (zelda.quibble@gmail.com, 07700 900123) raised travel."],
                tokenFrom: path)
            #expect(respondent.status == .unprocessableEntity)
            #expect(
                respondent.body.contains(
                    "remove the e-mail address \"zelda.quibble@gmail.com\" and the phone number \"07700 900123\"."
                        + " The organisation's own landline and work e-mail address may stay"), "\(respondent.body)")
            #expect(try await Consultation.find(consultation.id, on: app.db)?.analysisPublishedAt == nil)
            #expect(
                try await officer.post(
                    path + "/publish",
                    form: [
                        "outcome_summary":
                            "Most people supported it but worried about travel. For a paper copy ring 0113 496 0000"
                            + " or e-mail engagement@calder.example."
                    ],
                    tokenFrom: path
                ).status == .seeOther)

            // Signing off needs the engagement that reached each group and a review date still to come.
            let eiaPath = "/staff/initiatives/\(analysed.id!.uuidString.lowercased())/eia"
            var signOff = [
                "who_affected": "Stroke survivors", "status": "signed_off", "signed_off_by": "Director",
                "review_on": "2026-12-05",
            ]
            for characteristic in EqualityAssessmentController.characteristics {
                let slug = EqualityAssessmentController.slug(characteristic)
                signOff["evidence-" + slug] = "Census 2021."
                signOff["impact-" + slug] = "neutral"
            }
            signOff[
                "engagement-" + EqualityAssessmentController.slug(EqualityAssessmentController.characteristics[1])] =
                "tbc"
            let unready = try await officer.post(eiaPath, form: signOff, tokenFrom: eiaPath)
            #expect(unready.status == .unprocessableEntity)
            #expect(unready.body.contains("Say what engagement reached people by age, or that none did and why."))
            #expect(
                unready.body.contains(
                    "by disability, or that none did and why: \"tbc\" is a placeholder, not an answer."))
            #expect(!unready.body.contains("Give the evidence for age"), "Census 2021 is evidence")
            #expect(unready.body.contains("The review date must be after today"))
            #expect(try await EqualityAssessment.query(on: app.db).count() == 0)

            // Once the decision is approved, its themes, responses and EIA stay as they were.
            let eia = EqualityAssessment(
                initiativeID: analysed.id!, whoAffected: "Stroke survivors", entries: [:], status: .signedOff)
            eia.signedOffBy = "Director of Nursing"
            try await eia.create(on: app.db)
            let decision = Decision(
                initiativeID: analysed.id!, title: "Decision", meeting: "Board", meetingOn: Self.today,
                membersPresent: "Chair", declarations: "None declared", outcome: "Option A.", quorate: true)
            decision.status = "approved"
            try await decision.create(on: app.db)
            let changed = try await officer.post(
                themePath, form: ["response_kind": "not_accepted", "response_reason": "We changed our minds later."],
                tokenFrom: path)
            #expect(changed.status == .unprocessableEntity)
            #expect(changed.body.contains("kept as it was approved"))
            #expect(try await ConsultationTheme.find(travel.id, on: app.db)?.responseKind == .proposalChanged)
            let added = try await officer.post(
                path + "/themes", form: ["name": "Parking", "summary": "Costs.", "mentions": "3", "sentiment": "4"],
                tokenFrom: path)
            #expect(added.status == .unprocessableEntity)
            let wiped = try await officer.post(
                eiaPath, form: ["status": "draft", "who_affected": "x"], tokenFrom: eiaPath)
            #expect(wiped.status == .unprocessableEntity)
            #expect(wiped.body.contains("Say what the review found and why the assessment changes."))
            #expect(wiped.body.contains("A review after the decision is signed off: choose signed off."))
            let kept = try #require(try await EqualityAssessment.find(eia.id, on: app.db))
            #expect(kept.status == .signedOff && kept.whoAffected == "Stroke survivors")
            #expect(try await EqualityAssessmentVersion.query(on: app.db).count() == 0)

            // The duty continues: a signed-off review replaces it, and the version the decision relied on is
            // kept and published beside it.
            let reviewForm = try await officer.get(eiaPath)
            #expect(reviewForm.body.contains("What the review found, and why the assessment changes"))
            #expect(!reviewForm.body.contains("value=\"Director of Nursing\""), "a review is signed off afresh")
            let unchanged = try await officer.post(
                eiaPath,
                form: [
                    "who_affected": "Stroke survivors", "status": "signed_off", "signed_off_by": "Director of Nursing",
                    "review_reason": "ok",
                ], tokenFrom: eiaPath)
            #expect(unchanged.status == .unprocessableEntity)
            #expect(unchanged.body.contains("(at least 3 words)"))
            var review = signOff
            for characteristic in EqualityAssessmentController.characteristics {
                review["engagement-" + EqualityAssessmentController.slug(characteristic)] =
                    "Responses to the consultation."
            }
            review["who_affected"] = "Stroke survivors and their carers"
            review["review_on"] = Self.today.adding(days: 365).iso
            review["review_reason"] = "Six months on: carers asked for evening visits, added as an action."
            let reviewed = try await officer.post(eiaPath, form: review, tokenFrom: eiaPath)
            #expect(reviewed.status == .seeOther)
            review["review_reason"] = "Checked again this week and nothing needed to change."
            let sameAgain = try await officer.post(eiaPath, form: review, tokenFrom: eiaPath)
            #expect(sameAgain.status == .unprocessableEntity)
            #expect(sameAgain.body.contains("Nothing in the assessment has changed."))
            // The same review day typed the UK way (31/12/2027) is no change either.
            let reviewDay = Self.today.adding(days: 365)
            review["review_on"] = "\(reviewDay.day)/\(reviewDay.month)/\(reviewDay.year)"
            let sameTypedUK = try await officer.post(eiaPath, form: review, tokenFrom: eiaPath)
            #expect(sameTypedUK.status == .unprocessableEntity)
            #expect(sameTypedUK.body.contains("Nothing in the assessment has changed."))
            let versions = try await EqualityAssessmentVersion.query(on: app.db).all()
            #expect(versions.count == 1)
            #expect(versions.first?.whoAffected == "Stroke survivors")
            #expect(versions.first?.replacedOn == Self.today.iso)
            let current = try #require(try await EqualityAssessment.find(eia.id, on: app.db))
            #expect(current.whoAffected == "Stroke survivors and their carers")
            #expect(current.signedOffOn == Self.today.iso)
            let publicPage = try await app.browser().get(
                "/initiatives/\(analysed.id!.uuidString.lowercased())/equality-impact-assessment")
            #expect(publicPage.body.contains("Stroke survivors and their carers"))
            #expect(publicPage.body.contains("<h2>Earlier versions</h2>"))
            #expect(publicPage.body.contains("Six months on: carers asked for evening visits, added as an action."))
            #expect(publicPage.body.contains("relied on this version."))
            #expect(
                try await AuditEvent.query(on: app.db).filter(\.$action == "eia.reviewed").count() == 1)
        }
    }

    @Test(
        "answering no to 'changes services' needs a reason and is refused once decided; substantial but not a change is refused",
        arguments: TestDatabase.all)
    func dutyToInvolveAnswers(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(Self.today)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let place = Place(name: "Leeds", slug: "leeds")
            try await place.create(on: app.db)
            let initiative = try await Self.initiative(.idea, on: app.db)
            let path = "/staff/initiatives/\(initiative.id!.uuidString.lowercased())/edit"
            func edit(_ changes: [String: String]) async throws -> TestBrowser.Page {
                var form = [
                    "title": initiative.title, "what": "Move rehab home.", "why": "People recover better.",
                    "affects_services": "yes", "substantial_variation": "no", "decision_body": "ICB board",
                    "place_ids[]": place.id!.uuidString,
                ]
                form.merge(changes) { $1 }
                return try await officer.post(path, form: form, tokenFrom: path)
            }
            let noReason = try await edit(["affects_services": "no"])
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.body.contains("Say why the answer is now no"))
            let mixed = try await edit(["affects_services": "no", "substantial_variation": "yes", "change_reason": ""])
            #expect(mixed.body.contains("A substantial variation is a change to services"))
            #expect(try await Initiative.find(initiative.id, on: app.db)?.affectsServices == true)

            let reason = "Only the booking letter changes; the service itself stays the same."
            #expect(try await edit(["affects_services": "no", "change_reason": reason]).status == .seeOther)
            #expect(try await Initiative.find(initiative.id, on: app.db)?.affectsServices == false)
            let audit = try await AuditEvent.query(on: app.db).filter(\.$action == "initiative.updated").all()
            #expect(audit.contains { $0.summary.contains(reason) })

            let decision = Decision(
                initiativeID: initiative.id!, title: "Decision", meeting: "Board", meetingOn: Self.today,
                membersPresent: "Chair", declarations: "None declared", outcome: "Go ahead.", quorate: true)
            decision.status = "approved"
            try await decision.create(on: app.db)
            let afterDecision = try await edit(["affects_services": "yes"])
            #expect(afterDecision.status == .unprocessableEntity)
            #expect(afterDecision.body.contains("The decision is approved"))
        }
    }

    @Test(
        "a substantial variation is approved only after the scrutiny committee's response is recorded, then kept",
        arguments: TestDatabase.all)
    func scrutiny(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(Self.today)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let initiative = try await Self.initiative(.optionsDeveloped, on: app.db)
            initiative.affectsServices = false
            initiative.substantialVariation = false
            try await initiative.save(on: app.db)
            let path = "/staff/initiatives/\(initiative.id!.uuidString.lowercased())"
            #expect(!(try await officer.get(path).body.contains("Health overview and scrutiny committee")))

            // No consultation needed for this test's purpose: the gate reads scrutiny first for a variation.
            initiative.substantialVariation = true
            try await initiative.save(on: app.db)
            let bundle = try await InitiativeBundle.load(initiative.id!, on: app.db)
            #expect(bundle.facts(today: Self.today).scrutinyRefusal?.message.contains("s244") == true)
            #expect(try await officer.get(path).body.contains("Health overview and scrutiny committee"))

            for (form, message) in [
                (["scrutiny_consulted_on": "2026-12-20", "scrutiny_response": "Supported it."], "in the future"),
                (
                    ["scrutiny_consulted_on": "1990-11-12", "scrutiny_response": "Supported the change."],
                    "Check the year"
                ),
                (["scrutiny_consulted_on": "2026-11-12", "scrutiny_response": "x"], "at least 3 words"),
                (["scrutiny_consulted_on": "", "scrutiny_response": "Supported the change."], "Enter the date"),
            ] {
                let refused = try await officer.post(path + "/scrutiny", form: form, tokenFrom: path)
                #expect(refused.status == .unprocessableEntity, "\(form)")
                #expect(refused.body.contains(message), "\(form)")
            }
            #expect(try await Initiative.find(initiative.id, on: app.db)?.scrutinyConsultedOn == nil)
            let saved = try await officer.post(
                path + "/scrutiny",
                form: [
                    "scrutiny_consulted_on": "2026-11-12",
                    "scrutiny_response": "Supported the change and asked for a report on travel in a year.",
                ], tokenFrom: path)
            #expect(saved.status == .seeOther)
            let recorded = try #require(try await Initiative.find(initiative.id, on: app.db))
            #expect(recorded.scrutinyConsulted == SimpleDate(year: 2026, month: 11, day: 12))
            let after = try await InitiativeBundle.load(initiative.id!, on: app.db)
            #expect(after.facts(today: Self.today).scrutinyRefusal == nil)
            #expect(try await officer.get(path).body.contains("Consulted on 12 November 2026. What it said: Supported"))

            // Once the decision is approved the form is gone: a late send is told why at the top, and changes nothing.
            let decision = Decision(
                initiativeID: initiative.id!, title: "Move the clinic", meeting: "Board", meetingOn: Self.today,
                membersPresent: "Chair", declarations: "None declared.", outcome: "Moved", quorate: true)
            decision.status = "approved"
            try await decision.create(on: app.db)
            let late = try await officer.post(
                path + "/scrutiny",
                form: ["scrutiny_consulted_on": "2026-11-13", "scrutiny_response": "Another response from them."],
                tokenFrom: path)
            #expect(late.status == .conflict)
            #expect(
                PublicAnswerOnlyTests.text(late).contains(
                    "The decision is approved, so the scrutiny committee's response is kept as it was."), "\(late.body)"
            )
            #expect(try await Initiative.find(initiative.id, on: app.db)?.scrutinyConsulted?.day == 12)
        }
    }
}
