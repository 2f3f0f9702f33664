import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// Gunning G2 over HTTP: the equality impact assessment must be in the pack before the consultation opens. The
/// day it is first saved is kept, and approval is refused when that was after the opening day.
@Suite("G2: an equality impact assessment added after the consultation opened")
struct EIABeforeOpeningWebTests {
    static let setUpOn = SimpleDate(year: 2027, month: 2, day: 1)
    static let opens = SimpleDate(year: 2027, month: 2, day: 8)
    static let closes = SimpleDate(year: 2027, month: 5, day: 2)
    static let meetingOn = SimpleDate(year: 2027, month: 6, day: 10)

    /// An initiative with a consultation set up on 1 February to open on 8 February, a question, its analysis
    /// published and a decision paper for the meeting of 10 June: everything but the assessment.
    static func consultation(on db: any Database) async throws -> (Initiative, Consultation, Decision) {
        let initiative = Initiative(
            title: "Moving the eye clinic", what: "Move the eye clinic", why: "More room",
            affectsServices: false, substantialVariation: false, decisionBody: "Leeds Place Committee",
            targetDate: nil, stage: .decision, livedExperienceMembers: 1)
        try await initiative.create(on: db)
        let consultation = Consultation(
            initiativeID: initiative.id!, title: "Moving the eye clinic",
            background: "We want to move the eye clinic. The new building has more room.",
            options: "Option A: move the clinic.\nOption B: keep it where it is.",
            discardedAlternatives: "We set aside a new building. It would take five years.",
            reasons: "More room and easier parking.", opensOn: opens, closesOn: closes)
        try await consultation.create(on: db)
        try await SurveyQuestion(
            consultationID: consultation.id!, position: 1, kind: .preferredOption,
            text: "Which option do you prefer, and why?", choices: ["Option A", "Option B"]
        ).create(on: db)
        let decision = Decision(
            initiativeID: initiative.id!, title: "Moving the eye clinic", meeting: "Leeds Place Committee",
            meetingOn: meetingOn, membersPresent: "Chair; Sarah Whitaker", declarations: "None declared.",
            outcome: "Move the clinic", quorate: true)
        try await decision.create(on: db)
        return (initiative, consultation, decision)
    }

    /// Saves a draft assessment through the form, on the clock's day.
    static func saveDraft(_ officer: TestBrowser, _ initiative: Initiative) async throws {
        let path = "/staff/initiatives/\(initiative.id!.uuidString.lowercased())/eia"
        let saved = try await officer.post(
            path, form: ["who_affected": "People who use the eye clinic.", "status": "draft"], tokenFrom: path)
        #expect(saved.status == .seeOther)
    }

    /// After the consultation: the analysis is published, the assessment signed off before the meeting, and
    /// the day is 14 June. Returns the approval's response.
    static func approve(
        _ app: TestApp, clock: TestClock, initiative: Initiative, consultation: Consultation, decision: Decision
    ) async throws -> TestBrowser.Page {
        consultation.analysisPublishedAt = DecisionClock.startOfUKDay(SimpleDate(year: 2027, month: 5, day: 10))
        try await consultation.save(on: app.db)
        let assessment = try #require(
            try await EqualityAssessment.query(on: app.db).filter(\.$initiative.$id == initiative.id!).first())
        assessment.status = .signedOff
        assessment.signedOffBy = "Director of Nursing"
        assessment.signedOffOn = "2027-05-20"
        assessment.reviewOn = "2028-05-20"
        try await assessment.save(on: app.db)
        clock.advance(days: clock.today.days(until: SimpleDate(year: 2027, month: 6, day: 14)))
        let secretary = try await app.signedInBrowser(.boardSecretary)
        let paper = try await secretary.get(
            "/staff/initiatives/\(initiative.id!.uuidString.lowercased())/decision")
        return try await secretary.post(
            "/staff/decisions/\(decision.id!.uuidString.lowercased())/approve",
            form: [
                EditVersion.fieldName: try ConcurrentEditTests.version(paper), "_csrf": try #require(paper.csrfToken),
            ])
    }

    @Test(
        "added on 20 April, after it opened on 8 February: the staff page says G2 is not met and approval is refused",
        arguments: TestDatabase.all)
    func addedLate(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let clock = TestClock(Self.setUpOn)
            app.app.decisionClock = DecisionClock { clock.today }
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let (initiative, consultation, decision) = try await Self.consultation(on: app.db)
            let staffPath = "/staff/consultations/\(consultation.id!.uuidString.lowercased())"

            // Before it opens, the page says the assessment must be there first, and why.
            let before = try await officer.get(staffPath)
            #expect(before.body.contains("Not ready to open on 8 February 2027."))
            #expect(
                before.body.contains(
                    "the assessment must be in the pack before it opens: if it is added later, the decision will be refused (Gunning G2)."
                ))

            // It opens by the calendar without one; while open the page says adding it now is too late.
            clock.advance(days: 14)  // 15 February
            let open = try await officer.get(staffPath)
            #expect(open.body.contains("Open without an equality impact assessment"))
            #expect(open.body.contains("the decision will be refused under Gunning G2 even if it is added now"))

            clock.advance(days: 64)  // 20 April
            try await Self.saveDraft(officer, initiative)
            #expect(
                try await officer.get("/staff/initiatives/\(initiative.id!.uuidString.lowercased())").body.contains(
                    "The consultation opened on 8 February 2027 without it, so people who responded before today could not see it"
                ))
            let stored = try await EqualityAssessment.query(on: app.db).filter(\.$initiative.$id == initiative.id!)
                .first()
            #expect(stored?.firstSavedOn == "2027-04-20")
            let late =
                "The equality impact assessment was added on 20 April 2027, after the consultation opened on 8 February 2027, so people who responded before then could not see it. Consult again, with the assessment in the pack from the start, before deciding."
            #expect(try await officer.get(staffPath).body.contains(late))

            let refused = try await Self.approve(
                app, clock: clock, initiative: initiative, consultation: consultation, decision: decision)
            #expect(refused.status == .conflict)
            #expect(refused.body.contains(late))
            #expect(try await Decision.find(decision.id, on: app.db)?.isApproved == false)
        }
    }

    @Test("added on 1 February, before it opened: G2 is met and the decision is approved", arguments: TestDatabase.all)
    func addedInTime(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let clock = TestClock(Self.setUpOn)
            app.app.decisionClock = DecisionClock { clock.today }
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let (initiative, consultation, decision) = try await Self.consultation(on: app.db)
            try await Self.saveDraft(officer, initiative)
            // Saving it again later keeps the day it was first saved.
            clock.advance(days: 30)
            try await Self.saveDraft(officer, initiative)
            let stored = try await EqualityAssessment.query(on: app.db).filter(\.$initiative.$id == initiative.id!)
                .first()
            #expect(stored?.firstSavedOn == "2027-02-01")
            let staffPage = try await officer.get("/staff/consultations/\(consultation.id!.uuidString.lowercased())")
            #expect(!staffPage.body.contains("Not ready to open"))
            #expect(!staffPage.body.contains("The equality impact assessment was added on"))

            let approved = try await Self.approve(
                app, clock: clock, initiative: initiative, consultation: consultation, decision: decision)
            #expect(approved.status == .seeOther, "\(approved.body)")
            #expect(try await Decision.find(decision.id, on: app.db)?.isApproved == true)
        }
    }
}
