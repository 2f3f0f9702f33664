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
    var committer: GroupCommitter? = nil

    struct Origin: Sendable {
        var channel: FeedbackChannel
        var enteredBy: User? = nil
        var submitterHash: String? = nil
        var receivedAt: Date = Date()
        var importBatchID: UUID? = nil
        /// Imports analyse in background jobs; everything else is analysed before it is stored.
        var analyseNow: Bool = true
    }

    @discardableResult
    func record(
        _ submission: FeedbackSubmission.Valid, service: Service, origin: Origin,
        equalityAnswers: [String: String] = [:]
    ) async throws -> FeedbackItem {
        let serviceID = try service.requireID()
        let placeID = service.$place.id
        let organisationID = service.$organisation.id
        let id = UUID()
        let reference = FeedbackReference.make()
        // Analysis happens before the write, outside any transaction: the commit only waits for the disk.
        let analysis = origin.analyseNow ? engine.analyse(submission.fullText) : nil
        let equality = EqualityAnswers.encode(equalityAnswers)

        // Builds fresh models on every call: a group commit that fails is retried write by write.
        let store: @Sendable (any Database) async throws -> FeedbackItem = { db in
            let item = FeedbackItem()
            item.id = id
            item.reference = reference
            item.$service.id = serviceID
            item.$place.id = placeID
            item.$organisation.id = organisationID
            item.channel = origin.channel
            item.story = submission.story
            item.whatWasGood = submission.whatWasGood
            item.couldBeBetter = submission.couldBeBetter
            item.fftRating = submission.fftRating?.rawValue
            item.consentToPublish = submission.consentToPublish
            item.contactName = submission.contactName
            item.contactEmail = submission.contactEmail
            item.contactPhone = submission.contactPhone
            item.wantsReply = submission.wantsReply
            item.status = .awaitingModeration
            item.receivedAt = origin.receivedAt
            item.enteredByID = origin.enteredBy?.id
            item.submitterHash = origin.submitterHash
            item.importBatchID = origin.importBatchID
            Self.apply(analysis, to: item, hasSuggestion: !submission.couldBeBetter.isEmpty)

            try await item.create(on: db)
            try await Self.storeThemes(analysis?.themes ?? [], for: id, on: db)
            if let equality {
                try await EqualityResponse(
                    contextType: "service", contextID: serviceID, placeID: placeID, answers: equality,
                    submittedAt: origin.receivedAt
                ).create(on: db)
            }
            if item.isUrgent { try await UrgentAlerts.raise(for: item, on: db) }
            return item
        }
        if let committer { return try await committer.write(store) }
        return try await database.transaction(store)
    }

    /// Writes the engine's findings onto the item (or blank findings when analysis comes later).
    static func apply(_ analysis: CommentAnalysis?, to item: FeedbackItem, hasSuggestion: Bool) {
        guard let analysis else {
            item.themes = ""
            item.relational = ""
            item.isUrgent = false
            item.urgentReasons = ""
            item.piiKinds = ""
            item.redactedText = ""
            item.needsAnswer = false
            return
        }
        item.analysedAt = Date()
        item.themes = analysis.themes.joined(separator: ";")
        item.sentiment = analysis.isNoComment ? nil : analysis.sentiment
        item.relational = analysis.relational.map(\.rawValue).joined(separator: ";")
        item.isUrgent = analysis.isUrgent
        item.urgentReasons = analysis.urgentReasons.joined(separator: ";")
        item.piiKinds = analysis.personalData.map(\.rawValue).joined(separator: ";")
        item.redactedText = analysis.redactedText
        item.needsAnswer = NeedsAnswer.decide(
            sentiment: analysis.sentiment, fftRating: item.fft, hasSuggestion: hasSuggestion,
            isNoComment: analysis.isNoComment)
    }

    static func storeThemes(_ themes: [String], for feedbackID: UUID, on db: any Database) async throws {
        guard !themes.isEmpty else { return }
        try await Set(themes).map { FeedbackTheme(feedbackID: feedbackID, theme: $0) }.create(on: db)
    }
}

/// Short references people can quote on the phone: 8 characters from an alphabet with no 0/O or 1/I.
enum FeedbackReference {
    static let alphabet = Array("23456789ABCDEFGHJKLMNPQRSTUVWXYZ")

    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return "HRD-" + String((0..<8).map { _ in alphabet.randomElement(using: &generator)! })
    }
}

enum EqualityAnswers {
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

extension Application {
    /// One per process, made by `HeardApplication.configure`: concurrent submissions share commits.
    var feedbackCommitter: GroupCommitter? {
        get { storage[FeedbackCommitterKey.self] }
        set { storage[FeedbackCommitterKey.self] = newValue }
    }

    struct FeedbackCommitterKey: StorageKey { typealias Value = GroupCommitter }
}

extension Request {
    /// How requests take in feedback: analysed on arrival, written in a shared durable commit.
    var feedbackIntake: FeedbackIntake {
        FeedbackIntake(database: db, engine: listeningEngine, committer: application.feedbackCommitter)
    }
}
