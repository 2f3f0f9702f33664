import Foundation

/// Comments with their labels, loaded from a CSV for training or evaluation.
public struct LabelledComments: Sendable {
    /// How the labels are laid out in the CSV.
    public enum LabelLayout: Sendable, Equatable {
        /// One column holding one label per row (single-label taxonomy).
        case labelColumn(String)
        /// A contiguous range of 0/1 columns, from `first` to `last` inclusive (multi-label themes).
        case themeColumns(first: String, last: String)
    }

    public var texts: [String]
    public var questions: [String?]
    /// Label names in taxonomy order.
    public var labelNames: [String]
    /// For each comment, the indices into `labelNames` that apply.
    public var labels: [[Int]]
    /// Sentiment 1–5 per comment, nil where blank.
    public var sentiments: [Int?]
    public var isSingleLabel: Bool
    public var textColumn: String
    public var questionColumn: String?
    public var hasSentiment: Bool { sentiments.contains { $0 != nil } }
    public var count: Int { texts.count }

    /// Reads `url`. Errors name the missing column (and the ones that exist) or the bad line and field.
    public static func load(
        from url: URL, textColumn: String, layout: LabelLayout, sentimentColumn: String? = nil,
        questionColumn: String? = nil, skipBadRows: Bool = false
    ) throws -> (comments: LabelledComments, skippedRows: [CSVError]) {
        let reader = try CSVReader(url: url)
        let header = try reader.readHeader()
        func column(_ name: String) throws -> Int { try CSVError.column(name, in: header) }
        let textIndex = try column(textColumn)
        let questionIndex = try questionColumn.map(column)
        let sentimentIndex = try sentimentColumn.map(column)
        var labelIndices: [Int] = []
        var singleLabelIndex: Int? = nil
        var labelNames: [String] = []
        switch layout {
        case .labelColumn(let name):
            singleLabelIndex = try column(name)
        case .themeColumns(let first, let last):
            let start = try column(first)
            let end = try column(last)
            guard start <= end else {
                throw CSVError.invalidValue(
                    line: 1, column: last, value: last, expected: "after \"\(first)\" in the header")
            }
            labelIndices = Array(start...end)
            labelNames = labelIndices.map { header[$0] }
            // Two themes with one name could not be told apart in the model or in `analyse` output.
            for name in labelNames where labelNames.firstIndex(of: name) != labelNames.lastIndex(of: name) {
                _ = try column(name)
            }
        }
        var comments = LabelledComments(
            texts: [], questions: [], labelNames: labelNames, labels: [], sentiments: [],
            isSingleLabel: singleLabelIndex != nil, textColumn: textColumn, questionColumn: questionColumn)
        var labelLookup: [String: Int] = [:]
        // Each skipped row with why, so the person can find and mend it.
        var skipped: [CSVError] = []
        while try nextRecord(reader, skipBadRows: skipBadRows, skipped: &skipped) {
            do {
                guard reader.fieldRanges.count == header.count else {
                    throw CSVError.wrongFieldCount(
                        line: reader.line, expected: header.count, found: reader.fieldRanges.count)
                }
                var rowLabels: [Int] = []
                if let singleLabelIndex {
                    let value = reader.string(at: singleLabelIndex).trimmingCharacters(in: .whitespaces)
                    guard !value.isEmpty else {
                        throw CSVError.invalidValue(
                            line: reader.line, column: header[singleLabelIndex], value: value, expected: "a label")
                    }
                    if let index = labelLookup[value] {
                        rowLabels.append(index)
                    } else {
                        labelLookup[value] = comments.labelNames.count
                        rowLabels.append(comments.labelNames.count)
                        comments.labelNames.append(value)
                    }
                } else {
                    for (position, index) in labelIndices.enumerated() {
                        switch reader.string(at: index).trimmingCharacters(in: .whitespaces) {
                        case "1", "1.0", "true", "TRUE", "True": rowLabels.append(position)
                        case "0", "0.0", "", "false", "FALSE", "False": break
                        case let value:
                            throw CSVError.invalidValue(
                                line: reader.line, column: header[index], value: value, expected: "0 or 1")
                        }
                    }
                }
                var sentiment: Int? = nil
                if let sentimentIndex {
                    let value = reader.string(at: sentimentIndex).trimmingCharacters(in: .whitespaces)
                    if !value.isEmpty {
                        guard let number = Double(value), number.rounded() == number, (1...5).contains(Int(number))
                        else {
                            throw CSVError.invalidValue(
                                line: reader.line, column: header[sentimentIndex], value: value,
                                expected: "a sentiment from 1 to 5")
                        }
                        sentiment = Int(number)
                    }
                }
                comments.texts.append(reader.string(at: textIndex))
                comments.questions.append(questionIndex.map { reader.string(at: $0) })
                comments.labels.append(rowLabels)
                comments.sentiments.append(sentiment)
            } catch let error as CSVError where skipBadRows {
                skipped.append(error)
            }
        }
        if singleLabelIndex != nil {
            // Taxonomy order for single labels: alphabetical, so models are identical whatever the row order.
            let sorted = comments.labelNames.sorted()
            let remap = comments.labelNames.map { sorted.firstIndex(of: $0)! }
            comments.labelNames = sorted
            comments.labels = comments.labels.map { $0.map { remap[$0] } }
        }
        return (comments, skipped)
    }

    private static func nextRecord(
        _ reader: CSVReader, skipBadRows: Bool, skipped: inout [CSVError]
    ) throws -> Bool {
        while true {
            do {
                return try reader.nextRecord()
            } catch let error as CSVError where skipBadRows {
                if case .unterminatedQuote = error { throw error }  // nothing after it can be trusted
                skipped.append(error)
            }
        }
    }

    /// A subset of the comments (for folds), keeping the taxonomy.
    func subset(_ indices: [Int]) -> LabelledComments {
        var result = self
        result.texts = indices.map { texts[$0] }
        result.questions = indices.map { questions[$0] }
        result.labels = indices.map { labels[$0] }
        result.sentiments = indices.map { sentiments[$0] }
        return result
    }

    /// Appends another set with the same taxonomy (e.g. train + dev for the final model).
    public mutating func append(_ other: LabelledComments) {
        let remap = other.labelNames.map { name -> Int in
            if let index = labelNames.firstIndex(of: name) { return index }
            labelNames.append(name)
            return labelNames.count - 1
        }
        texts += other.texts
        questions += other.questions
        labels += other.labels.map { $0.map { remap[$0] } }
        sentiments += other.sentiments
    }
}
