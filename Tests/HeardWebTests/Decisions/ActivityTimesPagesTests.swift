import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// QA: no event showed a start time, only a date, so nobody could tell whether they could make an evening event.
@Suite("Activity times on the staff, public and invitation pages")
struct ActivityTimesPagesTests {
    @Test(
        "staff record a start and end time, refused with a specific message when wrong; everyone sees them",
        arguments: TestDatabase.all)
    func timesShown(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(EventsToRespondTests.today)
            let (consultation, place) = try await EventsToRespondTests.openConsultation(on: app.db)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let new = "/staff/activities/new"
            var form: [String: String] = [
                "title": "Evening drop-in", "kind": "public_event", "place_id": place.id!.uuidString,
                "date": "2026-12-15", "venue": "Dewsbury town hall", "attendees": "0",
                "initiative_id": consultation.$initiative.id.uuidString.lowercased(),
                "start_time": "18:00", "end_time": "08:00",
            ]
            let refused = try await officer.post(new, form: form, tokenFrom: new)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("The end time must be after the start time, 18:00."))
            #expect(refused.body.contains("href=\"#field-end_time\""), "the error links to its field")
            #expect(refused.body.contains("value=\"18:00\"") && refused.body.contains("value=\"08:00\""))
            form["start_time"] = "6pm"
            form["end_time"] = "20:00"
            let badStart = try await officer.post(new, form: form, tokenFrom: new)
            #expect(badStart.status == .unprocessableEntity)
            #expect(badStart.body.contains("Enter the start time as a 24-hour time, for example 18:00"))
            #expect(try await InvolvementActivity.query(on: app.db).count() == 0)

            form["start_time"] = "18:00"
            let saved = try await officer.post(new, form: form, tokenFrom: new)
            #expect(saved.status == .seeOther)
            let path = try #require(saved.location)
            let activity = try #require(try await InvolvementActivity.query(on: app.db).first())
            #expect(activity.startTime == "18:00" && activity.endTime == "20:00")
            #expect(try await officer.get(path).body.contains("Tuesday 15 December 2026, 6pm to 8pm"))
            let edit = try await officer.get(path + "/edit").body
            #expect(edit.contains("value=\"18:00\"") && edit.contains("value=\"20:00\""), "the edit form keeps them")

            let page = try await app.browser().get("/consultations/\(consultation.id!.uuidString.lowercased())").body
            #expect(page.contains("Tuesday 15 December 2026, 6pm to 8pm: Evening drop-in"))

            // Invited: the e-mail and the page behind its link say the time too.
            let invited = try await officer.post(
                path + "/invitations/guest", form: ["guest_name": "Maya Patel", "guest_email": "maya@example.org"],
                tokenFrom: path)
            #expect(invited.status == .seeOther)
            let notice = try #require(try await Notice.query(on: app.db).filter(\.$kind == "invitation").first())
            #expect(notice.body.contains("on Tuesday 15 December 2026, 6pm to 8pm, at Dewsbury town hall"))
            let token = try GuestInvitationsTests.token(in: notice)
            #expect(
                try await app.browser().get("/invitation/" + token).body.contains(
                    "Tuesday 15 December 2026, 6pm to 8pm"))

            // A later start tells the person invited; taking the times out shows the date alone, as before.
            let editPath = path + "/edit"
            let version = try await officer.get(editPath).hiddenValue("edit_version") ?? ""
            let moved = try await officer.post(
                editPath, form: form.merging(["start_time": "18:30", "end_time": "", "edit_version": version]) { $1 },
                tokenFrom: editPath)
            #expect(moved.status == .seeOther)
            let change = try #require(
                try await Notice.query(on: app.db).filter(\.$kind == "activity_changed").first())
            #expect(change.body.contains("The time has changed: it is now Tuesday 15 December 2026, 6:30pm."))
            let again = try await officer.get(editPath).hiddenValue("edit_version") ?? ""
            let cleared = try await officer.post(
                editPath, form: form.merging(["start_time": "", "end_time": "", "edit_version": again]) { $1 },
                tokenFrom: editPath)
            #expect(cleared.status == .seeOther)
            let plain = try await app.browser().get("/consultations/\(consultation.id!.uuidString.lowercased())").body
            #expect(plain.contains("15 December 2026: Evening drop-in"))
            #expect(!plain.contains("Tuesday 15 December 2026"))
        }
    }
}
