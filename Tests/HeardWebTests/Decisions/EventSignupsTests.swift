import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// "Tell us you're coming": the public sign-up to a consultation's events, with places, and what staff see.
@Suite("Signing up to a consultation's events")
struct EventSignupsTests {
    static let today = EventsToRespondTests.today
    static let contact = SiteContact(name: "NHS Calder ICB", email: "engagement@calder.example")

    /// An event of the open consultation `days` from today, with `capacity` places.
    static func event(
        _ title: String, days: Int, capacity: Int? = nil, consultation: Consultation, place: Place,
        on db: any Database
    ) async throws -> InvolvementActivity {
        let activity = InvolvementActivity(
            initiativeID: consultation.$initiative.id, placeID: place.id!, kind: .publicEvent, title: title,
            heldOn: today.adding(days: days), venue: "Dewsbury town hall", stepFree: true, attendees: 0)
        activity.startTime = "18:00"
        activity.endTime = "20:00"
        activity.capacity = capacity
        try await activity.create(on: db)
        return activity
    }

    static func signUpPath(_ activity: InvolvementActivity) -> String {
        "/events/\(activity.id!.uuidString.lowercased())/sign-up"
    }

    static func consultationPath(_ consultation: Consultation) -> String {
        "/consultations/\(consultation.id!.uuidString.lowercased())"
    }

    static let filled: [String: String] = [
        "name": "Maya Patel", "email": "Maya@Example.org", "phone": "", "people": "2",
        "access_needs": "A BSL interpreter, please.",
    ]

    @Test(
        "someone with no account signs up for two people, sees the event and how to change it, and is e-mailed",
        arguments: TestDatabase.all)
    func happyPath(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database, configure: { $0.contact = Self.contact }) { app in
            app.app.decisionClock = .fixed(Self.today)
            let (consultation, place) = try await EventsToRespondTests.openConsultation(on: app.db)
            let activity = try await Self.event(
                "Evening drop-in", days: 7, capacity: 5, consultation: consultation, place: place, on: app.db)
            let path = Self.signUpPath(activity)
            let browser = app.browser()
            let listing = try await browser.get(Self.consultationPath(consultation)).body
            #expect(listing.contains("href=\"\(path)\""))
            #expect(listing.contains("(5 places left)"))

            let form = try await browser.get(path)
            #expect(form.status == .ok)
            #expect(form.body.contains("Tell us you&#39;re coming") || form.body.contains("Tell us you're coming"))
            #expect(form.body.contains(activity.when))
            #expect(form.body.contains("We delete them the day after the event"))
            let key = try #require(form.hiddenValue("submission_key"))
            let sent = try await browser.post(
                path, form: Self.filled.merging(["submission_key": key]) { $1 }, tokenFrom: path)
            #expect(sent.status == .seeOther)
            let thanksPath = try #require(sent.location)
            #expect(thanksPath == "/events/\(activity.id!.uuidString.lowercased())/signed-up?emailed=yes")
            let thanks = try await browser.get(thanksPath).body
            #expect(thanks.contains("Thank you, you are signed up"))
            #expect(thanks.contains("We have e-mailed you the details."))
            #expect(thanks.contains(activity.when) && thanks.contains("Dewsbury town hall"))
            #expect(thanks.contains("mailto:engagement@calder.example"), "how to cancel or change")
            #expect(!thanks.contains("Maya"), "nothing they typed is on a page that can be reloaded or shared")

            let signups = try await ActivitySignup.query(on: app.db).all()
            #expect(signups.count == 1)
            #expect(signups.first?.name == "Maya Patel" && signups.first?.email == "maya@example.org")
            #expect(signups.first?.people == 2 && signups.first?.accessNeeds == "A BSL interpreter, please.")
            let notice = try #require(try await Notice.query(on: app.db).filter(\.$kind == "event_signup").first())
            #expect(notice.toAddress == "maya@example.org")
            #expect(notice.body.contains("When: " + activity.when))
            #expect(notice.body.contains("People: 2 people"))
            #expect(notice.body.contains("e-mail NHS Calder ICB at engagement@calder.example"))

            // The same form sent again (a double tap) signs nobody up twice.
            let again = try await browser.post(
                path, form: Self.filled.merging(["submission_key": key]) { $1 }, tokenFrom: path)
            #expect(again.status == .seeOther && again.location == thanksPath)
            #expect(try await ActivitySignup.query(on: app.db).count() == 1)
            // People are counted, not sign-ups.
            #expect(try await browser.get(Self.consultationPath(consultation)).body.contains("(3 places left)"))

            // Phone only: no e-mail, so nothing queued, and the thank-you page does not claim one was sent.
            let byPhone = try await browser.post(
                path, form: ["name": "Sam Lee", "phone": "07700 900 982", "people": "1"], tokenFrom: path)
            #expect(byPhone.status == .seeOther)
            #expect(byPhone.location == "/events/\(activity.id!.uuidString.lowercased())/signed-up")
            #expect(try await Notice.query(on: app.db).filter(\.$kind == "event_signup").count() == 1)
            #expect(!(try await browser.get(byPhone.location!).body).contains("e-mailed you"))
        }
    }

    @Test(
        "each mistake is refused with a message linked to its field, keeping what was typed, and nothing is stored",
        arguments: TestDatabase.all)
    func validation(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(Self.today)
            let (consultation, place) = try await EventsToRespondTests.openConsultation(on: app.db)
            let activity = try await Self.event(
                "Evening drop-in", days: 7, capacity: 3, consultation: consultation, place: place, on: app.db)
            let path = Self.signUpPath(activity)
            let browser = app.browser()
            let cases: [([String: String], String, String)] = [
                (["name": "  "], "name", "Enter your name."),
                (["email": "", "phone": ""], "email", "Enter an e-mail address or a phone number"),
                (["email": "maya-at-example"], "email", "Enter an e-mail address in the correct format"),
                (["phone": "12345"], "phone", "Enter a UK phone number"),
                (["people": "0"], "people", "as a number from 1 to 10"),
                (["people": "11"], "people", "as a number from 1 to 10"),
                (["people": "two"], "people", "as a number from 1 to 10"),
                (["people": "4"], "people", "There are only 3 places left."),
                (
                    ["access_needs": String(repeating: "a", count: 1001)], "access_needs",
                    "Keep what you need to take part to 1000 characters or fewer."
                ),
            ]
            for (change, field, message) in cases {
                let form = Self.filled.merging(change) { $1 }
                let refused = try await browser.post(path, form: form, tokenFrom: path)
                #expect(refused.status == .unprocessableEntity, "\(change)")
                #expect(refused.body.contains(message), "\(change)")
                #expect(refused.body.contains("href=\"#field-\(field)\""), "the summary links to \(field)")
                if field != "name" {
                    #expect(refused.body.contains("value=\"Maya Patel\""), "the name typed is kept")
                }
                if field != "access_needs" {
                    #expect(refused.body.contains("A BSL interpreter, please."), "what they need is kept")
                }
            }
            #expect(try await ActivitySignup.query(on: app.db).count() == 0)
            #expect(try await Notice.query(on: app.db).count() == 0)
        }
    }

    @Test(
        "a full event says so and offers the contact; a past or cancelled one takes no sign-ups",
        arguments: TestDatabase.all)
    func fullPastAndCancelled(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database, configure: { $0.contact = Self.contact }) { app in
            app.app.decisionClock = .fixed(Self.today)
            let (consultation, place) = try await EventsToRespondTests.openConsultation(on: app.db)
            // Its form gives the token the refused posts below are sent with.
            let open = Self.signUpPath(
                try await Self.event("Open drop-in", days: 6, consultation: consultation, place: place, on: app.db))
            let full = try await Self.event(
                "Small workshop", days: 5, capacity: 2, consultation: consultation, place: place, on: app.db)
            try await ActivitySignup(
                activityID: full.id!, name: "Ann", email: "ann@example.org", phone: nil, people: 2, accessNeeds: ""
            ).create(on: app.db)
            let browser = app.browser()
            let listing = try await browser.get(Self.consultationPath(consultation)).body
            #expect(listing.contains("This event is full."))
            #expect(!listing.contains("href=\"\(Self.signUpPath(full))\""))
            let page = try await browser.get(Self.signUpPath(full)).body
            #expect(page.contains("This event is full."))
            #expect(page.contains("mailto:engagement@calder.example"))
            #expect(!page.contains("name=\"name\""), "no form to fill in for nothing")
            let refused = try await browser.post(
                Self.signUpPath(full), form: Self.filled.merging(["people": "1"]) { $1 }, tokenFrom: open)
            #expect(refused.status == .conflict)
            #expect(
                refused.body.contains(
                    "The last places were taken before your form arrived. You have not been signed up."))
            #expect(
                refused.body.contains(
                    "What you told us you need to take part, to give us when you get in touch: A BSL interpreter, please."
                ), "what they typed is not lost")

            // Yesterday's event, still inside the consultation: sign-ups have closed.
            let past = try await Self.event(
                "Yesterday's stall", days: -1, consultation: consultation, place: place, on: app.db)
            let closed = try await browser.get(Self.signUpPath(past)).body
            #expect(closed.contains("so sign-ups have closed"))
            #expect(!closed.contains("name=\"name\""))
            let late = try await browser.post(
                Self.signUpPath(past), form: Self.filled, tokenFrom: open)
            #expect(late.status == .conflict)

            // Cancelled before the day: no longer offered, and closed.
            let cancelled = try await Self.event(
                "Cancelled meeting", days: 9, consultation: consultation, place: place, on: app.db)
            cancelled.outcome = .cancelled
            try await cancelled.save(on: app.db)
            #expect(!(try await browser.get(Self.consultationPath(consultation)).body).contains("Cancelled meeting"))
            #expect(
                try await browser.get(Self.signUpPath(cancelled)).body.contains(
                    "This event has been cancelled, so sign-ups have closed."))
            #expect(
                try await browser.post(Self.signUpPath(cancelled), form: Self.filled, tokenFrom: open)
                    .status == .conflict)
            #expect(try await ActivitySignup.query(on: app.db).count() == 1)

            // Moved to after the consultation closes (people who signed up follow the link in their e-mail):
            // the page says why sign-ups have closed, and takes none.
            let after = try await Self.event(
                "After it closes", days: 40, consultation: consultation, place: place, on: app.db)
            #expect(!(try await browser.get(Self.consultationPath(consultation)).body).contains("After it closes"))
            let moved = try await browser.get(Self.signUpPath(after))
            #expect(moved.status == .ok)
            #expect(moved.body.contains("after the consultation closes on"))
            #expect(
                moved.body.contains("so it is no longer one of the consultation's events and sign-ups have closed."))
            #expect(!moved.body.contains("name=\"name\""))
            let tooLate = try await browser.post(Self.signUpPath(after), form: Self.filled, tokenFrom: open)
            #expect(tooLate.status == .conflict)
            #expect(tooLate.body.contains("sign-ups have closed. You have not been signed up."))
            #expect(try await ActivitySignup.query(on: app.db).count() == 1)
        }
    }

    @Test("the staff totals say when the places were lowered below the people signed up")
    func totalsOverThePlaces() {
        let signups = [2, 1].map {
            ActivitySignup(activityID: UUID(), name: "", email: nil, phone: nil, people: $0, accessNeeds: "")
        }
        #expect(EventSignupViews.totals(signups, capacity: 5) == "3 people from 2 sign-ups, of 5 places: 2 left.")
        #expect(EventSignupViews.totals(signups, capacity: 3) == "3 people from 2 sign-ups, of 3 places: full.")
        #expect(
            EventSignupViews.totals(signups, capacity: 1)
                == "3 people from 2 sign-ups, of 1 place: full, 2 people more than the places.")
        #expect(EventSignupViews.totals(signups, capacity: nil) == "3 people from 2 sign-ups. No limit on places.")
    }

    @Test("sign-ups from one connection are limited per hour, as the other public forms", arguments: TestDatabase.all)
    func rateLimited(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database, configure: { $0.submissionsPerAddressPerHour = 2 }) { app in
            app.app.decisionClock = .fixed(Self.today)
            let (consultation, place) = try await EventsToRespondTests.openConsultation(on: app.db)
            let activity = try await Self.event(
                "Evening drop-in", days: 7, consultation: consultation, place: place, on: app.db)
            let path = Self.signUpPath(activity)
            let browser = app.browser()
            for _ in 0..<2 {
                #expect(try await browser.post(path, form: Self.filled, tokenFrom: path).status == .seeOther)
            }
            let limited = try await browser.post(path, form: Self.filled, tokenFrom: path)
            #expect(limited.status == .tooManyRequests)
            #expect(limited.body.contains("Please try again after"))
            // No HEARD_CONTACT: no undeliverable address, but whom to contact.
            #expect(limited.body.contains("or contact the organisation that runs this site."))
            #expect(!limited.body.contains("heard.invalid"))
            #expect(limited.body.contains("value=\"Maya Patel\""), "what they typed is kept")
            #expect(try await ActivitySignup.query(on: app.db).count() == 2)
        }
    }

    @Test(
        "staff see who is coming with access needs marked, the people against the places, and a CSV; others do not",
        arguments: TestDatabase.all)
    func staffList(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(Self.today)
            let (consultation, place) = try await EventsToRespondTests.openConsultation(on: app.db)
            let activity = try await Self.event(
                "Evening drop-in", days: 7, capacity: 10, consultation: consultation, place: place, on: app.db)
            try await ActivitySignup(
                activityID: activity.id!, name: "Maya Patel", email: "maya@example.org", phone: nil, people: 2,
                accessNeeds: "A BSL interpreter"
            ).create(on: app.db)
            try await ActivitySignup(
                activityID: activity.id!, name: "Sam Lee", email: nil, phone: "07700 900 982", people: 1,
                accessNeeds: ""
            ).create(on: app.db)
            let path = DecisionURL.activity(activity.id!)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let page = try await officer.get(path).body
            #expect(page.contains("3 people from 2 sign-ups, of 10 places: 7 left."))
            #expect(page.contains("Maya Patel") && page.contains("maya@example.org"))
            #expect(page.contains("Sam Lee") && page.contains("07700 900 982"))
            #expect(page.contains("Access needs</strong> A BSL interpreter"), "marked in words, not colour alone")
            #expect(page.contains("1 sign-up asks for something to take part"))
            let csv = try await officer.get(DecisionURL.activitySignupsCSV(activity.id!))
            #expect(csv.status == .ok)
            #expect(csv.headers.first(name: .contentType)?.hasPrefix("text/csv") == true)
            #expect(csv.body.contains("name,email,phone,people,access_needs,signed_up_on"))
            #expect(csv.body.contains("Maya Patel,maya@example.org,,2,A BSL interpreter,"))
            #expect(csv.body.contains("Sam Lee,,07700 900 982,1,,"))

            let moderator = try await app.signedInBrowser(.moderator)
            #expect(try await moderator.get(DecisionURL.activitySignupsCSV(activity.id!)).status == .forbidden)
            let signedOut = try await app.browser().get(DecisionURL.activitySignupsCSV(activity.id!))
            #expect(!signedOut.body.contains("Maya"))
            #expect(signedOut.status == .seeOther || signedOut.status == .unauthorized)
        }
    }

    @Test(
        "staff record an event held with how many came, listed under \"Events held\"; a cancelled one is not, and its sign-ups are told",
        arguments: TestDatabase.all)
    func eventsHeld(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(Self.today)
            let (consultation, place) = try await EventsToRespondTests.openConsultation(on: app.db)
            let held = try await Self.event(
                "Market stall", days: -3, consultation: consultation, place: place, on: app.db)
            let notHeld = try await Self.event(
                "Rained-off picnic", days: -2, consultation: consultation, place: place, on: app.db)
            let coming = try await Self.event(
                "Next month's meeting", days: 20, consultation: consultation, place: place, on: app.db)
            try await ActivitySignup(
                activityID: coming.id!, name: "Maya Patel", email: "maya@example.org", phone: nil, people: 1,
                accessNeeds: ""
            ).create(on: app.db)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let visitor = app.browser()
            #expect(!(try await visitor.get(Self.consultationPath(consultation)).body).contains("Events held"))

            func record(
                _ activity: InvolvementActivity, _ form: [String: String]
            ) async throws
                -> TestBrowser.Page
            {
                try await officer.post(
                    DecisionURL.activityOutcome(activity.id!), form: form,
                    tokenFrom: DecisionURL.activity(activity.id!))
            }
            let none = try await record(held, ["attendance": "17"])
            #expect(none.status == .unprocessableEntity)
            #expect(none.body.contains("Choose whether it was held or cancelled."))
            #expect(none.body.contains("href=\"#field-outcome\""))
            let badCount = try await record(held, ["outcome": "held", "attendance": "lots"])
            #expect(badCount.status == .unprocessableEntity)
            #expect(badCount.body.contains("Enter how many people came as a whole number"))
            #expect(badCount.body.contains("value=\"lots\""))
            let tooEarly = try await record(coming, ["outcome": "held", "attendance": "5"])
            #expect(tooEarly.status == .unprocessableEntity)
            #expect(tooEarly.body.contains("record that it was held on the day or after"))

            #expect(try await record(held, ["outcome": "held", "attendance": "17"]).status == .seeOther)
            #expect(try await record(notHeld, ["outcome": "cancelled"]).status == .seeOther)
            let page = try await visitor.get(Self.consultationPath(consultation)).body
            #expect(page.contains("Events held"))
            #expect(page.contains(held.date.ukText + ": Market stall"))
            #expect(page.contains("Public event in \(place.name), Dewsbury town hall. 17 people came."))
            #expect(!page.contains("Rained-off picnic"), "cancelled is not held")
            let stored = try #require(try await InvolvementActivity.find(held.id!, on: app.db))
            #expect(stored.outcome == .held && stored.attendees == 17)
            #expect(
                try await AuditEvent.query(on: app.db).filter(\.$action == "activity.outcome_recorded").count() == 2)

            // Cancelling one still to come tells those who signed up by e-mail, and takes it off the page.
            let cancelled = try await record(coming, ["outcome": "cancelled"])
            #expect(cancelled.status == .seeOther)
            let notice = try #require(
                try await Notice.query(on: app.db).filter(\.$subject == "Cancelled: Next month's meeting").first())
            #expect(notice.toAddress == "maya@example.org")
            #expect(!(try await visitor.get(Self.consultationPath(consultation)).body).contains("Next month"))
        }
    }

    @Test(
        "names, contact details and needs are cleared once the event is over, keeping the numbers",
        arguments: TestDatabase.all)
    func anonymisedAfterTheEvent(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (consultation, place) = try await EventsToRespondTests.openConsultation(on: app.db)
            let over = try await Self.event(
                "Yesterday's stall", days: -1, capacity: 20, consultation: consultation, place: place, on: app.db)
            let today = try await Self.event(
                "Today's stall", days: 0, consultation: consultation, place: place, on: app.db)
            for activity in [over, today] {
                try await ActivitySignup(
                    activityID: activity.id!, name: "Maya Patel", email: "maya@example.org",
                    phone: "07700 900 982", people: 3, accessNeeds: "Step-free access", submitterHash: "abc"
                ).create(on: app.db)
            }
            over.$place.value = place
            let sent = EventSignups.confirmation(
                to: "maya@example.org",
                signup: try #require(try await ActivitySignup.query(on: app.db).first()), activity: over,
                contact: .default)
            sent.status = .sent
            try await sent.create(on: app.db)
            // The same person's e-mail about the event still to come.
            today.$place.value = place
            let later = EventSignups.confirmation(
                to: "maya@example.org",
                signup: try #require(
                    try await ActivitySignup.query(on: app.db).filter(\.$activity.$id == today.id!).first()),
                activity: today, contact: .default)
            later.status = .sent
            try await later.create(on: app.db)

            let cleared = try await EventSignups.anonymiseEnded(today: Self.today, on: app.db)
            #expect(cleared == 1)
            let gone = try #require(
                try await ActivitySignup.query(on: app.db).filter(\.$activity.$id == over.id!).first())
            #expect(gone.name.isEmpty && gone.email == nil && gone.phone == nil && gone.accessNeeds.isEmpty)
            #expect(gone.submitterHash == nil && gone.isAnonymised)
            #expect(gone.people == 3, "the numbers stay")
            let kept = try #require(
                try await ActivitySignup.query(on: app.db).filter(\.$activity.$id == today.id!).first())
            #expect(kept.name == "Maya Patel", "an event today has not happened yet")
            let notice = try #require(try await Notice.find(sent.id!, on: app.db))
            #expect(notice.toAddress == PersonalDataHeld.erasedAddress)
            #expect(!notice.body.contains("Maya"))
            let untouched = try #require(try await Notice.find(later.id!, on: app.db))
            #expect(untouched.toAddress == "maya@example.org", "the e-mail about their other event stays")
            #expect(untouched.body.contains("Maya") && untouched.subject.hasSuffix(": Today's stall"))
            #expect(try await EventSignups.anonymiseEnded(today: Self.today, on: app.db) == 0, "once only")

            app.app.decisionClock = .fixed(Self.today)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let page = try await officer.get(DecisionURL.activity(over.id!)).body
            #expect(page.contains("3 people from 1 sign-up, of 20 places: 17 left."))
            #expect(page.contains("Details deleted after the event"))
        }
    }

    @Test(
        "a monthly event's e-mails are cleared for the session that ended, not the next one with the same title",
        arguments: TestDatabase.all)
    func sameTitleNextMonth(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (consultation, place) = try await EventsToRespondTests.openConsultation(on: app.db)
            let sessions = [
                try await Self.event(
                    "Listening session", days: -3, consultation: consultation, place: place, on: app.db),
                try await Self.event(
                    "Listening session", days: 28, consultation: consultation, place: place, on: app.db),
            ]
            var notices: [Notice] = []
            for session in sessions {
                let signup = ActivitySignup(
                    activityID: session.id!, name: "Maya Patel", email: "maya@example.org", phone: nil, people: 1,
                    accessNeeds: "", submitterHash: "abc")
                try await signup.create(on: app.db)
                session.$place.value = place
                let sent = EventSignups.confirmation(
                    to: "maya@example.org", signup: signup, activity: session, contact: .default)
                sent.status = .sent
                try await sent.create(on: app.db)
                notices.append(sent)
            }
            // Written before e-mails said which event they are about: still found by the title.
            let older = Notice(
                to: "maya@example.org", subject: "Changed: Listening session", body: "Hello Maya Patel",
                kind: "event_signup")
            older.status = .sent
            try await older.create(on: app.db)

            #expect(try await EventSignups.anonymiseEnded(today: Self.today, on: app.db) == 1)
            let ended = try #require(try await Notice.find(notices[0].id!, on: app.db))
            #expect(ended.toAddress == PersonalDataHeld.erasedAddress && ended.body == EventSignups.deletedText)
            let next = try #require(try await Notice.find(notices[1].id!, on: app.db))
            #expect(next.toAddress == "maya@example.org", "the next session's e-mail stays")
            #expect(next.body.contains("Maya Patel") && next.activityID == sessions[1].id)
            #expect(try await Notice.find(older.id!, on: app.db)?.body == EventSignups.deletedText)
        }
    }

    @Test(
        "a personal-data request for their address finds, copies and erases a sign-up, keeping the number of people",
        arguments: TestDatabase.all)
    func personalData(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(Self.today)
            let (consultation, place) = try await EventsToRespondTests.openConsultation(on: app.db)
            let activity = try await Self.event(
                "Evening drop-in", days: 7, capacity: 10, consultation: consultation, place: place, on: app.db)
            let path = Self.signUpPath(activity)
            #expect(try await app.browser().post(path, form: Self.filled, tokenFrom: path).status == .seeOther)
            let admin = try await app.signedInBrowser(.administrator)
            let search = "/staff/personal-data?email=maya%40example.org"
            let found = try await admin.get(search).body
            #expect(found.contains("Found: 1 event sign-up and 1 e-mail"))
            #expect(found.contains("Sign-ups to events") && found.contains("Evening drop-in"))
            let copy = try await admin.get("/staff/personal-data/copy.json?email=maya%40example.org").body
            #expect(copy.contains("\"what_you_need_to_take_part\" : \"A BSL interpreter, please.\""))
            #expect(copy.contains("\"people\" : 2"))
            let erased = try await admin.post(
                "/staff/personal-data/erase",
                form: [
                    "email": "maya@example.org", "reference": "",
                    "reason": "Asked by e-mail to delete everything; identity checked.", "confirm": "yes",
                ], tokenFrom: search)
            #expect(erased.status == .seeOther)
            #expect(
                try await admin.get(try #require(erased.location)).body.contains(
                    "Erased: 1 event sign-up and 1 e-mail."))
            let signup = try #require(try await ActivitySignup.query(on: app.db).first())
            #expect(signup.isAnonymised && signup.email == nil && signup.name.isEmpty && signup.people == 2)
            #expect(try await admin.get(search).body.contains("Found: nothing"))
            #expect(try await app.browser().get(Self.consultationPath(consultation)).body.contains("(8 places left)"))
        }
    }

    @Test(
        "the API gives each consultation event's times, places, places left and whether it was held, as documented",
        arguments: TestDatabase.all)
    func api(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(Self.today)
            let (consultation, place) = try await EventsToRespondTests.openConsultation(on: app.db)
            let coming = try await Self.event(
                "Evening drop-in", days: 7, capacity: 10, consultation: consultation, place: place, on: app.db)
            try await ActivitySignup(
                activityID: coming.id!, name: "Maya", email: "maya@example.org", phone: nil, people: 4,
                accessNeeds: ""
            ).create(on: app.db)
            let held = try await Self.event(
                "Market stall", days: -3, consultation: consultation, place: place, on: app.db)
            held.outcome = .held
            held.attendees = 17
            try await held.save(on: app.db)
            _ = try await Self.event("Too late", days: 40, consultation: consultation, place: place, on: app.db)

            let body = try await app.browser().get("/api/v1/consultations/\(consultation.id!.uuidString)").body
            let json = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
            let events = try #require(json["events"] as? [[String: Any]])
            #expect(events.map { $0["title"] as? String } == ["Market stall", "Evening drop-in"])
            let past = events[0]
            #expect(past["held"] as? Bool == true && past["outcome"] as? String == "held")
            #expect(past["attendance"] as? Int == 17)
            #expect(past["sign_up_url"] is NSNull)
            #expect(past["capacity"] is NSNull && past["places_left"] is NSNull)
            let next = events[1]
            #expect(next["start_time"] as? String == "18:00" && next["end_time"] as? String == "20:00")
            #expect(next["capacity"] as? Int == 10 && next["places_left"] as? Int == 6)
            #expect(next["held"] as? Bool == false && next["outcome"] is NSNull && next["attendance"] is NSNull)
            #expect(next["sign_up_url"] as? String == Self.signUpPath(coming))
            #expect((next["place"] as? [String: Any])?["slug"] as? String == place.slug)

            // The document names exactly these fields, all required.
            let document = try #require(
                try JSONSerialization.jsonObject(
                    with: Data(try await app.browser().get("/api/openapi.json").body.utf8)) as? [String: Any])
            let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
            let event = try #require(schemas["ConsultationEvent"] as? [String: Any])
            let properties = Set(try #require(event["properties"] as? [String: Any]).keys)
            #expect(properties == Set(next.keys))
            #expect(Set(try #require(event["required"] as? [String])) == Set(next.keys))
            let consultationSchema = try #require(schemas["Consultation"] as? [String: Any])
            #expect(Set(try #require(consultationSchema["properties"] as? [String: Any]).keys) == Set(json.keys))
        }
    }

    @Test("staff set the places an activity has; a wrong number is refused", arguments: TestDatabase.all)
    func capacityOnTheForm(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(Self.today)
            let (consultation, place) = try await EventsToRespondTests.openConsultation(on: app.db)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let new = "/staff/activities/new"
            var form: [String: String] = [
                "title": "Evening drop-in", "kind": "public_event", "place_id": place.id!.uuidString,
                "date": Self.today.adding(days: 7).iso, "venue": "Dewsbury town hall", "attendees": "0",
                "initiative_id": consultation.$initiative.id.uuidString.lowercased(), "capacity": "0",
            ]
            let refused = try await officer.post(new, form: form, tokenFrom: new)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("Enter how many people it has room for as a whole number from 1"))
            #expect(refused.body.contains("href=\"#field-capacity\""))
            form["capacity"] = "30"
            let saved = try await officer.post(new, form: form, tokenFrom: new)
            #expect(saved.status == .seeOther)
            let activity = try #require(try await InvolvementActivity.query(on: app.db).first())
            #expect(activity.capacity == 30)
            #expect(try await officer.get(saved.location!).body.contains("0 people from 0 sign-ups, of 30 places"))
            let edit = try await officer.get(saved.location! + "/edit")
            #expect(edit.body.contains("value=\"30\""))
            // Left empty: no limit.
            let cleared = try await officer.post(
                saved.location! + "/edit",
                form: form.merging(["capacity": "", "edit_version": edit.hiddenValue("edit_version") ?? ""]) { $1 },
                tokenFrom: saved.location! + "/edit")
            #expect(cleared.status == .seeOther)
            #expect(try await InvolvementActivity.find(activity.id!, on: app.db)?.capacity == nil)
        }
    }
}
