import Crypto
import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Vapor

/// Share your experience (public) and enter feedback on someone's behalf (staff).
enum ShareController {
    @Sendable static func chooseService(_ request: Request) async throws -> Response {
        try await chooser(request, staffEntry: false)
    }

    @Sendable static func staffChooseService(_ request: Request) async throws -> Response {
        try await chooser(request, staffEntry: true)
    }

    @Sendable static func showForm(_ request: Request) async throws -> Response {
        try await form(request, staffEntry: false)
    }

    @Sendable static func staffShowForm(_ request: Request) async throws -> Response {
        try await form(request, staffEntry: true)
    }

    @Sendable static func submit(_ request: Request) async throws -> Response {
        try await save(request, staffEntry: false)
    }

    @Sendable static func staffSubmit(_ request: Request) async throws -> Response {
        try await save(request, staffEntry: true)
    }

    /// What the page says comes from its address alone (`publish` and `contact` are set by the redirect after
    /// sending): nothing is read from the database, so a reference seen on a public story tells nobody whether
    /// its author left contact details.
    @Sendable static func thankYou(_ request: Request) async throws -> Response {
        let reference = (try? request.query.get(String.self, at: "ref")) ?? ""
        guard reference.hasPrefix("HRD-"), reference.count == 12,
            reference.dropFirst(4).allSatisfy(FeedbackReference.alphabet.contains)
        else { throw Abort(.notFound) }
        let page = SharePages.thankYou(
            context: PageContext(request, title: "Thank you"), reference: reference,
            willPublish: request.query[String.self, at: "publish"] == "yes",
            hasContact: request.query[String.self, at: "contact"] == "yes",
            isComplaint: request.query[String.self, at: "complaint"] == "yes",
            sentReceipt: request.query[String.self, at: "receipt"] == "yes",
            sentAgain: request.query[String.self, at: "again"] == "yes", contact: request.heardConfiguration.contact,
            answerOnly: request.query[String.self, at: "answer"] == "only")
        return .html(page)
    }

    /// The thank-you page for what was stored. A complaint's page says what happens to a complaint, whatever else
    /// the form said; `sentAgain` when this was the same form sent again and the first copy is what was kept.
    /// `answerOnly` for an FFT answer with no comment: counted, never published; there `hasContact` says that
    /// contact details were given (and not kept).
    static func thanksPath(
        reference: String, willPublish: Bool, hasContact: Bool, sentReceipt: Bool, isComplaint: Bool = false,
        sentAgain: Bool = false, answerOnly: Bool = false
    ) -> String {
        SiteURL.shareThanks + "?ref=" + reference
            + (isComplaint
                ? "&complaint=yes"
                : (answerOnly ? "&answer=only" : willPublish ? "&publish=yes" : "")
                    + (hasContact ? "&contact=yes" : ""))
            + (sentReceipt ? "&receipt=yes" : "") + (sentAgain ? "&again=yes" : "")
    }

    private static func chooser(_ request: Request, staffEntry: Bool) async throws -> Response {
        let query = ((try? request.query.get(String.self, at: "q")) ?? "").trimmingCharacters(in: .whitespaces)
        let placeSlug = (try? request.query.get(String.self, at: "place")) ?? ""
        // Only what is in use: a retired place or service takes no new feedback.
        let places = try await Place.query(on: request.db).filter(\.$retiredAt == nil).sort(\.$name).all()
        var services = try await Service.query(on: request.db).filter(\.$retiredAt == nil).with(\.$organisation)
            .with(\.$place).sort(\.$name).all()
        if !placeSlug.isEmpty { services = services.filter { $0.place.slug == placeSlug } }
        let search = ServiceSearch(query)
        // When nothing matches as typed, the names a small slip away ("emergancy"), shown as similar.
        var similar: [Service] = []
        if !search.isEmpty {
            let inUse = services
            services = services.filter {
                search.matches(name: $0.name, organisation: $0.organisation.name, place: $0.place.name)
            }
            if services.isEmpty {
                similar = inUse.filter { search.matchesClosely(name: $0.name, place: $0.place.name) }
            }
        }
        // A place from an old link: retired, or never one, said plainly rather than "no services match".
        var placeProblem: String?
        if !placeSlug.isEmpty, !places.contains(where: { $0.slug == placeSlug }) {
            let retired = try await Place.query(on: request.db).filter(\.$slug == placeSlug).first()
            placeProblem =
                retired.map {
                    "\($0.name) is no longer a place we take feedback for. Choose another place, or Anywhere."
                }
                ?? "We do not know that place. Choose one from the list, or Anywhere."
        }
        let flash = staffEntry ? Admin.takeFlash(request) : nil
        // Staff may still enter a retired service's last returns, so they can reach its form, set apart.
        let closed =
            staffEntry
            ? try await Service.query(on: request.db).filter(\.$retiredAt != nil).with(\.$organisation)
                .with(\.$place).sort(\.$name).all().map(choice) : []
        let page = SharePages.chooseService(
            context: PageContext(request, title: staffEntry ? "Enter feedback" : "Share your experience"), query: query,
            placeSlug: placeSlug, places: places.map { ($0.slug, $0.name) }, services: services.map(choice),
            staffEntry: staffEntry, notice: placeProblem ?? flash, closed: closed, similar: similar.map(choice),
            contact: request.heardConfiguration.contact.isConfigured ? request.heardConfiguration.contact : nil)
        return .html(page)
    }

    private static func form(_ request: Request, staffEntry: Bool) async throws -> Response {
        let id = ((try? request.query.get(String.self, at: "service")) ?? "").trimmingWhitespace()
        // No service chosen (a bookmark, a link cut short): the list to choose from, not a dead end.
        if id.isEmpty { return request.redirect(to: staffEntry ? SiteURL.staffFeedbackNew : SiteURL.share) }
        let service = try await findService(request, id: id)
        if let retiredAt = service.retiredAt, !staffEntry {
            return retired(request, service, retiredAt, staffEntry: staffEntry)
        }
        let page = SharePages.form(
            context: PageContext(request, title: formTitle(service, staffEntry: staffEntry)), service: choice(service),
            form: ShareForm(), failure: nil,
            csrfToken: request.csrfToken, submissionKey: request.newSubmissionKey, staffEntry: staffEntry,
            notice: service.retiredAt.map { lastReturnsNotice(service.name, retiredOn: SimpleDate.ukDay(of: $0)) })
        return .html(page)
    }

    /// The public form sent back after its token expired (most often a phone that closed the browser halfway
    /// through a long story): nothing is stored, but the form comes back filled in as it was sent, with a new
    /// token, for the person to check and send again. Only for the public form, where anyone may send feedback
    /// anyway, so a form made elsewhere gains nothing by being shown back; staff forms show the words to copy.
    static func expiredForm(_ request: Request) async throws -> Response? {
        guard request.currentUser == nil, let form = try? request.content.decode(ShareForm.self) else { return nil }
        guard
            let service = try? await findService(
                request, id: form.serviceID ?? (try? request.query.get(String.self, at: "service")))
        else { return nil }
        // Closed since the form was opened: sending it again could not work, so say so, with the words.
        if let retiredAt = service.retiredAt {
            return retired(request, service, retiredAt, staffEntry: false, written: form.writtenWords)
        }
        let submissionKey = form.submissionKey.map { $0.trimmingWhitespace() }.flatMap {
            $0.isEmpty || $0.utf8.count > 64 ? nil : $0
        }
        let page = SharePages.form(
            context: PageContext(request, title: formTitle(service, staffEntry: false)), service: choice(service),
            form: form, failure: nil, csrfToken: request.csrfToken,
            submissionKey: submissionKey ?? request.newSubmissionKey, staffEntry: false,
            notice:
                "The form had expired, so your feedback has not been sent yet. Everything you wrote is below: "
                + "check it and send it again.")
        return .html(page, status: .forbidden)
    }

    private static func save(_ request: Request, staffEntry: Bool) async throws -> Response {
        let form = try request.content.decode(ShareForm.self)
        // A form from before keys were given out (or a hand-made request) has none and is stored as it comes.
        let submissionKey = form.submissionKey.map { $0.trimmingWhitespace() }.flatMap {
            $0.isEmpty || $0.utf8.count > 64 ? nil : $0
        }
        let service = try await findService(
            request, id: form.serviceID ?? (try? request.query.get(String.self, at: "service")))
        // Retired after the form was opened: nothing is stored against it, and the person is told why. Staff may
        // still enter its last returns (post that arrived before it closed), as an import may.
        let retiredOn = service.retiredAt.map { SimpleDate.ukDay(of: $0) }
        if let retiredAt = service.retiredAt, !staffEntry {
            return retired(request, service, retiredAt, staffEntry: staffEntry, written: form.writtenWords)
        }
        func redisplay(_ failure: ValidationFailure, status: HTTPResponseStatus = .unprocessableEntity) -> Response {
            let page = SharePages.form(
                context: PageContext(request, title: formTitle(service, staffEntry: staffEntry), hasErrors: true),
                service: choice(service), form: form, failure: failure, csrfToken: request.csrfToken,
                submissionKey: submissionKey ?? request.newSubmissionKey, staffEntry: staffEntry,
                notice: retiredOn.map { lastReturnsNotice(service.name, retiredOn: $0) })
            return .html(page, status: status)
        }
        // Every problem at once, so nobody fixes one field only to be told about the next.
        var errors: [FieldError] = []
        var validated: FeedbackSubmission.Valid?
        var channel = FeedbackChannel.online
        var receivedOn = request.today
        // An FFT answer with no words (a paper card with only the answer ticked, a patient on a phone who only
        // ticks), or with words that say nothing ("N/A"), is an answer only: counted, with nothing to moderate or
        // publish, so no words and no consent are asked for. Without an FFT answer, "N/A" carries nothing.
        let wordless = !form.submission.hasWords
        let nonAnswer = form.submission.hasOnlyNonAnswers
        let answerOnly = form.submission.hasRating && (wordless || nonAnswer)
        if nonAnswer, !form.submission.hasRating {
            errors.append(
                FieldError(
                    "story",
                    staffEntry
                        ? "\(form.submission.firstAnswerQuoted) says nothing to count or read: enter what the person wrote, or, if that is all they wrote, tick their FFT answer."
                        : "Tell us about your experience: \(form.submission.firstAnswerQuoted) on its own does not tell us what happened. If you only want to answer the question above, leave this empty."
                ))
        }
        do {
            // The public form says consent is only needed with words: with none yet, asking for it would also be
            // wrong for someone who goes on to give only an answer. Staff are told every gap on a card at once.
            // A complaint is never published, so whether it may be is not asked of it either.
            validated = try form.submission.validated(
                consentRequired: !answerOnly && form.isComplaint != "yes" && (staffEntry || !wordless),
                wordsRequired: !answerOnly)
        } catch {
            // With no words and no answer, each form says what would do: staff copy what someone else wrote.
            errors += error.errors.map { error in
                guard error.field == "story", wordless else { return error }
                return FieldError("story", staffEntry ? Self.staffNeedsWords : Self.publicNeedsWords)
            }
        }
        if answerOnly, form.isComplaint == "yes" {
            errors.append(
                FieldError(
                    "story",
                    staffEntry
                        ? "A complaint needs the complainant's words: write what it is about."
                        : "A complaint needs your words: write what it is about."))
        } else if answerOnly, !staffEntry, form.submission.wantsReply {
            // An answer only is counted, not read: it reaches nobody's queue, so nobody would reply to it. Rather
            // than promise a reply that cannot come, the form asks for the words there would be to reply to.
            errors.append(FieldError("wants_reply", Self.replyNeedsWords))
        }
        if staffEntry {
            if let chosen = FeedbackChannel(rawValue: form.channel ?? ""),
                FeedbackChannel.staffEntered.contains(chosen)
            {
                channel = chosen
            } else {
                errors.append(FieldError("channel", "Choose how the feedback was received."))
            }
            do {
                receivedOn = try Self.receivedOn(form.receivedOn, today: request.today)
                if let retiredOn, receivedOn >= retiredOn {
                    errors.append(
                        FieldError(
                            "received_on",
                            "\(service.name) was retired on \(retiredOn.ukText): enter the day this feedback was received, "
                                + "before then. Anything received later belongs to a service in use."))
                }
            } catch {
                errors += error.errors
            }
        }
        // The same rule as escalating from moderation: the written response (regulation 14) needs an address.
        // Staff may have it in the letter; the public form has no postal address, so a name alone is not one.
        if form.isComplaint == "yes",
            !ComplaintContact.isReachable(
                name: staffEntry ? form.contactName : nil, email: form.contactEmail, phone: form.contactPhone),
            !errors.contains(where: { $0.field.hasPrefix("contact_") })
        {
            errors.append(
                FieldError(
                    "contact_name",
                    staffEntry
                        ? "A complaint needs a way to send the written response: give the complainant's name (with the address in their words), an e-mail address or a phone number."
                        : "To make a formal complaint, give an e-mail address or phone number, and your name, so we can send you our answer."
                ))
        }
        errors += form.standing(staffEntry: staffEntry).problems
        // The regulations' written response is addressed to the complainant: the public form asks for the name.
        if !staffEntry, form.isComplaint == "yes", (form.contactName ?? "").trimmingWhitespace().isEmpty,
            !errors.contains(where: { $0.field == "contact_name" })
        {
            errors.append(
                FieldError(
                    "contact_name", "To make a formal complaint, give your name, so our answer can be addressed to you."
                ))
        }
        if !staffEntry {
            errors += EqualityAnswers.problems(form.equality ?? [:])
            if form.equalityField?.malformed == true {
                errors.append(
                    FieldError(
                        "equality", "The answers about you could not be read. Choose them again from the lists."))
            }
        }
        guard errors.isEmpty, var valid = validated else { return redisplay(ValidationFailure(errors)) }
        // Contact details are asked for to reply and to say what changed because of the words; an answer only
        // has neither, so the public form does not keep them (the thank-you page says so). Staff entering a card
        // copy what is on it, as before.
        let gaveContact = valid.contactName != nil || valid.contactEmail != nil || valid.contactPhone != nil
        if answerOnly, !staffEntry {
            (valid.contactName, valid.contactEmail, valid.contactPhone, valid.wantsReply) = (nil, nil, nil, false)
        }

        var submitterHash: String?
        if !staffEntry {
            switch SpamSignals.problem(text: valid.fullText, honeypot: form.website ?? "") {
            case "honeypot":
                // Bots are shown the same thank-you page as people (with a reference that was never stored), but
                // nothing is stored.
                request.logger.notice("Dropped a submission that filled in the honeypot field")
                return request.redirect(
                    to: thanksPath(
                        reference: FeedbackReference.make(), willPublish: false, hasContact: false, sentReceipt: false))
            case "links":
                return redisplay(
                    ValidationFailure([
                        FieldError("story", "Please include no more than \(SpamSignals.maximumLinks) web links.")
                    ]))
            default: break
            }
            submitterHash = SubmitterHash.make(for: request)
            if let retryAt = try await SubmitterHash.nextAllowed(submitterHash!, request: request) {
                return redisplay(
                    ValidationFailure([
                        FieldError(
                            "story",
                            SubmitterHash.overLimitMessage(retryAt, contact: request.heardConfiguration.contact))
                    ]), status: .tooManyRequests)
            }
        }

        // The same form sent again (a double tap, a resend after a slow connection) is not stored twice: the
        // person is shown what the first copy gave them.
        if let submissionKey, let first = try await storedCopy(of: submissionKey, on: request.db) {
            return try await duplicateAnswer(first, staffEntry: staffEntry, request: request)
        }
        let intake = request.feedbackIntake
        let item: FeedbackIntake.Recorded
        do {
            item = try await intake.record(
                valid, service: try ServiceDirectory.Entry(service),
                origin: .init(
                    channel: channel, enteredBy: staffEntry ? request.currentUser : nil, submitterHash: submitterHash,
                    submissionKey: submissionKey,
                    // A letter typed in days later was received the day it arrived, here as on its complaint.
                    receivedAt: receivedOn == request.today
                        ? Date()
                        : FeedbackImporter.noon((receivedOn.year, receivedOn.month, receivedOn.day)) ?? Date(),
                    receipt: staffEntry
                        ? nil
                        : FeedbackReceipt(
                            isComplaint: form.isComplaint == "yes", serviceName: service.name,
                            contact: request.heardConfiguration.contact, receivedOn: request.today,
                            publicURL: request.heardConfiguration.publicURL)),
                equalityAnswers: staffEntry ? [:] : (form.equality ?? [:]))
        } catch {
            // Both copies arrived at once and the other one was stored first (the key is unique).
            guard let submissionKey, let first = try await storedCopy(of: submissionKey, on: request.db) else {
                throw error
            }
            return try await duplicateAnswer(first, staffEntry: staffEntry, request: request)
        }
        if staffEntry, let user = request.currentUser {
            try await AuditLog.record(
                on: request.db, actor: AuditActor(id: user.id, label: user.email), action: "feedback.entered",
                objectType: "feedback", objectID: item.id.uuidString,
                summary: "Entered feedback \(item.reference) received by \(channel.title.lowercased())")
            if form.isComplaint == "yes" {
                return try await ComplaintsController.openFromStaffEntry(
                    feedbackID: item.id, channel: channel, receivedOn: receivedOn, by: user,
                    standing: form.standing(staffEntry: true).standing ?? .personAffected, request)
            }
            Admin.flash(
                request,
                item.status != .approvedPrivate
                    ? "Feedback saved: \(item.reference). It is waiting for moderation."
                    : nonAnswer
                        ? "Feedback saved: \(item.reference). It is an FFT answer whose words say nothing (\(form.submission.firstAnswerQuoted)), so it is kept to be counted, with nothing to moderate or publish."
                        : "Feedback saved: \(item.reference). It is an FFT answer with no words, so it is kept to be counted, with nothing to moderate or publish."
            )
            return request.redirect(to: SiteURL.staffFeedbackNew)
        }
        if form.isComplaint == "yes" {
            try await ComplaintsController.open(
                feedbackID: item.id, channel: channel, receivedOn: request.today, by: nil,
                standing: form.standing(staffEntry: false).standing ?? .personAffected, request)
            return request.redirect(
                to: thanksPath(
                    reference: item.reference, willPublish: false, hasContact: true, sentReceipt: item.sentReceipt,
                    isComplaint: true))
        }
        if answerOnly {
            return request.redirect(
                to: thanksPath(
                    reference: item.reference, willPublish: false, hasContact: gaveContact,
                    sentReceipt: item.sentReceipt, answerOnly: true))
        }
        return request.redirect(
            to: thanksPath(
                reference: item.reference, willPublish: valid.consentToPublish && !valid.saysNothing,
                hasContact: valid.contactEmail != nil || valid.contactPhone != nil, sentReceipt: item.sentReceipt))
    }

    /// The public form's words when there are neither words nor an FFT answer: either will do.
    static let publicNeedsWords =
        "Tell us about your experience, or choose an answer to \"\(FFTRating.question)\""

    /// Staff entry's: they copy what someone else sent.
    static let staffNeedsWords = "Enter what the person wrote, or, for a card with no words, tick their FFT answer."

    /// Why an FFT answer with no words cannot ask for a reply.
    static let replyNeedsWords =
        "To get a reply, tell us in a few words what happened, so we know what to reply to, or untick \"I would like a reply\". An answer on its own is counted, but not read."

    private static func storedCopy(of submissionKey: String, on db: any Database) async throws -> FeedbackItem? {
        try await FeedbackItem.query(on: db).filter(\.$submissionKey == submissionKey).first()
    }

    private static func duplicateAnswer(
        _ first: FeedbackItem, staffEntry: Bool, request: Request
    ) async throws -> Response {
        if staffEntry {
            // Straight to what the first copy made, so nobody enters it a third time to be sure.
            Admin.flash(request, "That feedback was already saved as \(first.reference); it was not saved twice.")
            let role = request.currentUser?.role
            if let complaint = try await Complaint.query(on: request.db).filter(\.$feedback.$id == first.id!).first() {
                return request.redirect(
                    to: role.map(StaffArea.complaints.allows) == true
                        ? ComplaintURL.complaint(complaint.id!) : SiteURL.staffFeedbackNew)
            }
            return request.redirect(to: SiteURL.feedback(first.id!))
        }
        // The first copy's page: a complaint's if it opened one, and saying that the first copy is what was kept,
        // so someone who went back and changed the form is not told their changes were taken.
        let sentReceipt =
            try await Notice.query(on: request.db).filter(\.$feedbackID == first.id)
            .filter(\.$kind ~~ ["feedback_receipt", "complaint_receipt"]).count() > 0
        let isComplaint = try await Complaint.query(on: request.db).filter(\.$feedback.$id == first.id!).count() > 0
        // An answer only kept no contact details, so the page cannot say whether any were given: it says nothing.
        let answerOnly = first.saysNothing && first.fftRating != nil
        return request.redirect(
            to: thanksPath(
                reference: first.reference, willPublish: first.consentToPublish && !answerOnly,
                hasContact: !answerOnly && (first.contactEmail != nil || first.contactPhone != nil),
                sentReceipt: sentReceipt, isComplaint: isComplaint, sentAgain: true, answerOnly: answerOnly))
    }

    /// The day a letter or call arrived: today unless given, never in the future, and within the last year
    /// (older post is a case for the complaints manager, not for back-dating here).
    static func receivedOn(_ text: String?, today: SimpleDate) throws(ValidationFailure) -> SimpleDate {
        let text = (text ?? "").trimmingWhitespace()
        guard !text.isEmpty else { return today }
        guard let day = SimpleDate(typed: text) else {
            throw ValidationFailure([
                FieldError("received_on", "\"\(text)\" is not a real date: enter it like 2026-03-31.")
            ])
        }
        if day > today {
            throw ValidationFailure([FieldError("received_on", "The date received cannot be in the future.")])
        }
        if day < today.adding(days: -365) {
            throw ValidationFailure([
                FieldError("received_on", "The date received is more than a year ago: check the date on the letter.")
            ])
        }
        return day
    }

    static func findService(_ request: Request, id: String?) async throws -> Service {
        guard let id, let uuid = UUID(uuidString: id),
            let service = try await Service.query(on: request.db).filter(\.$id == uuid).with(\.$organisation).with(
                \.$place
            )
            .first()
        else {
            throw Abort(.notFound, reason: "We could not find that service. Go back and choose it from the list.")
        }
        return service
    }

    /// What staff entering feedback for a retired service are told: only what it received before it closed.
    static func lastReturnsNotice(_ service: String, retiredOn: SimpleDate) -> String {
        "\(service) was retired on \(retiredOn.ukText). You can still enter feedback it received before then, "
            + "such as a letter that arrived before it closed: give the date it was received."
    }

    /// 410 Gone: the address was right, but the service no longer takes feedback.
    static func retired(
        _ request: Request, _ service: Service, _ retiredAt: Date, staffEntry: Bool, written: [String] = []
    ) -> Response {
        let page = SharePages.serviceRetired(
            context: PageContext(request, title: "\(service.name) has closed"), service: service.name,
            retiredOn: SimpleDate.ukDay(of: retiredAt), staffEntry: staffEntry, written: written)
        return .html(page, status: .gone)
    }

    /// The form's title names the service, so the tab and the history tell it from the list of services.
    static func formTitle(_ service: Service, staffEntry: Bool) -> String {
        (staffEntry ? "Enter feedback about " : "Share your experience of ") + service.name
    }

    static func choice(_ service: Service) -> SharePages.ServiceChoice {
        .init(
            id: service.id!.uuidString, name: service.name, organisation: service.organisation.name,
            place: service.place.name, retiredOn: service.retiredAt.map { SimpleDate.ukDay(of: $0) })
    }
}

/// Rate limiting without keeping addresses: a salted hash, kept one day (housekeeping clears it).
enum SubmitterHash {
    static func make(for request: Request) -> String {
        let address = request.clientAddress
        let salt = request.heardConfiguration.secret
        let digest = SHA256.hash(data: Data((salt + "|" + address).utf8))
        let hex = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in digest {
            text.append(hex[Int(byte >> 4)])
            text.append(hex[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    static func isOverLimit(_ hash: String, request: Request, now: Date = Date()) async throws -> Bool {
        try await nextAllowed(hash, request: request, now: now) != nil
    }

    /// When this address may send again (nil: now): an hour after the oldest of the sendings that fill the limit.
    static func nextAllowed(_ hash: String, request: Request, now: Date = Date()) async throws -> Date? {
        let limit = request.heardConfiguration.submissionsPerAddressPerHour
        guard limit > 0 else { return nil }
        let recent = try await FeedbackItem.query(on: request.db)
            .filter(\.$submitterHash == hash).filter(\.$receivedAt > now.addingTimeInterval(-3600))
            .sort(\.$receivedAt, .descending).range(..<limit).all().map(\.receivedAt)
        return nextAllowed(latest: recent, limit: limit)
    }

    /// Given the times of an address's latest sendings (newest first): nil when one more fits the hourly limit,
    /// else when it will, which is once the `limit`-th newest is an hour old. Every public form uses it.
    static func nextAllowed(latest: [Date], limit: Int) -> Date? {
        guard limit > 0, latest.count >= limit else { return nil }
        return latest[limit - 1].addingTimeInterval(3600)
    }

    /// "3:45 pm" in UK time: when to try again.
    static func ukTime(_ date: Date) -> String {
        date.formatted(
            Date.FormatStyle(date: .omitted, time: .shortened, timeZone: TimeZone(identifier: "Europe/London") ?? .gmt)
                .locale(Locale(identifier: "en_GB")))
    }

    /// Says when to try again, in UK time, and another way to reach the team meanwhile (no phone number is kept).
    static func overLimitMessage(_ retryAt: Date, contact: SiteContact) -> String {
        "You have sent a lot of feedback in the last hour. Please try again after \(ukTime(retryAt)) (UK time)"
            + (contact.isConfigured ? ", or e-mail \(contact.nameInSentence) at \(contact.email)." : ".")
    }
}

extension ShareForm {
    /// What the person wrote in their own words, for a page that cannot take the form but shows them back.
    var writtenWords: [String] {
        [story, whatWasGood, couldBeBetter].compactMap {
            $0.map { $0.trimmingWhitespace() }.flatMap { $0.isEmpty ? nil : $0 }
        }
    }
}
