import Fluent
import Foundation
import HeardStorage
import HeardText
import SQLKit
import Vapor

/// Analyses stored feedback again with the model now in use (after an organisation switches to its own
/// taxonomy, or to a retrained model), a slice per run so any instance's worker can share the work.
///
/// Only what the model decides changes: themes, sentiment and relational flags. Redaction and urgent cues are
/// rules, not the model, and a moderator's correction is the organisation's own judgement, so items with a
/// correction keep it. Whether an item needs an answer is workflow, so it stays as staff left it.
public enum ReanalyseFeedbackJob {
    public static let kind = "reanalyse_feedback"
    static let sliceSize = 1000

    /// Carried from slice to slice: where the last slice stopped (items go in id order) and the running counts.
    struct Payload: Codable, Equatable {
        /// Which model the re-analysis is for, so an instance with another model refuses to take part.
        var model: String
        /// The model's name, as people know it (the card's name).
        var modelName: String? = nil
        var after: UUID?
        var total: Int
        var done = 0
        var themesChanged = 0
        var sentimentChanged = 0
        var correctedKept: Int
        var startedBy: String

        var encoded: String { String(decoding: try! JSONEncoder().encode(self), as: UTF8.self) }

        static func decode(_ job: Job) -> Payload? {
            try? JSONDecoder().decode(Payload.self, from: Data(job.payload.utf8))
        }
    }

    /// A model as the payload names it: its name and when it was trained.
    static func fingerprint(_ model: TextModel) -> String { "\(model.card.name) (\(model.card.createdAt))" }

    /// Items the model's findings are stored on: analysed, and not corrected by a moderator.
    static func eligible(on db: any Database) -> QueryBuilder<FeedbackItem> {
        FeedbackItem.query(on: db).filter(\.$analysedAt != nil).filter(\.$analysisCorrectedAt == nil)
    }

    /// The re-analysis waiting or under way, if any.
    static func current(on db: any Database) async throws -> Job? {
        try await Job.query(on: db).filter(\.$kind == kind).filter(\.$status ~~ [.queued, .running])
            .sort(\.$createdAt, .descending).first()
    }

    /// The latest re-analysis, finished or not.
    static func latest(on db: any Database) async throws -> Job? {
        try await Job.query(on: db).filter(\.$kind == kind).sort(\.$createdAt, .descending).first()
    }

    /// Queues a re-analysis of every eligible item; `nil` when one is already waiting or under way.
    ///
    /// The job is written first, so on SQLite the transaction holds the write lock before it reads: a
    /// transaction that read first could not upgrade to a write after another connection wrote (SQLite's
    /// BUSY_SNAPSHOT, which no waiting cures).
    static func start(model: TextModel, actor: AuditActor, on db: any Database) async throws -> Job? {
        do {
            return try await db.writeTransaction { db in
                // On PostgreSQL two starts at once would each miss the other's uncommitted job: a lock held to the
                // end of the transaction makes the second wait, then see the first. (SQLite's write lock does this.)
                if let sql = db as? any SQLDatabase, sql.dialect.name != "sqlite" {
                    try await sql.raw("SELECT pg_advisory_xact_lock(\(literal: Self.startLock))").run()
                }
                let job = try await JobQueue(database: db, workerID: "text-model").enqueue(kind: kind)
                let others = try await Job.query(on: db).filter(\.$kind == kind)
                    .filter(\.$status ~~ [.queued, .running]).filter(\.$id != job.id!).count()
                guard others == 0 else { throw AlreadyUnderWay() }
                let total = try await eligible(on: db).count()
                let corrected = try await FeedbackItem.query(on: db).filter(\.$analysisCorrectedAt != nil).count()
                let payload = Payload(
                    model: fingerprint(model), modelName: model.card.name, after: nil, total: total,
                    correctedKept: corrected, startedBy: actor.label)
                job.payload = payload.encoded
                try await job.update(on: db)
                try await AuditLog.record(
                    on: db, actor: actor, action: "text_model.reanalysis_started", objectType: "text_model",
                    objectID: nil,
                    summary:
                        "Started re-analysing \(total) feedback items with the text model \(payload.model); "
                        + "\(corrected) corrected by moderators are kept as corrected")
                return job
            }
        } catch is AlreadyUnderWay {
            return nil
        }
    }

    private struct AlreadyUnderWay: Error {}

    /// The advisory lock key that serialises starting a re-analysis on PostgreSQL.
    static let startLock = 4_327_001

    static func handler(engine: ListeningEngine, sliceSize: Int = sliceSize) -> JobHandlers.Handler {
        { job, db, logger in
            guard let payload = Payload.decode(job) else { throw ReanalysisError.unreadable(job.payload) }
            guard let model = engine.model else { throw ReanalysisError.noModel }
            guard fingerprint(model) == payload.model else {
                throw ReanalysisError.otherModel(started: payload.model, here: fingerprint(model))
            }
            // The slice, the next slice's job and this job's end commit together: an instance killed part way
            // leaves either all of them or none, never two chains of slices.
            let (finished, counts) = try await db.writeTransaction { db in
                // Written first, so on SQLite the slice holds the write lock before it reads (see `start`).
                job.status = .done
                job.finishedAt = Date()
                try await job.update(on: db)
                var counts = payload
                let finished = try await analyseSlice(&counts, engine: engine, sliceSize: sliceSize, on: db)
                if finished {
                    // Corrections made while it ran were kept too.
                    counts.correctedKept = try await FeedbackItem.query(on: db)
                        .filter(\.$analysisCorrectedAt != nil).count()
                    try await AuditLog.record(
                        on: db, actor: .system("text model"), action: "text_model.reanalysis_finished",
                        objectType: "text_model", objectID: nil, summary: summary(counts))
                } else {
                    try await JobQueue(database: db, workerID: "text-model").enqueue(
                        kind: kind, payload: counts.encoded)
                }
                // This slice's job keeps the counts so far, for the page to show.
                job.payload = counts.encoded
                try await job.update(on: db)
                return (finished, counts)
            }
            if finished { logger.info("\(summary(counts))") }
        }
    }

    /// Analyses the next slice after `payload.after`; returns true when there was nothing left.
    static func analyseSlice(
        _ payload: inout Payload, engine: ListeningEngine, sliceSize: Int, on db: any Database
    ) async throws -> Bool {
        var query = eligible(on: db)
        if let after = payload.after { query = query.filter(\.$id > after) }
        let items = try await query.sort(\.$id).limit(sliceSize).all()
        guard let last = items.last else { return true }
        for item in items {
            let analysis = engine.analyse(item)
            let columns = FeedbackIntake.AnalysisColumns(
                analysis, fftRating: item.fftRating, hasSuggestion: !item.couldBeBetter.isEmpty)
            let themes = columns.themes.joined(separator: ";")
            if Set(columns.themes) != Set(item.themeList) {
                payload.themesChanged += 1
                try await FeedbackTheme.query(on: db).filter(\.$feedback.$id == item.id!).delete()
                try await FeedbackIntake.storeThemes(columns.themes, for: item.id!, on: db)
            }
            if columns.sentiment != item.sentiment { payload.sentimentChanged += 1 }
            // Items stored before the column was kept learn here that their words say nothing ("N/A").
            let saysNothing = item.wordsSayNothing
            guard
                themes != item.themes || columns.sentiment != item.sentiment || columns.relational != item.relational
                    || columns.mayNotBeEnglish != item.mayNotBeEnglish || saysNothing != item.saysNothing
            else { continue }
            item.saysNothing = saysNothing
            item.themes = themes
            item.sentiment = columns.sentiment
            item.relational = columns.relational
            item.mayNotBeEnglish = columns.mayNotBeEnglish
            try await item.save(on: db)
        }
        payload.after = last.id
        payload.done += items.count
        return false
    }

    static func summary(_ payload: Payload) -> String {
        "Re-analysed \(payload.done.formatted()) feedback items with the text model "
            + "\(payload.modelName ?? payload.model): themes changed on \(payload.themesChanged.formatted()), "
            + "sentiment on \(payload.sentimentChanged.formatted()); moderators' corrections on "
            + "\(payload.correctedKept.formatted()) \(payload.correctedKept == 1 ? "item" : "items") were kept"
    }
}

enum ReanalysisError: Error, CustomStringConvertible {
    case unreadable(String)
    case noModel
    case otherModel(started: String, here: String)

    var description: String {
        switch self {
        case .unreadable(let payload): "The re-analysis job's details could not be read: \(payload)"
        case .noModel: "This instance has no text model loaded, so it cannot re-analyse feedback."
        case .otherModel(let started, let here):
            "The re-analysis was started for the text model \(started), but this instance uses \(here). "
                + "Set the same HEARD_MODEL on every instance, then run the job again."
        }
    }
}
