import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// People without a Heard account invited to an activity: staff type their name and address, they reply
/// through a private link e-mailed to them, with no sign-in, and can change their reply until the day.
@Suite("Invitations for people without an account")
struct GuestInvitationsTests {
    static func token(in notice: Notice) throws -> String {
        let after = try #require(notice.body.components(separatedBy: "/invitation/").dropFirst().first)
        return String(after.prefix { !$0.isWhitespace })
    }

    static func workshop(on db: any Database, place: Place) async throws -> (InvolvementActivity, String) {
        let workshop = InvolvementActivity(
            initiativeID: nil, placeID: place.id!, kind: .workshop, title: "Design workshop on talking therapies",
            heldOn: SimpleDate(year: 2026, month: 12, day: 15), venue: "Wakefield library", stepFree: true,
            attendees: 0)
        try await workshop.create(on: db)
        return (workshop, "/staff/activities/\(workshop.id!.uuidString.lowercased())")
    }

    @Test(
        "an officer invites someone without an account; they reply through the e-mailed link, change it, and are refused once the day has passed",
        arguments: TestDatabase.all)
    func guestJourney(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let clock = TestClock(SimpleDate(year: 2026, month: 12, day: 4))
            app.app.decisionClock = DecisionClock { clock.today }
            let (_, place) = try await Fixtures.service(on: app.db)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let (workshop, path) = try await Self.workshop(on: app.db, place: place)
            let guestPath = path + "/invitations/guest"

            var page = try await officer.get(path)
            #expect(page.body.contains("Invite someone without an account"))

            // Refused with what was typed kept: no name, an address that is not one, a name too long.
            let bad = try await officer.post(
                guestPath, form: ["guest_name": " ", "guest_email": "maya at example", "guest_contact": "Text first"],
                tokenFrom: path)
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.contains("Enter the name of the person to invite."))
            #expect(bad.body.contains("Enter their e-mail address in the correct format"))
            #expect(bad.body.contains("href=\"#field-guest_name\""), "the error links to its field")
            #expect(bad.body.contains("value=\"maya at example\""), "the address typed is kept")
            #expect(bad.body.contains("Text first"), "the note typed is kept")
            let long = try await officer.post(
                guestPath,
                form: ["guest_name": String(repeating: "a", count: 101), "guest_email": "maya@example.org"],
                tokenFrom: path)
            #expect(long.status == .unprocessableEntity)
            #expect(long.body.contains("Keep the name to 100 characters or fewer: it is 101 now."))
            #expect(long.body.contains("value=\"maya@example.org\""))
            let noAddress = try await officer.post(guestPath, form: ["guest_name": "Maya Patel"], tokenFrom: path)
            #expect(noAddress.status == .unprocessableEntity)
            #expect(noAddress.body.contains("Enter their e-mail address: the invitation is sent to it."))
            #expect(noAddress.body.contains("value=\"Maya Patel\""))
            #expect(try await Invitation.query(on: app.db).count() == 0)

            let invited = try await officer.post(
                guestPath,
                form: [
                    "guest_name": "Maya Patel", "guest_email": " Maya.Patel@Example.org ",
                    "guest_contact": "Text first, she works shifts",
                ], tokenFrom: path)
            #expect(invited.status == .seeOther)
            let invitation = try #require(try await Invitation.query(on: app.db).first())
            #expect(invitation.isGuest)
            #expect(invitation.guestEmail == "maya.patel@example.org")
            let notice = try #require(try await Notice.query(on: app.db).filter(\.$kind == "invitation").first())
            #expect(notice.toAddress == "maya.patel@example.org")
            #expect(notice.body.contains("Hello Maya Patel,"))
            #expect(notice.body.contains("15 December 2026"))
            #expect(notice.body.contains("You do not need an account"))
            let token = try Self.token(in: notice)
            #expect(token.count >= 40)
            #expect(invitation.replyTokenHash == SecretToken.hash(token), "only a hash of the token is stored")
            let audit = try #require(
                try await AuditEvent.query(on: app.db).filter(\.$action == "activity.invited").first())
            #expect(audit.summary == "Invited someone without an account to Design workshop on talking therapies")

            page = try await officer.get(path)
            #expect(page.body.contains("Invited Maya Patel. They have been e-mailed a link"))
            #expect(page.body.contains("Maya Patel"))
            #expect(page.body.contains("No account: by the link e-mailed to maya.patel@example.org."))
            #expect(page.body.contains("Prefers: Text first, she works shifts"))
            #expect(page.body.contains("1 invited: 0 coming, 0 cannot come, 1 has not replied."))
            #expect(!page.body.contains(token), "staff never see the link")

            // The same address again, in another case: said, not duplicated, nothing more sent.
            let again = try await officer.post(
                guestPath, form: ["guest_name": "Maya P", "guest_email": "MAYA.PATEL@example.org"], tokenFrom: path)
            #expect(again.status == .seeOther)
            #expect(try await officer.get(path).body.contains("is already invited. Nothing more was sent."))
            #expect(try await Invitation.query(on: app.db).count() == 1)
            #expect(try await Notice.query(on: app.db).filter(\.$kind == "invitation").count() == 1)

            // The guest, not signed in.
            let visitor = app.browser()
            let link = "/invitation/" + token
            var reply = try await visitor.get(link)
            #expect(reply.status == .ok)
            #expect(reply.headers.first(name: .cacheControl) == "no-store", "it names the guest and holds the token")
            #expect(reply.body.contains("Design workshop on talking therapies"))
            #expect(reply.body.contains("Maya Patel, you are invited to take part."))
            #expect(reply.body.contains("15 December 2026"))
            #expect(reply.body.contains("Wakefield library"))
            #expect(reply.body.contains("step-free"))
            #expect(reply.body.contains("Send my reply"))
            let empty = try await visitor.post(link, form: ["access_needs": "A quiet room"])
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.body.contains("Say whether you can come."))
            #expect(empty.body.contains("A quiet room"))
            let tooLong = try await visitor.post(
                link, form: ["reply": "accepted", "access_needs": String(repeating: "x", count: 1001)])
            #expect(tooLong.status == .unprocessableEntity)
            #expect(
                tooLong.body.contains(
                    "Keep what you need to 1,000 characters or fewer: it is 1,001 now. Put the most important first; we will e-mail you to ask about the rest."
                ), "guests give only an e-mail address, so nobody calls them")
            let accepted = try await visitor.post(
                link, form: ["reply": "accepted", "access_needs": "A seat near the door, and a hearing loop"])
            #expect(accepted.status == .seeOther)
            #expect(accepted.location == link + "?saved=yes")
            reply = try await visitor.get(link + "?saved=yes")
            #expect(reply.body.contains("Thank you: your reply is saved. We look forward to seeing you on 15 December"))
            #expect(reply.body.contains("Change my reply"))
            #expect(try await Invitation.find(invitation.id, on: app.db)?.status == .accepted)
            let replied = try #require(
                try await AuditEvent.query(on: app.db).filter(\.$action == "invitation.replied").first())
            #expect(replied.actorLabel == "Guest (e-mailed invitation link)")
            #expect(!replied.summary.contains("Maya"), "the audit log, which cannot be erased, holds no name")
            page = try await officer.get(path)
            #expect(page.body.contains("Coming"))
            #expect(page.body.contains("A seat near the door, and a hearing loop"), "staff see what she needs")
            #expect(page.body.contains("1 invited: 1 coming, 0 cannot come, 0 have not replied."))

            // A change of venue reaches her too, pointing to her link.
            let edit = path + "/edit"
            let moved = try await officer.post(
                edit,
                form: [
                    "title": "Design workshop on talking therapies", "kind": "workshop",
                    "place_id": place.id!.uuidString, "date": "2026-12-15", "venue": "Wakefield town hall",
                    "attendees": "0", "accessibility[]": "step_free",
                ], tokenFrom: edit)
            #expect(moved.status == .seeOther)
            let changed = try #require(
                try await Notice.query(on: app.db).filter(\.$kind == "activity_changed").first())
            #expect(changed.toAddress == "maya.patel@example.org")
            #expect(changed.body.contains("use the link in the e-mail that invited you"))
            #expect(try await officer.get(path).body.contains("1 invited person has been e-mailed about the change"))

            // She changes her mind through the same link.
            let declined = try await visitor.post(link, form: ["reply": "declined", "access_needs": ""])
            #expect(declined.status == .seeOther)
            #expect(try await visitor.get(link + "?saved=yes").body.contains("Thank you for letting us know"))
            #expect(try await Invitation.find(invitation.id, on: app.db)?.status == .declined)
            #expect(try await officer.get(path).body.contains("Cannot come"))

            // A wrong link: a plain 404, for showing and for replying.
            let wrong = try await visitor.get("/invitation/not-a-real-token")
            #expect(wrong.status == .notFound)
            #expect(wrong.body.contains("This invitation link is not right"))
            #expect(
                try await visitor.post("/invitation/not-a-real-token", form: ["reply": "accepted"], tokenFrom: link)
                    .status == .notFound)

            // After the day: replies are closed, what was typed is shown back, and the reply stays as it was.
            clock.advance(days: 14)
            #expect(try await visitor.get(link).body.contains("replies are closed"))
            // Sent from the page as it was before the day (now it has no form to take a token from).
            let late = try await visitor.post(
                link, form: ["reply": "accepted", "access_needs": "Keep me posted"], tokenFrom: "/sign-in")
            #expect(late.status == .unprocessableEntity)
            #expect(late.body.contains("replies are closed"))
            #expect(late.body.contains("Keep me posted"))
            #expect(try await Invitation.find(invitation.id, on: app.db)?.status == .declined)
            let pastInvite = try await officer.post(
                guestPath, form: ["guest_name": "Tom Lee", "guest_email": "tom@example.org"], tokenFrom: path)
            #expect(pastInvite.status == .unprocessableEntity)
            #expect(pastInvite.body.contains("already happened"))
            #expect(!pastInvite.body.contains("Invite someone without an account"), "no form for a past activity")
            #expect(try await Invitation.query(on: app.db).count() == 1)
            _ = workshop
        }
    }

    @Test(
        "an address that belongs to an involvement account invites the account; one already invited is not invited twice",
        arguments: TestDatabase.all)
    func accountAddress(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(year: 2026, month: 12, day: 4))
            let (_, place) = try await Fixtures.service(on: app.db)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            _ = try await app.createUser(.involvedPerson, email: "sam@example.org")
            _ = try await app.createUser(.involvedPerson, email: "ruth@example.org")
            let sam = try #require(try await User.query(on: app.db).filter(\.$email == "sam@example.org").first())
            let ruth = try #require(try await User.query(on: app.db).filter(\.$email == "ruth@example.org").first())
            let (_, path) = try await Self.workshop(on: app.db, place: place)
            let guestPath = path + "/invitations/guest"

            let invited = try await officer.post(
                guestPath, form: ["guest_name": "Sam", "guest_email": "Sam@Example.org"], tokenFrom: path)
            #expect(invited.status == .seeOther)
            let invitation = try #require(try await Invitation.query(on: app.db).first())
            #expect(invitation.$user.id == sam.id, "the account is invited, not a guest")
            #expect(invitation.replyTokenHash == nil)
            let notice = try #require(try await Notice.query(on: app.db).filter(\.$kind == "invitation").first())
            #expect(notice.toAddress == "sam@example.org")
            #expect(notice.body.contains("Sign in and open \"Your involvement\""))
            let page = try await officer.get(path)
            #expect(page.body.contains("their account was invited"))
            #expect(page.body.contains("Involvement account"))

            // Ruth was ticked from the list; typing her address as a guest does not invite her again.
            _ = try await officer.post(path + "/invitations", form: ["people[]": ruth.id!.uuidString], tokenFrom: path)
            for email in ["sam@example.org", "RUTH@example.org"] {
                let again = try await officer.post(
                    guestPath, form: ["guest_name": "Someone", "guest_email": email], tokenFrom: path)
                #expect(again.status == .seeOther)
                #expect(try await officer.get(path).body.contains("is already invited. Nothing more was sent."))
            }
            #expect(try await Invitation.query(on: app.db).count() == 2)
            #expect(try await Notice.query(on: app.db).filter(\.$kind == "invitation").count() == 2)

            // Invited as a guest, then given an account: ticking the new account does not invite them twice.
            _ = try await officer.post(
                guestPath, form: ["guest_name": "Priya Shah", "guest_email": "priya@example.org"], tokenFrom: path)
            _ = try await app.createUser(.involvedPerson, email: "Priya@Example.org")
            let priya = try #require(
                try await User.query(on: app.db).filter(\.$email ~~ ["priya@example.org", "Priya@Example.org"]).first())
            let ticked = try await officer.post(
                path + "/invitations", form: ["people[]": priya.id!.uuidString], tokenFrom: path)
            #expect(ticked.status == .seeOther)
            #expect(try await officer.get(path).body.contains("Everyone ticked was already invited."))
            #expect(try await Invitation.query(on: app.db).count() == 3)
            #expect(try await Notice.query(on: app.db).filter(\.$kind == "invitation").count() == 3)
        }
    }

    @Test(
        "a personal-data request for a guest's address finds, copies and erases the invitation, leaving no name in the audit log",
        arguments: TestDatabase.all)
    func personalData(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(year: 2026, month: 12, day: 4))
            let (_, place) = try await Fixtures.service(on: app.db)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let admin = try await app.signedInBrowser(.administrator)
            let (_, path) = try await Self.workshop(on: app.db, place: place)
            _ = try await officer.post(
                path + "/invitations/guest",
                form: ["guest_name": "Maya Patel", "guest_email": "maya.patel@example.org", "guest_contact": "Phone"],
                tokenFrom: path)
            #expect(try await officer.get(path).body.contains("Maya Patel"))
            let notice = try #require(try await Notice.query(on: app.db).filter(\.$kind == "invitation").first())
            let link = "/invitation/" + (try Self.token(in: notice))
            let visitor = app.browser()
            _ = try await visitor.post(link, form: ["reply": "accepted", "access_needs": "A hearing loop"])

            let search = "/staff/personal-data?email=Maya.Patel%40example.org"
            let outbox = try await admin.get("/staff/notices")
            #expect(outbox.body.contains("/invitation/…"), "the outbox shows the e-mail without its working link")
            #expect(!outbox.body.contains(link))
            let found = try await admin.get(search)
            #expect(found.body.contains("Found: 1 invitation and 1 e-mail"))
            #expect(
                found.body.contains("Invitations to activities")
                    && found.body.contains("Maya Patel (without an account)"))
            #expect(found.body.contains("Design workshop on talking therapies"))
            let copy = try await admin.get("/staff/personal-data/copy.json?email=maya.patel%40example.org")
            #expect(copy.status == .ok)
            #expect(copy.body.contains("\"how_you_like_to_be_contacted\" : \"Phone\""))
            #expect(copy.body.contains("\"what_you_need_to_take_part\" : \"A hearing loop\""))
            #expect(copy.body.contains("\"name\" : \"Maya Patel\""))

            let erased = try await admin.post(
                "/staff/personal-data/erase",
                form: [
                    "email": "maya.patel@example.org", "reference": "",
                    "reason": "Asked by phone on 4 December 2026 to delete everything; identity checked.",
                    "confirm": "yes",
                ], tokenFrom: search)
            #expect(erased.status == .seeOther)
            let told = try await admin.get(try #require(erased.location))
            #expect(
                told.body.contains(
                    "Erased: 1 invitation and 1 e-mail."),
                "\(told.body)")
            #expect(try await Invitation.query(on: app.db).count() == 0)
            #expect(try await admin.get(search).body.contains("Found: nothing"))
            #expect(try await visitor.get(link).status == .notFound, "the link goes with the invitation")
            #expect(!(try await officer.get(path).body.contains("Maya")))
            for event in try await AuditEvent.query(on: app.db).all() {
                #expect(!event.summary.lowercased().contains("maya"), "\(event.action)")
                #expect(!event.changes.lowercased().contains("maya"), "\(event.action)")
            }
        }
    }
}
