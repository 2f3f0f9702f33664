import Foundation
import HeardDomain
import HeardText
import HeardWeb

/// Every refused row of an import, as CSV (line, column, reason), for fixing a large file: the terminal shows
/// only the first 50. Columns are named as the file names them ("Publish?"), so the person fixing it finds
/// them; a problem with the whole row has no column. A class so the importer's callback can write to it.
final class RefusedRowsFile {
    private var writer: CSVWriter
    private let mapping: ImportMapping

    init(path: String, mapping: ImportMapping) throws {
        writer = try CSVWriter(url: URL(fileURLWithPath: path))
        self.mapping = mapping
        try writer.writeRow(["line", "column", "reason"])
    }

    func write(_ error: FeedbackImportRules.RowError) throws {
        try writer.writeRow([String(error.line), mapping.column(for: error) ?? error.field, error.message])
    }

    func close() throws { try writer.close() }
}
