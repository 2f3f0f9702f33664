import Foundation

/// Streams a CSV of comments through the analyser into a new CSV with the input columns plus
/// `themes`, `sentiment`, `relational`, `urgent`, `pii`, `redacted_text` and `cluster`.
///
/// One record is in memory at a time (plus the duplicate clusterer's signatures of distinct long comments),
/// so memory does not grow with the number of rows.
public struct CSVAnalysis: Sendable {

    public static let addedColumns = ["themes", "sentiment", "relational", "urgent", "pii", "redacted_text", "cluster"]

    public struct Summary: Sendable, Equatable {
        public var rows = 0
        public var seconds = 0.0
        public var skippedRows = 0
        public var invalidUTF8Rows = 0
        /// The file was not UTF-8 but Windows-1252 (Excel's "CSV (Comma delimited)"), and was read as such, as
        /// `heard import` reads it: "£" and "Café" stay as they were, in every column.
        public var readAsWindows1252 = false
        public var noCommentRows = 0
        /// Comments that say nothing ("N/A", "Did not answer"): analysed, but given no sentiment. Not counted in
        /// `noCommentRows`.
        public var nonAnswerRows = 0
        public var urgentRows = 0
        public var rowsWithPersonalData = 0
        /// Clusters of two or more comments (campaigns and copies), and the comments inside them.
        public var duplicateClusters = 0
        public var commentsInDuplicateClusters = 0
        /// The lines of the first few skipped rows and rows with invalid UTF-8, so they can be found and fixed.
        public var skippedLines: [Int] = []
        public var invalidUTF8Lines: [Int] = []
        /// How many lines each list keeps.
        public static let linesKept = 10

        public var commentsPerSecond: Double { seconds > 0 ? Double(rows) / seconds : 0 }

        /// The one-line summary printed at the end of `heard analyse`.
        public var line: String {
            var parts = [
                "\(Self.count(rows, "row")) in \(String(format: "%.2f", seconds)) s"
                    + " (\(Int(commentsPerSecond.rounded())) comments/s)",
                "\(urgentRows) urgent", "\(rowsWithPersonalData) with personal data redacted",
                "\(noCommentRows) with no comment",
                "\(Self.count(nonAnswerRows, "non-answer")) (\"N/A\", \"Did not answer\" and the like)",
                "\(Self.count(duplicateClusters, "duplicate cluster")) covering"
                    + " \(Self.count(commentsInDuplicateClusters, "comment"))",
            ]
            if invalidUTF8Rows > 0 {
                parts.append(
                    "\(invalidUTF8Rows) with invalid UTF-8 replaced by U+FFFD"
                        + Self.lines(invalidUTF8Lines, of: invalidUTF8Rows))
            }
            if readAsWindows1252 {
                parts.append(
                    "read as Windows-1252, as the file is not UTF-8 (Excel's \"CSV (Comma delimited)\"): check that accented letters and £ look right"
                )
            }
            if skippedRows > 0 {
                parts.append(
                    "\(Self.count(skippedRows, "bad row")) skipped" + Self.lines(skippedLines, of: skippedRows))
            }
            return parts.joined(separator: "; ")
        }

        /// "1 row", "2 rows".
        static func count(_ number: Int, _ singular: String) -> String {
            "\(number) \(singular)\(number == 1 ? "" : "s")"
        }

        /// A warning when `--skip-bad-rows` dropped a large share of the file (a tenth or more): the usual cause
        /// is a file that is not the CSV it seems (another separator, broken quoting), and a short summary line
        /// would hide that most of the comments were never analysed.
        public var skippedShareWarning: String? {
            let total = rows + skippedRows
            guard skippedRows > 0, skippedRows * 10 >= total else { return nil }
            let percent = Int((Double(skippedRows) * 100 / Double(total)).rounded())
            return
                "warning: \(skippedRows) of \(total) rows (\(percent)%) were skipped as malformed, so they are not in the output: check the file's separator and quotes"
        }

        /// " (lines 4, 9)", or " (first at lines 4, 9, …)" when there were more than were kept.
        static func lines(_ lines: [Int], of count: Int) -> String {
            guard !lines.isEmpty else { return "" }
            let listed = lines.map(String.init).joined(separator: ", ")
            if count > lines.count { return " (first at lines \(listed), …)" }
            return lines.count == 1 ? " (line \(listed))" : " (lines \(listed))"
        }

        mutating func noteSkipped(line: Int) {
            skippedRows += 1
            if skippedLines.count < Self.linesKept { skippedLines.append(line) }
        }
    }

    public let analyser: CommentAnalyser
    public var textColumn: String
    /// The question column; when nil, the model's own question column is used if the file has it.
    public var questionColumn: String?
    public var skipBadRows: Bool

    public init(analyser: CommentAnalyser, textColumn: String, questionColumn: String? = nil, skipBadRows: Bool = false)
    {
        self.analyser = analyser
        self.textColumn = textColumn
        self.questionColumn = questionColumn
        self.skipBadRows = skipBadRows
    }

    /// Runs the analysis. `progress` is called now and then with (bytes read, total bytes).
    public func run(input: URL, output: URL, progress: ((Int, Int) -> Void)? = nil) throws -> Summary {
        let started = DispatchTime.now().uptimeNanoseconds
        var reader = try CSVReader(url: input)
        if Self.isSameFile(input, output) { throw CSVError.outputIsInput(path: output.path) }
        // A file Excel saved as "CSV (Comma delimited)" is Windows-1252: read as such, as `heard import` does, so
        // "£" and curly quotes are not turned into U+FFFD (in the columns copied through, too).
        var input = input
        var converted: URL?
        defer { if let converted { try? FileManager.default.removeItem(at: converted) } }
        if (try? LegacyEncoding.isWindows1252(input)) == true {
            converted = try LegacyEncoding.convertedToUTF8(input)
            input = converted!
            reader = try CSVReader(url: input)
        }
        let totalBytes = (try? FileManager.default.attributesOfItem(atPath: input.path)[.size] as? Int) ?? 0
        let header = try reader.readHeader()
        let textIndex = try CSVError.column(textColumn, in: header)
        var questionIndex: Int? = nil
        if let questionColumn {
            questionIndex = try CSVError.column(questionColumn, in: header)
        } else if let modelQuestion = analyser.model.questionColumn, header.contains(modelQuestion) {
            questionIndex = try CSVError.column(modelQuestion, in: header)
        }
        var writer = try CSVWriter(url: output)
        // For people opening it in Excel, as Heard's downloads: without the mark Excel reads UTF-8 as Windows-1252.
        writer.writeByteOrderMark()
        try writer.writeRow(header + Self.addedColumns)

        let model = analyser.model
        var workspace = AnalysisWorkspace(headCount: model.headCount)
        let labelNames = JoinedNames(model.metadata.headLabels.map { model.metadata.labels[$0] })
        let relationalNames = JoinedNames(RelationalFlag.allCases.map(\.rawValue))
        let kindNames = JoinedNames(PersonalDataKind.allCases.map(\.rawValue))
        let urgentNames = JoinedNames(["false", "true"])
        var clusterer = DuplicateClusterer()
        var questionCache = FlatHashMap(minimumCapacity: 16)
        var questionHashes: [UInt64?] = []
        var repaired: [UInt8] = []
        var summary = Summary()
        summary.readAsWindows1252 = converted != nil

        while true {
            let hasRecord: Bool
            do {
                hasRecord = try reader.nextRecord()
            } catch let error as CSVError where skipBadRows {
                if case .unterminatedQuote = error { throw error }
                summary.noteSkipped(line: error.line ?? reader.line)
                continue
            }
            guard hasRecord else { break }
            guard reader.fieldRanges.count == header.count else {
                if skipBadRows {
                    summary.noteSkipped(line: reader.line)
                    continue
                }
                throw CSVError.wrongFieldCount(
                    line: reader.line, expected: header.count, found: reader.fieldRanges.count)
            }
            summary.rows += 1
            let question = questionIndex.flatMap { index in
                cachedQuestionHash(reader, index, &questionCache, &questionHashes)
            }
            let textRange = reader.fieldRanges[textIndex]
            var invalidUTF8 = false
            let raw: RawAnalysis = reader.fieldBytes.withUnsafeBufferPointer { fields in
                let text = UnsafeBufferPointer(rebasing: fields[textRange])
                if UTF8Repair.isValid(text) {
                    return analyser.analyse(text, question: question, workspace: &workspace, redact: true)
                }
                invalidUTF8 = true
                summary.invalidUTF8Rows += 1
                if summary.invalidUTF8Lines.count < Summary.linesKept { summary.invalidUTF8Lines.append(reader.line) }
                UTF8Repair.repair(text, into: &repaired)
                return repaired.withUnsafeBufferPointer {
                    analyser.analyse($0, question: question, workspace: &workspace, redact: true)
                }
            }
            let cluster = workspace.tokens.withUnsafeBufferPointer { clusterer.add(tokens: $0) }

            reader.fieldBytes.withUnsafeBufferPointer { fields in
                for (position, range) in reader.fieldRanges.enumerated() {
                    writer.writeField(UnsafeBufferPointer(rebasing: fields[range]), plain: reader.isPlain(position))
                }
            }
            if raw.isNoComment {
                summary.noCommentRows += 1
                for _ in 0..<3 { writer.writeField(UnsafeBufferPointer(start: nil, count: 0)) }
                urgentNames.write(bits: 1, into: &writer)
                for _ in 0..<2 { writer.writeField(UnsafeBufferPointer(start: nil, count: 0)) }
            } else {
                labelNames.write(workspace.labelHeads, into: &writer)
                let sentiment = raw.sentiment
                if sentiment == CommentAnalysis.noCommentSentiment {
                    writer.writeField(UnsafeBufferPointer(start: nil, count: 0))
                    // Counted only here, where a non-answer always is: the test then costs only rows with no
                    // sentiment (callgrind: no measurable change in instructions).
                    if raw.isNonAnswer { summary.nonAnswerRows += 1 }
                } else {
                    writer.writeField(sentiment)
                }
                relationalNames.write(bits: raw.relational, into: &writer)
                urgentNames.write(bits: raw.urgent != 0 ? 2 : 1, into: &writer)
                if raw.urgent != 0 { summary.urgentRows += 1 }
                kindNames.write(bits: UInt64(raw.personalData.rawValue), into: &writer)
                if !raw.personalData.isEmpty { summary.rowsWithPersonalData += 1 }
                // The copy meant for sharing is made safe to open in a spreadsheet; the input columns above are
                // the person's own file, copied as they were.
                if raw.personalData.isEmpty {
                    // Nothing redacted: the text itself (as analysed, so invalid UTF-8 stays repaired).
                    if invalidUTF8 {
                        repaired.withUnsafeBufferPointer { writer.writeField($0, defusingFormula: true) }
                    } else {
                        reader.fieldBytes.withUnsafeBufferPointer {
                            writer.writeField(
                                UnsafeBufferPointer(rebasing: $0[textRange]), plain: reader.isPlain(textIndex),
                                defusingFormula: true)
                        }
                    }
                } else {
                    workspace.redacted.withUnsafeBufferPointer { writer.writeField($0, defusingFormula: true) }
                }
            }
            writer.writeField(cluster)
            try writer.endRow()
            if let progress, summary.rows & 0x3FFF == 0 { progress(reader.bytesRead, totalBytes) }
        }
        try writer.close()
        progress?(reader.bytesRead, totalBytes)
        for size in clusterer.clusterSizes where size > 1 {
            summary.duplicateClusters += 1
            summary.commentsInDuplicateClusters += size
        }
        summary.seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        return summary
    }

    /// Whether two paths name one file: the same path once `..` and links are resolved, or (hard links)
    /// the same device and inode.
    public static func isSameFile(_ first: URL, _ second: URL) -> Bool {
        let a = first.standardizedFileURL.resolvingSymlinksInPath()
        let b = second.standardizedFileURL.resolvingSymlinksInPath()
        if a.path == b.path { return true }
        let files = FileManager.default
        func number(_ attributes: [FileAttributeKey: Any], _ key: FileAttributeKey) -> UInt64? {
            (attributes[key] as? NSNumber)?.uint64Value
        }
        guard let one = try? files.attributesOfItem(atPath: a.path),
            let other = try? files.attributesOfItem(atPath: b.path),
            let oneNode = number(one, .systemFileNumber), let otherNode = number(other, .systemFileNumber)
        else { return false }
        return oneNode == otherNode && number(one, .systemNumber) == number(other, .systemNumber)
    }

    private func cachedQuestionHash(
        _ reader: CSVReader, _ index: Int, _ cache: inout FlatHashMap, _ hashes: inout [UInt64?]
    ) -> UInt64? {
        let range = reader.fieldRanges[index]
        let key = reader.fieldBytes.withUnsafeBufferPointer {
            StableHash.fnv1a(UnsafeBufferPointer(rebasing: $0[range]))
        }
        if let slot = cache.value(for: key) { return hashes[Int(slot)] }
        let hash = FeatureExtractor.questionHash(reader.string(at: index))
        if cache.count < 10_000 {
            cache.set(Int32(hashes.count), for: key)
            hashes.append(hash)
        }
        return hash
    }
}
