import Fluent
import Foundation
import HeardStorage
import HeardText

/// The feedback staff corrected, as a training file for `heard train`: the redacted text (as a moderator
/// checked it for publishing, when they did), one 0/1 column per theme (in the model's order) and the
/// sentiment. An organisation's own corrections teach its own model.
public enum CorrectionsExport {
    /// What was written, and the references of corrected items left out because a theme they were corrected
    /// to is not one of `themeNames` (corrected under another model): as rows they would teach it wrong labels.
    public struct Outcome: Sendable, Equatable {
        public var written: Int
        public var leftOut: [String]
    }

    /// Writes the file; returns how many items it holds.
    @discardableResult
    public static func write(to url: URL, themeNames: [String], on db: any Database) async throws -> Int {
        try await export(to: url, themeNames: themeNames, on: db).written
    }

    /// Writes the file, leaving out items corrected to themes the taxonomy does not have.
    public static func export(to url: URL, themeNames: [String], on db: any Database) async throws -> Outcome {
        let columns = Set(themeNames)
        var leftOut: [String] = []
        var writer = try CSVWriter(url: url)
        try writer.writeRow(["reference", "text"] + themeNames + ["sentiment"])
        var written = 0
        var lastID: UUID?
        while true {
            var query = FeedbackItem.query(on: db).filter(\.$analysisCorrectedAt != nil).sort(\.$id).limit(1000)
            if let lastID { query = query.filter(\.$id > lastID) }
            let page = try await query.all()
            guard let last = page.last else { break }
            for item in page {
                let themes = Set(item.themeList)
                guard themes.isSubset(of: columns) else {
                    leftOut.append(item.reference)
                    continue
                }
                try writer.writeRow(
                    // A moderator's checked text has what the automatic redaction missed taken out too.
                    [item.reference, CSVResponse.defused(item.publishedText ?? item.redactedText)]
                        + themeNames.map { themes.contains($0) ? "1" : "0" }
                        + [item.sentiment.map(String.init) ?? ""])
                written += 1
            }
            lastID = last.id
        }
        try writer.close()
        return Outcome(written: written, leftOut: leftOut)
    }
}
