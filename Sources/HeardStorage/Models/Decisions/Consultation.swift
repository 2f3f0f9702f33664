import Fluent
import Foundation
import HeardDomain

/// A formal consultation on an initiative, with its pack, dates and formats.
public final class Consultation: Model, @unchecked Sendable {
    public static let schema = "consultations"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "initiative_id") public var initiative: Initiative
    @Field(key: "title") public var title: String
    @Field(key: "background") public var background: String
    @Field(key: "options") public var options: String
    @Field(key: "discarded_alternatives") public var discardedAlternatives: String
    @Field(key: "reasons") public var reasons: String
    @Field(key: "opens_on") public var opensOn: String
    @Field(key: "closes_on") public var closesOn: String
    @OptionalField(key: "closed_early_on") public var closedEarlyOn: String?
    /// Set when the closing date was last extended: the date it was to close on, and why (published).
    @OptionalField(key: "extended_from") public var extendedFrom: String?
    @OptionalField(key: "extension_reason") public var extensionReason: String?
    @Field(key: "short_duration_reason") public var shortDurationReason: String
    /// Comma-separated: online, paper, easy_read, other_languages, events.
    @Field(key: "formats") public var formats: String
    @OptionalField(key: "analysis_published_at") public var analysisPublishedAt: Date?
    @Field(key: "outcome_summary") public var outcomeSummary: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    /// Closing early appends "Closed early: <reason>" to the short-duration reason, which G3 then judges;
    /// this is that reason alone, for the public page and the API.
    public var closedEarlyReason: String? {
        guard closedEarlyOn != nil, let range = shortDurationReason.range(of: Self.closedEarlyPrefix) else {
            return nil
        }
        return String(shortDurationReason[range.upperBound...])
    }

    public static let closedEarlyPrefix = "Closed early: "

    public init(
        id: UUID? = nil, initiativeID: UUID, title: String, background: String, options: String,
        discardedAlternatives: String, reasons: String, opensOn: SimpleDate, closesOn: SimpleDate,
        shortDurationReason: String = "", formats: [String] = ["online", "paper"]
    ) {
        self.id = id
        self.$initiative.id = initiativeID
        self.title = title
        self.background = background
        self.options = options
        self.discardedAlternatives = discardedAlternatives
        self.reasons = reasons
        self.opensOn = opensOn.iso
        self.closesOn = closesOn.iso
        self.shortDurationReason = shortDurationReason
        self.formats = formats.joined(separator: ",")
        self.outcomeSummary = ""
    }

    public var opens: SimpleDate { SimpleDate(iso: opensOn)! }
    public var closes: SimpleDate { SimpleDate(iso: closesOn)! }
    public var formatList: [String] { formats.split(separator: ",").map(String.init) }
}

/// One survey question in a consultation.
public final class SurveyQuestion: Model, @unchecked Sendable {
    public static let schema = "survey_questions"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "consultation_id") public var consultation: Consultation
    @Field(key: "position") public var position: Int
    @Field(key: "kind") public var kind: QuestionKind
    @Field(key: "text") public var text: String
    /// One choice per line.
    @Field(key: "choices") public var choices: String

    public init() {}

    public init(consultationID: UUID, position: Int, kind: QuestionKind, text: String, choices: [String]) {
        self.$consultation.id = consultationID
        self.position = position
        self.kind = kind
        self.text = text
        self.choices = choices.joined(separator: "\n")
    }

    public var choiceList: [String] { choices.split(separator: "\n").map(String.init) }

    /// A survey's questions in the order people are asked them. Two at one position (never made now) are put
    /// in a fixed order, so the survey, its results and the builder agree on it.
    public static func inOrder(of consultationID: UUID, on db: any Database) async throws -> [SurveyQuestion] {
        try await SurveyQuestion.query(on: db).filter(\.$consultation.$id == consultationID).sort(\.$position)
            .sort(\.$id).all()
    }
}

/// One person's answers, online or typed in from paper. Equality monitoring is stored apart.
public final class SurveyResponse: Model, @unchecked Sendable {
    public static let schema = "survey_responses"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "consultation_id") public var consultation: Consultation
    /// online or paper.
    @Field(key: "channel") public var channel: String
    @OptionalParent(key: "place_id") public var place: Place?
    /// JSON object: question id → answer (text, or choices joined by newlines).
    @Field(key: "answers") public var answers: String
    /// All free-text answers, redacted, for analysis and quotes.
    @Field(key: "redacted_text") public var redactedText: String
    /// The form token one browser submits with; unique per consultation so a double submit is caught.
    @Field(key: "submission_key") public var submissionKey: String
    @OptionalField(key: "contact_email") public var contactEmail: String?
    /// Responses with near-identical text share a cluster number (campaigns); nil when unique.
    @OptionalField(key: "cluster") public var cluster: Int?
    /// individual, or organisation when sent on behalf of an organisation or group (`OnBehalfOf`).
    @Field(key: "responding_as") public var respondingAs: String
    /// The organisation or group the response speaks for, as the person wrote it; nil for an individual.
    @OptionalField(key: "on_behalf_of") public var onBehalfOf: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() { respondingAs = OnBehalfOf.individual }

    public init(
        consultationID: UUID, channel: String, placeID: UUID?, answers: [String: String], redactedText: String,
        submissionKey: String, contactEmail: String?
    ) {
        self.$consultation.id = consultationID
        self.channel = channel
        self.$place.id = placeID
        self.answers = Self.encode(answers)
        self.redactedText = redactedText
        self.submissionKey = submissionKey
        self.contactEmail = contactEmail
        self.respondingAs = OnBehalfOf.individual
    }

    public var answerMap: [String: String] {
        (try? JSONDecoder().decode([String: String].self, from: Data(answers.utf8))) ?? [:]
    }

    public static func encode(_ answers: [String: String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? String(decoding: encoder.encode(answers), as: UTF8.self)) ?? "{}"
    }
}

/// A theme found in the responses, with the decision paper's response to it.
public final class ConsultationTheme: Model, @unchecked Sendable {
    public static let schema = "consultation_themes"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "consultation_id") public var consultation: Consultation
    @Field(key: "name") public var name: String
    @Field(key: "summary") public var summary: String
    @Field(key: "mentions") public var mentions: Int
    /// 1 very positive … 5 very negative.
    @Field(key: "sentiment") public var sentiment: Int
    /// A representative quote, redacted.
    @Field(key: "quote") public var quote: String
    @OptionalField(key: "response_kind") public var responseKind: ThemeResponseKind?
    @Field(key: "response_reason") public var responseReason: String
    /// The UK day (ISO) the response was last changed, to compare with the meeting that considered it.
    @OptionalField(key: "responded_on") public var respondedOn: String?

    public init() {}

    public init(
        consultationID: UUID, name: String, summary: String, mentions: Int, sentiment: Int, quote: String,
        responseKind: ThemeResponseKind? = nil, responseReason: String = "", respondedOn: SimpleDate? = nil
    ) {
        self.$consultation.id = consultationID
        self.name = name
        self.summary = summary
        self.mentions = mentions
        self.sentiment = sentiment
        self.quote = quote
        self.responseKind = responseKind
        self.responseReason = responseReason
        self.respondedOn = respondedOn?.iso
    }
}

/// A local glossary entry for the survey question checker: a term people may not know, and plain words for it.
public final class GlossaryTerm: Model, @unchecked Sendable {
    public static let schema = "glossary_terms"

    @ID(key: .id) public var id: UUID?
    @Field(key: "term") public var term: String
    @Field(key: "plain_words") public var plainWords: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(term: String, plainWords: String) {
        self.term = term
        self.plainWords = plainWords
    }
}
