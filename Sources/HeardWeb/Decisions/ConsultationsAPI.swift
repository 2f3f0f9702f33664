import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Vapor

/// `GET /api/v1/consultations` and `GET /api/v1/consultations/{id}` (public): what the consultation pages
/// show, for a council's website, a Healthwatch newsletter or a researcher. No response text, no contact
/// details, no equality monitoring answers; the results only once the outcome is published.
enum ConsultationsAPI {
    struct Summary: Content {
        var id: UUID
        var title: String
        var status: ConsultationState
        var opensOn: String
        /// The last day to respond: earlier than planned when closed early.
        var closesOn: String
        var closedEarly: Bool
        /// When closed early: the date it was due to close on, and why.
        @NullEncoded var dueToCloseOn: String?
        @NullEncoded var closedEarlyReason: String?
        @NullEncoded var extendedFrom: String?
        @NullEncoded var extensionReason: String?
        var formats: [String]
        var responses: Int
        var initiative: APIRef.Titled
        var url: String
        @NullEncoded var outcomeURL: String?

        enum CodingKeys: String, CodingKey {
            case id, title, status, formats, responses, initiative, url
            case opensOn = "opens_on", closesOn = "closes_on", closedEarly = "closed_early"
            case dueToCloseOn = "due_to_close_on", closedEarlyReason = "closed_early_reason"
            case extendedFrom = "extended_from", extensionReason = "extension_reason", outcomeURL = "outcome_url"
        }
    }

    struct Question: Content {
        var id: UUID
        var kind: QuestionKind
        var text: String
        var choices: [String]
        /// For a scale, what each of its points 1 to 5 means, as the form shows it ("1 – Very difficult").
        @NullEncoded var labels: [String]?
    }

    struct AnswerCount: Content {
        var answer: String
        var count: Int
    }

    struct QuestionResult: Content {
        var question: UUID
        var text: String
        var answered: Int
        var counts: [AnswerCount]
    }

    struct ThemeResult: Content {
        var name: String
        var summary: String
        var mentions: Int
        /// accepted, proposal_changed or not_accepted: how the decision paper answered the theme.
        @NullEncoded var response: ThemeResponseKind?
        var reason: String
        /// The UK day the response was last changed (YYYY-MM-DD); null if recorded before Heard kept it.
        @NullEncoded var respondedOn: String?

        enum CodingKeys: String, CodingKey {
            case name, summary, mentions, response, reason
            case respondedOn = "responded_on"
        }
    }

    /// One group of a characteristic, with the page's small-number rules: a count under 5, or one hidden so a
    /// small one cannot be worked out, is null with `shown_as` saying which.
    struct RepresentationGroupResult: Content {
        var group: String
        @NullEncoded var respondents: Int?
        var shownAs: String
        @NullEncoded var respondentPercent: Double?
        @NullEncoded var populationPercent: Double?
        /// The page's verdict: "Yes", "No", "Too few to tell" or "Cannot compare".
        var underRepresented: String

        enum CodingKeys: String, CodingKey {
            case group, respondents
            case shownAs = "shown_as", respondentPercent = "respondent_percent"
            case populationPercent = "population_percent", underRepresented = "under_represented"
        }
    }

    struct RepresentationResult: Content {
        var characteristic: String
        /// How many answered this characteristic; null when the total would give a small group away.
        @NullEncoded var answered: Int?
        var groups: [RepresentationGroupResult]
    }

    /// An organisation or group that responded, and how many responses it sent.
    struct OrganisationResult: Content {
        var name: String
        var responses: Int
    }

    struct Outcome: Content {
        var publishedOn: String
        var summary: String
        var responses: Int
        var byChannel: [String: Int]
        var byPlace: [String: Int]
        /// The organisations and groups that responded, alphabetical, each once with how many responses it sent.
        var organisations: [OrganisationResult]
        /// Sizes of the groups of near-identical responses (organised campaigns), largest first.
        var campaignGroups: [Int]
        /// Every question, those answered in people's own words too (their counts empty: the words are in
        /// the themes).
        var questions: [QuestionResult]
        var themes: [ThemeResult]
        /// Who answered the equality monitoring questions, compared with who lives in the place.
        var representation: [RepresentationResult]
        /// The place the population shares are for; null when the consultation covers several.
        @NullEncoded var comparisonPlace: String?

        enum CodingKeys: String, CodingKey {
            case summary, responses, questions, themes, representation, organisations
            case publishedOn = "published_on", byChannel = "by_channel", campaignGroups = "campaign_groups"
            case byPlace = "by_place", comparisonPlace = "comparison_place"
        }
    }

    /// One of the consultation's events (an activity on a day it is open): when and where, places, and once
    /// staff record it, whether it was held and how many came.
    struct Event: Content {
        var id: UUID
        var title: String
        var kind: ActivityKind
        var date: String
        /// "18:00", 24-hour; null when not recorded.
        @NullEncoded var startTime: String?
        @NullEncoded var endTime: String?
        var place: APIRef.Place
        var venue: String
        /// How many people it has room for; null for no limit.
        @NullEncoded var capacity: Int?
        /// Places not yet taken by people signed up; null for no limit.
        @NullEncoded var placesLeft: Int?
        /// held or cancelled, as staff recorded; null until they do.
        @NullEncoded var outcome: ActivityOutcome?
        var held: Bool
        /// How many came, once recorded as held; otherwise null.
        @NullEncoded var attendance: Int?
        /// The public "Tell us you're coming" page while sign-ups are open; otherwise null.
        @NullEncoded var signUpURL: String?

        enum CodingKeys: String, CodingKey {
            case id, title, kind, date, place, venue, capacity, outcome, held, attendance
            case startTime = "start_time", endTime = "end_time", placesLeft = "places_left", signUpURL = "sign_up_url"
        }
    }

    struct Detail: Content {
        var consultation: Summary
        var background: String
        var options: String
        var discardedAlternatives: String
        var reasons: String
        /// draft or signed_off; null until an equality impact assessment exists.
        @NullEncoded var equalityImpactAssessment: EIAStatus?
        var questions: [Question]
        /// The events on days it is open, oldest first.
        var events: [Event]
        /// Null until the outcome ("we asked, you said, we did") is published.
        @NullEncoded var outcome: Outcome?

        enum CodingKeys: String, CodingKey {
            case background, options, reasons, questions, outcome, events
            case consultation
            case discardedAlternatives = "discarded_alternatives"
            case equalityImpactAssessment = "equality_impact_assessment"
        }
    }

    /// The `status` filter: one state, or `all`.
    static func stateFilter(_ request: Request) throws -> ConsultationState? {
        guard let text = request.query[String.self, at: "status"], !text.isEmpty, text != "all" else { return nil }
        guard let state = ConsultationState(rawValue: text) else {
            let names = ConsultationState.allCases.map(\.rawValue) + ["all"]
            throw APIError(
                .unprocessableEntity, "'status' must be one of \(names.joined(separator: ", ")), not '\(text)'.",
                field: "status")
        }
        return state
    }

    /// Newest opening first, like the consultation hub. Consultations number tens a year, so their state (which
    /// depends on today's date) is worked out here rather than in SQL.
    @Sendable static func list(_ request: Request) async throws -> PagedList<Summary> {
        let wanted = try stateFilter(request)
        let page = try APIPage(request)
        let today = request.today
        let responses = try await RowCounts.grouped(in: SurveyResponse.schema, by: "consultation_id", on: request.db)
        let all = try await Consultation.query(on: request.db).with(\.$initiative)
            .sort(\.$opensOn, .descending).sort(\.$title).sort(\.$id).all()
            .map { summary($0, initiative: $0.initiative, responses: responses[$0.id!] ?? 0, today: today) }
            .filter { wanted == nil || $0.status == wanted }
        return page.list(page.slice(all), total: all.count)
    }

    @Sendable static func show(_ request: Request) async throws -> Detail {
        guard let id = request.parameters.get("id").flatMap(UUID.init(uuidString:)),
            let consultation = try await Consultation.find(id, on: request.db)
        else {
            throw APIError(.notFound, "No consultation with this id. See GET /api/v1/consultations.", field: "id")
        }
        let bundle = try await InitiativeBundle.load(consultation.$initiative.id, on: request.db)
        var outcome: Outcome?
        if let published = consultation.analysisPublishedAt,
            let analysis = try await ConsultationAnalysis.load(bundle, on: request.db)
        {
            outcome = Outcome(
                publishedOn: DecisionClock.ukDay(of: published).iso, summary: consultation.outcomeSummary,
                responses: analysis.total,
                byChannel: Dictionary(analysis.byChannel, uniquingKeysWith: +),
                byPlace: Dictionary(analysis.byPlace, uniquingKeysWith: +),
                organisations: analysis.organisations.map {
                    OrganisationResult(name: $0.name, responses: $0.responses)
                },
                campaignGroups: analysis.campaignClusters,
                questions: analysis.tallies.map { tally in
                    QuestionResult(
                        question: tally.question.id!, text: tally.question.text, answered: tally.answered,
                        counts: tally.counts.enumerated().map { index, count in
                            // The value people send, as in `choices`; the page shows the scale's words with it.
                            AnswerCount(
                                answer: tally.question.kind == .scale ? ScaleLabels.values[index] : count.0,
                                count: count.1)
                        })
                }
                    + analysis.ownWords.map {
                        QuestionResult(
                            question: $0.question.id!, text: $0.question.text, answered: $0.answered, counts: [])
                    },
                themes: bundle.themes.map {
                    ThemeResult(
                        name: $0.name, summary: $0.summary, mentions: $0.mentions, response: $0.responseKind,
                        reason: $0.responseReason, respondedOn: $0.respondedOn)
                },
                representation: analysis.representation.map { group in
                    RepresentationResult(
                        characteristic: group.characteristic.title,
                        answered: Representation.totalIsSafe(group.rows) ? group.answered : nil,
                        groups: group.rows.map { row in
                            RepresentationGroupResult(
                                group: AnalysisViews.categoryLabel(group.characteristic, row.category),
                                respondents: row.respondents, shownAs: row.respondentsText(),
                                respondentPercent: row.respondentShare, populationPercent: row.populationShare,
                                underRepresented: row.verdict)
                        })
                },
                comparisonPlace: analysis.comparisonPlace)
        }
        return Detail(
            consultation: summary(
                consultation, initiative: bundle.initiative, responses: bundle.responseCount, today: request.today),
            background: consultation.background, options: consultation.options,
            discardedAlternatives: consultation.discardedAlternatives, reasons: consultation.reasons,
            equalityImpactAssessment: bundle.assessment?.status,
            questions: bundle.questions.map {
                Question(
                    id: $0.id!, kind: $0.kind, text: $0.text,
                    choices: $0.kind == .scale ? ScaleLabels.values : $0.choiceList,
                    labels: $0.kind == .scale ? ScaleLabels.labels($0.choiceList) : nil)
            },
            events: try await events(bundle, today: request.today, on: request.db),
            outcome: outcome)
    }

    static func events(_ bundle: InitiativeBundle, today: SimpleDate, on db: any Database) async throws -> [Event] {
        let activities = bundle.activities.filter(bundle.isInsideConsultation)
        let taken = try await EventSignups.placesTaken(activities.compactMap(\.id), on: db)
        return activities.map { activity in
            let open =
                activity.kind.isInPerson
                && EventPlaces.closedReason(date: activity.date, today: today, cancelled: activity.isCancelled) == nil
            return Event(
                id: activity.id!, title: activity.title, kind: activity.kind, date: activity.heldOn,
                startTime: activity.startTime, endTime: activity.endTime,
                place: APIRef.Place(slug: activity.place.slug, name: activity.place.name), venue: activity.venue,
                capacity: activity.capacity,
                placesLeft: EventPlaces.left(capacity: activity.capacity, taken: taken[activity.id!] ?? 0),
                outcome: activity.outcome, held: activity.outcome == .held,
                attendance: activity.outcome == .held ? activity.attendees : nil,
                signUpURL: open ? DecisionURL.eventSignup(activity.id!) : nil)
        }
    }

    static func summary(
        _ consultation: Consultation, initiative: Initiative, responses: Int, today: SimpleDate
    ) -> Summary {
        let facts = ConsultationFacts(
            opensOn: consultation.opens, closesOn: consultation.closes,
            closedEarlyOn: consultation.closedEarlyOn.flatMap(SimpleDate.init(iso:)),
            analysisPublished: consultation.analysisPublishedAt != nil)
        let id = consultation.id!
        return Summary(
            id: id, title: consultation.title, status: facts.state(on: today), opensOn: consultation.opensOn,
            closesOn: facts.lastDay.iso, closedEarly: facts.lastDay < consultation.closes,
            dueToCloseOn: facts.lastDay < consultation.closes ? consultation.closesOn : nil,
            closedEarlyReason: facts.lastDay < consultation.closes ? consultation.closedEarlyReason : nil,
            extendedFrom: consultation.extendedFrom,
            extensionReason: consultation.extendedFrom == nil ? nil : consultation.extensionReason,
            formats: consultation.formatList, responses: responses,
            initiative: APIRef.Titled(id: initiative.id!, title: initiative.title),
            url: DecisionURL.publicConsultation(id),
            outcomeURL: consultation.analysisPublishedAt == nil ? nil : DecisionURL.outcome(id))
    }
}
