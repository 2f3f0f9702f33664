import Fluent
import Foundation
import HeardDomain
import HeardStorage
import HeardWeb
import Testing

@Suite("Invited people are told when an activity changes")
struct ActivityChangeNoticeTests {
    @Test(
        "a new date and venue reach everyone coming or not yet replied; losing step-free access warns the officer",
        arguments: TestDatabase.all)
    func changeNotices(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let clock = TestClock(SimpleDate(year: 2026, month: 12, day: 4))
            app.app.decisionClock = DecisionClock { clock.today }
            let (_, place) = try await Fixtures.service(on: app.db)
            let member = try await app.signedInBrowser(.involvedPerson)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let farah = try #require(try await User.query(on: app.db).filter(\.$role == .involvedPerson).first())
            func person(_ email: String) async throws -> User {
                _ = try await app.createUser(.involvedPerson, email: email)
                return try #require(try await User.query(on: app.db).filter(\.$email == email).first())
            }
            let waiting = try await person("waiting@example.org")
            let declining = try await person("declining@example.org")
            let workshop = InvolvementActivity(
                initiativeID: nil, placeID: place.id!, kind: .workshop, title: "Design workshop on talking therapies",
                heldOn: SimpleDate(year: 2026, month: 12, day: 15), venue: "Wakefield library", stepFree: true,
                attendees: 0)
            try await workshop.create(on: app.db)
            let path = "/staff/activities/\(workshop.id!.uuidString.lowercased())"
            for person in [farah, waiting, declining] {
                let invited = try await officer.post(
                    path + "/invitations", form: ["people[]": person.id!.uuidString], tokenFrom: path)
                #expect(invited.status == .seeOther)
            }
            func invitation(_ user: User) async throws -> Invitation {
                try #require(
                    try await Invitation.query(on: app.db).filter(\.$user.$id == user.id!).first())
            }
            let id = try await invitation(farah).id!.uuidString.lowercased()
            let accepted = try await member.post(
                "/me/invitations/\(id)",
                form: ["reply-\(id)": "accepted", "access_needs-\(id)": "I use a wheelchair"], tokenFrom: "/me")
            #expect(accepted.status == .seeOther)
            let declined = try await invitation(declining)
            declined.status = .declined
            try await declined.save(on: app.db)

            // The staff table says "No reply yet", not the invitee's "Waiting for your reply".
            let page = try await officer.get(path)
            #expect(page.body.contains("No reply yet"))
            #expect(!page.body.contains("Waiting for your reply"))

            // A change to the notes alone tells nobody.
            let edit = path + "/edit"
            var form: [String: String] = [
                "title": "Design workshop on talking therapies", "kind": "workshop",
                "place_id": place.id!.uuidString, "date": "2026-12-15", "venue": "Wakefield library",
                "attendees": "0", "notes": "Bring the draft leaflet.",
            ]
            var changed = try await officer.post(
                edit, form: form.merging(["accessibility[]": "step_free"]) { $1 }, tokenFrom: edit)
            #expect(changed.status == .seeOther)
            #expect(try await Notice.query(on: app.db).filter(\.$kind == "activity_changed").count() == 0)
            _ = try await officer.get(path)

            // New date and venue, and no longer step-free.
            form["date"] = "2026-12-17"
            form["venue"] = "Wakefield town hall"
            changed = try await officer.post(
                edit, form: form.merging(["accessibility[]": "hearing_loop"]) { $1 }, tokenFrom: edit)
            #expect(changed.status == .seeOther)
            let notices = try await Notice.query(on: app.db).filter(\.$kind == "activity_changed").all()
            #expect(notices.map(\.toAddress).sorted() == [farah.email, waiting.email].sorted(), "not who declined")
            let notice = try #require(notices.first { $0.toAddress == farah.email })
            #expect(notice.subject.contains("Design workshop on talking therapies"))
            #expect(notice.body.contains("from 15 December 2026 to 17 December 2026"))
            #expect(notice.body.contains("from \"Wakefield library\" to \"Wakefield town hall\""))
            #expect(notice.body.contains("no longer be step-free access"))
            let shown = try await officer.get(path)
            #expect(shown.body.contains("2 invited people have been e-mailed about the change"))
            #expect(shown.body.contains("warning-callout"))
            #expect(shown.body.contains("removed step-free access"))
            #expect(shown.body.contains("I use a wheelchair"))
            #expect(!(try await officer.get(path).body.contains("removed step-free access")), "shown once")

            // A change of kind is told too.
            form["kind"] = "focus_group"
            changed = try await officer.post(
                edit, form: form.merging(["accessibility[]": "hearing_loop"]) { $1 }, tokenFrom: edit)
            #expect(changed.status == .seeOther)
            let kind = try await Notice.query(on: app.db).filter(\.$kind == "activity_changed").all()
            #expect(kind.count == 4)
            #expect(kind.contains { $0.body.contains("It is now a focus group instead of a workshop.") })
        }
    }
}
