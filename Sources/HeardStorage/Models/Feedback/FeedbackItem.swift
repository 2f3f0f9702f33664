import Fluent
import Foundation
import HeardDomain

/// One thing someone told us: the original words (kept for staff), the analysis, and the redacted copy
/// that is the only text ever shown publicly.
public final class FeedbackItem: Model, @unchecked Sendable {
    public static let schema = "feedback_items"

    @ID(key: .id) public var id: UUID?
    /// Short reference the person can quote ("HRD-7K3Q9X").
    @Field(key: "reference") public var reference: String
    @Parent(key: "service_id") public var service: Service
    @Parent(key: "place_id") public var place: Place
    @Parent(key: "organisation_id") public var organisation: Organisation
    @Field(key: "channel") public var channel: FeedbackChannel
    @Field(key: "story") public var story: String
    @Field(key: "what_was_good") public var whatWasGood: String
    @Field(key: "could_be_better") public var couldBeBetter: String
    @OptionalField(key: "fft_rating") public var fftRating: Int?
    @Field(key: "consent_to_publish") public var consentToPublish: Bool
    @OptionalField(key: "contact_name") public var contactName: String?
    @OptionalField(key: "contact_email") public var contactEmail: String?
    @OptionalField(key: "contact_phone") public var contactPhone: String?
    @Field(key: "wants_reply") public var wantsReply: Bool
    @Field(key: "status") public var status: FeedbackStatus
    @OptionalField(key: "moderation_note") public var moderationNote: String?
    @OptionalField(key: "moderated_by_id") public var moderatedByID: UUID?
    @OptionalField(key: "moderated_at") public var moderatedAt: Date?
    /// The redacted text a moderator approved; the only text shown publicly.
    @OptionalField(key: "published_text") public var publishedText: String?
    @OptionalField(key: "published_at") public var publishedAt: Date?
    /// Set when a moderator took a published story down; the reason is in `withdrawalReason` and the audit log.
    @OptionalField(key: "withdrawn_at") public var withdrawnAt: Date?
    @OptionalField(key: "withdrawn_by_id") public var withdrawnByID: UUID?
    @OptionalField(key: "withdrawal_reason") public var withdrawalReason: String?
    @Field(key: "received_at") public var receivedAt: Date
    @OptionalField(key: "entered_by_id") public var enteredByID: UUID?
    /// A salted hash of the sender's network address, for rate limiting; never the address itself.
    @OptionalField(key: "submitter_hash") public var submitterHash: String?
    /// The key of the web form it was sent from (unique), so sending the form twice stores it once.
    @OptionalField(key: "submission_key") public var submissionKey: String?
    @OptionalField(key: "import_batch_id") public var importBatchID: UUID?
    /// The response's own ID in the file it was imported from, when the import mapped one (M0160).
    @OptionalField(key: "import_response_id") public var importResponseID: String?
    /// The pre-2020 "likely to recommend" answer, when an import carried one. Never mixed with `fftRating`.
    @OptionalField(key: "legacy_recommend") public var legacyRecommend: String?
    /// No words, or only words that say nothing ("N/A"), as the text engine read them when it was stored (or
    /// re-analysed): kept only for its FFT answer. False for items stored before M0150 until re-analysed.
    @Field(key: "says_nothing") public var saysNothing: Bool

    // Analysis by the text engine.
    @OptionalField(key: "analysed_at") public var analysedAt: Date?
    /// Set when staff corrected the themes or sentiment the engine found.
    @OptionalField(key: "analysis_corrected_at") public var analysisCorrectedAt: Date?
    @OptionalField(key: "analysis_corrected_by_id") public var analysisCorrectedByID: UUID?
    /// Theme names joined by ";" for display; `feedback_themes` holds one row per theme for counting.
    @Field(key: "themes") public var themes: String
    @OptionalField(key: "sentiment") public var sentiment: Int?
    @Field(key: "relational") public var relational: String
    @Field(key: "is_urgent") public var isUrgent: Bool
    /// The engine thought it may not be in English: themes and sentiment were left for a person to give.
    @Field(key: "may_not_be_english") public var mayNotBeEnglish: Bool
    @Field(key: "urgent_reasons") public var urgentReasons: String
    @Field(key: "pii_kinds") public var piiKinds: String
    @Field(key: "redacted_text") public var redactedText: String
    @Field(key: "needs_answer") public var needsAnswer: Bool

    // Loop closure, kept on the item so the headline figures are simple aggregates.
    @OptionalField(key: "first_reply_at") public var firstReplyAt: Date?
    @OptionalField(key: "action_linked_at") public var actionLinkedAt: Date?
    @OptionalField(key: "we_did_at") public var weDidAt: Date?

    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    @Children(for: \.$feedback) public var replies: [FeedbackReply]

    /// New items start as read; the column's database default does not reach SQLite through Fluent, which
    /// writes NULL for a field left unset. Loading an item replaces this with what is stored.
    public init() {
        mayNotBeEnglish = false
        saysNothing = false
    }

    public var fft: FFTRating? { fftRating.flatMap(FFTRating.init(rawValue:)) }
    public var themeList: [String] { themes.isEmpty ? [] : themes.split(separator: ";").map(String.init) }
    public var relationalList: [String] { relational.isEmpty ? [] : relational.split(separator: ";").map(String.init) }
    public var piiList: [String] { piiKinds.isEmpty ? [] : piiKinds.split(separator: ";").map(String.init) }

    /// Everything the person wrote, as one text.
    public var fullText: String {
        [story, whatWasGood, couldBeBetter].filter { !$0.isEmpty }.joined(separator: "\n\n")
    }
}

/// One row per (feedback, theme), so theme counts are a GROUP BY rather than string matching.
public final class FeedbackTheme: Model, @unchecked Sendable {
    public static let schema = "feedback_themes"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "feedback_id") public var feedback: FeedbackItem
    @Field(key: "theme") public var theme: String

    public init() {}

    public init(feedbackID: UUID, theme: String) {
        self.$feedback.id = feedbackID
        self.theme = theme
    }
}
