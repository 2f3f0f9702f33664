import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// What people who signed up on the public page hear when the event changes, and the last places going to two
/// people at once.
@Suite("Event sign-ups: changes and the last places")
struct EventSignupChangesTests {
    static let today = EventSignupsTests.today

    @Test(
        "a new venue e-mails people who signed up; those who gave only a phone number are listed for staff to ring",
        arguments: TestDatabase.all)
    func changeTellsSignups(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database, configure: { $0.contact = EventSignupsTests.contact }) { app in
            app.app.decisionClock = .fixed(Self.today)
            let (consultation, place) = try await EventsToRespondTests.openConsultation(on: app.db)
            let activity = try await EventSignupsTests.event(
                "Evening drop-in", days: 7, capacity: 10, consultation: consultation, place: place, on: app.db)
            try await ActivitySignup(
                activityID: activity.id!, name: "Maya Patel", email: "maya@example.org", phone: nil, people: 2,
                accessNeeds: ""
            ).create(on: app.db)
            try await ActivitySignup(
                activityID: activity.id!, name: "Sam Lee", email: nil, phone: "07700 900 982", people: 1,
                accessNeeds: "Step-free access"
            ).create(on: app.db)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let path = DecisionURL.activity(activity.id!)
            let edit = try await officer.get(path + "/edit")
            let form: [String: String] = [
                "title": "Evening drop-in", "kind": "public_event", "place_id": place.id!.uuidString,
                "date": Self.today.adding(days: 7).iso, "start_time": "18:00", "end_time": "20:00",
                "venue": "Batley library", "attendees": "0", "capacity": "10",
                "initiative_id": consultation.$initiative.id.uuidString.lowercased(),
                "edit_version": edit.hiddenValue("edit_version") ?? "",
            ]
            let saved = try await officer.post(path + "/edit", form: form, tokenFrom: path + "/edit")
            #expect(saved.status == .seeOther)

            let notices = try await Notice.query(on: app.db).filter(\.$subject == "Changed: Evening drop-in").all()
            #expect(notices.map(\.toAddress) == ["maya@example.org"], "only the sign-up with an e-mail address")
            let body = try #require(notices.first?.body)
            #expect(body.contains("Hello Maya Patel"))
            #expect(body.contains("The venue has changed from \"Dewsbury town hall\" to \"Batley library\"."))
            #expect(body.contains("e-mail NHS Calder ICB at engagement@calder.example"))
            #expect(notices.first?.kind == "event_signup", "cleared with the other sign-up e-mails after the event")

            let page = try await officer.get(saved.location ?? path).body
            #expect(page.contains("1 person who signed up has been e-mailed about the change"))
            #expect(page.contains("ring Sam Lee (07700 900 982)"))
            // The venue change also took away step-free access, which Sam asked for.
            #expect(
                page.contains("Sam Lee (&quot;Step-free access&quot;)")
                    || page.contains("Sam Lee (\"Step-free access\")"))

            // A change to what staff note only (nothing about when or where) tells nobody.
            let before = try await Notice.query(on: app.db).count()
            let again = try await officer.get(path + "/edit")
            let notesOnly = form.merging([
                "notes": "Bring the survey printouts", "edit_version": again.hiddenValue("edit_version") ?? "",
            ]) { $1 }
            #expect(
                try await officer.post(path + "/edit", form: notesOnly, tokenFrom: path + "/edit").status == .seeOther)
            #expect(try await Notice.query(on: app.db).count() == before)
        }
    }

    @Test(
        "people signing up at the same moment never take more places than the event has",
        arguments: TestDatabase.all)
    func lastPlacesAtOnce(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database, configure: { $0.submissionsPerAddressPerHour = 0 }) { app in
            app.app.decisionClock = .fixed(Self.today)
            let (consultation, place) = try await EventsToRespondTests.openConsultation(on: app.db)
            let activity = try await EventSignupsTests.event(
                "Small workshop", days: 5, capacity: 3, consultation: consultation, place: place, on: app.db)
            let path = EventSignupsTests.signUpPath(activity)
            let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
                for person in 0..<8 {
                    group.addTask {
                        let browser = app.browser()
                        let form: [String: String] = [
                            "name": "Person \(person)", "phone": "07700 900 \(100 + person)", "people": "1",
                        ]
                        return try await browser.post(path, form: form, tokenFrom: path).status.code
                    }
                }
                var all: [UInt] = []
                for try await status in group { all.append(status) }
                return all
            }
            let signups = try await ActivitySignup.query(on: app.db).filter(\.$activity.$id == activity.id!).all()
            #expect(signups.reduce(0) { $0 + $1.people } == 3)
            #expect(statuses.filter { $0 == 303 }.count == 3)
            #expect(statuses.filter { $0 == 409 }.count == 5, "the rest are told the event is full: \(statuses)")
        }
    }
}
