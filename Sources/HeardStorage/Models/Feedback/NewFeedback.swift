import FluentKit
import Foundation
import HeardDomain
import SQLKit

/// A feedback item as it is first stored, with its themes: the values of a new `feedback_items` row.
///
/// New feedback is written with one multi-row INSERT per table (see `insert(_:on:)`) rather than through
/// `FeedbackItem.create`, whose reflection over forty properties costs more CPU than the insert itself and
/// would run inside the shared transaction of a group commit, one item after another. Reading and
/// changing items stays with the Fluent model; `NewFeedbackTests` checks the two agree column by column.
public struct NewFeedback: Sendable {
    public var id: UUID
    public var reference: String
    public var serviceID: UUID
    public var placeID: UUID
    public var organisationID: UUID
    public var channel: FeedbackChannel
    public var story: String
    public var whatWasGood: String
    public var couldBeBetter: String
    public var fftRating: Int?
    public var consentToPublish: Bool
    public var contactName: String?
    public var contactEmail: String?
    public var contactPhone: String?
    public var wantsReply: Bool
    public var status: FeedbackStatus
    public var receivedAt: Date
    public var enteredByID: UUID?
    public var submitterHash: String?
    /// The web form's key (see `FeedbackItem.submissionKey`); nil for imports and the API.
    public var submissionKey: String?
    public var importBatchID: UUID?
    public var analysedAt: Date?
    public var themes: [String]
    public var sentiment: Int?
    public var relational: String
    public var isUrgent: Bool
    public var mayNotBeEnglish: Bool
    /// See `FeedbackItem.saysNothing`.
    public var saysNothing: Bool
    public var urgentReasons: String
    public var piiKinds: String
    public var redactedText: String
    public var needsAnswer: Bool

    public init(
        id: UUID, reference: String, serviceID: UUID, placeID: UUID, organisationID: UUID,
        channel: FeedbackChannel, story: String, whatWasGood: String, couldBeBetter: String, fftRating: Int?,
        consentToPublish: Bool, contactName: String?, contactEmail: String?, contactPhone: String?,
        wantsReply: Bool, status: FeedbackStatus, receivedAt: Date, enteredByID: UUID?, submitterHash: String?,
        importBatchID: UUID?
    ) {
        self.id = id
        self.reference = reference
        self.serviceID = serviceID
        self.placeID = placeID
        self.organisationID = organisationID
        self.channel = channel
        self.story = story
        self.whatWasGood = whatWasGood
        self.couldBeBetter = couldBeBetter
        self.fftRating = fftRating
        self.consentToPublish = consentToPublish
        self.contactName = contactName
        self.contactEmail = contactEmail
        self.contactPhone = contactPhone
        self.wantsReply = wantsReply
        self.status = status
        self.receivedAt = receivedAt
        self.enteredByID = enteredByID
        self.submitterHash = submitterHash
        self.submissionKey = nil
        self.importBatchID = importBatchID
        self.analysedAt = nil
        self.themes = []
        self.sentiment = nil
        self.relational = ""
        self.isUrgent = false
        self.mayNotBeEnglish = false
        self.saysNothing = false
        self.urgentReasons = ""
        self.piiKinds = ""
        self.redactedText = ""
        self.needsAnswer = false
    }

    static let columns = [
        "id", "reference", "service_id", "place_id", "organisation_id", "channel", "story", "what_was_good",
        "could_be_better", "fft_rating", "consent_to_publish", "contact_name", "contact_email", "contact_phone",
        "wants_reply", "status", "received_at", "entered_by_id", "submitter_hash", "submission_key", "import_batch_id",
        "analysed_at",
        "themes", "sentiment", "relational", "is_urgent", "may_not_be_english", "urgent_reasons", "pii_kinds",
        "redacted_text",
        "needs_answer", "created_at", "updated_at", "says_nothing",
    ]

    private func values(now: Date) -> [any SQLExpression] {
        [
            SQLBind(id), SQLBind(reference), SQLBind(serviceID), SQLBind(placeID), SQLBind(organisationID),
            SQLBind(channel.rawValue), SQLBind(story), SQLBind(whatWasGood), SQLBind(couldBeBetter),
            SQLBind(fftRating), SQLBind(consentToPublish), SQLBind(contactName), SQLBind(contactEmail),
            SQLBind(contactPhone), SQLBind(wantsReply), SQLBind(status.rawValue), SQLBind(receivedAt),
            SQLBind(enteredByID), SQLBind(submitterHash), SQLBind(submissionKey), SQLBind(importBatchID),
            SQLBind(analysedAt),
            SQLBind(themes.joined(separator: ";")), SQLBind(sentiment), SQLBind(relational), SQLBind(isUrgent),
            SQLBind(mayNotBeEnglish),
            SQLBind(urgentReasons), SQLBind(piiKinds), SQLBind(redactedText), SQLBind(needsAnswer), SQLBind(now),
            SQLBind(now), SQLBind(saysNothing),
        ]
    }

    /// Inserts the items and their theme rows: one statement per table, whatever the number of items.
    public static func insert(_ items: [NewFeedback], on database: any Database) async throws {
        guard !items.isEmpty else { return }
        let sql = database as! any SQLDatabase
        let now = Date()
        var insert = sql.insert(into: FeedbackItem.schema).columns(columns)
        for item in items { insert = insert.values(item.values(now: now)) }
        try await insert.run()

        let themeRows = items.flatMap { item in Set(item.themes).sorted().map { (item.id, $0) } }
        guard !themeRows.isEmpty else { return }
        var themes = sql.insert(into: FeedbackTheme.schema).columns("id", "feedback_id", "theme")
        for (feedbackID, theme) in themeRows {
            themes = themes.values(SQLBind(UUID()), SQLBind(feedbackID), SQLBind(theme))
        }
        try await themes.run()
    }
}
