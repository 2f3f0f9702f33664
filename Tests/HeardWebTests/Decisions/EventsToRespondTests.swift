import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// What QA found on the public consultation page: an event after the consultation closed was offered as a way to
/// respond, and "Tell us what you need to take part" did not say how to tell us.
@Suite("Events people can come to while a consultation is open")
struct EventsToRespondTests {
    static let today = SimpleDate(year: 2026, month: 12, day: 5)

    /// An open consultation (opened 10 days ago, closes in 30) that offers events, and a place to hold them in.
    static func openConsultation(on db: any Database) async throws -> (Consultation, Place) {
        let (_, place) = try await Fixtures.service(on: db)
        let initiative = Initiative(
            title: "Eye clinic", what: "Move the clinic.", why: "A bigger site.", affectsServices: true,
            substantialVariation: false, decisionBody: "ICB board", targetDate: nil, stage: .consultation,
            livedExperienceMembers: 2)
        try await initiative.create(on: db)
        let consultation = Consultation(
            initiativeID: initiative.id!, title: "Moving the eye clinic", background: "b", options: "o",
            discardedAlternatives: "d", reasons: "r", opensOn: today.adding(days: -10),
            closesOn: today.adding(days: 30), formats: ["online", "events"])
        try await consultation.create(on: db)
        return (consultation, place)
    }

    static func event(
        _ title: String, days: Int, attendees: Int = 0, stepFree: Bool = false, consultation: Consultation,
        place: Place, on db: any Database
    ) async throws {
        try await InvolvementActivity(
            initiativeID: consultation.$initiative.id, placeID: place.id!, kind: .publicEvent, title: title,
            heldOn: today.adding(days: days), venue: "Dewsbury town hall", stepFree: stepFree, attendees: attendees
        ).create(on: db)
    }

    @Test(
        "the consultation page offers only events still to come on or before its closing day",
        arguments: TestDatabase.all)
    func onlyEventsWhileOpen(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(Self.today)
            let (consultation, place) = try await Self.openConsultation(on: app.db)
            let path = "/consultations/\(consultation.id!.uuidString.lowercased())"
            try await Self.event("Too late drop-in", days: 31, consultation: consultation, place: place, on: app.db)
            var page = try await app.browser().get(path).body
            #expect(page.contains("no events are booked at the moment"), "the only event is after it closes")
            #expect(!page.contains("Too late drop-in"))
            #expect(!page.contains("come and talk to us"))

            try await Self.event("Closing day drop-in", days: 30, consultation: consultation, place: place, on: app.db)
            try await Self.event("Next week's stall", days: 7, consultation: consultation, place: place, on: app.db)
            try await Self.event(
                "Last week's meeting", days: -7, attendees: 12, consultation: consultation, place: place, on: app.db)
            page = try await app.browser().get(path).body
            #expect(page.contains("come and talk to us at one of the events below"))
            #expect(page.contains(Self.today.adding(days: 30).ukText + ": Closing day drop-in"))
            #expect(page.contains(Self.today.adding(days: 7).ukText + ": Next week"))
            #expect(!page.contains("Too late drop-in"))
            #expect(!page.contains("Last week"), "one already held is no way to respond")

            // Closed early: the closing-day event is now after it, and so is nothing to come to.
            consultation.closedEarlyOn = Self.today.adding(days: 10).iso
            try await consultation.save(on: app.db)
            page = try await app.browser().get(path).body
            #expect(page.contains("Next week"))
            #expect(!page.contains("Closing day drop-in"))
        }
    }

    @Test(
        "an event before the consultation opens shapes the options but is not offered as a way to respond",
        arguments: TestDatabase.all)
    func notBeforeItOpens(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(Self.today)
            let (consultation, place) = try await Self.openConsultation(on: app.db)
            // Not open yet: it opens in 10 days.
            consultation.opensOn = Self.today.adding(days: 10).iso
            try await consultation.save(on: app.db)
            try await Self.event("Early workshop", days: 4, consultation: consultation, place: place, on: app.db)
            try await Self.event("Opening day drop-in", days: 10, consultation: consultation, place: place, on: app.db)
            let page = try await app.browser().get("/consultations/\(consultation.id!.uuidString.lowercased())").body
            #expect(page.contains(Self.today.adding(days: 10).ukText + ": Opening day drop-in"))
            #expect(!page.contains("Early workshop"))
            let initiative = try await app.browser().get(
                "/initiatives/\(consultation.$initiative.id.uuidString.lowercased())"
            ).body
            #expect(initiative.contains("Early workshop"), "still on the initiative's page, coming up")
        }
    }

    @Test(
        "staff saving an event after the consultation closes are told it is not a way to respond; it is still saved",
        arguments: TestDatabase.all)
    func warnsAfterClosing(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(Self.today)
            let (consultation, place) = try await Self.openConsultation(on: app.db)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let form: [String: String] = [
                "title": "Drop-in about the eye clinic", "kind": "public_event", "place_id": place.id!.uuidString,
                "date": Self.today.adding(days: 31).iso, "venue": "Dewsbury town hall", "attendees": "",
                "initiative_id": consultation.$initiative.id.uuidString.lowercased(),
            ]
            let saved = try await officer.post("/staff/activities/new", form: form, tokenFrom: "/staff/activities/new")
            #expect(saved.status == .seeOther)
            let location = try #require(saved.location)
            let activity = try #require(
                try await InvolvementActivity.query(on: app.db).filter(\.$title == "Drop-in about the eye clinic")
                    .first())
            #expect(activity.heldOn == Self.today.adding(days: 31).iso)
            let warned = try await officer.get(location).body
            #expect(
                warned.contains(
                    "This activity is on \(Self.today.adding(days: 31).ukText), after the consultation &quot;Moving the eye clinic&quot; closes on \(Self.today.adding(days: 30).ukText), so it is not listed on the consultation&#39;s page as a way to respond."
                ) || warned.contains("after the consultation \"Moving the eye clinic\" closes on"))
            #expect(!(try await officer.get(location).body).contains("after the consultation"), "shown once")

            // Moved to before it closes: no warning, and it is listed.
            let edit = location + "/edit"
            let moved = try await officer.post(
                edit,
                form: form.merging(["date": Self.today.adding(days: 20).iso, "attendees": "0"]) { $1 }
                    .merging(["edit_version": try await officer.get(edit).hiddenValue("edit_version") ?? ""]) {
                        $1
                    },
                tokenFrom: edit)
            #expect(moved.status == .seeOther)
            #expect(!(try await officer.get(location).body).contains("after the consultation"))
            let page = try await app.browser().get("/consultations/\(consultation.id!.uuidString.lowercased())").body
            #expect(page.contains(Self.today.adding(days: 20).ukText + ": Drop-in about the eye clinic"))
        }
    }

    @Test(
        "\"tell us what you need to take part\" says whom to e-mail when the site has a contact, and nothing made up without",
        arguments: TestDatabase.all)
    func accessContact(_ database: TestDatabase) async throws {
        try await TestApp.run(
            on: database,
            configure: { $0.contact = SiteContact(name: "NHS Calder ICB", email: "engagement@calder.example") }
        ) { app in
            app.app.decisionClock = .fixed(Self.today)
            let (consultation, place) = try await Self.openConsultation(on: app.db)
            try await Self.event("Plain drop-in", days: 5, consultation: consultation, place: place, on: app.db)
            try await Self.event(
                "Step-free drop-in", days: 6, stepFree: true, consultation: consultation, place: place, on: app.db)
            let path = "/consultations/\(consultation.id!.uuidString.lowercased())"
            let page = try await app.browser().get(path).body
            #expect(
                page.contains(
                    "Tell us what you need to take part and we will arrange it: e-mail NHS Calder ICB at <a href=\"mailto:engagement@calder.example\">engagement@calder.example</a>."
                ))
            #expect(
                page.contains(
                    "Access: step-free. If you need anything else to take part, e-mail NHS Calder ICB at <a href=\"mailto:engagement@calder.example\">"
                ))
            let initiative = try await app.browser().get(
                "/initiatives/\(consultation.$initiative.id.uuidString.lowercased())"
            ).body
            #expect(initiative.contains("we will arrange it: e-mail NHS Calder ICB at"))
        }
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(Self.today)
            let (consultation, place) = try await Self.openConsultation(on: app.db)
            try await Self.event("Plain drop-in", days: 5, consultation: consultation, place: place, on: app.db)
            let page = try await app.browser().get("/consultations/\(consultation.id!.uuidString.lowercased())").body
            #expect(page.contains("Tell us what you need to take part and we will arrange it."))
            #expect(!page.contains("we will arrange it: e-mail"))
        }
    }

    @Test("only a contact set in HEARD_CONTACT counts as configured")
    func configuredContact() throws {
        #expect(!SiteContact.default.isConfigured)
        #expect(try SiteContact.parse("engagement@calder.example").isConfigured)
    }
}
