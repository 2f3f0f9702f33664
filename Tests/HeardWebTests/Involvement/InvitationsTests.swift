import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

@Suite("Invitations: involved people invited in person, replying with what they need, seeing what changed")
struct InvitationsTests {
    @Test(
        "an officer invites a panel member; she replies on her page; afterwards she sees what changed",
        arguments: TestDatabase.all)
    func invitationJourney(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let clock = TestClock(SimpleDate(year: 2026, month: 12, day: 4))
            app.app.decisionClock = DecisionClock { clock.today }
            let (_, place) = try await Fixtures.service(on: app.db)
            let member = try await app.signedInBrowser(.involvedPerson)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let person = try #require(try await User.query(on: app.db).filter(\.$role == .involvedPerson).first())
            let workshop = InvolvementActivity(
                initiativeID: nil, placeID: place.id!, kind: .workshop, title: "Design workshop on talking therapies",
                heldOn: SimpleDate(year: 2026, month: 12, day: 15), venue: "Wakefield library", stepFree: true,
                hearingLoop: true, attendees: 0)
            try await workshop.create(on: app.db)
            let path = "/staff/activities/\(workshop.id!.uuidString.lowercased())"

            var page = try await officer.get(path)
            #expect(page.body.contains("Nobody has been invited yet."))
            #expect(page.body.contains(person.displayName), "involved people are offered to invite")
            let none = try await officer.post(path + "/invitations", form: [:], tokenFrom: path)
            #expect(none.status == .unprocessableEntity)
            #expect(none.body.contains("Tick at least one person to invite."))
            // A staff account is not someone to invite: refused, not "done" with nobody invited.
            let staff = try #require(try await User.query(on: app.db).filter(\.$role == .engagementOfficer).first())
            let wrong = try await officer.post(
                path + "/invitations", form: ["people[]": staff.id!.uuidString], tokenFrom: path)
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.body.contains("1 of those ticked cannot be invited"))
            #expect(try await Invitation.query(on: app.db).count() == 0)
            let invited = try await officer.post(
                path + "/invitations", form: ["people[]": person.id!.uuidString], tokenFrom: path)
            #expect(invited.status == .seeOther)
            let again = try await officer.post(
                path + "/invitations", form: ["people[]": person.id!.uuidString], tokenFrom: path)
            #expect(again.status == .seeOther, "inviting twice is harmless")
            #expect(try await Invitation.query(on: app.db).count() == 1)
            let notice = try #require(try await Notice.query(on: app.db).filter(\.$kind == "invitation").first())
            #expect(notice.toAddress == person.email)
            #expect(notice.body.contains("15 December 2026"))
            #expect(notice.body.contains("step-free, hearing loop"))
            #expect(try await member.post(path + "/invitations", form: [:], tokenFrom: "/me").status == .forbidden)

            // The reply: on her own page; refused without an answer, with what she typed kept.
            var mine = try await member.get("/me")
            #expect(mine.body.contains("Design workshop on talking therapies"))
            #expect(mine.body.contains("Waiting for your reply"))
            let invitation = try #require(try await Invitation.query(on: app.db).first())
            let id = invitation.id!.uuidString.lowercased()
            let replyPath = "/me/invitations/\(id)"
            let empty = try await member.post(
                replyPath, form: ["access_needs-\(id)": "A quiet room"], tokenFrom: "/me")
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.body.contains("Say whether you can come."))
            #expect(empty.body.contains("A quiet room"))
            #expect(empty.body.contains("href=\"#field-reply-\(id)\""), "the error links to this invitation's form")
            let accepted = try await member.post(
                replyPath, form: ["reply-\(id)": "accepted", "access_needs-\(id)": "A quiet room in the breaks"],
                tokenFrom: "/me")
            #expect(accepted.status == .seeOther)
            #expect(try await Invitation.find(invitation.id, on: app.db)?.status == .accepted)
            page = try await officer.get(path)
            #expect(page.body.contains("Coming"))
            #expect(page.body.contains("A quiet room in the breaks"), "staff see what she needs")

            // Someone else's invitation cannot be answered.
            let stranger = try await app.signedInBrowser(.moderator)
            #expect(
                try await stranger.post(replyPath, form: ["reply-\(id)": "declined"], tokenFrom: "/me").status
                    == .notFound)

            // After the workshop: replies are closed, and what changed reaches her page once recorded.
            clock.advance(days: 14)
            let late = try await member.post(replyPath, form: ["reply-\(id)": "declined"], tokenFrom: "/me")
            #expect(late.status == .unprocessableEntity)
            #expect(late.body.contains("replies are closed"))
            mine = try await member.get("/me")
            #expect(mine.body.contains("What changed after you took part"))
            #expect(mine.body.contains("has not yet recorded what changed"))
            workshop.whatChanged = "The online referral form now asks about preferred language."
            try await workshop.save(on: app.db)
            mine = try await member.get("/me")
            #expect(mine.body.contains("preferred language"))
            let pastInvite = try await officer.post(
                path + "/invitations", form: ["people[]": person.id!.uuidString], tokenFrom: path)
            #expect(pastInvite.status == .unprocessableEntity)
            #expect(pastInvite.body.contains("already happened"))

            // What she needed is cleared the day after the workshop (it can be about her health); her reply stays.
            #expect(
                try await InvitationNeedsRetention.clearEnded(
                    today: SimpleDate(year: 2026, month: 12, day: 15), on: app.db) == 0, "not on the day itself")
            #expect(
                try await InvitationNeedsRetention.clearEnded(
                    today: SimpleDate(year: 2026, month: 12, day: 16), on: app.db) == 1)
            let kept = try #require(try await Invitation.find(invitation.id, on: app.db))
            #expect(kept.accessNeeds.isEmpty && kept.status == .accepted)
            #expect(!(try await officer.get(path).body.contains("A quiet room in the breaks")))
            #expect(
                try await InvitationNeedsRetention.clearEnded(
                    today: SimpleDate(year: 2026, month: 12, day: 16), on: app.db) == 0, "once only")
        }
    }
}
