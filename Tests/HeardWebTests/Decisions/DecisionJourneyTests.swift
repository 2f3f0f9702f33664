import Fluent
import Foundation
import HeardDomain
import HeardStorage
import HeardWeb
import Testing
import Vapor

/// Finds a link or id in a page: the path after `prefix`, up to the next quote.
func firstPath(in body: String, after prefix: String) -> String? {
    guard let range = body.range(of: "href=\"" + prefix) else { return nil }
    let rest = body[range.lowerBound...].dropFirst(6)
    return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
}

/// A clock the test moves forward.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var date: SimpleDate

    init(_ date: SimpleDate) { self.date = date }

    var today: SimpleDate {
        lock.lock()
        defer { lock.unlock() }
        return date
    }

    func advance(days: Int) {
        lock.lock()
        date = date.adding(days: days)
        lock.unlock()
    }
}

@Suite("Decisions: from idea to an approved decision")
struct DecisionJourneyTests {
    static let start = SimpleDate(year: 2027, month: 1, day: 4)

    @Test(
        "an initiative goes from idea through involvement, a consultation, analysis and an EIA to an approved decision",
        arguments: TestDatabase.all)
    func journey(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let clock = TestClock(Self.start)
            app.app.decisionClock = DecisionClock { clock.today }
            let leeds = Place(name: "Leeds", slug: "leeds")
            try await leeds.create(on: app.db)
            try await PopulationFigure(
                placeID: leeds.id!, characteristic: "sex", category: "female", percent: 51, source: "test"
            ).create(on: app.db)
            try await PopulationFigure(
                placeID: leeds.id!, characteristic: "sex", category: "male", percent: 49, source: "test"
            ).create(on: app.db)
            let trust = Organisation(name: "Riverside Trust", kind: .trust)
            try await trust.create(on: app.db)
            let rehab = Service(name: "Stroke rehabilitation", organisationID: trust.id!, placeID: leeds.id!)
            try await rehab.create(on: app.db)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let (secretaryEmail, secretaryPassword) = try await app.createUser(.boardSecretary)
            let secretary = app.browser()
            _ = try await secretary.signIn(email: secretaryEmail, password: secretaryPassword)

            // Idea
            let created = try await officer.post(
                "/staff/initiatives/new",
                form: [
                    "title": "Stroke rehabilitation at home", "what": "Move rehab home.", "why": "Better recovery.",
                    "affects_services": "yes", "substantial_variation": "no", "decision_body": "ICB board",
                    "target_date": "2027-06-30", "lived_experience_members": "0",
                    "place_ids[]": leeds.id!.uuidString, "service_ids[]": rehab.id!.uuidString,
                ])
            #expect(created.status == .seeOther)
            let initiativePath = try #require(created.location)
            let initiative = try #require(try await Initiative.query(on: app.db).first())
            #expect(initiative.stage == .idea)
            #expect(initiative.serviceIDList == [rehab.id!])

            // Involvement planned is refused until involvement is planned, then allowed.
            let refused = try await officer.post(
                initiativePath + "/stage", form: ["stage": "involvement_planned"], tokenFrom: initiativePath)
            #expect(refused.status == .conflict)
            #expect(refused.body.contains("duty to involve"))
            let planned = try await officer.post(
                "/staff/activities/new",
                form: [
                    "title": "Design workshop", "kind": "workshop", "place_id": leeds.id!.uuidString,
                    "initiative_id": initiative.id!.uuidString, "date": "2027-02-15", "venue": "Leeds library",
                    "attendees": "0", "accessibility[]": "step_free",
                ], tokenFrom: "/staff/activities/new")
            #expect(planned.status == .seeOther)
            #expect(
                try await officer.post(
                    initiativePath + "/stage", form: ["stage": "involvement_planned"], tokenFrom: initiativePath
                ).status == .seeOther)

            // Options cannot be drafted before people have actually been involved.
            let early = try await officer.post(
                initiativePath + "/stage", form: ["stage": "options_developed"], tokenFrom: initiativePath)
            #expect(early.status == .conflict)
            #expect(early.body.contains("before options are drafted"))
            clock.advance(days: 20)  // 24 January
            let missingVenue = try await officer.post(
                "/staff/activities/new",
                form: [
                    "title": "Drop-in at the scout hut", "kind": "community_meeting", "place_id": leeds.id!.uuidString,
                    "initiative_id": initiative.id!.uuidString, "date": "2027-01-20", "venue": "", "attendees": "lots",
                ], tokenFrom: "/staff/activities/new")
            #expect(missingVenue.status == .unprocessableEntity)
            #expect(missingVenue.body.contains("href=\"#field-venue\""))
            #expect(missingVenue.body.contains("value=\"Drop-in at the scout hut\""))
            let held = try await officer.post(
                "/staff/activities/new",
                form: [
                    "title": "Drop-in at the scout hut", "kind": "community_meeting", "place_id": leeds.id!.uuidString,
                    "initiative_id": initiative.id!.uuidString, "date": "2027-01-20", "venue": "1st Leeds scout hut",
                    "attendees": "17", "what_changed": "Added a carers' helpline.",
                ], tokenFrom: "/staff/activities/new")
            #expect(held.status == .seeOther)
            let activityPath = try #require(held.location)
            #expect(
                try await officer.post(
                    activityPath + "/comments",
                    form: [
                        "comment": "Ring me on 07700 900123, my husband needs help at home.",
                        "service_id": rehab.id!.uuidString,
                    ], tokenFrom: activityPath
                ).status == .seeOther)
            let comment = try #require(try await ActivityComment.query(on: app.db).first())
            #expect(comment.wasRedacted)
            // A planned activity has no comments to capture until it is held.
            let libraryEvent = try await officer.post(
                "/staff/activities/new",
                form: [
                    "title": "Listening event at the library", "kind": "community_meeting",
                    "place_id": leeds.id!.uuidString, "date": "2027-02-20", "venue": "Central library",
                    "attendees": "0",
                ], tokenFrom: "/staff/activities/new")
            let plannedPath = try #require(libraryEvent.location)
            #expect(
                try await officer.get(plannedPath).body.contains(
                    "Capture what people said once the activity has happened"))
            let commentTooSoon = try await officer.post(
                plannedPath + "/comments", form: ["comment": "More buses please."], tokenFrom: activityPath)
            #expect(commentTooSoon.status == .unprocessableEntity)
            #expect(
                commentTooSoon.body.contains(
                    "This activity is on 20 February 2027. Capture what people said once it has happened."))
            #expect(try await ActivityComment.query(on: app.db).count() == 1)
            let feedback = try #require(try await FeedbackItem.query(on: app.db).first())
            #expect(comment.feedbackID == feedback.id)
            #expect(feedback.channel == .event)
            #expect(!feedback.redactedText.contains("07700 900123"))
            #expect(!comment.redactedText.contains("07700 900123"))
            for sex in ["female", "female", "male", "female", "female", "female"] {
                #expect(
                    try await officer.post(
                        activityPath + "/monitoring", form: ["eq-sex": sex, "eq-age_band": "65-74"],
                        tokenFrom: activityPath
                    ).status == .seeOther)
            }
            let bogus = try await officer.post(
                activityPath + "/monitoring", form: ["eq-sex": "robot"], tokenFrom: activityPath)
            #expect(bogus.status == .unprocessableEntity)
            let whoCame = try await officer.get(activityPath)
            #expect(whoCame.body.contains("Who came"))
            #expect(whoCame.body.contains("fewer than 5"))  // one man: suppressed
            #expect(whoCame.body.contains("51.0%"))
            let cadence = try await officer.get("/staff/activities")
            #expect(cadence.body.contains("20 January 2027"))
            #expect(
                try await officer.post(
                    initiativePath + "/stage", form: ["stage": "options_developed"], tokenFrom: initiativePath
                ).status == .seeOther)

            // Consultation: closing before opening is refused and the typed values kept.
            let consultationPath = initiativePath + "/consultation"
            var pack = [
                "title": "Stroke rehabilitation at home", "background": "Today rehab happens on the ward.",
                "options": "A: at home. B: on the ward.", "discarded_alternatives": "C: a new unit, too costly.",
                "reasons": "People recover better at home.", "opens_on": "2027-02-01", "closes_on": "2027-01-01",
                "formats[]": "online",
            ]
            let badDates = try await officer.post(consultationPath, form: pack, tokenFrom: consultationPath)
            #expect(badDates.status == .unprocessableEntity)
            #expect(badDates.body.contains("The closing date must be after the opening date."))
            #expect(badDates.body.contains("value=\"2027-01-01\""))
            pack["closes_on"] = "2027-04-26"  // 12 weeks
            let made = try await officer.post(consultationPath, form: pack, tokenFrom: consultationPath)
            #expect(made.status == .seeOther)
            let consultation = try #require(try await Consultation.query(on: app.db).first())
            let staffConsultation = try #require(made.location)
            // The pack can change until the consultation opens.
            #expect(try await officer.get(consultationPath).body.contains("Change the consultation pack"))
            pack["reasons"] = "People recover better at home, and beds are needed for acute care."
            #expect(
                try await officer.post(consultationPath, form: pack, tokenFrom: consultationPath).status == .seeOther)
            #expect(try await Consultation.query(on: app.db).first()?.reasons.contains("beds") == true)
            // The working group grows: the initiative's details change, audited.
            #expect(
                try await officer.post(
                    initiativePath + "/edit",
                    form: [
                        "title": "Stroke rehabilitation at home", "what": "Move rehab home.", "why": "Better recovery.",
                        "affects_services": "yes", "substantial_variation": "no", "decision_body": "ICB board",
                        "target_date": "2027-06-30", "lived_experience_members": "2",
                        "place_ids[]": leeds.id!.uuidString, "service_ids[]": rehab.id!.uuidString,
                    ], tokenFrom: initiativePath + "/edit"
                ).status == .seeOther)
            #expect(try await Initiative.query(on: app.db).first()?.livedExperienceMembers == 2)

            // Survey builder: the checker warns but saves.
            let leading = try await officer.post(
                staffConsultation + "/questions",
                form: ["text": "Don't you agree the ICB should always do this?", "kind": "scale", "choices": ""],
                tokenFrom: staffConsultation)
            #expect(leading.status == .seeOther)
            let checklist = try await officer.get(staffConsultation)
            #expect(checklist.body.contains("Leading"))
            #expect(checklist.body.contains("Unexplained abbreviation"))
            #expect(
                try await officer.post(
                    staffConsultation + "/questions",
                    form: [
                        "text": "Which option do you prefer, and why?", "kind": "preferred_option", "choices": "A\nB",
                    ],
                    tokenFrom: staffConsultation
                ).status == .seeOther)

            // A scale says what its ends mean; three lines fit neither form of it.
            let threeEnds = try await officer.post(
                staffConsultation + "/questions",
                form: ["text": "How easy is it to get to the ward?", "kind": "scale", "choices": "Hard\nOK\nEasy"],
                tokenFrom: staffConsultation)
            #expect(threeEnds.status == .unprocessableEntity)
            #expect(threeEnds.body.contains("For a scale, enter two lines (what 1 and what 5 mean"))
            #expect(
                try await officer.post(
                    staffConsultation + "/questions",
                    form: [
                        "text": "How easy is it to get to the ward?", "kind": "scale",
                        "choices": "Very difficult\nVery easy",
                    ],
                    tokenFrom: staffConsultation
                ).status == .seeOther)

            // EIA draft, then the consultation stage.
            let eiaPath = initiativePath + "/eia"
            #expect(
                try await officer.post(
                    eiaPath, form: ["who_affected": "Stroke survivors and carers.", "status": "draft"],
                    tokenFrom: eiaPath
                ).status == .seeOther)
            clock.advance(days: 8)  // 1 February: open.
            #expect(
                try await officer.post(
                    initiativePath + "/stage", form: ["stage": "consultation"], tokenFrom: initiativePath
                ).status == .seeOther)
            let lateChange = try await officer.post(consultationPath, form: pack, tokenFrom: initiativePath)
            #expect(lateChange.status == .unprocessableEntity)
            #expect(lateChange.body.contains("already opened"))

            // Public responses, with equality monitoring, a duplicate, and a bad answer.
            let questions = try await SurveyQuestion.query(on: app.db).sort(\.$position).all()
            let publicPath = "/consultations/\(consultation.id!.uuidString.lowercased())"
            let q1 = "q-" + questions[0].id!.uuidString.lowercased()
            let q2 = "q-" + questions[1].id!.uuidString.lowercased()
            for index in 0..<24 {
                let person = app.browser()
                let page = try await person.get(publicPath)
                #expect(page.status == .ok)
                if index == 0 {
                    #expect(page.body.contains("1 – Very difficult") && page.body.contains(">3</label>"))
                }
                let key = try #require(
                    page.body.range(of: "name=\"submission_key\" value=\"").map { range in
                        String(page.body[range.upperBound...].prefix { $0 != "\"" })
                    })
                let form = [
                    "submission_key": key, q1: String(index % 5 + 1), q2: index % 3 == 0 ? "A" : "B",
                    q2 + "-why": "Travel is hard for me, call 0113 496 0000",
                    "eq-sex": index < 4 ? "male" : "female", "place_id": leeds.id!.uuidString,
                    "contact_email": index == 0 ? "someone@example.org" : "",
                ]
                let thanks = try await person.post(publicPath + "/respond", form: form, tokenFrom: publicPath)
                #expect(thanks.status == .ok)
                // Someone who left an address is told the outcome will come to them.
                #expect(thanks.body.contains("We will e-mail it to you then") == (index == 0))
                if index == 0 {
                    let again = try await person.post(publicPath + "/respond", form: form, tokenFrom: publicPath)
                    #expect(again.status == .conflict)
                    #expect(again.body.contains("We already have your response"))
                    var bad = form
                    bad["submission_key"] = "another"
                    bad["q-" + UUID().uuidString.lowercased()] = "3"
                    let ghost = try await person.post(publicPath + "/respond", form: bad, tokenFrom: publicPath)
                    #expect(ghost.status == .unprocessableEntity)
                    #expect(ghost.body.contains("not in this survey"))
                    var robot = form
                    robot["submission_key"] = "robot-key"
                    robot["eq-sex"] = "robot"
                    let named = try await person.post(publicPath + "/respond", form: robot, tokenFrom: publicPath)
                    #expect(named.status == .unprocessableEntity)
                    #expect(named.body.contains("Choose one of the answers given for \"What is your sex?\"."))
                }
                if index == 1 {
                    // A browser closed halfway: the form comes back with the answers and a new token, and nothing
                    // is stored by the expired one.
                    var stale = form
                    stale["_csrf"] = "old-token-from-before"
                    let expired = try await app.browser().post(publicPath + "/respond", form: stale, withToken: false)
                    #expect(expired.status == .forbidden)
                    #expect(expired.body.contains("The form had expired, so your response has not been sent yet."))
                    #expect(expired.body.contains("Travel is hard for me, call 0113 496 0000</textarea>"))
                    #expect(expired.body.contains("value=\"\(key)\""), "the same key, so it counts once")
                    #expect(try await SurveyResponse.query(on: app.db).count() == 2, "nothing more was stored")
                }
            }
            #expect(try await SurveyResponse.query(on: app.db).count() == 24)
            let redacted = try #require(try await SurveyResponse.query(on: app.db).first())
            #expect(!redacted.redactedText.contains("496 0000"))

            // The seed case: a decision sent for approval while the consultation is open is refused, naming G1/G4.
            let paperPath = initiativePath + "/decision"
            let paper = [
                "title": "Commissioning stroke rehab at home", "meeting": "ICB board",
                "meeting_on": "2027-06-30",
                "members_present": "Chair; CEO; three members",
                "declarations": "Cllr Ahmed: trustee of a stroke charity: discuss but not decide",
                "outcome": "Option A with a helpline.",
            ]
            // The paper records the board's declarations: the engagement officer reads it, the secretary writes it.
            #expect(try await officer.post(paperPath, form: paper, tokenFrom: paperPath).status == .forbidden)
            #expect(try await Decision.query(on: app.db).count() == 0)
            var overlong = paper
            overlong["title"] = String(repeating: "t", count: 1_000)
            overlong["outcome"] = String(repeating: "o", count: 20_000)
            let tooLong = try await secretary.post(paperPath, form: overlong, tokenFrom: paperPath)
            #expect(tooLong.status == .unprocessableEntity)
            #expect(tooLong.body.contains("Keep the title to 200 characters or fewer: it is 1,000 now."))
            #expect(tooLong.body.contains("Keep what is decided to 10,000 characters or fewer: it is 20,000 now."))
            #expect(try await secretary.post(paperPath, form: paper, tokenFrom: paperPath).status == .seeOther)
            let decision = try #require(try await Decision.query(on: app.db).first())
            let approvePath = "/staff/decisions/\(decision.id!.uuidString.lowercased())/approve"
            let tooSoon = try await secretary.post(approvePath, form: [:], tokenFrom: "/staff/decisions")
            #expect(tooSoon.status == .conflict)
            #expect(tooSoon.body.contains("G1"))
            #expect(tooSoon.body.contains("G4"))
            let token = try await DecisionAPITokens.issue(email: secretaryEmail, on: app.db)
            let apiRefusal = try await app.browser().postJSON(
                "/api/v1/decisions/\(decision.id!.uuidString)/approve", json: "{}",
                headers: [("Authorization", "Bearer " + token)])
            #expect(apiRefusal.status == .conflict)
            let refusalBody = try JSONDecoder().decode([String: String?].self, from: Data(apiRefusal.body.utf8))
            #expect(refusalBody["principle"] == "G4")
            #expect(refusalBody["error"]??.contains("G1") == true)
            #expect(refusalBody.keys.contains("field"))

            // Close, analyse, record and answer themes, publish.
            clock.advance(days: 85)  // 27 April: closed.
            // Someone who started before it closed: refused, but handed back what they wrote.
            let late = try await app.browser().post(
                publicPath + "/respond",
                form: [
                    "submission_key": "late-key", q1: "4", q2: "A", q2 + "-why": "The bus to the ward takes an hour.",
                ],
                tokenFrom: "/sign-in")
            #expect(late.status == .conflict)
            #expect(late.body.contains("This consultation has closed"))
            #expect(late.body.contains("The bus to the ward takes an hour."))
            #expect(try await SurveyResponse.query(on: app.db).count() == 24)
            #expect(
                try await officer.post(
                    initiativePath + "/stage", form: ["stage": "analysis"], tokenFrom: initiativePath
                ).status == .seeOther)
            let analysisPage = try await officer.get(staffConsultation)
            #expect(analysisPage.body.contains("24 responses"))
            #expect(analysisPage.body.contains("Who we heard from"))
            for theme in ["Travel", "Carers"] {
                #expect(
                    try await officer.post(
                        staffConsultation + "/themes",
                        form: [
                            "name": theme, "summary": "People spoke about \(theme).", "mentions": "12",
                            "sentiment": "4",
                            "quote": "My email is me@example.org",
                        ], tokenFrom: staffConsultation
                    ).status == .seeOther)
            }
            let theme = try #require(try await ConsultationTheme.query(on: app.db).filter(\.$name == "Travel").first())
            #expect(!theme.quote.contains("me@example.org"))
            let notPublished = try await secretary.post(approvePath, form: [:], tokenFrom: "/staff/decisions")
            #expect(notPublished.status == .conflict)
            #expect(notPublished.body.contains("Publish the analysis"))
            #expect(
                try await officer.post(
                    staffConsultation + "/publish", form: ["outcome_summary": "Most people preferred A."],
                    tokenFrom: staffConsultation
                ).status == .seeOther)
            let notices = try await Notice.query(on: app.db).filter(\.$kind == "consultation_outcome").all()
            #expect(notices.map(\.toAddress) == ["someone@example.org"])
            #expect(notices.first?.body.contains("/outcome") == true)
            let unanswered = try await secretary.post(approvePath, form: [:], tokenFrom: "/staff/decisions")
            #expect(unanswered.status == .conflict)
            #expect(unanswered.body.contains("Travel"))
            for (name, kind) in [("Travel", "proposal_changed"), ("Carers", "accepted")] {
                let t = try #require(try await ConsultationTheme.query(on: app.db).filter(\.$name == name).first())
                #expect(
                    try await officer.post(
                        staffConsultation + "/themes/\(t.id!.uuidString.lowercased())",
                        form: ["response_kind": kind, "response_reason": "We changed the plan for \(name)."],
                        tokenFrom: staffConsultation
                    ).status == .seeOther)
            }
            // EIA still a draft: G2 stops approval.
            let eiaDraft = try await secretary.post(approvePath, form: [:], tokenFrom: "/staff/decisions")
            #expect(eiaDraft.status == .conflict)
            #expect(eiaDraft.body.contains("equality impact assessment"))
            var eia = [
                "who_affected": "Stroke survivors and carers.", "status": "signed_off",
                "signed_off_by": "Director of Nursing", "review_on": "2028-04-30",
            ]
            for c in [
                "age", "disability", "gender-reassignment", "marriage-or-civil-partnership", "pregnancy-and-maternity",
                "ethnic-group", "religion", "sex", "sexual-orientation", "unpaid-care",
            ] {
                eia["evidence-" + c] = "Census 2021 and service data."
                eia["engagement-" + c] = "Survey monitoring answers; the drop-in at the scout hut."
                eia["impact-" + c] = "neutral"
            }
            #expect(try await officer.post(eiaPath, form: eia, tokenFrom: eiaPath).status == .seeOther)

            // Everything is ready, but the meeting on 30 June has not happened yet.
            let beforeMeeting = try await secretary.post(approvePath, form: [:], tokenFrom: "/staff/decisions")
            #expect(beforeMeeting.status == .conflict)
            #expect(beforeMeeting.body.contains("The meeting is on 30 June 2027"))
            clock.advance(days: 65)  // 1 July: the meeting has decided.

            // A response saved again with the same words keeps its day; one changed after the meeting was not
            // what the meeting considered (G4), so approval waits for a meeting that considers it as it stands.
            let travel = try #require(try await ConsultationTheme.query(on: app.db).filter(\.$name == "Travel").first())
            let travelPath = staffConsultation + "/themes/\(travel.id!.uuidString.lowercased())"
            let writtenOn = try #require(travel.respondedOn)
            #expect(writtenOn < "2027-06-30")
            #expect(
                try await officer.post(
                    travelPath,
                    form: ["response_kind": "proposal_changed", "response_reason": "We changed the plan for Travel."],
                    tokenFrom: staffConsultation
                ).status == .seeOther)
            #expect(try await ConsultationTheme.find(travel.id, on: app.db)?.respondedOn == writtenOn)
            #expect(
                try await officer.post(
                    travelPath,
                    form: ["response_kind": "proposal_changed", "response_reason": "A shuttle bus from the station."],
                    tokenFrom: staffConsultation
                ).status == .seeOther)
            #expect(try await ConsultationTheme.find(travel.id, on: app.db)?.respondedOn == "2027-07-01")
            #expect(try await officer.get(staffConsultation).body.contains("Response last changed on 1 July 2027."))
            let changedAfter = try await secretary.post(approvePath, form: [:], tokenFrom: "/staff/decisions")
            #expect(changedAfter.status == .conflict)
            #expect(
                changedAfter.body.contains(
                    "The paper&#39;s response to Travel (changed on 1 July 2027) was changed after the meeting on 30 June 2027"
                )
                    || changedAfter.body.contains(
                        "The paper's response to Travel (changed on 1 July 2027) was changed after the meeting on 30 June 2027"
                    ))
            var laterMeeting = paper
            laterMeeting["meeting_on"] = "2027-07-01"
            #expect(try await secretary.post(paperPath, form: laterMeeting, tokenFrom: paperPath).status == .seeOther)

            // The minutes must say whether the meeting stayed quorate for the item; an inquorate one cannot decide.
            let noQuorum = try await app.browser().postJSON(
                "/api/v1/decisions/\(decision.id!.uuidString)/approve", json: "{}",
                headers: [("Authorization", "Bearer " + token)])
            #expect(noQuorum.status == .conflict)
            #expect(noQuorum.body.contains("Record whether the meeting stayed quorate for this item"))
            #expect(noQuorum.body.contains("\"principle\":\"conflicts-of-interest\""))
            var minutes = laterMeeting
            minutes["quorate"] = "no"
            #expect(try await secretary.post(paperPath, form: minutes, tokenFrom: paperPath).status == .seeOther)
            let inquorate = try await secretary.post(approvePath, form: [:], tokenFrom: "/staff/decisions")
            #expect(inquorate.status == .conflict)
            #expect(inquorate.body.contains("The meeting was not quorate for this item"))
            minutes["quorate"] = "maybe"
            let unclear = try await secretary.post(paperPath, form: minutes, tokenFrom: paperPath)
            #expect(unclear.status == .unprocessableEntity)
            #expect(unclear.body.contains("Say whether the meeting stayed quorate for this item: yes or no."))
            minutes["quorate"] = "yes"
            #expect(try await secretary.post(paperPath, form: minutes, tokenFrom: paperPath).status == .seeOther)
            #expect(try await Decision.find(decision.id, on: app.db)?.quorate == true)

            // Approved through the API, audited both ways.
            let approved = try await app.browser().postJSON(
                "/api/v1/decisions/\(decision.id!.uuidString)/approve", json: "{}",
                headers: [("Authorization", "Bearer " + token)])
            #expect(approved.status == .ok)
            #expect(approved.body.contains("\"approved\""))
            // Approval moved the initiative to Decision.
            #expect(try await Initiative.find(initiative.id, on: app.db)?.stage == .decision)
            let actions = try await AuditEvent.query(on: app.db).filter(\.$objectType == "decision").all().map(\.action)
            #expect(actions.filter { $0 == "decision.approval_refused" }.count == 9)
            #expect(actions.contains("decision.approved"))
            // Approving it again is not a Gunning failure, and the API says what happened.
            let twice = try await app.browser().postJSON(
                "/api/v1/decisions/\(decision.id!.uuidString)/approve", json: "{}",
                headers: [("Authorization", "Bearer " + token)])
            #expect(twice.status == .conflict)
            #expect(twice.body.contains("\"principle\":\"already-approved\""))
            #expect(twice.body.contains("It cannot be approved again."))
            let twiceOnTheWeb = try await secretary.post(approvePath, form: [:], tokenFrom: "/staff/decisions")
            #expect(twiceOnTheWeb.status == .seeOther)
            let paperAfter = try await secretary.get(paperPath)
            #expect(paperAfter.body.contains("This decision was already approved on "))
            #expect(!paperAfter.body.contains("cannot be approved yet"))
            #expect(
                try await AuditEvent.query(on: app.db).filter(\.$action == "decision.approval_refused").count() == 9,
                "not another refusal in the log")

            // The design workshop has happened: record who came and what changed.
            let workshop = try #require(
                try await InvolvementActivity.query(on: app.db).filter(\.$title == "Design workshop").first())
            let workshopEdit = "/staff/activities/\(workshop.id!.uuidString.lowercased())/edit"
            #expect(
                try await officer.post(
                    workshopEdit,
                    form: [
                        "title": "Design workshop", "kind": "workshop", "place_id": leeds.id!.uuidString,
                        "initiative_id": initiative.id!.uuidString, "date": "2027-02-15", "venue": "Leeds library",
                        "attendees": "11", "what_changed": "Home visits start within 48 hours.",
                    ], tokenFrom: workshopEdit
                ).status == .seeOther)
            #expect(try await InvolvementActivity.find(workshop.id, on: app.db)?.attendees == 11)

            // Public pages: outcome report, CSV, involvement trail, decision record, API list.
            let visitor = app.browser()
            let outcome = try await visitor.get(publicPath + "/outcome")
            #expect(outcome.status == .ok)
            #expect(outcome.body.contains("1 – Strongly disagree"), "the agreement scale, named")
            #expect(outcome.body.contains("1 – Very difficult") && outcome.body.contains("5 – Very easy"))
            #expect(outcome.body.contains("We asked, you said, we did"))
            #expect(outcome.body.contains("A shuttle bus from the station."))
            #expect(outcome.body.contains("<svg"))
            #expect(outcome.body.contains("fewer than 5"))
            // And it cannot be worked out from the total: another group or the total is hidden beside it.
            #expect(
                outcome.body.contains("not shown, to protect a small group")
                    || outcome.body.contains("how many answered is not shown"))
            // The rule in plain words first, the exact rule behind a disclosure.
            #expect(outcome.body.contains("We compare who answered with who lives here."))
            #expect(outcome.body.contains("Exactly how a group is judged, and how small numbers are hidden"))
            #expect(outcome.body.contains("(a one-sided binomial test)"))
            let csv = try await visitor.get(publicPath + "/outcome.csv")
            #expect(csv.status == .ok)
            #expect(csv.body.contains("theme,Travel"))
            #expect(csv.body.contains("How easy is it to get to the ward?,5 – Very easy,0"))
            // Every representation row carries the page's verdict, not just the flagged ones.
            let representation = csv.body.split(separator: "\r\n").filter { $0.hasPrefix("representation,") }
            #expect(!representation.isEmpty)
            let verdicts = Set(["under-represented", "no", "too few to tell", "cannot compare"])
            #expect(representation.allSatisfy { verdicts.contains(String($0.split(separator: ",").last ?? "")) })
            let trail = try await visitor.get("/initiatives/\(initiative.id!.uuidString.lowercased())")
            #expect(trail.body.contains("Drop-in at the scout hut"))
            #expect(
                trail.body.contains("Added a carers&#39; helpline.") || trail.body.contains("Added a carers' helpline.")
            )
            #expect(trail.body.contains("People were first involved on 20 January 2027"))
            #expect(trail.body.contains("Home visits start within 48 hours."))
            #expect(!trail.body.contains("07700 900123"))
            let eiaPublic = try await visitor.get(
                "/initiatives/\(initiative.id!.uuidString.lowercased())/equality-impact-assessment")
            #expect(eiaPublic.status == .ok)
            #expect(eiaPublic.body.contains("Director of Nursing"))
            let record = try await visitor.get("/decisions/\(decision.id!.uuidString.lowercased())")
            #expect(record.status == .ok)
            #expect(record.body.contains("Commissioning stroke rehab at home"))
            #expect(record.body.contains("Quorate for this item"))
            // Every approved decision is listed publicly, linked to its record.
            let decisions = try await visitor.get("/decisions")
            #expect(decisions.status == .ok)
            #expect(decisions.body.contains("href=\"/decisions/\(decision.id!.uuidString.lowercased())\""))
            #expect(decisions.body.contains("About: Stroke rehabilitation at home"))
            #expect(try await visitor.get("/consultations").body.contains("href=\"/decisions\""))
            let list = try await visitor.get("/api/v1/decisions")
            #expect(list.body.contains("closed_with_outcome"))
            // Who took it, what they declared and whether the meeting was quorate, as the public record shows.
            let listed = try #require(
                (try JSONSerialization.jsonObject(with: Data(list.body.utf8)) as? [String: Any])?["items"]
                    as? [[String: Any]])
            let listedDecision = try #require(listed.first { $0["id"] as? String == decision.id!.uuidString })
            #expect(listedDecision["members_present"] as? [String] == ["Chair; CEO; three members"])
            #expect(
                listedDecision["declarations"] as? [String] == [
                    "Cllr Ahmed: trustee of a stroke charity: discuss but not decide"
                ])
            #expect(listedDecision["quorate"] as? Bool == true)
            let openData = try await visitor.get("/open-data/decisions.csv")
            let header = try #require(openData.body.split(whereSeparator: \.isNewline).first)
            #expect(header.contains("members_present,declarations,quorate,url"))
            #expect(
                openData.body.contains(
                    "Chair; CEO; three members,Cllr Ahmed: trustee of a stroke charity: discuss but not decide,yes,"))
        }
    }
}
