import ArgumentParser
import Foundation
import HeardText

/// Options shared by `heard train` and `heard evaluate`: where the comments and their labels are.
struct TextLabelOptions: ParsableArguments {
    @Option(name: .long, help: "CSV file of labelled comments.")
    var input: String

    @Option(name: .long, help: "Column holding the comment text.")
    var textColumn: String

    @Option(name: .long, help: "Column holding one label per comment (single-label taxonomy).")
    var labelColumn: String?

    @Option(name: .long, help: "Contiguous range of 0/1 theme columns, FIRST:LAST (multi-label taxonomy).")
    var themeColumns: String?

    @Option(name: .long, help: "Column holding sentiment from 1 (very positive) to 5 (very negative).")
    var sentimentColumn: String?

    @Option(name: .long, help: "Column holding the question each comment answers (used as a feature).")
    var questionColumn: String?

    @Flag(
        name: .long,
        help: "Ignore the question even if a column named \"question\" or \"FFT question\" exists.")
    var noQuestion = false

    @Flag(name: .long, help: "Skip malformed rows (counted at the end) instead of stopping.")
    var skipBadRows = false

    /// Column names taken as the question when `--question-column` is not given.
    static let usualQuestionColumns = ["question", "fft question"]

    func validate() throws {
        switch (labelColumn, themeColumns) {
        case (nil, nil): throw ValidationError("give either --label-column NAME or --theme-columns FIRST:LAST")
        case (.some, .some): throw ValidationError("give only one of --label-column and --theme-columns")
        default: break
        }
        if let themeColumns, themeRange(themeColumns) == nil {
            throw ValidationError("--theme-columns must be FIRST:LAST, two column names separated by a colon")
        }
    }

    var layout: LabelledComments.LabelLayout {
        if let labelColumn { return .labelColumn(labelColumn) }
        let range = themeRange(themeColumns ?? "")!
        return .themeColumns(first: range.first, last: range.last)
    }

    private func themeRange(_ text: String) -> (first: String, last: String)? {
        // Column names can contain colons only if they are not the separator: split at the last colon
        // that leaves two non-empty names.
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 2 else { return nil }
        for split in 1..<parts.count {
            let first = parts[..<split].joined(separator: ":")
            let last = parts[split...].joined(separator: ":")
            if !first.isEmpty && !last.isEmpty { return (first, last) }
        }
        return nil
    }

    /// The question column to use: `--question-column`, else `preferred` (e.g. the model's) if the file has it,
    /// else a column with a usual question name, unless `--no-question`.
    func resolvedQuestionColumn(preferred: String? = nil) -> String? {
        guard !noQuestion else { return nil }
        if let questionColumn { return questionColumn }
        let header = TextCSVHeader.columns(of: URL(fileURLWithPath: input))
        if let preferred, header.contains(preferred) { return preferred }
        return header.first { Self.usualQuestionColumns.contains($0.lowercased()) }
    }

    func load(questionColumn question: String?) throws -> LabelledComments {
        let url = URL(fileURLWithPath: input)
        let (comments, skipped) = try LabelledComments.load(
            from: url, textColumn: textColumn, layout: layout, sentimentColumn: sentimentColumn,
            questionColumn: question, skipBadRows: skipBadRows)
        if !skipped.isEmpty {
            // Which rows, and why, as analyse and import say: a count alone leaves the person searching the file.
            let shown = skipped.prefix(10).map { "- \($0)" }.joined(separator: "\n")
            let more = skipped.count > 10 ? "\n- and \(skipped.count - 10) more" : ""
            TextTerminal.printError(
                "skipped \(skipped.count) malformed \(skipped.count == 1 ? "row" : "rows"):\n" + shown + more)
            let total = comments.count + skipped.count
            if skipped.count * 10 >= total {
                let percent = Int((Double(skipped.count) * 100 / Double(total)).rounded())
                TextTerminal.printError(
                    "warning: \(skipped.count) of \(total) rows (\(percent)%) were skipped, so they are not used: check the file's separator, quotes and label values"
                )
            }
        }
        return comments
    }
}

enum TextCSVHeader {
    /// The header of a CSV file, or no columns if it cannot be read.
    static func columns(of url: URL) -> [String] {
        guard let reader = try? CSVReader(url: url), let header = try? reader.readHeader() else { return [] }
        return header
    }
}

enum TextTerminal {
    static func printError(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    static var standardErrorIsTerminal: Bool { isatty(2) != 0 }
}

/// Loads the model from --model, or the default model that ships with Heard.
func loadTextModel(_ path: String?) throws -> TextModel {
    if let path { return try TextModel(contentsOf: URL(fileURLWithPath: path)) }
    return try TextModel.loadDefault()
}
