import Fluent
import Foundation
import HeardDomain
import HeardStorage
import HeardText
import Vapor

/// The feedback JSON API. Public responses carry only published, redacted text.
enum FeedbackAPIController {
    struct Submission: Content {
        var text: String?
        var serviceID: UUID?
        var serviceName: String?
        var fftRating: FlexibleRating?
        var consentToPublish: Bool?
        var contactName: String?
        var contactEmail: String?
        var contactPhone: String?
        var wantsReply: Bool?
        var whatWasGood: String?
        var couldBeBetter: String?
        /// How the person answered, when the sending system knows (a supplier's text messages, a ward's tablet).
        var channel: String?
        /// The UK day the person gave it (YYYY-MM-DD), for a signed system passing on earlier answers.
        var receivedOn: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case text
            case serviceID = "service_id"
            case serviceName = "service_name"
            case fftRating = "fft_rating"
            case consentToPublish = "consent_to_publish"
            case contactName = "contact_name"
            case contactEmail = "contact_email"
            case contactPhone = "contact_phone"
            case wantsReply = "wants_reply"
            case whatWasGood = "what_was_good"
            case couldBeBetter = "could_be_better"
            case channel
            case receivedOn = "received_on"
        }
    }

    /// FFT answers arrive as 1–6 or as their words ("Very good").
    struct FlexibleRating: Codable, Sendable {
        /// What the API accepts, as an error message completes "'fft_rating' must be …".
        static let accepted =
            "a number from 1 (very good) to 5 (very poor), or 6 (don't know), or its words, like \"Very good\""
        var text: String
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Int.self) {
                text = String(number)
            } else if let number = try? container.decode(Double.self) {
                text = String(number)  // 2.5 or 1e30: refused by the rating rules with the 1 to 6 message
            } else if let words = try? container.decode(String.self) {
                text = words
            } else {
                throw DecodingError.typeMismatch(
                    FlexibleRating.self,
                    .init(codingPath: decoder.codingPath, debugDescription: "An FFT rating is 1 to 6 or its words."))
            }
        }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(text)
        }
    }

    struct Created: Content {
        var id: UUID
        var reference: String
        var status: String
    }

    @Sendable static func create(_ request: Request) async throws -> Response {
        // A system that signs its sendings with a staff token (a survey supplier passing on a month of text
        // message answers) is checked first: any Authorization header must be a good token, so a misspelt scheme
        // or an empty variable is refused by name rather than treated as anonymous.
        let signed = !request.headers[.authorization].isEmpty
        if signed { try await BearerTokenMiddleware.signIn(request, area: .feedback) }
        guard request.headers.contentType == .json else {
            // The body cannot be read as JSON (`APIInputRule`): a 400, whatever it holds.
            throw APIError(.badRequest, "Send the feedback as JSON with Content-Type: application/json.")
        }
        let body = try request.content.decode(Submission.self)
        try APIFieldNames.refuseUnknown(in: request, accepted: Submission.CodingKeys.self)
        // The text is checked before the service, so a request missing both is told about the text first. The
        // service is resolved (and reported) below; the placeholder only stands in for it here.
        let submission = FeedbackSubmission(
            serviceID: "resolved-below", story: body.text ?? "", whatWasGood: body.whatWasGood ?? "",
            couldBeBetter: body.couldBeBetter ?? "", fftRating: body.fftRating?.text ?? "",
            consentToPublish: body.consentToPublish.map { $0 ? "yes" : "no" } ?? "",
            contactName: body.contactName ?? "",
            contactEmail: body.contactEmail ?? "", contactPhone: body.contactPhone ?? "",
            wantsReply: body.wantsReply ?? false)
        // Words that say nothing ("N/A") are an FFT answer with no comment, and without an 'fft_rating' carry nothing.
        if submission.hasOnlyNonAnswers, !submission.hasRating {
            throw APIError(
                .unprocessableEntity, "The words sent, \(submission.firstAnswerQuoted), say nothing. " + noWords,
                field: "text")
        }
        var valid: FeedbackSubmission.Valid
        do {
            // An 'fft_rating' alone is an FFT answer with no comment: counted, never published.
            valid = try submission.validated(
                consentRequired: false, wordsRequired: !submission.hasRating)
        } catch {
            let first = error.errors.first
            let field = first?.field == "story" ? "text" : first?.field
            let wordless = !submission.hasWords
            // The form's words ("Tell us about your experience", "Choose one of the answers") name no fields or
            // values a program can send.
            let message =
                switch field {
                case "fft_rating": "'fft_rating' must be \(FlexibleRating.accepted)."
                case "text" where wordless: noWords
                default: first?.message
                }
            throw APIError(.unprocessableEntity, message ?? "Check the feedback.", field: field)
        }
        // An answer only is counted, not read: it reaches nobody's queue, so nobody would reply. As on the web form.
        if valid.saysNothing, valid.wantsReply {
            throw APIError(.unprocessableEntity, replyNeedsWords, field: "wants_reply")
        }
        // Nor does an answer only keep contact details, as on the web form: there is nothing to reply to, and no
        // change to tell the person about.
        if valid.saysNothing { (valid.contactName, valid.contactEmail, valid.contactPhone) = (nil, nil, nil) }
        let channel = try collectedAs(body.channel)
        let receivedAt = try receivedAt(
            body.receivedOn, signed: signed, rated: valid.fftRating != nil, request: request)
        let service = try await resolveService(body, request: request)
        if SpamSignals.problem(text: valid.fullText, honeypot: "") != nil {
            throw APIError(
                .unprocessableEntity, "Include no more than \(SpamSignals.maximumLinks) web links.", field: "text")
        }
        let hash = SubmitterHash.make(for: request)
        // A signed sender is not held to the per-address limit, which is there for anonymous senders.
        if !signed, try await SubmitterHash.isOverLimit(hash, request: request) {
            throw APIError(
                .tooManyRequests, "Too many submissions from this address in the last hour. Try again later.")
        }
        let item = try await request.feedbackIntake
            .record(
                valid, service: service,
                origin: .init(channel: channel ?? .api, submitterHash: hash, receivedAt: receivedAt))
        let response = Response(status: .created)
        response.headers.replaceOrAdd(name: .location, value: "/api/v1/feedback/\(item.id.uuidString)")
        try response.content.encode(Created(id: item.id, reference: item.reference, status: item.status.rawValue))
        return response
    }

    /// When it was received: now, or the day a signed sender gives (noon UK time, as an import dates a row). Only a
    /// system with a staff token may date feedback: an anonymous sender could otherwise rewrite past months' figures.
    static func receivedAt(_ raw: String?, signed: Bool, rated: Bool, request: Request) throws -> Date {
        guard let raw, !raw.trimmingWhitespace().isEmpty else { return Date() }
        guard signed else {
            throw APIError(
                .unprocessableEntity,
                "'received_on' needs a staff API token: only a system sending feedback on people's behalf may date it. Leave it out to send feedback as received now.",
                field: "received_on")
        }
        let today = request.today
        guard let day = SimpleDate(iso: raw), FeedbackImportRules.plausibleYears.contains(day.year), day.iso == raw
        else {
            throw APIError(
                .unprocessableEntity, "'received_on' must be a date written YYYY-MM-DD, like \(today.iso).",
                field: "received_on")
        }
        guard day <= today else {
            throw APIError(
                .unprocessableEntity,
                "'received_on' is \(day.iso), after today (\(today.iso)): feedback cannot be received then.",
                field: "received_on")
        }
        if rated, day < FeedbackImportRules.currentQuestionFrom {
            throw APIError(
                .unprocessableEntity,
                "'received_on' is \(day.iso), before the FFT question changed on 1 April 2020: an 'fft_rating' then answered the old \"likely to recommend\" question. Import it from a file with the pre-2020 column instead.",
                field: "received_on")
        }
        return FeedbackImporter.noon((day.year, day.month, day.day)) ?? Date()
    }

    /// The 'channel' sent, or nil for none (or "other"): the feedback then counts as come through the API.
    static func collectedAs(_ raw: String?) throws -> FeedbackChannel? {
        switch FeedbackImportRules.checkChannel(raw) {
        case .success(let channel): return channel
        case .failure:
            throw APIError(
                .unprocessableEntity,
                "'channel' must be how the person answered: "
                    + FeedbackChannel.collectedChoices.map(\.rawValue).joined(separator: ", ")
                    + " (or other, or leave it out).",
                field: "channel")
        }
    }

    /// Feedback with no words in any of its text fields, in the API's terms.
    static let noWords =
        "Send the person's words in 'text', or in 'what_was_good' or 'could_be_better'; or, for an FFT answer with no comment, an 'fft_rating' alone."

    /// Why an FFT answer with no comment cannot ask for a reply, in the API's terms.
    static let replyNeedsWords =
        "'wants_reply' needs the person's words, so there is something to reply to: an FFT answer with no comment is counted, not read. Send their words in 'text', or leave 'wants_reply' out."

    /// What the web's service chooser tells someone whose service is not listed (`SharePages`), for programs:
    /// feedback is always about a service in the list, so send the closest one.
    static let notListed =
        "If the service is not listed (dentists, opticians and pharmacies are usually run by another organisation), send the closest service in the list, as the web form asks people to, and say which service it was in the text."

    static func resolveService(_ body: Submission, request: Request) async throws -> ServiceDirectory.Entry {
        let db = request.db
        if let id = body.serviceID {
            guard let service = try await request.application.serviceDirectory.entry(for: id, on: db) else {
                throw APIError(
                    .unprocessableEntity, "No service has this id. See /api/v1/services.", field: "service_id")
            }
            if let retiredAt = service.retiredAt {
                let name = try await Service.find(id, on: db)?.name ?? "This service"
                throw APIError(
                    .unprocessableEntity, Retirement.serviceRetired(name, on: SimpleDate.ukDay(of: retiredAt)),
                    field: "service_id")
            }
            // Both given: they must agree, or the feedback could be filed against the service the sender did not mean.
            if let name = body.serviceName?.trimmingCharacters(in: .whitespaces), !name.isEmpty,
                let named = try await Service.find(id, on: db), named.name.lowercased() != name.lowercased()
            {
                throw APIError(
                    .unprocessableEntity,
                    "service_id and service_name name different services: the id is \(named.name)'s, not '\(name)'. Send one of them, or both for the same service.",
                    field: "service_name")
            }
            return service
        }
        if let name = body.serviceName?.trimmingCharacters(in: .whitespaces), !name.isEmpty {
            let named = try await Service.query(on: db).all().filter { $0.name.lowercased() == name.lowercased() }
            // A name a retired service shared with one in use (a service that moved) means the one in use.
            let inUse = named.filter { !$0.isRetired }
            if inUse.isEmpty, named.count == 1, let retiredAt = named[0].retiredAt {
                throw APIError(
                    .unprocessableEntity, Retirement.serviceRetired(named[0].name, on: SimpleDate.ukDay(of: retiredAt)),
                    field: "service_name")
            }
            let matches = inUse.isEmpty ? named : inUse
            guard matches.count == 1 else {
                throw APIError(
                    .unprocessableEntity,
                    matches.isEmpty
                        ? "No service is called '\(name)'. See /api/v1/services for the names. \(notListed)"
                        : "More than one service is called '\(name)'. Send service_id instead.",
                    field: "service_name")
            }
            return try ServiceDirectory.Entry(matches[0])
        }
        throw APIError(.unprocessableEntity, "Send service_id or service_name.", field: "service_id")
    }

    struct StaffView: Content {
        var id: UUID
        var reference: String
        var status: String
        var channel: String
        var serviceID: UUID
        var placeID: UUID
        var receivedAt: Date
        var text: String
        var whatWasGood: String
        var couldBeBetter: String
        var fftRating: Int?
        var consentToPublish: Bool
        var contactName: String?
        var contactEmail: String?
        var contactPhone: String?
        var publishedText: String?
        var analysis: Analysis

        struct Analysis: Content {
            var themes: [String]
            var sentiment: Int?
            var relational: [String]
            var urgent: Bool
            var mayNotBeEnglish: Bool
            var personalData: [String]
            var redactedText: String
            enum CodingKeys: String, CodingKey {
                case themes, sentiment, relational, urgent
                case mayNotBeEnglish = "may_not_be_english"
                case personalData = "personal_data"
                case redactedText = "redacted_text"
            }
        }

        enum CodingKeys: String, CodingKey {
            case id, reference, status, channel, text, analysis
            case serviceID = "service_id"
            case placeID = "place_id"
            case receivedAt = "received_at"
            case whatWasGood = "what_was_good"
            case couldBeBetter = "could_be_better"
            case fftRating = "fft_rating"
            case consentToPublish = "consent_to_publish"
            case contactName = "contact_name"
            case contactEmail = "contact_email"
            case contactPhone = "contact_phone"
            case publishedText = "published_text"
        }
    }

    @Sendable static func show(_ request: Request) async throws -> StaffView {
        // An address that names no feedback, as every API address with an id in it answers (404, not 400 or 422).
        guard let text = request.parameters.get("id"), let id = UUID(uuidString: text) else {
            throw APIError(
                .notFound, "No feedback has this id: ids look like 3F2504E0-4F89-11D3-9A0C-0305E82C3301.", field: "id")
        }
        guard let item = try await FeedbackItem.find(id, on: request.db) else {
            throw APIError(.notFound, "No feedback has this id.", field: "id")
        }
        if let role = request.auth.get(User.self)?.role, let refusal = ComplaintFile.refusal(item, for: role) {
            throw APIError(.forbidden, refusal, field: "id")
        }
        return StaffView(
            id: item.id!, reference: item.reference, status: item.status.rawValue, channel: item.channel.rawValue,
            serviceID: item.$service.id, placeID: item.$place.id, receivedAt: item.receivedAt, text: item.story,
            whatWasGood: item.whatWasGood, couldBeBetter: item.couldBeBetter, fftRating: item.fftRating,
            consentToPublish: item.consentToPublish, contactName: item.contactName, contactEmail: item.contactEmail,
            contactPhone: item.contactPhone, publishedText: item.publishedText,
            analysis: .init(
                themes: item.themeList, sentiment: item.sentiment, relational: item.relationalList,
                urgent: item.isUrgent, mayNotBeEnglish: item.mayNotBeEnglish,
                personalData: item.piiList, redactedText: item.redactedText))
    }

    struct PublicStory: Content {
        var reference: String
        var service: APIRef.Named
        var place: APIRef.Place
        var publishedAt: Date?
        var text: String
        var fftRating: Int?
        var themes: [String]
        var replies: [PublicReply]

        struct PublicReply: Content {
            var body: String
            var signature: String
            var createdAt: Date?
            enum CodingKeys: String, CodingKey {
                case body, signature
                case createdAt = "created_at"
            }
        }

        enum CodingKeys: String, CodingKey {
            case reference, service, place, text, themes, replies
            case publishedAt = "published_at"
            case fftRating = "fft_rating"
        }
    }

    @Sendable static func stories(_ request: Request) async throws -> PagedList<PublicStory> {
        var filters = try request.query.decode(StoriesQuery.Filters.self)
        // A filter that matches nothing because it is misspelt must say so, not look like "no stories".
        if let problem = try await StoriesQuery.problems(
            in: filters, modelThemes: request.listeningEngine.themeNames, on: request.db
        ).first {
            throw APIError(.unprocessableEntity, problem.api, field: problem.field)
        }
        // Paged as every other list, not as the web page (which reads a mistyped page as the first).
        let page = try APIPage(request)
        filters.page = page.number
        let result = try await StoriesQuery.run(filters, pageSize: page.size, on: request.db)
        // Past the last page, an empty page (the web page shows the last one instead), so a client that reads
        // until a page is empty stops.
        let items =
            page.number > result.pageCount
            ? []
            : result.stories.map { item in
                PublicStory(
                    reference: item.reference, service: .init(id: item.$service.id, name: item.service.name),
                    place: .init(slug: item.place.slug, name: item.place.name), publishedAt: item.publishedAt,
                    text: item.publishedText ?? "", fftRating: item.fftRating,
                    themes: ListeningEngine.publicThemes(item.themeList),
                    replies: item.replies.map { .init(body: $0.body, signature: $0.signature, createdAt: $0.createdAt) }
                )
            }
        return PagedList(
            items: items, total: result.total, page: page.number, perPage: page.size, pageCount: result.pageCount)
    }

    /// A theme a story may be filtered by: the model's or one stored on stories, never a label without a subject.
    struct LoopClosureBody: Content {
        var scope: String
        var needingAnswer: Int
        var replied: Int
        @NullEncoded var replyRate: Double?
        @NullEncoded var medianDaysToReply: Double?
        var linkedToAction: Int
        @NullEncoded var actionRate: Double?
        var actions: Int
        var actionsClosed: Int
        @NullEncoded var actionsClosedRate: Double?
        @NullEncoded var medianDaysToWeDid: Double?

        enum CodingKeys: String, CodingKey {
            case scope, replied, actions
            case needingAnswer = "needing_answer"
            case replyRate = "reply_rate"
            case medianDaysToReply = "median_days_to_reply"
            case linkedToAction = "linked_to_action"
            case actionRate = "action_rate"
            case actionsClosed = "actions_closed"
            case actionsClosedRate = "actions_closed_rate"
            case medianDaysToWeDid = "median_days_to_we_did"
        }
    }

    @Sendable static func loopClosure(_ request: Request) async throws -> LoopClosureBody {
        let (scope, label) = try await scope(of: request)
        let loop = try await LoopClosureQuery.run(scope, since: YouSaidWeDidController.periodStart(), on: request.db)
        // Days to a tenth and rates to four places: the figures are counts of people, not measurements, and
        // 4.000000000005519 days reads as a fault.
        func days(_ value: Double?) -> Double? { value.map { ($0 * 10).rounded() / 10 } }
        func rate(_ value: Double?) -> Double? { value.map { ($0 * 10_000).rounded() / 10_000 } }
        return LoopClosureBody(
            scope: label, needingAnswer: loop.needingAnswer, replied: loop.replied, replyRate: rate(loop.replyRate),
            medianDaysToReply: days(loop.medianDaysToReply), linkedToAction: loop.linkedToAction,
            actionRate: rate(loop.actionRate), actions: loop.actions, actionsClosed: loop.actionsClosed,
            actionsClosedRate: rate(loop.actionsClosedRate), medianDaysToWeDid: days(loop.medianDaysToWeDid))
    }

    /// The area a public figure or list covers: one of `service` (id), `place` (slug) or `organisation` (id), or
    /// everywhere; with a label that names it. An id or slug that matches nothing, or two areas at once, is an
    /// error, not "none" or one of them quietly.
    static func scope(of request: Request) async throws -> (scope: FeedbackScope, label: String) {
        let given = ["organisation", "place", "service"].filter {
            !(request.query[String.self, at: $0] ?? "").isEmpty
        }
        guard given.count <= 1 else {
            throw APIError(
                .unprocessableEntity,
                "Give one of organisation, place or service, not \(given.joined(separator: " and ")): the figures are for one area.",
                field: given.last)
        }
        if let text = request.query[String.self, at: "service"], !text.isEmpty {
            let service = try await service(text, on: request.db)
            return (.service(service.id!), "service:" + service.name)
        }
        if let slug = request.query[String.self, at: "place"], !slug.isEmpty {
            let place = try await place(slug, on: request.db)
            return (.place(place.id!), "place:" + place.name)
        }
        if let text = request.query[String.self, at: "organisation"], !text.isEmpty {
            let organisation = try await organisation(text, on: request.db)
            return (.organisation(organisation.id!), "organisation:" + organisation.name)
        }
        return (.everywhere, "everywhere")
    }

    /// The service an id in the address names, with its place; a 422 naming the field when it names none.
    static func service(_ text: String, on db: any Database) async throws -> Service {
        guard let id = UUID(uuidString: text),
            let service = try await Service.query(on: db).filter(\.$id == id).with(\.$place).first()
        else {
            throw APIError(.unprocessableEntity, "No service has this id. See /api/v1/services.", field: "service")
        }
        return service
    }

    static func place(_ slug: String, on db: any Database) async throws -> Place {
        guard let place = try await Place.query(on: db).filter(\.$slug == slug).first() else {
            throw APIError(.unprocessableEntity, "No place has the slug '\(slug)'. See /api/v1/places.", field: "place")
        }
        return place
    }

    static func organisation(_ text: String, on db: any Database) async throws -> Organisation {
        guard let id = UUID(uuidString: text), let organisation = try await Organisation.find(id, on: db) else {
            throw APIError(
                .unprocessableEntity, "No organisation has this id. See /api/v1/organisations.", field: "organisation")
        }
        return organisation
    }
}
