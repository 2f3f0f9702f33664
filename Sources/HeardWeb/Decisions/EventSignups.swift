import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Vapor

/// "Tell us you're coming": a member of the public, with no account, says they are coming to one of a
/// consultation's events, for how many people and what they need to take part. Staff see the sign-ups on the
/// activity's page; the names and contact details are cleared the day after the event (`anonymiseEnded`).
enum EventSignups {
    static let fields = ["name", "email", "phone", "people", "access_needs"]

    /// An event people can sign up to, with what the pages say about it.
    struct Offer {
        var activity: InvolvementActivity
        var consultation: Consultation
        /// People already signed up (the "how many" of each sign-up, added up).
        var taken: Int
        var placesLeft: Int? { EventPlaces.left(capacity: activity.capacity, taken: taken) }
        var isFull: Bool { placesLeft == 0 }
    }

    /// The places ran out between showing the form and saving the sign-up.
    struct PlacesGone: Error {
        var taken: Int
    }

    /// The event, when it is an in-person event of a consultation; else 404. An event that has passed, was
    /// cancelled, or was moved to a day the consultation is not open is still found, so its page (linked from
    /// the e-mails people were sent) can say sign-ups are closed, and why.
    static func offer(_ request: Request) async throws -> Offer {
        guard
            let activity = try await InvolvementActivity.query(on: request.db)
                .filter(\.$id == (try Admin.uuidParameter(request))).with(\.$place).first(),
            activity.kind.isInPerson, let initiativeID = activity.$initiative.id,
            let consultation = try await Consultation.query(on: request.db)
                .filter(\.$initiative.$id == initiativeID).first()
        else { throw Abort(.notFound) }
        return Offer(
            activity: activity, consultation: consultation,
            taken: try await placesTaken([activity.id!], on: request.db)[activity.id!] ?? 0)
    }

    /// People signed up to each of `activities`.
    static func placesTaken(_ activities: [UUID], on db: any Database) async throws -> [UUID: Int] {
        guard !activities.isEmpty else { return [:] }
        var taken: [UUID: Int] = [:]
        for signup in try await ActivitySignup.query(on: db).filter(\.$activity.$id ~~ activities)
            .field(\.$activity.$id).field(\.$people).all()
        {
            taken[signup.$activity.id, default: 0] += signup.people
        }
        return taken
    }

    static func closedReason(_ offer: Offer, today: SimpleDate) -> String? {
        if let reason = EventPlaces.closedReason(
            date: offer.activity.date, today: today, cancelled: offer.activity.isCancelled)
        {
            return reason
        }
        let date = offer.activity.date
        let lastDay = ActivitiesController.lastDay(of: offer.consultation)
        if date > lastDay {
            return "This event is now on \(date.ukText), after the consultation closes on \(lastDay.ukText), "
                + "so it is no longer one of the consultation's events and sign-ups have closed."
        }
        if date < offer.consultation.opens {
            return "This event is now on \(date.ukText), before the consultation opens on "
                + "\(offer.consultation.opens.ukText), so sign-ups have closed."
        }
        return nil
    }

    // MARK: Public form

    @Sendable static func form(_ request: Request) async throws -> Response {
        let offer = try await offer(request)
        return page(request, offer, input: EventSignupInput(), failure: nil, status: .ok)
    }

    @Sendable static func signUp(_ request: Request) async throws -> Response {
        let offer = try await offer(request)
        let input = EventSignupInput(
            name: Admin.text(request, "name"), email: Admin.text(request, "email"),
            phone: Admin.text(request, "phone"), people: Admin.text(request, "people"),
            accessNeeds: Admin.text(request, "access_needs"))
        let thanks = DecisionURL.eventSignedUp(offer.activity.id!)
        let key = SubmittedOnce.key(request)
        // A double tap or a resend after a slow connection: the first sending signed them up.
        if let path = try await SubmittedOnce.earlier(key, on: request.db) { return request.redirect(to: path) }
        if closedReason(offer, today: request.today) != nil || offer.isFull {
            return page(request, offer, input: input, failure: nil, status: .conflict)
        }
        let valid: EventSignupInput.Valid
        do { valid = try input.validated(placesLeft: offer.placesLeft) } catch {
            return page(request, offer, input: input, failure: error, status: .unprocessableEntity)
        }
        let hash = SubmitterHash.make(for: request)
        if let retryAt = try await nextAllowed(hash, request: request) {
            let failure = ValidationFailure([
                FieldError("name", overLimitMessage(retryAt, contact: request.heardConfiguration.contact))
            ])
            return page(request, offer, input: input, failure: failure, status: .tooManyRequests)
        }
        let signup = ActivitySignup(
            activityID: offer.activity.id!, name: valid.name, email: valid.email, phone: valid.phone,
            people: valid.people, accessNeeds: valid.accessNeeds, submitterHash: hash)
        let path = thanks + (valid.email == nil ? "" : "?emailed=yes")
        do {
            try await request.db.writeTransaction { db in
                // Two people taking the last places at the same moment: the second waits for the first and is
                // then checked against what is really left.
                if offer.activity.capacity != nil {
                    try await db.lockRow(in: InvolvementActivity.schema, id: offer.activity.id!)
                    let taken = try await placesTaken([offer.activity.id!], on: db)[offer.activity.id!] ?? 0
                    let left = EventPlaces.left(capacity: offer.activity.capacity, taken: taken)
                    if let left, valid.people > left { throw PlacesGone(taken: taken) }
                }
                try await SubmittedOnce.record(key, resultPath: path, on: db)
                try await signup.create(on: db)
                if let email = valid.email {
                    try await confirmation(
                        to: email, signup: signup, activity: offer.activity,
                        contact: request.heardConfiguration.contact
                    ).create(on: db)
                }
            }
        } catch let gone as PlacesGone {
            // Taken by someone else while this form was open: say what is left now, keeping what they typed.
            var now = offer
            now.taken = gone.taken
            if now.isFull { return page(request, now, input: input, failure: nil, status: .conflict) }
            do { _ = try input.validated(placesLeft: now.placesLeft) } catch {
                return page(request, now, input: input, failure: error, status: .unprocessableEntity)
            }
            throw Abort(.conflict)
        } catch  where Admin.isUniqueViolation(error) {
            // The same form sent twice at the same moment: the other one signed them up.
            if let first = try await SubmittedOnce.earlier(key, on: request.db) {
                return request.redirect(to: first)
            }
            throw error
        }
        return request.redirect(to: path)
    }

    /// After signing up: the event's details again, and how to cancel or change. Nothing of what they typed is
    /// shown, so the page can be reloaded or shared safely.
    @Sendable static func signedUp(_ request: Request) async throws -> Response {
        let offer = try await offer(request)
        return .html(
            EventSignupViews.thanks(
                offer, emailed: request.query[String.self, at: "emailed"] == "yes",
                context: PageContext(request, title: "You are signed up: \(offer.activity.title)")))
    }

    static func page(
        _ request: Request, _ offer: Offer, input: EventSignupInput, failure: ValidationFailure?,
        status: HTTPResponseStatus
    ) -> Response {
        .html(
            EventSignupViews.form(
                offer, input: input, closed: closedReason(offer, today: request.today), failure: failure,
                csrfToken: request.csrfToken, submissionKey: request.newSubmissionKey, sent: request.method == .POST,
                context: PageContext(
                    request, title: "Tell us you're coming: \(offer.activity.title)", hasErrors: failure != nil)),
            status: status)
    }

    // MARK: Rate limit, as the other public forms

    /// When this address may sign up again (nil: now): the same hourly limit as feedback.
    static func nextAllowed(_ hash: String, request: Request, now: Date = Date()) async throws -> Date? {
        let limit = request.heardConfiguration.submissionsPerAddressPerHour
        guard limit > 0 else { return nil }
        let recent = try await ActivitySignup.query(on: request.db).filter(\.$submitterHash == hash)
            .filter(\.$createdAt > now.addingTimeInterval(-3600)).sort(\.$createdAt, .descending)
            .range(..<limit).all().compactMap(\.createdAt)
        return SubmitterHash.nextAllowed(latest: recent, limit: limit)
    }

    static func overLimitMessage(_ retryAt: Date, contact: SiteContact) -> String {
        "A lot of sign-ups have come from your connection in the last hour. Please try again after "
            + "\(SubmitterHash.ukTime(retryAt)) (UK time), or \(reach(contact))."
    }

    // MARK: Confirmation e-mail

    /// "e-mail NHS Calder ICB at engagement@calder.nhs.uk", or whom to contact when no address is configured.
    static func reach(_ contact: SiteContact) -> String {
        contact.isConfigured
            ? "e-mail \(contact.nameInSentence) at \(contact.email)" : "contact \(PlaceholderContact.whoRunsTheSite)"
    }

    static func confirmation(
        to email: String, signup: ActivitySignup, activity: InvolvementActivity, contact: SiteContact
    ) -> Notice {
        let notice = Notice(
            to: email, subject: "You are signed up: \(activity.title)",
            body: """
                Hello \(signup.name),

                Thank you for telling us you are coming to \(activity.title).

                When: \(activity.when)
                Where: \(venueAndPlace(activity))
                People: \(Wording.count(signup.people, "person", "people"))\(signup.accessNeeds.isEmpty ? "" : "\nWhat you need to take part: \(signup.accessNeeds)")

                We will tell you if anything changes. To cancel, change how many are coming, or tell us anything else you need, \(reach(contact)).

                We only use your details to arrange the event and tell you of changes. We delete them after the event.
                """, kind: "event_signup")
        notice.activityID = activity.id
        return notice
    }

    /// "Dewsbury town hall, Kirklees". Load `place` first.
    static func venueAndPlace(_ activity: InvolvementActivity) -> String {
        activity.venue.isEmpty ? activity.place.name : "\(activity.venue), \(activity.place.name)"
    }

    // MARK: Staff

    static func signups(of activity: InvolvementActivity, on db: any Database) async throws -> [ActivitySignup] {
        try await ActivitySignup.query(on: db).filter(\.$activity.$id == activity.id!).sort(\.$createdAt)
            .sort(\.$id).all()
    }

    /// The sign-ups as a spreadsheet, to print a list for the door or arrange what people need.
    @Sendable static func csv(_ request: Request) async throws -> Response {
        let activity = try await ActivitiesController.find(request)
        var rows = [["name", "email", "phone", "people", "access_needs", "signed_up_on"]]
        for signup in try await signups(of: activity, on: request.db) {
            rows.append([
                signup.isAnonymised ? "(details deleted after the event)" : signup.name, signup.email ?? "",
                signup.phone ?? "", String(signup.people), signup.accessNeeds,
                signup.createdAt.map { SimpleDate.ukDay(of: $0).iso } ?? "",
            ])
        }
        return CSVResponse.make(rows, fileName: "sign-ups-\(Slug.make(activity.title)).csv")
    }

    // MARK: Keeping personal data no longer than needed

    /// What a sent confirmation e-mail keeps in place of its words once the event is over.
    static let deletedText = "[Deleted after the event]"

    /// Clears the names, contact details and needs of everyone signed up to an event before `today`, keeping
    /// how many people each sign-up was for; and the e-mails confirming them. Run daily by housekeeping.
    /// Returns how many sign-ups were cleared.
    @discardableResult
    static func anonymiseEnded(today: SimpleDate, on db: any Database, now: Date = Date()) async throws -> Int {
        let ended = try await InvolvementActivity.query(on: db).filter(\.$heldOn < today.iso)
            .field(\.$id).field(\.$title).all()
        guard !ended.isEmpty else { return 0 }
        let titles = Dictionary(ended.map { ($0.id!, $0.title) }, uniquingKeysWith: { first, _ in first })
        let signups = try await ActivitySignup.query(on: db).filter(\.$activity.$id ~~ Array(titles.keys))
            .filter(\.$anonymisedAt == nil).all()
        guard !signups.isEmpty else { return 0 }
        // The e-mails about an ended event: those that say which event they are about, and older ones to a person
        // who signed up to it naming it in the subject ("You are signed up: …", "Changed: …", "Cancelled: …").
        // Those about their other events, even one with the same title, stay as they are.
        var titlesByAddress: [String: Set<String>] = [:]
        for signup in signups {
            guard let email = signup.email, let title = titles[signup.$activity.id] else { continue }
            titlesByAddress[email, default: []].insert(title)
        }
        let aboutEnded = titlesByAddress
        try await db.writeTransaction { db in
            for signup in signups {
                signup.anonymise(at: now)
                try await signup.update(on: db)
            }
            if !aboutEnded.isEmpty {
                let confirmations = try await Notice.query(on: db).filter(\.$kind == "event_signup")
                    .filter(\.$toAddress ~~ Array(aboutEnded.keys)).all()
                for notice in confirmations {
                    if let activity = notice.activityID {
                        guard titles[activity] != nil else { continue }
                    } else {
                        let titles = aboutEnded[notice.toAddress] ?? []
                        guard titles.contains(where: { notice.subject.hasSuffix(": " + $0) }) else { continue }
                    }
                    if notice.status == .queued || notice.status == .sending {
                        try await notice.delete(on: db)
                    } else {
                        notice.toAddress = PersonalDataHeld.erasedAddress
                        notice.body = deletedText
                        try await notice.update(on: db)
                    }
                }
            }
        }
        return signups.count
    }
}
