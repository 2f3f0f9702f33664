import Foundation
import HeardDomain
import HeardText

/// Every refused row of an import, as CSV (line, field, reason), for fixing a large file: the terminal shows
/// only the first 50. A class so the importer's callback can write to it.
final class RefusedRowsFile {
    private var writer: CSVWriter

    init(path: String) throws {
        writer = try CSVWriter(url: URL(fileURLWithPath: path))
        try writer.writeRow(["line", "field", "reason"])
    }

    func write(_ error: FeedbackImportRules.RowError) throws {
        try writer.writeRow([String(error.line), error.field, error.message])
    }

    func close() throws { try writer.close() }
}
