import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// Figures and dates a person could not mean are refused with a message saying what Heard takes: a crowd no
/// activity holds, a target date already passed, a meeting decades away, a review a century ahead. What is
/// already saved stays editable; the public pages show counts with thousands separated.
@Suite("Decisions: plausible counts and dates")
struct PlausibleRecordsTests {
    static let today = SimpleDate(year: 2026, month: 12, day: 5)

    static func initiative(on db: any Database, target: SimpleDate? = nil) async throws -> Initiative {
        let initiative = Initiative(
            title: "Stroke rehabilitation at home", what: "Move rehab home.", why: "People recover better.",
            affectsServices: true, substantialVariation: false, decisionBody: "ICB board", targetDate: target,
            stage: .idea, livedExperienceMembers: 0)
        try await initiative.create(on: db)
        return initiative
    }

    @Test(
        "an activity with 100,000 people or dated 3 years ago is refused; 1,500 people read with a separator",
        arguments: TestDatabase.all)
    func activityCountsAndDates(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(Self.today)
            let (_, place) = try await Fixtures.service(on: app.db)
            let initiative = try await Self.initiative(on: app.db)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            var form = [
                "title": "Stroke survivors' drop-in", "kind": "community_meeting", "place_id": place.id!.uuidString,
                "initiative_id": initiative.id!.uuidString, "date": "2026-11-20", "venue": "Halifax library",
                "attendees": "100000",
            ]
            let crowd = try await officer.post("/staff/activities/new", form: form, tokenFrom: "/staff/activities/new")
            #expect(crowd.status == .unprocessableEntity)
            #expect(
                crowd.body.contains(
                    "Check the number: 100,000 people is more than one activity could involve (up to 20,000)."))
            form["attendees"] = "1500"
            form["date"] = "2023-11-20"
            let old = try await officer.post("/staff/activities/new", form: form, tokenFrom: "/staff/activities/new")
            #expect(old.status == .unprocessableEntity)
            #expect(old.body.contains("Check the year: that is more than 2 years ago."))
            #expect(try await InvolvementActivity.query(on: app.db).count() == 0)

            // Before the initiative was recorded in Heard, within 2 years: involvement from the start is welcome.
            form["date"] = "2025-06-01"
            let early = try await officer.post("/staff/activities/new", form: form, tokenFrom: "/staff/activities/new")
            #expect(early.status == .seeOther)
            let trail = try await app.browser().get(DecisionURL.publicInitiative(initiative.id!))
            #expect(trail.body.contains("1,500 people took part."))
            #expect(trail.body.contains("before the idea was recorded in Heard"))

            // An activity recorded years ago keeps its date when corrected.
            let archived = InvolvementActivity(
                initiativeID: nil, placeID: place.id!, kind: .communityMeeting, title: "Listening event",
                heldOn: SimpleDate(year: 2022, month: 3, day: 1), venue: "Halifax library", attendees: 40)
            try await archived.create(on: app.db)
            let edit = "/staff/activities/\(archived.id!.uuidString.lowercased())/edit"
            let corrected = try await officer.post(
                edit,
                form: [
                    "title": "Listening event", "kind": "community_meeting", "place_id": place.id!.uuidString,
                    "date": "2022-03-01", "venue": "Halifax library", "attendees": "42",
                ], tokenFrom: edit)
            #expect(corrected.status == .seeOther)
            #expect(try await InvolvementActivity.find(archived.id, on: app.db)?.attendees == 42)
        }
    }

    @Test(
        "a target decision date set in the past or more than 5 years ahead is refused; one already saved is kept",
        arguments: TestDatabase.all)
    func targetDates(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(Self.today)
            let place = Place(name: "Leeds", slug: "leeds")
            try await place.create(on: app.db)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            var form = [
                "title": "Evening clinics", "what": "Open two evenings a week.", "why": "People work days.",
                "affects_services": "yes", "substantial_variation": "no", "decision_body": "ICB board",
                "target_date": "1999-01-01", "lived_experience_members": "0", "place_ids[]": place.id!.uuidString,
            ]
            let past = try await officer.post(
                "/staff/initiatives/new", form: form, tokenFrom: "/staff/initiatives/new")
            #expect(past.status == .unprocessableEntity)
            #expect(past.body.contains("The target date cannot be in the past"))
            form["target_date"] = "2032-01-01"
            let far = try await officer.post("/staff/initiatives/new", form: form, tokenFrom: "/staff/initiatives/new")
            #expect(far.status == .unprocessableEntity)
            #expect(far.body.contains("the target date can be up to 5 years ahead (5 December 2031)"))
            #expect(try await Initiative.query(on: app.db).count() == 0)
            form["target_date"] = "2026-12-05"
            let todayTarget = try await officer.post(
                "/staff/initiatives/new", form: form, tokenFrom: "/staff/initiatives/new")
            #expect(todayTarget.status == .seeOther)

            // A decision that slipped: its passed target date is kept when other details change, not when moved.
            let slipped = try await Self.initiative(on: app.db, target: SimpleDate(year: 2026, month: 9, day: 30))
            slipped.placeIDs = place.id!.uuidString
            try await slipped.save(on: app.db)
            let edit = "/staff/initiatives/\(slipped.id!.uuidString.lowercased())/edit"
            var change = form
            change["title"] = "Stroke rehabilitation at home"
            change["target_date"] = "2026-09-30"
            change["lived_experience_members"] = "2"
            #expect(try await officer.post(edit, form: change, tokenFrom: edit).status == .seeOther)
            #expect(try await Initiative.find(slipped.id, on: app.db)?.livedExperienceMembers == 2)
            change["target_date"] = "2026-10-31"
            let moved = try await officer.post(edit, form: change, tokenFrom: edit)
            #expect(moved.status == .unprocessableEntity)
            #expect(moved.body.contains("The target date cannot be in the past"))
        }
    }

    @Test(
        "a meeting date more than 2 years away is refused; an EIA review must be after today and within 5 years",
        arguments: TestDatabase.all)
    func meetingAndReviewDates(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(Self.today)
            let initiative = try await Self.initiative(on: app.db)
            let secretary = try await app.signedInBrowser(.boardSecretary)
            let paperPath = DecisionURL.decisionForm(initiative.id!)
            var paper = [
                "title": "Decision: stroke rehabilitation", "meeting": "ICB board", "meeting_on": "1990-01-01",
                "members_present": "Chair", "declarations": "", "outcome": "Option A is agreed.",
            ]
            let ancient = try await secretary.post(paperPath, form: paper, tokenFrom: paperPath)
            #expect(ancient.status == .unprocessableEntity)
            #expect(ancient.body.contains("Check the year: that is more than 2 years ago."))
            paper["meeting_on"] = "2029-01-01"
            let far = try await secretary.post(paperPath, form: paper, tokenFrom: paperPath)
            #expect(far.status == .unprocessableEntity)
            #expect(far.body.contains("Check the year: that is more than 2 years ahead."))
            #expect(try await Decision.query(on: app.db).count() == 0)
            paper["meeting_on"] = "2027-01-14"
            #expect(try await secretary.post(paperPath, form: paper, tokenFrom: paperPath).status == .seeOther)
            #expect(try await Decision.query(on: app.db).first()?.meetingOn == "2027-01-14")

            let officer = try await app.signedInBrowser(.engagementOfficer)
            let eiaPath = DecisionURL.eia(initiative.id!)
            var signOff = [
                "who_affected": "Stroke survivors", "status": "signed_off", "signed_off_by": "Director of Nursing",
                "review_on": "2126-01-01",
            ]
            for characteristic in EqualityAssessmentController.characteristics {
                let slug = EqualityAssessmentController.slug(characteristic)
                signOff["evidence-" + slug] = "Census 2021."
                signOff["engagement-" + slug] = "The drop-in at Halifax library."
                signOff["impact-" + slug] = "neutral"
            }
            let century = try await officer.post(eiaPath, form: signOff, tokenFrom: eiaPath)
            #expect(century.status == .unprocessableEntity)
            #expect(
                century.body.contains("Review the assessment within 5 years, by 5 December 2031 at the latest"))
            var draft = signOff
            draft["status"] = "draft"
            let draftCentury = try await officer.post(eiaPath, form: draft, tokenFrom: eiaPath)
            #expect(draftCentury.status == .unprocessableEntity, "a draft's review date is checked too")
            #expect(try await EqualityAssessment.query(on: app.db).count() == 0)
            signOff["review_on"] = "2027-12-31"
            #expect(try await officer.post(eiaPath, form: signOff, tokenFrom: eiaPath).status == .seeOther)
            #expect(try await EqualityAssessment.query(on: app.db).first()?.reviewOn == "2027-12-31")
        }
    }
}
