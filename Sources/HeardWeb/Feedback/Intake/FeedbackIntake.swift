import Fluent
import Foundation
import HeardDomain
import HeardStorage
import HeardText
import SQLKit
import Vapor

/// The one way feedback enters Heard (public form, staff entry, API, import): analysed on arrival and
/// stored with its themes, equality answers and any urgent alert in one transaction, so an
/// acknowledged item is complete and durable.
struct FeedbackIntake {
    let database: any Database
    let engine: ListeningEngine
    /// Shares commits between concurrent submissions; without one, each item has a transaction of its own.
    var committer: FeedbackCommitter? = nil
    /// The site's public address, for the link in urgent-alert e-mails (none when empty).
    var siteURL: String = ""

    struct Origin: Sendable {
        var channel: FeedbackChannel
        var enteredBy: User? = nil
        var submitterHash: String? = nil
        /// The web form's key: a second copy of the same form fails the unique index and stores nothing.
        var submissionKey: String? = nil
        var receivedAt: Date = Date()
        var importBatchID: UUID? = nil
        /// Imports analyse in background jobs; everything else is analysed before it is stored.
        var analyseNow: Bool = true
        /// The public form's receipt, e-mailed to the person when they gave an address for it.
        var receipt: FeedbackReceipt? = nil
    }

    /// What the person who sent it is told.
    struct Recorded: Sendable {
        var id: UUID
        var reference: String
        var status: FeedbackStatus
        /// Whether a receipt was e-mailed to the person.
        var sentReceipt = false
    }

    /// One item with what is stored beside it, as the group commit carries it.
    struct Pending: Sendable {
        var item: NewFeedback
        var equalityAnswers: String?
        /// The e-mail written in the same transaction, if the person is sent one.
        var receipt: Notice? = nil
    }

    @discardableResult
    func record(
        _ submission: FeedbackSubmission.Valid, service: ServiceDirectory.Entry, origin: Origin,
        equalityAnswers: [String: String] = [:]
    ) async throws -> Recorded {
        var item = NewFeedback(
            id: UUID(), reference: FeedbackReference.make(), serviceID: service.id, placeID: service.placeID,
            organisationID: service.organisationID, channel: origin.channel,
            story: submission.story, whatWasGood: submission.whatWasGood, couldBeBetter: submission.couldBeBetter,
            fftRating: submission.fftRating?.rawValue,
            consentToPublish: submission.consentToPublish && !submission.saysNothing,
            contactName: submission.contactName, contactEmail: submission.contactEmail,
            contactPhone: submission.contactPhone, wantsReply: submission.wantsReply,
            // An FFT answer with no words (a paper card with only a tick) or only "N/A" has nothing to moderate:
            // kept to count.
            status: submission.saysNothing ? .approvedPrivate : .awaitingModeration,
            receivedAt: origin.receivedAt, enteredByID: origin.enteredBy?.id, submitterHash: origin.submitterHash,
            importBatchID: origin.importBatchID)
        item.submissionKey = origin.submissionKey
        item.saysNothing = submission.saysNothing
        // Analysis happens before the write, outside any transaction: the commit only waits for the disk.
        if origin.analyseNow {
            let analysis = engine.analyse(
                story: submission.story, whatWasGood: submission.whatWasGood, couldBeBetter: submission.couldBeBetter)
            Self.apply(analysis, to: &item, hasSuggestion: !submission.couldBeBetter.isEmpty)
        }
        let pending = Pending(
            item: item, equalityAnswers: EqualityAnswers.encode(equalityAnswers),
            receipt: origin.receipt?.notice(for: item))
        if let committer {
            try await committer.write(pending)
        } else {
            try await database.writeTransaction { [siteURL] in try await Self.store([pending], siteURL: siteURL, on: $0)
            }
        }
        return Recorded(
            id: item.id, reference: item.reference, status: item.status, sentReceipt: pending.receipt != nil)
    }

    /// Stores a group of new items inside the transaction it is given.
    @Sendable static func store(_ group: [Pending], siteURL: String, on db: any Database) async throws {
        try await NewFeedback.insert(group.map(\.item), on: db)
        for pending in group {
            if let answers = pending.equalityAnswers {
                try await EqualityResponse(
                    contextType: "service", contextID: pending.item.serviceID, placeID: pending.item.placeID,
                    answers: answers, submittedAt: pending.item.receivedAt
                ).create(on: db)
            }
            if pending.item.isUrgent { try await UrgentAlerts.raise(for: pending.item, siteURL: siteURL, on: db) }
            try await pending.receipt?.create(on: db)
        }
    }

    /// The engine's findings as the columns of a feedback item store them.
    struct AnalysisColumns {
        var analysedAt = Date()
        var themes: [String]
        var sentiment: Int?
        var relational: String
        var isUrgent: Bool
        var mayNotBeEnglish: Bool
        var urgentReasons: String
        var piiKinds: String
        var redactedText: String
        var needsAnswer: Bool

        init(_ analysis: CommentAnalysis, fftRating: Int?, hasSuggestion: Bool) {
            // A comment that may not be in English gets no themes, sentiment or relational flags from a model
            // that only reads English: a person gives them (analysis correction), and until then the
            // dashboards leave it out rather than count it as "no theme" and "mixed".
            mayNotBeEnglish = analysis.mayNotBeEnglish
            themes = mayNotBeEnglish ? [] : analysis.themes
            // Non-answers ("Did not answer", "N/A") get the no-comment sentiment: stored as none, not as a score.
            let hasSentiment =
                !analysis.isNoComment && !mayNotBeEnglish && analysis.sentiment != CommentAnalysis.noCommentSentiment
            sentiment = hasSentiment ? analysis.sentiment : nil
            relational = mayNotBeEnglish ? "" : analysis.relational.map(\.rawValue).joined(separator: ";")
            isUrgent = analysis.isUrgent
            urgentReasons = analysis.urgentReasons.joined(separator: ";")
            piiKinds = analysis.personalData.map(\.rawValue).joined(separator: ";")
            redactedText = analysis.redactedText
            needsAnswer = NeedsAnswer.decide(
                sentiment: mayNotBeEnglish ? nil : analysis.sentiment,
                fftRating: fftRating.flatMap(FFTRating.init(rawValue:)),
                hasSuggestion: hasSuggestion, isNoComment: analysis.isNoComment)
        }
    }

    /// Writes the engine's findings onto a new item.
    static func apply(_ analysis: CommentAnalysis, to item: inout NewFeedback, hasSuggestion: Bool) {
        let columns = AnalysisColumns(analysis, fftRating: item.fftRating, hasSuggestion: hasSuggestion)
        item.analysedAt = columns.analysedAt
        item.themes = columns.themes
        item.sentiment = columns.sentiment
        item.relational = columns.relational
        item.isUrgent = columns.isUrgent
        item.mayNotBeEnglish = columns.mayNotBeEnglish
        item.urgentReasons = columns.urgentReasons
        item.piiKinds = columns.piiKinds
        // The contact name they gave is their own name wherever they wrote it ("I am Zelda Quibble").
        item.redactedText = OwnName.redact(item.contactName, in: columns.redactedText)
        item.needsAnswer = columns.needsAnswer
    }

    /// Writes the engine's findings onto a stored item (or blank findings when analysis comes later).
    static func apply(_ analysis: CommentAnalysis?, to item: FeedbackItem, hasSuggestion: Bool) {
        guard let analysis else {
            item.themes = ""
            item.relational = ""
            item.isUrgent = false
            item.mayNotBeEnglish = false
            item.urgentReasons = ""
            item.piiKinds = ""
            item.redactedText = ""
            item.needsAnswer = false
            return
        }
        let columns = AnalysisColumns(analysis, fftRating: item.fftRating, hasSuggestion: hasSuggestion)
        item.analysedAt = columns.analysedAt
        item.themes = columns.themes.joined(separator: ";")
        item.sentiment = columns.sentiment
        item.relational = columns.relational
        item.isUrgent = columns.isUrgent
        item.mayNotBeEnglish = columns.mayNotBeEnglish
        item.urgentReasons = columns.urgentReasons
        item.piiKinds = columns.piiKinds
        item.redactedText = OwnName.redact(item.contactName, in: columns.redactedText)
        item.needsAnswer = columns.needsAnswer
    }

    static func storeThemes(_ themes: [String], for feedbackID: UUID, on db: any Database) async throws {
        guard !themes.isEmpty else { return }
        try await Set(themes).map { FeedbackTheme(feedbackID: feedbackID, theme: $0) }.create(on: db)
    }
}

/// Short references people can quote on the phone: 8 characters from an alphabet with no 0/O or 1/I.
enum FeedbackReference {
    static let alphabet = FeedbackReferenceInput.characters

    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return "HRD-" + String((0..<8).map { _ in alphabet.randomElement(using: &generator)! })
    }
}

enum EqualityAnswers {
    /// An error for each answer that is not one of its question's choices, and for each name that is not a
    /// question: the form only offers the choices, so anything else was changed on the way and must not vanish.
    static func problems(_ raw: [String: String]) -> [FieldError] {
        var errors: [FieldError] = []
        for question in EqualityQuestion.allCases {
            if let value = raw[question.rawValue], !value.isEmpty, question.accepted(value) == nil {
                errors.append(
                    FieldError(
                        "equality[\(question.rawValue)]",
                        "Choose one of the answers listed for \u{201C}\(question.question)\u{201D}, or leave it as Not answered."
                    ))
            }
        }
        let known = Set(EqualityQuestion.allCases.map(\.rawValue))
        for name in raw.keys.sorted() where !known.contains(name) {
            errors.append(
                FieldError(
                    "equality",
                    "There is no question called \u{201C}\(name.prefix(40))\u{201D} about you. Reload the form and try again."
                ))
        }
        return errors
    }

    /// Keeps only known questions and answers; nil when nothing was answered.
    static func encode(_ raw: [String: String]) -> String? {
        var kept: [String: String] = [:]
        for question in EqualityQuestion.allCases {
            if let value = raw[question.rawValue], let accepted = question.accepted(value) {
                kept[question.rawValue] = accepted
            }
        }
        guard !kept.isEmpty else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: (try? encoder.encode(kept)) ?? Data("{}".utf8), as: UTF8.self)
    }
}

typealias FeedbackCommitter = GroupCommitter<FeedbackIntake.Pending>

extension Application {
    /// One per process, made by `HeardApplication.configure`: concurrent submissions share commits.
    var feedbackCommitter: FeedbackCommitter? {
        get { storage[FeedbackCommitterKey.self] }
        set { storage[FeedbackCommitterKey.self] = newValue }
    }

    struct FeedbackCommitterKey: StorageKey { typealias Value = FeedbackCommitter }
}

extension Request {
    /// How requests take in feedback: analysed on arrival, written in a shared durable commit.
    var feedbackIntake: FeedbackIntake {
        FeedbackIntake(
            database: db, engine: listeningEngine, committer: application.feedbackCommitter,
            siteURL: heardConfiguration.publicURL)
    }
}
